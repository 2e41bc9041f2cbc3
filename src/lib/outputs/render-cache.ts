import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Incident, SiteContent } from '../model/types.ts';
import { incidentPhase } from '../model/timeline.ts';
import type { Locale } from '../states.ts';
import { hasPreview } from './preview-image.ts';

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
 * that renders (every file under src/lib and src/i18n, and package-lock.json).
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
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const folder = (path: string) => path.replace(/[\\/]+$/, '');

/** A hash of the code that renders the writer's pages: src/lib, src/i18n and the locked dependencies. */
export function rendererFingerprint(projectRoot: string): string {
  const hash = createHash('sha256');
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(ts|js|json|css)$/.test(entry.name)) hash.update(path.slice(projectRoot.length)).update(readFileSync(path));
    }
  };
  visit(join(projectRoot, 'src/lib'));
  visit(join(projectRoot, 'src/i18n'));
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

/** Where the record of the output folder `outDir` is kept: the project's cache folder, never the output. */
export function renderCachePath(projectRoot: string, outDir: string): string {
  return join(projectRoot, 'node_modules/.cache/shirase', `units-${sha(folder(outDir)).slice(0, 16)}.json`);
}

/**
 * Reads the previous record and deletes it: if this build stops half-way,
 * the output folder no longer matches it, and the next build renders all.
 */
export function takeRenderCache(path: string, outDir: string): Map<string, UnitRecord> {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as RenderCacheFile;
    rmSync(path, { force: true });
    return file.outDir === folder(outDir) ? new Map(Object.entries(file.units)) : new Map();
  } catch {
    return new Map();
  }
}

/** Records this build's units; records of output folders not built for a week are removed (temporary folders of tests). */
export function saveRenderCache(path: string, outDir: string, units: Iterable<[string, UnitRecord]>): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, JSON.stringify({ outDir: folder(outDir), units: Object.fromEntries(units) } satisfies RenderCacheFile));
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (name.startsWith('units-') && (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < weekAgo) rmSync(file, { force: true });
  }
}
