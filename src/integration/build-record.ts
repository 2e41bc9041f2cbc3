import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CONFIG_FILE, CONTENT_DIR, INCIDENTS_DIR } from '../lib/content/paths.ts';
import { folderPath, runtimeVersions, sha256 } from '../lib/core/files.ts';
import { compareText } from '../lib/core/order.ts';
import { CACHE_FOLDER, saveRecordFile } from '../lib/outputs/render-record.ts';
import type { RouteSettings } from '../lib/render/context.ts';
import type { SearchRecord } from './search-index.ts';

/**
 * What a finished `npm run build` leaves in the project's cache folder about
 * its output folder, so that the next one can rebuild without starting Astro
 * (src/publish/build.ts): the settings Astro decided, which files Astro's
 * routes wrote, and hashes of what the output was made from.
 *
 * A build without Astro is only right when everything Astro itself decides
 * is as it was: the code and the public files, the locked dependencies,
 * Node's versions, the site config, the command line and the environment.
 * All of that is one hash ({@link astroSettingsKey}); with the folders, the
 * record's `key`. When it differs from every recorded one, the build is
 * Astro's. Content (notices, FAQ, templates) and "now" are not in it: the
 * build without Astro renders what they change with the same route files
 * and writer.
 */
export interface BuildRecord {
  /** The output folder the record describes. */
  outDir: string;
  /** {@link buildInputsKey} of the build that wrote the folder. */
  key: string;
  /** The settings every page had (base and site after `--base` and `--site`, the asset URLs); "now" is each build's own. */
  settings: Omit<RouteSettings, 'now'>;
  /** {@link contentSignature} of the content the folder was built from. */
  content: string;
  /** The build's "now". */
  now: number;
  /** The files Astro's routes wrote, relative to the folder: a rebuild renders them again and removes those no route makes any more. */
  routes: string[];
  /** The other files outside the writer's folders (public files, layout assets, `_headers`, the search index): a rebuild keeps them. */
  kept: string[];
  /** What each part of the search index was made from: a rebuild keeps a part whose digest is the same. */
  search: SearchRecord;
}



/** Files under `dir` (relative, `/`-separated, sorted); nothing when it does not exist. */
export function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => `${prefix}${relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')}`)
    .sort(compareText);
}

/** What `npm run build` was asked for: its flags and the environment variables that change a build. */
export interface BuildRequest {
  projectRoot: string;
  siteRoot: string;
  outDir: string;
  /** The flags after `npm run build --`, as given. */
  flags: readonly string[];
  drafts: boolean;
}

/** The project's files Astro builds with (content excluded: it has its own digest). */
const CODE = ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

/**
 * The hash of everything a rebuild without Astro cannot decide itself: the
 * inputs of {@link astroSettingsKey}, and the site and output folders.
 */
export function buildInputsKey(request: BuildRequest, settingsKey = astroSettingsKey(request)): string {
  return sha256(JSON.stringify([settingsKey, folderPath(request.siteRoot), folderPath(request.outDir)]));
}

/**
 * The hash of everything that decides what Astro makes of the project, whatever folder it is built into: the
 * project's code and public files, the locked dependencies, Node's versions (dates and names come from its ICU
 * and time-zone data), the site config, the command line and the environment. Two builds with the same key get
 * the same settings from Astro ({@link AstroSettingsRecord}).
 */
export function astroSettingsKey(request: Omit<BuildRequest, 'outDir'>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([runtimeVersions(), request.flags, request.drafts]));
  const content = join(request.projectRoot, CONTENT_DIR);
  for (const entry of CODE) {
    const path = join(request.projectRoot, entry);
    const files = statSync(path, { throwIfNoEntry: false })?.isDirectory() ? filesUnder(path).map((file) => `${entry}/${file}`) : [entry];
    for (const file of files) {
      const absolute = join(request.projectRoot, file);
      if (absolute.startsWith(`${content}/`) || absolute === join(request.projectRoot, CONFIG_FILE) || !existsSync(absolute)) continue;
      hash.update(`\0${file}\0`).update(readFileSync(absolute));
    }
  }
  const config = join(request.siteRoot, CONFIG_FILE);
  hash.update('\0config\0').update(existsSync(config) ? readFileSync(config) : '');
  return hash.digest('hex');
}

/**
 * What Astro decided for every build with one {@link astroSettingsKey}: kept after Astro's build of any
 * output folder (by `npm run build`, src/publish/build.ts), so that the first build of another folder with
 * the same code, config and flags (a new clone's `dist/` beside a kept cache, a benchmark's new folder) is
 * made without starting Astro too.
 */
export interface AstroSettingsRecord {
  key: string;
  settings: BuildRecord['settings'];
}

/** Where the settings of one {@link astroSettingsKey} are kept. */
export function astroSettingsPath(projectRoot: string, key: string): string {
  return join(projectRoot, CACHE_FOLDER, `settings-${key.slice(0, 16)}.json`);
}

/**
 * The settings Astro decided for `key`, if a build with that key recorded them. Reading them counts as a use: the
 * file's time moves, so settings in daily use are not removed as a week old.
 */
export function readAstroSettings(projectRoot: string, key: string): AstroSettingsRecord['settings'] | undefined {
  const path = astroSettingsPath(projectRoot, key);
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as AstroSettingsRecord;
    if (record.key !== key) return undefined;
    try {
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // A read-only cache folder: the settings still serve this build.
    }
    return record.settings;
  } catch {
    return undefined;
  }
}

/** Keeps the settings Astro decided for `key` (written whole, then renamed into place); those not used for a week are removed. */
export function saveAstroSettings(projectRoot: string, record: AstroSettingsRecord): void {
  saveRecordFile(astroSettingsPath(projectRoot, record.key), JSON.stringify(record), 'settings-');
}

/** Forgets the settings of `key` (they no longer describe what Astro would decide). */
export function forgetAstroSettings(projectRoot: string, key: string): void {
  rmSync(astroSettingsPath(projectRoot, key), { force: true });
}

/**
 * A hash of the content files of the site (notices, the files beside them,
 * FAQ, templates, config): each one's path, size, and modification and
 * change times. The change time (ctime) moves whenever a file is written,
 * and no tool sets it back (not `touch -d`, `cp -p` or `tar`), so the same
 * signature means the same bytes; a file written again with the same bytes
 * only costs a rebuild that changes nothing. Folders are in it too. Stat
 * calls, not reads: at 1 000 incidents (≈ 6 000 files) 30 ms instead of
 * 160 ms. It relies on the file system's times being finer than the time
 * between the build's look and the next edit (ext4 on Linux 6.13 and later:
 * nanoseconds; before, a clock that ticks every few milliseconds); on one
 * with whole-second times, an edit of the same size within the second of
 * the last build would go unseen.
 */
export function contentSignature(siteRoot: string): string {
  return contentStamps(siteRoot).signature;
}

/**
 * {@link contentSignature}, and from the same walk each incident folder's own signature (its files and folders,
 * by their paths inside it): what the incident memo checks a folder against (incident-memo.ts).
 */
export function contentStamps(siteRoot: string): { signature: string; incidentFolders: Map<string, string> } {
  const hash = createHash('sha256');
  const folders = new Map<string, Hash>();
  // Folders count too: a new, empty or misnamed incident folder changes what the build says.
  const visit = (path: string) => {
    const stat = statSync(join(siteRoot, path), { throwIfNoEntry: false });
    if (!stat) return;
    hash.update(`\0${stampLine(path, stat)}`);
    const [top, slug, ...inside] = path.split('/');
    if (top === INCIDENTS_DIR && slug !== undefined && inside.length > 0) {
      const folder = folders.get(slug) ?? createHash('sha256');
      folders.set(slug, folder.update(`\0${stampLine(inside.join('/'), stat)}`));
    }
    if (stat.isDirectory()) for (const name of readdirSync(join(siteRoot, path)).sort(compareText)) visit(`${path}/${name}`);
  };
  for (const top of [CONFIG_FILE, INCIDENTS_DIR, CONTENT_DIR]) visit(top);
  const incidentFolders = new Map([...folders].map(([slug, folder]) => [slug, folder.digest('hex')]));
  return { signature: hash.digest('hex'), incidentFolders };
}

/** One file's or folder's part of a signature: its path, and a file's size, modification and change times. */
export function stampLine(path: string, stat: Stats): string {
  return `${path}\0${stat.isDirectory() ? 'folder' : `${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}`}`;
}

/** Where the record of the output folder `outDir` is kept (beside the writer's render record). */
export function buildRecordPath(projectRoot: string, outDir: string): string {
  return join(projectRoot, CACHE_FOLDER, `build-${sha256(folderPath(outDir)).slice(0, 16)}.json`);
}

/** The record of `outDir`, if there is a readable one for that folder. */
export function readBuildRecord(path: string, outDir: string): BuildRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as BuildRecord;
    return record.outDir === folderPath(outDir) ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Deletes the record: a build that changes the folder and stops half-way must leave none behind. */
export function dropBuildRecord(path: string): void {
  rmSync(path, { force: true });
}

/** Saves the record; records of output folders not built for a week are removed (temporary folders of tests and benchmarks). */
export function saveBuildRecord(path: string, record: BuildRecord): void {
  saveRecordFile(path, JSON.stringify({ ...record, outDir: folderPath(record.outDir) }), 'build-');
}

/** Whether every file the record lists is still in the output folder. */
export function recordedFilesPresent(record: BuildRecord): boolean {
  return [...record.routes, ...record.kept].every((file) => existsSync(join(record.outDir, file)));
}

/** What of Astro's config a rebuild without Astro relies on (src/publish/rebuild.ts writes what Astro would). */
export interface AstroConfigShape {
  format: string;
  redirects: number;
  /** Names of the config's integrations. */
  integrations: readonly string[];
  /** Whether the project has a `src/middleware.*`. */
  middleware: boolean;
}

/**
 * Why Astro's config needs Astro for every build, or undefined when a rebuild without it writes the same:
 * directory-format pages, no redirects, no other integration's outputs, no middleware.
 */
export function needsAstroEveryTime(config: AstroConfigShape): string | undefined {
  if (config.format !== 'directory') return `build.format is "${config.format}" (the rebuild names files as "directory" does)`;
  if (config.redirects > 0) return 'the config has redirects (Astro writes their pages)';
  const others = config.integrations.filter((name) => name !== 'shirase');
  if (others.length > 0) return `other integrations run in Astro's build (${others.join(', ')})`;
  if (config.middleware) return 'the project has middleware';
  return undefined;
}

/** Whether the flags are only --base and --site, the ones whose effect a build record holds (others go to Astro every time). */
export function recordableFlags(flags: readonly string[]): boolean {
  for (let i = 0; i < flags.length; i++) {
    if (/^--(base|site)=./.test(flags[i]!)) continue;
    if (/^--(base|site)$/.test(flags[i]!) && i + 1 < flags.length) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}
