/**
 * npm run build [-- --base <path>] [-- --site <url>]
 *
 * Builds the site into dist/ (or SHIRASE_OUT_DIR). The first build of a
 * project's code, public files, package-lock.json, Node, site config, flags
 * and SHIRASE_DRAFTS (build-record.ts, `astroSettingsKey`) is `astro build`
 * with the shirase integration, which records what Astro decided. Later
 * builds are made without starting Astro (rebuild.ts): of a folder built
 * before, rendering again only what the content or "now" changed (about a
 * second at 1 000 incidents); of a new folder (or one that lost files),
 * everything, with the settings Astro decided for the same inputs; unless a
 * route file is of a shape the build cannot read, or the layout's assets
 * are not the ones those settings link. Flags
 * other than --base and --site go to `astro build` as they are, and such a
 * build is always Astro's; so is any build with SHIRASE_ASTRO_BUILD=1.
 * (Packages changed in node_modules without package-lock.json, e.g. by
 * `npm link`, are not seen: delete node_modules/.cache/shirase/.)
 */
import { spawn } from 'node:child_process';
import module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNow } from '../lib/core/dates.ts';
import { folderPath } from '../lib/core/files.ts';
import { CACHE_FOLDER, renderRecordFilesPresent } from '../lib/outputs/render-record.ts';
import { consoleLogger } from '../integration/build-logger.ts';
import {
  astroSettingsKey,
  buildInputsKey,
  buildRecordPath,
  contentStamps,
  forgetAstroSettings,
  readAstroSettings,
  readBuildRecord,
  recordableFlags,
  recordedFilesPresent,
  saveAstroSettings,
} from '../integration/build-record.ts';
import type { BuildRequest } from '../integration/build-record.ts';
import { outputFolder, siteFolder } from '../integration/folders.ts';
import { buildLayoutAssets, pageAssets } from '../integration/layout-assets.ts';
import { outputFolderProblem } from '../integration/site-files.ts';
import { unreadableRouteFile } from './route-files.ts';

const projectRoot = folderPath(fileURLToPath(new URL('../..', import.meta.url)));
const flags = process.argv.slice(2);
const env = process.env;

// V8's compiled code of the modules a build loads, kept between builds (Node's compile cache, checked against each
// file's bytes): ≈ 0.3 s of a rebuild's 0.7 s start-up at 1 000 incidents (docs/benchmarks.md). For this process's
// imports from here on, and, through the environment, for Astro's process.
const compiled = join(projectRoot, CACHE_FOLDER, 'compiled');
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
// Refused before anything is read or written, whichever build it would be: every build empties its folder.
const folderProblem = outputFolderProblem(request.outDir, request);
if (folderProblem) {
  console.error(folderProblem);
  process.exit(1);
}
// One "now" for the builds made here; checked here for Astro's too (its integration reads the same variable).
const now = buildNowOrExit();

// SHIRASE_ASTRO_BUILD=1: Astro's build, whatever the records say (it leaves them as any Astro build does).
const recordable = recordableFlags(flags);
const astroAsked = env.SHIRASE_ASTRO_BUILD === '1';
const settingsKey = recordable ? astroSettingsKey(request) : undefined;
const key = settingsKey ? buildInputsKey(request, settingsKey) : undefined;
const record = key ? readBuildRecord(buildRecordPath(projectRoot, request.outDir), request.outDir) : undefined;
const rebuild = !astroAsked && key !== undefined && record?.key === key && recordedFilesPresent(record);
// Without a record of this folder, the settings Astro decided for the same code, config and flags elsewhere.
const settings = settingsKey && !rebuild && !astroAsked ? readAstroSettings(projectRoot, settingsKey) : undefined;

// A route file the rebuild cannot read makes every build Astro's: said once per build, so a slow publish has a reason.
const unreadable = rebuild || settings ? unreadableRouteFile(projectRoot) : undefined;
if (unreadable) consoleLogger().info(`Astro's build: ${unreadable}`);

if (rebuild && !unreadable) {
  // Checked before the rebuild's modules load (the loader, the renderers): doing nothing should cost nothing.
  const { signature: content, incidentFolders } = contentStamps(request.siteRoot);
  if (content === record!.content && now === record!.now && renderRecordFilesPresent(projectRoot, request.outDir)) {
    consoleLogger().info(`nothing changed since the last build of this folder (same content, code, settings and "now"): ${request.outDir} is up to date`);
  } else {
    const { buildWithoutAstro } = await import('./rebuild.ts');
    process.exitCode = await buildWithoutAstro(request, { record: record! }, { content, incidentFolders, now });
  }
} else if (settings && key && settingsKey && !unreadable) {
  // The layout's assets must be the ones Astro's settings link (the key covers their sources): if not, the
  // settings are forgotten and the build is Astro's.
  const assets = await buildLayoutAssets(projectRoot);
  if (JSON.stringify(pageAssets(assets, settings.base)) === JSON.stringify(settings.assets)) {
    const { signature: content, incidentFolders } = contentStamps(request.siteRoot);
    consoleLogger().info(`Astro built this code, config and flags before: ${request.outDir} is built without starting Astro`);
    const { buildWithoutAstro } = await import('./rebuild.ts');
    process.exitCode = await buildWithoutAstro(request, { key, settings, assets }, { content, incidentFolders, now });
  } else {
    forgetAstroSettings(projectRoot, settingsKey);
    consoleLogger().info("Astro's build: the layout's assets are not the ones Astro's recorded settings link");
    astroBuild(key, settingsKey);
  }
} else {
  astroBuild(key, settingsKey);
}

/**
 * Astro's build; with a key, the integration leaves the record the next build reads, and the settings Astro
 * decided are kept for the first build of another folder.
 */
function astroBuild(key: string | undefined, settingsKey: string | undefined): void {
  const astro = join(projectRoot, 'node_modules/astro/bin/astro.mjs');
  const child = spawn(process.execPath, [astro, 'build', '--root', projectRoot, ...flags], {
    // Only a build with a key leaves a record: never one under a key inherited from a parent build.
    env: { ...Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'SHIRASE_BUILD_KEY')), ...(key ? { SHIRASE_BUILD_KEY: key } : {}) },
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
    const built = key && code === 0 ? readBuildRecord(buildRecordPath(projectRoot, request.outDir), request.outDir) : undefined;
    if (!settingsKey || !built || built.key !== key) return;
    // Only a speed-up for later builds: a cache folder it cannot write never fails this one.
    try {
      saveAstroSettings(projectRoot, { key: settingsKey, settings: built.settings });
    } catch (error) {
      consoleLogger().warn(`Astro's settings were not kept for later builds: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
