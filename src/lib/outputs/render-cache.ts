import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { Incident, SiteContent } from '../content/types.ts';
import { incidentPhase } from '../model/timeline.ts';
import { compareText } from '../core/order.ts';
import type { Locale } from '../core/states.ts';
import { hasPreview } from '../render/preview.ts';

/**
 * What the writer rendered in the previous build, so a rebuild skips the
 * incidents whose pages cannot have changed. Astro's content layer cannot do
 * this for us (shirase loads its own content), so the writer keeps its own
 * record: for each unit of work (one incident in one locale) a key over
 * everything its files are made from, and the files it wrote.
 *
 * The key covers: the incident itself (every notice and translation, and the
 * hash of every file beside its notices, so a changed image is copied again), the
 * site config and FAQ (names, links and related questions on the page), the
 * base path, site URL and asset names, the locale, what "now" decides for
 * this incident (its phase and whether it has a preview image), and the code
 * that renders (the modules the writer imports, and package-lock.json).
 * Anything else about the site (other incidents) does not appear on these
 * pages. A unit is reused only when its key matches and all its files are
 * still in the output folder; otherwise it is rendered again.
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

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const folder = (path: string) => path.replace(/[\\/]+$/, '');

/** The writer's worker thread: every module it renders with is imported from here, directly or not. */
const WRITER_ENTRY = 'src/lib/outputs/writer-worker.ts';

/** A relative import in a module's text: static, dynamic, type-only or a re-export. */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;

/**
 * The project's modules the writer runs, `entry` and everything it imports,
 * directly or not, site-relative and sorted. Dependencies in node_modules are
 * covered by package-lock.json instead.
 */
export function rendererModules(projectRoot: string, entry: string = WRITER_ENTRY): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    const path = join(projectRoot, file);
    if (found.has(file) || !existsSync(path)) return;
    found.add(file);
    for (const match of readFileSync(path, 'utf8').matchAll(RELATIVE_IMPORT)) visit(posix.join(posix.dirname(file), match[2]!));
  };
  visit(entry);
  return [...found].sort(compareText);
}

/**
 * A hash of the code that renders the writer's pages: the modules the writer
 * imports ({@link rendererModules}) and the locked dependencies. Editing any other
 * file (the CLI, the bench, the Statuspage API, an Astro route) keeps every
 * cached page.
 */
export function rendererFingerprint(projectRoot: string): string {
  const hash = createHash('sha256');
  for (const file of rendererModules(projectRoot)) hash.update(file).update(readFileSync(join(projectRoot, file)));
  const lock = join(projectRoot, 'package-lock.json');
  if (existsSync(lock)) hash.update(readFileSync(lock));
  return hash.digest('hex');
}

/**
 * The part of every unit's key that is the same for the whole build. Node's own
 * versions are in it because dates, durations and language names come from its ICU
 * and time-zone data; `drafts` because a draft preview marks every page.
 */
export function buildKey(fingerprint: string, content: SiteContent, options: { base: string; site: string | URL; assets: unknown; drafts: boolean }): string {
  const runtime = [process.versions.node, process.versions.icu, process.versions.tz, process.versions.unicode];
  return sha(JSON.stringify([fingerprint, runtime, content.config, content.faq, options.base, String(options.site), options.assets, options.drafts]));
}

export function unitId(locale: Locale, incident: Incident): string {
  return `${locale}/${incident.slug}`;
}

export function unitKey(buildKeyValue: string, content: SiteContent, incident: Incident, locale: Locale, now: number): string {
  return sha(JSON.stringify([buildKeyValue, locale, incidentPhase(incident, now), hasPreview(content, incident, now), incident]));
}

/**
 * The key of a preview image: the build's key (the code that draws, the locked satori, resvg and fonts) and the tree
 * the image is drawn from, which holds every word and colour on it. Drawing is the slow part; building the tree is not.
 */
export function previewImageKey(buildKeyValue: string, tree: unknown): string {
  return sha(JSON.stringify([buildKeyValue, tree]));
}

/** Where the record of the output folder `outDir` is kept: the project's cache folder, never the output. */
export function renderCachePath(projectRoot: string, outDir: string): string {
  return join(projectRoot, 'node_modules/.cache/shirase', `units-${sha(folder(outDir)).slice(0, 16)}.json`);
}

/**
 * Reads the previous record and deletes it: if this build stops half-way,
 * the output folder no longer matches it, and the next build renders all.
 */
export function takeRenderCache(path: string, outDir: string): RenderRecord {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as RenderCacheFile;
    rmSync(path, { force: true });
    if (file.outDir === folder(outDir)) return { units: new Map(Object.entries(file.units)), images: new Map(Object.entries(file.images ?? {})) };
  } catch {
    // No record, or an unreadable one: everything is rendered.
  }
  return { units: new Map(), images: new Map() };
}

/** Records this build's units; records of output folders not built for a week are removed (temporary folders of tests). */
export function saveRenderCache(path: string, outDir: string, units: Iterable<[string, UnitRecord]>, images: Iterable<[string, string]> = []): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const record: RenderCacheFile = { outDir: folder(outDir), units: Object.fromEntries(units), images: Object.fromEntries(images) };
  writeFileSync(path, JSON.stringify(record));
  removeOldRecords(dir, 'units-');
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
    if (file.outDir !== folder(outDir)) return false;
    const paths = [...Object.values(file.units).flatMap((unit) => unit.paths), ...Object.keys(file.images ?? {})];
    return paths.every((path) => existsSync(join(outDir, path.endsWith('/') ? `${path}index.html` : path)));
  } catch {
    return false;
  }
}
