import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { folderPath, sha256 } from '../core/files.ts';

/**
 * The writer's record of what it rendered (see render-cache.ts for the keys):
 * where it is kept, reading and writing it. Kept apart from the keys so that
 * `npm run build` can tell whether a folder is up to date without loading
 * the code that renders.
 */
export interface UnitRecord {
  key: string;
  /** Site paths of the unit's files ("/incidents/x/" for its index.html). */
  paths: string[];
}

export interface RenderCacheFile {
  /** The output folder the record describes. */
  outDir: string;
  units: Record<string, UnitRecord>;
  /** The preview images: site path → the key of what was drawn (see `previewImageKey`). */
  images?: Record<string, string>;
}

/** The previous build's record, as the writer reads it. */
export interface RenderRecord {
  units: Map<string, UnitRecord>;
  images: Map<string, string>;
}


/** The project's cache folder (relative to it), where every record a build keeps for later builds is. */
export const CACHE_FOLDER = 'node_modules/.cache/shirase';

/** Where the record of the output folder `outDir` is kept: the project's cache folder, never the output. */
export function renderCachePath(projectRoot: string, outDir: string): string {
  return join(projectRoot, CACHE_FOLDER, `units-${sha256(folderPath(outDir)).slice(0, 16)}.json`);
}

/**
 * Reads the previous record and deletes it: if this build stops half-way,
 * the output folder no longer matches it, and the next build renders all.
 */
export function takeRenderCache(path: string, outDir: string): RenderRecord {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as RenderCacheFile;
    rmSync(path, { force: true });
    if (file.outDir === folderPath(outDir)) return { units: new Map(Object.entries(file.units)), images: new Map(Object.entries(file.images ?? {})) };
  } catch {
    // No record, or an unreadable one: everything is rendered.
  }
  return { units: new Map(), images: new Map() };
}

/** Records this build's units; records of output folders not built for a week are removed (temporary folders of tests). */
export function saveRenderCache(path: string, outDir: string, units: Iterable<[string, UnitRecord]>, images: Iterable<[string, string]> = []): void {
  const record: RenderCacheFile = { outDir: folderPath(outDir), units: Object.fromEntries(units), images: Object.fromEntries(images) };
  saveRecordFile(path, JSON.stringify(record), 'units-');
}

/**
 * Writes one record of the cache folder whole (to a file of this process, then renamed into place: a build
 * running beside it reads the old record or the new one, never half of one), and removes the records of the
 * same kind (`prefix`) not written for a week.
 */
export function saveRecordFile(path: string, data: string | Uint8Array, prefix: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.${process.pid}`, data);
  renameSync(`${path}.${process.pid}`, path);
  removeOldRecords(dirname(path), prefix);
}

/** Removes the records in `dir` whose names start with `prefix` and that were not written for a week. */
export function removeOldRecords(dir: string, prefix: string): void {
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (name.startsWith(prefix) && (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < weekAgo) rmSync(file, { force: true });
  }
}

/**
 * Whether the record of `outDir` exists and every file it lists (each unit's and each preview image) is still
 * in the folder: a build that finds nothing to do relies on it.
 */
export function renderRecordFilesPresent(projectRoot: string, outDir: string): boolean {
  try {
    const file = JSON.parse(readFileSync(renderCachePath(projectRoot, outDir), 'utf8')) as RenderCacheFile;
    if (file.outDir !== folderPath(outDir)) return false;
    const paths = [...Object.values(file.units).flatMap((unit) => unit.paths), ...Object.keys(file.images ?? {})];
    return paths.every((path) => existsSync(join(outDir, path.endsWith('/') ? `${path}index.html` : path)));
  } catch {
    return false;
  }
}

