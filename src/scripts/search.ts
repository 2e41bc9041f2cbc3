import {
  FACETS,
  isExactPhrase,
  itemsOf,
  PART_FILTER,
  PART_WORDS_FILTER,
  searchFilters,
  type PagefindFilters,
  type PagefindPage,
  type SearchItem,
  type Selection,
} from './search-results.ts';

/**
 * The search page (src/lib/render/pages/search.ts): runs the query in the box
 * with Pagefind over the index the build wrote (its parts merged), narrows by the chosen
 * facets, and lists each notice or answer found. The URL keeps the query
 * (`?q=…&type=…`), so a search can be pasted as a link; opening such a link
 * fills the form and runs it. Loaded by this page alone.
 */

interface Pagefind {
  options(options: { baseUrl?: string; mergeFilter?: Record<string, string> }): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options: { baseUrl?: string; mergeFilter?: Record<string, string> }): Promise<void>;
  search(query: string, options: { filters: PagefindFilters }): Promise<{ results: { data(): Promise<PagefindPage> }[] }>;
}

/** How many pages' results are loaded at a time; "more" loads the next ones. */
const PAGES_AT_ONCE = 20;
/** Typing pauses this long before the search runs. */
const TYPING_PAUSE_MS = 250;

const form = document.getElementById('_search') as HTMLFormElement | null;
if (form) void start(form);

async function start(form: HTMLFormElement): Promise<void> {
  const words = form.dataset;
  const input = form.elements.namedItem('q') as HTMLInputElement;
  const selects = FACETS.map((facet) => form.elements.namedItem(facet)).filter((e): e is HTMLSelectElement => e instanceof HTMLSelectElement);
  const status = document.getElementById('_search-status')!;
  const list = document.getElementById('_search-results')!;
  const more = document.getElementById('_search-more') as HTMLButtonElement;
  // The index's parts the page names; those the server lacks are left out below.
  const named = (words.parts ?? '').split(' ').filter((part) => part !== '');
  const parts = named.slice(0, 1);
  const componentNames = new Map([...(selects.find((s) => s.name === 'component')?.options ?? [])].map((o) => [o.value, o.text]));

  // A pasted link fills the form.
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const select of selects) {
    const value = params.get(select.name) ?? '';
    if ([...select.options].some((option) => option.value === value)) select.value = value;
  }
  form.hidden = false;

  let pagefind: Pagefind;
  try {
    // The index's parts: the first one's code and WebAssembly serve them all; their results are ranked together.
    pagefind = (await import(`${words.index}${parts[0]}/pagefind.js`)) as Pagefind;
    const baseUrl = words.base ?? '/';
    await pagefind.options({ baseUrl, mergeFilter: { [PART_FILTER]: parts[0]! } });
    await pagefind.init();
    // A part the page names but the server lacks (a page kept from an earlier build, the dev server's last build)
    // is left out: the others still answer. Asked all at once; merged in the page's order.
    const others = named.slice(1);
    const present = await Promise.all(
      others.map((part) => fetch(`${words.index}${part}/pagefind-entry.json`).then((response) => response.ok, () => false)),
    );
    for (const part of others.filter((_, at) => present[at])) {
      await pagefind.mergeIndex(`${words.index}${part}/`, { baseUrl, mergeFilter: { [PART_FILTER]: part } });
      parts.push(part);
    }
  } catch (error) {
    status.textContent = `${words.unavailable ?? ''} (${error instanceof Error ? error.message : String(error)})`;
    return;
  }

  let latest = 0;
  let remaining: { data(): Promise<PagefindPage> }[] = [];
  let shown = 0;
  let selection: Selection = {};

  const countText = (count: number) =>
    (new Intl.PluralRules(document.documentElement.lang).select(count) === 'one' ? words.countOne : words.countOther)?.replace('{count}', String(count)) ?? '';

  /** Loads and lists the next pages' results; false when a newer search has started meanwhile. */
  const showNext = async (run: number): Promise<boolean> => {
    const batch = remaining.slice(0, PAGES_AT_ONCE);
    remaining = remaining.slice(PAGES_AT_ONCE);
    const pages = await Promise.all(batch.map((result) => result.data()));
    if (run !== latest) return false;
    const items = pages.flatMap((page) => itemsOf(page, selection));
    list.append(...items.map((item) => renderItem(item, componentNames, words.separator ?? ', ', words.faq ?? '')));
    shown += items.length;
    more.hidden = remaining.length === 0;
    return true;
  };

  const run = async () => {
    const run = ++latest;
    const query = input.value.trim();
    selection = Object.fromEntries(selects.filter((s) => s.value !== '').map((s) => [s.name, s.value]));
    // The address keeps the search, so it can be pasted; replaced, not pushed: typing makes no history entries.
    const next = new URLSearchParams(Object.entries({ q: query, ...selection }).filter(([, value]) => value !== ''));
    history.replaceState(null, '', next.size > 0 ? `?${next}` : location.pathname);
    list.replaceChildren();
    more.hidden = true;
    shown = 0;
    if (query === '') {
      status.textContent = '';
      return;
    }
    status.textContent = words.loading ?? '';
    // A part answers only when it has a word that begins like each of the query's (the first part knows the others'
    // words): otherwise Pagefind would answer from it with shorter words ("we" for "weekend").
    const hasWords = await Promise.all(
      parts.slice(1).map(async (part) => isExactPhrase(query) || (await pagefind.search(query, { filters: { [PART_WORDS_FILTER]: part } })).results.length > 0),
    );
    const answering = [parts[0]!, ...parts.slice(1).filter((_, at) => hasWords[at])];
    if (run !== latest) return;
    const found = await pagefind.search(query, { filters: searchFilters(selection, parts, answering) });
    if (run !== latest) return;
    remaining = found.results;
    // Pages whose matches the facets narrow away show nothing: load on until something shows or nothing is left.
    while ((await showNext(run)) && shown === 0 && remaining.length > 0);
    if (run !== latest) return;
    status.textContent = shown === 0 ? (words.none ?? '') : countText(shown);
  };

  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void run(), TYPING_PAUSE_MS);
  });
  for (const select of selects) select.addEventListener('change', () => void run());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typing);
    void run();
  });
  more.addEventListener('click', async () => {
    const run = latest;
    if (await showNext(run)) status.textContent = countText(shown);
  });
  if (input.value.trim() !== '') await run();
}

/** One result: its heading links to the notice or answer; then where it is, when, which services, and the excerpt. */
function renderItem(item: SearchItem, componentNames: Map<string, string>, separator: string, faqTitle: string): HTMLLIElement {
  const li = element('li', 'search-result');
  const heading = li.appendChild(element('h2', 'search-result-title'));
  const link = heading.appendChild(element('a'));
  link.href = item.url;
  link.textContent = item.title;
  const where = item.kind === 'faq' ? faqTitle : item.context;
  const services = item.components.map((id) => componentNames.get(id) ?? id).join(separator);
  const meta = li.appendChild(element('p', 'search-result-meta'));
  meta.textContent = [where, item.time, services].filter((part) => !!part).join(' · ');
  const excerpt = li.appendChild(element('p', 'search-result-excerpt'));
  excerpt.append(...excerptNodes(item.excerpt));
  return li;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  return created;
}

/** Pagefind's excerpt (escaped text with <mark> around the matches) as text and <mark> nodes only, whatever it holds. */
function excerptNodes(excerpt: string): Node[] {
  const template = document.createElement('template');
  template.innerHTML = excerpt;
  return [...template.content.childNodes].map((node) => {
    if (node instanceof HTMLElement && node.tagName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent ?? '');
  });
}
