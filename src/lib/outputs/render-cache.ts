import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Incident, SiteContent } from '../content/types.ts';
import { incidentPhase } from '../model/timeline.ts';
import { runtimeVersions, sha256 } from '../core/files.ts';
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
 * still in the output folder; otherwise it is rendered again. Where the
 * record is kept, and reading and writing it: render-record.ts.
 */

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
  return codeFingerprint(projectRoot, [WRITER_ENTRY]);
}

/**
 * A hash of the modules `entries` import, directly or not ({@link rendererModules}), and the locked
 * dependencies: what a cached result made by that code depends on (the writer's pages; the loader's incidents,
 * src/integration/incident-memo.ts).
 */
export function codeFingerprint(projectRoot: string, entries: readonly string[]): string {
  const hash = createHash('sha256');
  const modules = new Set(entries.flatMap((entry) => rendererModules(projectRoot, entry)));
  for (const file of [...modules].sort(compareText)) hash.update(file).update(readFileSync(join(projectRoot, file)));
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
  const inputs = [fingerprint, runtimeVersions(), content.config, content.faq, options.base, String(options.site), options.assets, options.drafts];
  return sha256(JSON.stringify(inputs));
}

export function unitId(locale: Locale, incident: Incident): string {
  return `${locale}/${incident.slug}`;
}

export function unitKey(buildKeyValue: string, content: SiteContent, incident: Incident, locale: Locale, now: number): string {
  return sha256(JSON.stringify([buildKeyValue, locale, incidentPhase(incident, now), hasPreview(content, incident, now), incident]));
}

/**
 * The key of a preview image: the build's key (the code that draws, the locked satori, resvg and fonts) and the tree
 * the image is drawn from, which holds every word and colour on it. Drawing is the slow part; building the tree is not.
 */
export function previewImageKey(buildKeyValue: string, tree: unknown): string {
  return sha256(JSON.stringify([buildKeyValue, tree]));
}

