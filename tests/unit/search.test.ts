import { describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import { NOTICE_TYPES } from '../../src/lib/core/states.ts';
import { createRenderContext } from '../../src/lib/render/context.ts';
import { CONTENT_SECURITY_POLICY, SEARCH_CONTENT_SECURITY_POLICY } from '../../src/lib/render/csp.ts';
import { renderFaqEntryPage, renderFaqPage } from '../../src/lib/render/pages/faq.ts';
import { renderHistoryPage } from '../../src/lib/render/pages/history.ts';
import { renderHomePage } from '../../src/lib/render/pages/home.ts';
import { renderIncidentPage, renderNoticePage } from '../../src/lib/render/pages/incident.ts';
import { renderNotFoundPage } from '../../src/lib/render/pages/not-found.ts';
import { renderSearchPage } from '../../src/lib/render/pages/search.ts';
import { formatResultFacts, RESULT_FACTS_FILTER, resultTimeMeta } from '../../src/lib/render/search-annotations.ts';
import { noticeYears } from '../../src/lib/render/view.ts';
import { isExactPhrase, itemsOf, parseResultFacts, searchFilters, type PagefindPage } from '../../src/scripts/search-results.ts';
import { projectRoot } from '../support/build.ts';
import { attr, elements, textContent, type HtmlDocument, type HtmlElement } from '../support/html.ts';

/**
 * Search, without a build: the search page and the header's search box as
 * rendered, the annotations the index is built from (only on canonical
 * pages), and the search page's script turning Pagefind's data into results.
 */

const content = loadSiteContentOrThrow(projectRoot);
const ASSETS = { styles: ['/status/_astro/a.css'], scripts: ['/status/_astro/e.js'], searchScripts: ['/status/_astro/s.js'] };
const contextFor = (locale: 'ja' | 'en') =>
  createRenderContext(content, locale, { base: '/status/', site: 'https://status.example', now: Date.parse('2018-06-01T00:00:00Z'), drafts: false, assets: ASSETS });
const ja = contextFor('ja');
const en = contextFor('en');
const longIncident = [...content.incidents].sort((a, b) => b.notices.length - a.notices.length)[0]!;

const read = (html: string) => parse(html) as HtmlDocument;
const all = (root: HtmlDocument | HtmlElement, tagName: string) => elements(root).filter((e) => e.tagName === tagName);
const text = (element: HtmlElement) => textContent(element).replace(/\s+/g, ' ').trim();
const cspOf = (doc: HtmlDocument) => attr(all(doc, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy')!, 'content');
const scriptsOf = (doc: HtmlDocument) => all(doc, 'script').map((s) => attr(s, 'src'));
/** Every attribute Pagefind reads. */
const annotations = (doc: HtmlDocument) => elements(doc).flatMap((e) => e.attrs.filter((a) => a.name.startsWith('data-pagefind-')));

describe('the search page', () => {
  for (const ctx of [ja, en]) {
    const doc = read(renderSearchPage(ctx));
    const form = elements(doc).find((e) => attr(e, 'id') === '_search')!;

    it(`(${ctx.locale}) is a GET form to itself with the query box and the three filters, shown by its script`, () => {
      expect(attr(form, 'action')).toBe(ctx.href('/search/'));
      expect(attr(form, 'method')).toBe('get');
      expect(attr(form, 'hidden')).toBe('');
      const input = all(form, 'input')[0]!;
      expect([attr(input, 'name'), attr(input, 'type')]).toEqual(['q', 'search']);
      const label = all(form, 'label').find((l) => attr(l, 'for') === attr(input, 'id'))!;
      expect(text(label)).toBe(ctx.strings.search.label);
      const options = Object.fromEntries(all(form, 'select').map((s) => [attr(s, 'name'), all(s, 'option').map((o) => attr(o, 'value'))]));
      expect(options).toEqual({
        component: ['', ...content.config.components.map((c) => c.id)],
        type: ['', ...NOTICE_TYPES],
        year: ['', ...noticeYears(content.incidents, content.config.timeZone)],
      });
      // Where the index is, under the base path, and its parts; in June 2018 every incident is recent.
      expect(attr(form, 'data-index')).toBe('/status/pagefind/');
      expect(attr(form, 'data-parts')).toBe('recent');
      expect(attr(form, 'data-base')).toBe('/status/');
    });

    it(`(${ctx.locale}) names the archive part for the script to merge once incidents are old and resolved`, () => {
      const later = createRenderContext(content, ctx.locale, { ...ctx, now: Date.parse('2019-06-01T00:00:00Z'), assets: ASSETS });
      const laterForm = elements(read(renderSearchPage(later))).find((e) => attr(e, 'id') === '_search')!;
      expect(attr(laterForm, 'data-parts')).toBe('recent archive-2018');
    });

    it(`(${ctx.locale}) says without JavaScript that search needs it, and links to the history`, () => {
      const noscript = all(doc, 'noscript')[0]!;
      // parse5 keeps <noscript> content as text when scripting is on: read it as a fragment.
      const inner = read(`<!DOCTYPE html><body>${text(noscript)}`);
      expect(text(all(inner, 'p')[0]!)).toContain(ctx.strings.search.needsJavaScript);
      expect(all(inner, 'a').map((a) => attr(a, 'href'))).toEqual([ctx.href('/history/')]);
    });

    it(`(${ctx.locale}) alone allows WebAssembly and loads the search script; it is not for search engines`, () => {
      expect(cspOf(doc)).toBe(SEARCH_CONTENT_SECURITY_POLICY);
      expect(scriptsOf(doc)).toEqual(['/status/_astro/e.js', '/status/_astro/s.js']);
      expect(attr(all(doc, 'meta').find((m) => attr(m, 'name') === 'robots')!, 'content')).toBe('noindex, nofollow');
    });
  }
});

describe('every other page', () => {
  const faqEntry = content.faq[0]!;
  const pages = {
    home: renderHomePage(en),
    incident: renderIncidentPage(ja, longIncident),
    notice: renderNoticePage(en, longIncident, longIncident.notices[0]!),
    history: renderHistoryPage(ja),
    faq: renderFaqPage(en),
    faqEntry: renderFaqEntryPage(ja, faqEntry),
    notFound: renderNotFoundPage(ja),
  };

  it.each(Object.entries(pages))('%s keeps the policy without WebAssembly and loads no search script', (_, html) => {
    const doc = read(html);
    expect(cspOf(doc)).toBe(CONTENT_SECURITY_POLICY);
    expect(scriptsOf(doc)).toEqual(['/status/_astro/e.js']);
  });

  it.each(Object.entries(pages))('%s has the search box in its header, a GET form to the search page of its language', (name, html) => {
    const doc = read(html);
    const header = all(doc, 'header').find((h) => attr(h, 'class') === 'site-header')!;
    const [form] = all(header, 'form');
    const ctx = ['home', 'notice', 'faq'].includes(name) ? en : ja;
    expect(attr(form!, 'action')).toBe(ctx.href('/search/'));
    expect(attr(form!, 'method')).toBe('get');
    expect(attr(form!, 'role')).toBe('search');
    const input = all(form!, 'input')[0]!;
    expect(attr(input, 'name')).toBe('q');
    expect(text(all(form!, 'label').find((l) => attr(l, 'for') === attr(input, 'id'))!)).toBe(ctx.strings.siteSearch.label);
  });

  it('only the incident page and the FAQ page carry search annotations: share pages, history and home are never indexed', () => {
    const annotated = Object.entries(pages).filter(([, html]) => annotations(read(html)).length > 0).map(([name]) => name);
    expect(annotated).toEqual(['incident', 'faq']);
  });
});

describe('the annotations of an incident page', () => {
  const doc = read(renderIncidentPage(ja, longIncident));
  const articles = all(doc, 'article').filter((a) => (attr(a, 'class') ?? '').startsWith('notice '));

  it('make each notice a result: its id, its heading as the title, its facts; the heading itself is not indexed', () => {
    expect(articles.map((a) => attr(a, 'id')).sort()).toEqual(longIncident.notices.map((n) => n.id).sort());
    for (const article of articles) {
      const id = attr(article, 'id')!;
      const notice = longIncident.notices.find((n) => n.id === id)!;
      const heading = all(article, 'h3')[0]!;
      expect(attr(article, 'data-pagefind-title')).toBe(text(heading));
      expect(attr(article, 'data-pagefind-index-attrs')).toBe('data-pagefind-title');
      expect(attr(heading, 'data-pagefind-ignore')).toBe('');
      const facts = parseResultFacts([attr(article, 'data-pagefind-filter')!.replace(`${RESULT_FACTS_FILTER}:`, '')]).get(id)!;
      expect(facts.kind).toBe('notice');
      expect(facts.values.get('type')).toEqual([notice.type]);
      expect(facts.values.get('year')).toEqual(['2018']);
      expect(facts.values.get('component')).toEqual(['registration', 'payments', 'payouts', 'dashboard']);
      // The time as shown, captured for the results list.
      const meta = all(article, 'p').find((p) => attr(p, 'data-pagefind-meta') === resultTimeMeta(id))!;
      expect(text(all(meta, 'time')[0]!)).toMatch(/^2018年/);
    }
  });

  it('index the title, summary, overview and notices, and nothing of the facts, the reply or the links', () => {
    const bodies = elements(doc).filter((e) => attr(e, 'data-pagefind-body') !== undefined);
    expect(bodies.map((e) => attr(e, 'class') ?? attr(e, 'aria-labelledby') ?? e.tagName)).toEqual(['h1', 'summary', '_overview', '_notices']);
    const indexed = new Set(bodies.flatMap((body) => elements(body)));
    for (const className of ['facts', 'reply', 'feeds', 'components components--compact']) {
      expect(elements(doc).filter((e) => attr(e, 'class') === className).some((e) => indexed.has(e)), className).toBe(false);
    }
    const links = elements(doc).filter((e) => indexed.has(e) && ['permalink', 'copy-link'].includes(attr(e, 'class') ?? ''));
    expect(links.length).toBe(2 * longIncident.notices.length);
    expect(links.every((e) => attr(e, 'data-pagefind-ignore') === '')).toBe(true);
  });
});

describe('the annotations of the FAQ page', () => {
  const doc = read(renderFaqPage(en));
  it('make each answer a result with its services', () => {
    const [body] = elements(doc).filter((e) => attr(e, 'data-pagefind-body') !== undefined);
    const sections = all(body!, 'section').filter((s) => attr(s, 'data-pagefind-title') !== undefined);
    expect(sections.map((s) => attr(s, 'id')).sort()).toEqual(content.faq.map((f) => f.id).sort());
    for (const section of sections) {
      const entry = content.faq.find((f) => f.id === attr(section, 'id'))!;
      const facts = parseResultFacts([attr(section, 'data-pagefind-filter')!.replace(`${RESULT_FACTS_FILTER}:`, '')]).get(entry.id)!;
      expect(facts.kind).toBe('faq');
      expect(facts.values.get('component') ?? []).toEqual(entry.components);
      const facets = elements(section).flatMap((e) => (attr(e, 'data-pagefind-filter')?.startsWith('component:') ? [attr(e, 'data-pagefind-filter')] : []));
      expect(facets).toEqual(entry.components.map((id) => `component:${id}`));
    }
  });
});

describe("the search page's script", () => {
  const facts = (id: string, kind: 'notice' | 'faq', type: string | undefined, year: string | undefined, component: string[]) =>
    formatResultFacts(id, { kind, type, year, component });
  /** What Pagefind returns for one incident page: a match in the summary, in two notices, and under a heading inside the second. */
  const page: PagefindPage = {
    url: '/status/incidents/x/',
    meta: { title: 'Payouts suspended', [resultTimeMeta('a-update')]: 'Sat, 14 Apr 2018 12:00 JST', [resultTimeMeta('b-resumption')]: 'Fri, 20 Apr 2018 20:00 JST' },
    filters: {
      component: ['payouts', 'payments'],
      [RESULT_FACTS_FILTER]: [facts('a-update', 'notice', 'update', '2018', ['payouts', 'payments']), facts('b-resumption', 'notice', 'resumption', '2019', ['payouts'])],
    },
    anchors: [
      { id: 'a-update', location: 10, title: 'Update Still stopped' },
      { id: 'b-resumption', location: 50, title: 'Resumption' },
      { id: 'user-content-footnote-label', location: 80 },
    ],
    sub_results: [
      { title: 'Payouts suspended', url: '/status/incidents/x/', excerpt: 'the <mark>summary</mark>' },
      { title: 'Update Still stopped', url: '/status/incidents/x/#a-update', excerpt: 'x', anchor: { id: 'a-update', location: 10 } },
      { title: 'Footnotes', url: '/status/incidents/x/#user-content-footnote-label', excerpt: 'z', anchor: { id: 'user-content-footnote-label', location: 80 } },
    ],
  };

  it('reads back the facts the pages write', () => {
    const parsed = parseResultFacts([facts('q-1', 'faq', undefined, undefined, ['a', 'b']), facts('n-1', 'notice', 'postmortem', '2024', [])]);
    expect(parsed.get('q-1')).toEqual({ kind: 'faq', values: new Map([['component', ['a', 'b']]]) });
    expect(parsed.get('n-1')).toEqual({ kind: 'notice', values: new Map([['type', ['postmortem']], ['year', ['2024']]]) });
  });

  it('lists each notice with its incident, time and services, and a match in the incident itself when nothing narrows', () => {
    const items = itemsOf(page, {});
    expect(items.map((i) => [i.kind, i.url, i.context, i.time, i.components.join()])).toEqual([
      ['page', '/status/incidents/x/', undefined, undefined, 'payouts,payments'],
      ['notice', '/status/incidents/x/#a-update', 'Payouts suspended', 'Sat, 14 Apr 2018 12:00 JST', 'payouts,payments'],
      ['notice', '/status/incidents/x/#b-resumption', 'Payouts suspended', 'Fri, 20 Apr 2018 20:00 JST', 'payouts'],
    ]);
    // The match under the footnotes' heading is the resumption's: listed by its title, linking to it.
    expect(items[2]!.title).toBe('Resumption');
  });

  it('lists a notice once however many of its parts match', () => {
    const twice = { ...page, sub_results: [...page.sub_results, { ...page.sub_results[1]!, excerpt: 'again' }] };
    expect(itemsOf(twice, {}).map((i) => i.url)).toEqual(itemsOf(page, {}).map((i) => i.url));
  });

  it.each([
    [{ type: 'update' }, ['#a-update']],
    [{ year: '2019' }, ['#b-resumption']],
    [{ component: 'payments' }, ['#a-update']],
    [{ component: 'payouts', type: 'resumption' }, ['#b-resumption']],
    [{ type: 'postmortem' }, []],
  ])('narrows to the notices that have every chosen facet: %o', (selection, anchors) => {
    expect(itemsOf(page, selection).map((i) => i.url.slice(i.url.indexOf('#')))).toEqual(anchors);
  });
});

describe("the search page's filters over the index's parts", () => {
  it('keeps the records of words out of every search, and narrows to the parts that may answer', () => {
    // One part: the facets alone.
    expect(searchFilters({ type: 'update' }, ['recent'], ['recent'])).toEqual({ type: 'update' });
    // Every part answers: no part filter, only the records of the other parts' words left out.
    const parts = ['recent', 'archive-2016', 'archive-2018'];
    const records = [{ words: 'archive-2016' }, { words: 'archive-2018' }];
    expect(searchFilters({ year: '2018' }, parts, parts)).toEqual({ year: '2018', none: records });
    // A part lacks a word of the query: the others alone.
    expect(searchFilters({}, parts, ['recent', 'archive-2018'])).toEqual({ none: records, any: [{ part: 'recent' }, { part: 'archive-2018' }] });
  });

  it('knows an exact phrase as Pagefind does: the whole query in quotes', () => {
    expect(['"over the weekend"', '  "payouts"  '].map(isExactPhrase)).toEqual([true, true]);
    expect(['over the weekend', '"unclosed', 'a "phrase" inside', '""'].map(isExactPhrase)).toEqual([false, false, false, false]);
  });
});
