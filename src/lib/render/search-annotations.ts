import { attr, html, raw, type SafeHtml } from './html.ts';

/**
 * What the search index reads from the pages (Pagefind's `data-pagefind-*`
 * attributes; src/integration/search-index.ts builds the index from the
 * built pages). Only the canonical pages carry them: an incident page, where
 * each notice is a result of its own inside the page, and the FAQ page, where
 * each answer is. Share pages, history pages and feeds are never indexed, so
 * nothing is found twice.
 */

/**
 * The parts of a page that are indexed; everything outside them (header, facts, footer…) is not. A result
 * (resultAnchor) must sit inside one: Pagefind drops the anchor of the first indexed part's own element.
 */
export const indexedPart: SafeHtml = raw(' data-pagefind-body');

/** Inside an indexed part: text that is not searched (link labels, buttons, notes). */
export const notIndexed: SafeHtml = raw(' data-pagefind-ignore');

/**
 * Inside an indexed part: a text shown in another language because it has no translation yet (`lang` set).
 * Each language has an index of its own, which cannot split another language's text into words.
 */
export function otherLanguage(lang: string | undefined): SafeHtml | '' {
  return lang === undefined ? '' : notIndexed;
}

/** The facets a search can narrow by. */
export type SearchFacet = 'component' | 'type' | 'year';

/**
 * The facts of one result inside a page, read back by the search page's
 * script (src/scripts/search-results.ts) to narrow a page's results to the
 * notices that match the chosen facets: Pagefind's own filters only say that
 * some notice of the page does.
 */
export interface ResultFacts {
  kind: 'notice' | 'faq';
  type?: string | undefined;
  year?: string | undefined;
  component: readonly string[];
}

/**
 * `<id> kind=notice type=update year=2018 component=payouts component=payments`:
 * ids and values are slugs (no spaces, no "="), so a space and "=" separate them.
 */
export function formatResultFacts(id: string, facts: ResultFacts): string {
  const pairs = [['kind', facts.kind], ['type', facts.type], ['year', facts.year], ...facts.component.map((c) => ['component', c])];
  return [id, ...pairs.filter(([, value]) => value !== undefined).map(([key, value]) => `${key}=${value}`)].join(' ');
}

/** The Pagefind filter that carries every result's facts, one value per result. */
export const RESULT_FACTS_FILTER = 'result';

/**
 * Marks the element `id` as the start of one result: `title` is what the
 * results list shows and is searched (the heading inside is not indexed, so
 * that the result links to this element, not to the heading's own id).
 */
export function resultAnchor(id: string, title: string, facts: ResultFacts): SafeHtml {
  return html`${attr('data-pagefind-title', title)} data-pagefind-index-attrs="data-pagefind-title"${facet(RESULT_FACTS_FILTER, formatResultFacts(id, facts))}`;
}

/** One facet value of the page (a Pagefind filter), on the element that shows it. */
export function facet(name: SearchFacet | typeof RESULT_FACTS_FILTER, value: string): SafeHtml {
  return attr('data-pagefind-filter', `${name}:${value}`);
}

/** The meta key of a result's time as the page shows it (in the site's zone). */
export const resultTimeMeta = (id: string) => `time-${id}`;

/** Takes this element's text as the meta `key` of the page (Pagefind meta). */
export function capturedMeta(key: string): SafeHtml {
  return attr('data-pagefind-meta', key);
}
