import type { Incident } from '../content/types.ts';
import { incidentPhase } from './timeline.ts';

/**
 * The search index comes in parts that the search page merges (Pagefind's
 * `mergeIndex`), so that a new notice re-indexes a few pages and not the whole
 * history: Pagefind has no incremental mode, and indexing all 2 002 pages of a
 * 1 000-incident site is 2.4–3.0 s of a rebuild (docs/benchmarks.md).
 *
 * - `recent`: the FAQ pages, every incident not yet resolved, and every
 *   incident with a notice since the start of the month two months back.
 *   Notices during an incident land here, and so does the one that resolves it.
 * - `archive-<year>`: the rest, by the year (UTC) of each incident's first
 *   notice, whole years together from the oldest while a part has at most
 *   {@link ARCHIVE_PART_INCIDENTS} incidents; the part is named after its
 *   first year. An archive part changes when one of its incidents gets a
 *   notice (it moves to `recent`), and the newest one on the first of a
 *   month, when the incidents silent since the boundary move in. A part of a
 *   bounded size is indexed in bounded time and memory, and a build indexes
 *   each one as soon as its pages are written (src/integration/search-index.ts).
 *
 * Which part an incident is in never shows on a page. Results of all parts are
 * ranked together by Pagefind's score, which each part computes with its own
 * statistics (docs/benchmarks.md: recent pages rank somewhat higher).
 */
export type SearchPartName = 'recent' | `archive-${number}`;

/**
 * The most incidents an archive part takes whole years of: at two languages, 2 000 pages, which Pagefind
 * indexes in ≈ 1.5 s and 250 MB (docs/benchmarks.md). A single year with more is a part of its own.
 */
export const ARCHIVE_PART_INCIDENTS = 1000;

/** The part the search page loads first, whose Pagefind code and WebAssembly serve every part: it always has pages. */
export const PRIMARY_SEARCH_PART: SearchPartName = 'recent';

export interface SearchPart {
  name: SearchPartName;
  /** The incidents whose pages (one per locale) this part indexes, in content order. */
  incidents: readonly Incident[];
  /** Whether this part indexes the FAQ pages. */
  faq: boolean;
}

/**
 * The start (UTC) of the month two months before the month of `now`: notices since then are recent. A month
 * boundary rather than "60 days ago", so that the archive changes once a month and not with every hourly build.
 */
export function recentSince(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 2, 1);
}

/**
 * The parts of the index at `now`. `recent` always comes first and always has pages (the FAQ page of every
 * locale), so the search page can load it as Pagefind's primary index; then the archive parts, oldest first
 * (none when nothing is old).
 */
export function searchParts(incidents: readonly Incident[], now: number): SearchPart[] {
  const since = recentSince(now);
  const isRecent = (incident: Incident) => incidentPhase(incident, now) !== 'resolved' || incident.notices.some((notice) => notice.at >= since);
  const recent: Incident[] = [];
  const archive: Incident[] = [];
  for (const incident of incidents) (isRecent(incident) ? recent : archive).push(incident);
  return [{ name: PRIMARY_SEARCH_PART, incidents: recent, faq: true }, ...archiveParts(archive)];
}

/** The archive's incidents in parts of whole years ({@link ARCHIVE_PART_INCIDENTS}), each in content order. */
function archiveParts(archive: readonly Incident[]): SearchPart[] {
  const yearOf = (incident: Incident) => new Date(incident.notices[0]?.at ?? 0).getUTCFullYear();
  const counts = new Map<number, number>();
  for (const incident of archive) {
    const year = yearOf(incident);
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  // Each year's part, by its first year.
  const partOfYear = new Map<number, number>();
  let first: number | undefined;
  let size = 0;
  for (const [year, count] of [...counts].sort(([a], [b]) => a - b)) {
    if (first === undefined || size + count > ARCHIVE_PART_INCIDENTS) [first, size] = [year, 0];
    partOfYear.set(year, first);
    size += count;
  }
  return [...new Set(partOfYear.values())].map((start) => ({
    name: `archive-${start}` as const,
    incidents: archive.filter((incident) => partOfYear.get(yearOf(incident)) === start),
    faq: false,
  }));
}

/**
 * The incidents (their indexes in `incidents`) in the order a build writes and indexes them: the parts
 * {@link inIndexOrder}, each part's incidents in content order. Every incident is in one part.
 */
export function indexOrder(incidents: readonly Incident[], parts: readonly SearchPart[]): number[] {
  const at = new Map(incidents.map((incident, index) => [incident, index]));
  return inIndexOrder(parts).flatMap((part) => part.incidents.map((incident) => at.get(incident)!));
}

/**
 * The parts in the order a build indexes them, and its writer writes their incidents' pages in: the others
 * first, the primary part last (it holds the others' words, so it is written once they are).
 */
export function inIndexOrder<Part extends Pick<SearchPart, 'name'>>(parts: readonly Part[]): Part[] {
  return [...parts].sort((a, b) => Number(a.name === PRIMARY_SEARCH_PART) - Number(b.name === PRIMARY_SEARCH_PART));
}
