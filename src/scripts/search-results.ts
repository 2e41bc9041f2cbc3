/**
 * The search page's results as plain data, from what Pagefind returns for one
 * page of the site (pure functions, tested without a browser). A page is an
 * incident page or the FAQ page; each notice and each answer in it is a result
 * of its own ("sub result"), whose facts the page carries in the `result`
 * filter (src/lib/render/search-annotations.ts writes them).
 */

/** What search can narrow by; the search page's selects have these names. */
export const FACETS = ['component', 'type', 'year'] as const;
export type Facet = (typeof FACETS)[number];
/** The chosen value of each facet that narrows ('' or absent: all). */
export type Selection = Partial<Record<Facet, string>>;

/**
 * The index comes in parts (src/lib/model/search-parts.ts) that the search page merges, the first one loaded
 * first. Each page carries its part in the `part` filter (Pagefind's `mergeFilter`, set by the search page). The
 * first part also holds a record of each other part's words, in the `words` filter (src/integration/search-index.ts),
 * so the search page can ask whether a part has the query's words before that part answers.
 */
export const PART_FILTER = 'part';
export const PART_WORDS_FILTER = 'words';

/**
 * Whether Pagefind runs `query` as an exact phrase (in quotes: its own test). Those words must stand together on
 * a page, and Pagefind never answers them with shorter words, so every part may answer; the record of a part's
 * words, which holds each piece of text once, does not keep words together and cannot vouch for a phrase.
 */
export function isExactPhrase(query: string): boolean {
  return /^\s*".+"\s*$/.test(query);
}

/** Pagefind's filters: values, and the compound forms the search page uses. */
export interface PagefindFilters {
  [name: string]: string | string[] | PagefindFilters | PagefindFilters[];
}

/**
 * The filters of a search: the chosen facets, only the parts in `answering` (all of `parts` when they are all
 * in it), and never a record of words.
 */
export function searchFilters(selection: Selection, parts: readonly string[], answering: readonly string[]): PagefindFilters {
  const filters: PagefindFilters = { ...(selection as Record<string, string>) };
  const merged = parts.slice(1);
  if (merged.length > 0) filters.none = merged.map((part) => ({ [PART_WORDS_FILTER]: part }));
  if (answering.length < parts.length) filters.any = answering.map((part) => ({ [PART_FILTER]: part }));
  return filters;
}

/** The part of Pagefind's result data (`await result.data()`) that the page uses. */
export interface PagefindPage {
  url: string;
  meta: Record<string, string | undefined>;
  filters?: Record<string, string[] | undefined>;
  /** Every element with an id in the indexed text, with the word it starts at (and its result title, if it has one). */
  anchors?: PagefindAnchor[] | undefined;
  sub_results: { title: string; url: string; excerpt: string; anchor?: PagefindAnchor | undefined }[];
}

interface PagefindAnchor {
  id: string;
  location: number;
  title?: string | undefined;
}

/** One result's facts: what kind it is, and its facet values. */
export interface ResultFacts {
  kind: string | undefined;
  values: Map<string, string[]>;
}

/** The filter holding each result's facts, and the meta key of its time (as the page shows it). */
const FACTS_FILTER = 'result';
const timeMeta = (id: string) => `time-${id}`;

/** `<id> kind=notice type=update year=2018 component=payouts …` for each result of a page, by id. */
export function parseResultFacts(values: readonly string[] | undefined): Map<string, ResultFacts> {
  const byId = new Map<string, ResultFacts>();
  for (const value of values ?? []) {
    const [id, ...pairs] = value.split(' ');
    if (!id) continue;
    const facts: ResultFacts = { kind: undefined, values: new Map() };
    for (const pair of pairs) {
      const [key, fact] = pair.split('=');
      if (!key || fact === undefined) continue;
      if (key === 'kind') facts.kind = fact;
      else facts.values.set(key, [...(facts.values.get(key) ?? []), fact]);
    }
    byId.set(id, facts);
  }
  return byId;
}

/** One line of the results list. */
export interface SearchItem {
  /** Where the result is: a notice's or an answer's anchor, or the incident page itself. */
  url: string;
  kind: 'notice' | 'faq' | 'page';
  /** The notice's heading, the question, or the incident's title. */
  title: string;
  /** The page it is on: the incident's title, or the FAQ's. */
  context: string | undefined;
  /** The notice's time as the page shows it (in the site's zone). */
  time: string | undefined;
  /** Ids of the services it concerns. */
  components: string[];
  /** Pagefind's excerpt: escaped text with the matches in <mark>. */
  excerpt: string;
}

/** Whether `selection` keeps a result with these facet values. */
function matches(values: Map<string, string[]>, selection: Selection): boolean {
  return FACETS.every((facet) => !selection[facet] || (values.get(facet) ?? []).includes(selection[facet]));
}

/**
 * The results of one page that the selection keeps: each notice or answer
 * that matched the query and has every chosen facet, once. A match under a
 * heading inside a notice's text (footnotes, a heading of its own) belongs
 * to that notice. A match in the incident's title, summary or overview is a
 * result for the incident page itself, shown only when nothing narrows (it
 * has no facets of its own).
 */
export function itemsOf(page: PagefindPage, selection: Selection): SearchItem[] {
  const facts = parseResultFacts(page.filters?.[FACTS_FILTER]);
  const owners = (page.anchors ?? []).filter((a) => facts.has(a.id)).sort((a, b) => a.location - b.location);
  const narrowed = FACETS.some((facet) => selection[facet]);
  const items: SearchItem[] = [];
  const seen = new Set<string>();
  for (const sub of page.sub_results) {
    const anchor = sub.anchor;
    // The result this match is in: its own anchor, or the last result that starts before it.
    const owner = anchor === undefined ? undefined : facts.has(anchor.id) ? anchor : owners.findLast((a) => a.location <= anchor.location);
    const own = owner && facts.get(owner.id);
    if (!owner || !own) {
      if (narrowed || seen.has(page.url)) continue;
      seen.add(page.url);
      const components = page.filters?.component ?? [];
      items.push({ url: page.url, kind: 'page', title: page.meta.title ?? sub.title, context: undefined, time: undefined, components, excerpt: sub.excerpt });
      continue;
    }
    if (seen.has(owner.id) || !matches(own.values, selection)) continue;
    seen.add(owner.id);
    items.push({
      url: owner === anchor ? sub.url : `${page.url}#${owner.id}`,
      kind: own.kind === 'faq' ? 'faq' : 'notice',
      title: owner === anchor ? sub.title : (owner.title ?? sub.title),
      context: page.meta.title,
      time: page.meta[timeMeta(owner.id)],
      components: own.values.get('component') ?? [],
      excerpt: sub.excerpt,
    });
  }
  return items;
}
