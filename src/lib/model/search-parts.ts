import type { Incident } from '../content/types.ts';
import { incidentPhase } from './timeline.ts';

/**
 * The search index comes in two parts that the search page merges (Pagefind's
 * `mergeIndex`), so that a new notice re-indexes a few pages and not the whole
 * history: Pagefind has no incremental mode, and indexing all 2 002 pages of a
 * 1 000-incident site is 2.4–3.0 s of a rebuild (docs/benchmarks.md).
 *
 * - `recent`: the FAQ pages, every incident not yet resolved, and every
 *   incident with a notice since the start of the month two months back.
 *   Notices during an incident land here, and so does the one that resolves it.
 * - `archive`: the rest. It changes when an old incident gets a notice (it
 *   moves to `recent`), and on the first of a month, when the incidents
 *   silent since the boundary move in.
 *
 * Which part an incident is in never shows on a page. Results of both are
 * ranked together by Pagefind's score, which each part computes with its own
 * statistics (docs/benchmarks.md: recent pages rank somewhat higher).
 */
export type SearchPartName = 'recent' | 'archive';

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
 * locale), so the search page can load it as Pagefind's primary index; `archive` is left out when it has none.
 */
export function searchParts(incidents: readonly Incident[], now: number): SearchPart[] {
  const since = recentSince(now);
  const isRecent = (incident: Incident) => incidentPhase(incident, now) !== 'resolved' || incident.notices.some((notice) => notice.at >= since);
  const recent = incidents.filter(isRecent);
  const archive = incidents.filter((incident) => !isRecent(incident));
  const parts: SearchPart[] = [{ name: PRIMARY_SEARCH_PART, incidents: recent, faq: true }];
  if (archive.length > 0) parts.push({ name: 'archive', incidents: archive, faq: false });
  return parts;
}
