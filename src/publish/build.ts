/**
 * npm run build [-- --base <path>] [-- --site <url>]
 *
 * Builds the site into dist/ (or SHIRASE_OUT_DIR). The first build of a
 * folder, and every build after a change to the code, the public files,
 * package-lock.json, Node, the site config, the flags, SHIRASE_DRAFTS or the
 * site and output folders (build-record.ts, `buildInputsKey`), is
 * `astro build` with the shirase integration. A build after which only the
 * content or "now" changed is the same build without starting Astro
 * (rebuild.ts), a few seconds at 1 000 incidents. Flags other than --base
 * and --site go to `astro build` as they are, and such a build is always
 * Astro's. (Packages changed in node_modules without package-lock.json, e.g.
 * by `npm link`, are not seen: delete the folder or pass any other flag.)
 */
import { spawn } from 'node:child_process';
import module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNow } from '../lib/core/dates.ts';
import { renderRecordFilesPresent } from '../lib/outputs/render-record.ts';
import { consoleLogger } from '../integration/build-logger.ts';
import { buildInputsKey, buildRecordPath, contentStamps, readBuildRecord, recordableFlags, recordedFilesPresent } from '../integration/build-record.ts';
import type { BuildRequest } from '../integration/build-record.ts';
import { outputFolder, siteFolder } from '../integration/folders.ts';
import { unreadableRouteFile } from './route-files.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const flags = process.argv.slice(2);
const env = process.env;

// V8's compiled code of the modules a build loads, kept between builds (Node's compile cache, checked against each
// file's bytes): ≈ 0.3 s of a rebuild's 0.7 s start-up at 1 000 incidents (docs/benchmarks.md). For this process's
// imports from here on, and, through the environment, for Astro's process.
const compiled = join(projectRoot, 'node_modules/.cache/shirase/compiled');
module.enableCompileCache(compiled);
env.NODE_COMPILE_CACHE ??= compiled;

/** The build's "now" (SOURCE_DATE_EPOCH, or the clock); a bad SOURCE_DATE_EPOCH is one line, as in Astro's build, and exit 1. */
function buildNowOrExit(): number {
  try {
    return buildNow(env);
  } catch (error) {
    console.error(`npm run build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const request: BuildRequest = {
  projectRoot,
  siteRoot: siteFolder(projectRoot, env),
  outDir: outputFolder(projectRoot, env),
  flags,
  drafts: env.SHIRASE_DRAFTS === '1',
};
const recordable = recordableFlags(flags);
const key = recordable ? buildInputsKey(request) : undefined;
const record = key ? readBuildRecord(buildRecordPath(projectRoot, request.outDir), request.outDir) : undefined;

// A route file the rebuild cannot read makes every build Astro's: said once per build, so a slow publish has a reason.
const unreadable = key && record?.key === key ? unreadableRouteFile(projectRoot) : undefined;
if (unreadable) consoleLogger().info(`Astro's build: ${unreadable}`);

if (key && record?.key === key && recordedFilesPresent(record) && !unreadable) {
  // Checked before the rebuild's modules load (the loader, the renderers): doing nothing should cost nothing.
  const { signature: content, incidentFolders } = contentStamps(request.siteRoot);
  const now = buildNowOrExit();
  if (content === record.content && now === record.now && renderRecordFilesPresent(projectRoot, request.outDir)) {
    consoleLogger().info(`nothing changed since the last build of this folder (same content, code, settings and "now"): ${request.outDir} is up to date`);
  } else {
    const { rebuildWithoutAstro } = await import('./rebuild.ts');
    process.exitCode = await rebuildWithoutAstro(request, record, { content, incidentFolders, now });
  }
} else {
  // Astro's build; with a key, the integration leaves the record the next build reads.
  const astro = join(projectRoot, 'node_modules/astro/bin/astro.mjs');
  const child = spawn(process.execPath, [astro, 'build', '--root', projectRoot, ...flags], {
    // Only a build with a key leaves a record: never one under a key inherited from a parent build.
    env: { ...Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'SHIRASE_BUILD_KEY')), ...(key ? { SHIRASE_BUILD_KEY: key } : {}) },
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
