import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const astroBin = join(projectRoot, 'node_modules/astro/bin/astro.mjs');

export interface BuildResult {
  status: number | null;
  stdout: string;
  stderr: string;
  outDir: string;
}

/**
 * Runs the real `astro build` of this project on the content in `siteRoot`
 * (a fixture folder), writing to a fresh temporary folder.
 */
export function buildSite(siteRoot: string, options: { args?: string[]; env?: Record<string, string> } = {}): BuildResult {
  const outDir = options.env?.SHIRASE_OUT_DIR ?? mkdtempSync(join(tmpdir(), 'shirase-dist-'));
  return runBuild([astroBin, 'build', '--root', projectRoot, ...(options.args ?? [])], siteRoot, outDir, options.env);
}

/**
 * Runs `npm run build` as the README says (src/publish/build.ts: Astro's build, or the build without Astro: a
 * rebuild when only the content or "now" changed, or a new folder once Astro built the same code and config) on
 * the content in `siteRoot`, into `outDir`.
 */
export function publishSite(siteRoot: string, outDir: string, options: { args?: string[]; env?: Record<string, string> } = {}): BuildResult {
  return runBuild([join(projectRoot, 'src/publish/build.ts'), ...(options.args ?? [])], siteRoot, outDir, options.env);
}

/** Runs a build program with Node on `siteRoot` into `outDir`, "now" fixed, in a working folder of its own. */
function runBuild(args: string[], siteRoot: string, outDir: string, env: Record<string, string> = {}): BuildResult {
  // Astro bundles the pages into <cwd>/.astro/.prerender when the output folder is outside the project; a
  // working folder of its own (inside the project, so the bundle still finds node_modules) keeps builds
  // running side by side from overwriting each other's bundle.
  const work = buildWorkFolder();
  const result = spawnSync(process.execPath, args, {
    cwd: work,
    encoding: 'utf8',
    env: {
      ...process.env,
      ASTRO_TELEMETRY_DISABLED: '1',
      SOURCE_DATE_EPOCH: '1700000000',
      SHIRASE_SITE_ROOT: siteRoot,
      SHIRASE_OUT_DIR: outDir,
      ...env,
    },
  });
  rmSync(work, { recursive: true, force: true });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outDir };
}

/** A fresh folder inside the project (under node_modules/.cache) for one build to work in. */
export function buildWorkFolder(): string {
  const parent = join(projectRoot, 'node_modules/.cache/shirase-builds');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, 'build-'));
}

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(dir, path).split('\\').join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

export function readOutput(outDir: string, path: string): string {
  return readFileSync(join(outDir, path), 'utf8');
}

/** Paths whose bytes differ between two output folders, or that only one of them has. */
export function differingFiles(a: string, b: string): string[] {
  const files = new Set([...listFiles(a), ...listFiles(b)]);
  return [...files].filter((path) => !existsSync(join(a, path)) || !existsSync(join(b, path)) || !readFileSync(join(a, path)).equals(readFileSync(join(b, path))));
}
