import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'parse5';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import type { Incident, SiteContent } from '../../src/lib/content/types.ts';
import type { Locale } from '../../src/lib/core/states.ts';
import { createRenderContext, type RenderContext } from '../../src/lib/render/context.ts';
import { renderFaqEntryPage, renderFaqPage } from '../../src/lib/render/pages/faq.ts';
import { renderHistoryPage, renderHistoryYearPage } from '../../src/lib/render/pages/history.ts';
import { renderIncidentPage, renderNoticePage } from '../../src/lib/render/pages/incident.ts';
import { renderNotFoundPage } from '../../src/lib/render/pages/not-found.ts';
import { projectRoot } from '../support/build.ts';
import { attr, elements, textContent, type HtmlDocument, type HtmlElement } from '../support/html.ts';

/**
 * Every page rendered to a string without a build, from the basic fixture site
 * (English, times in America/Los_Angeles), with a base path and a site URL so
 * that every link shows whether it carries them.
 */

const BASIC_ROOT = join(projectRoot, 'tests/fixtures/sites/basic');
const SITE = 'https://status.example';
const ASSETS = { styles: ['/status/_astro/a.css'], scripts: ['/status/_astro/a.js'], searchScripts: ['/status/_astro/s.js'] };
/** The login incident is open (its promise at 10:00 is still ahead); the payouts incident was resolved in January. */
const NOW = Date.parse('2024-02-01T09:00:00-08:00');

const PAYOUTS = '2024-01-10-payouts-stopped';
const LOGIN = '2024-02-01-login-slow';

function contextFor(content: SiteContent, options: { locale?: Locale; now?: number; drafts?: boolean } = {}): RenderContext {
  const { locale = content.config.defaultLocale, now = NOW, drafts = false } = options;
  return createRenderContext(content, locale, { base: '/status/', site: SITE, now, drafts, assets: ASSETS });
}

function incidentOf(content: SiteContent, slug: string): Incident {
  const incident = content.incidents.find((candidate) => candidate.slug === slug);
  if (!incident) throw new Error(`the fixture has no incident ${slug}`);
  return incident;
}

// ---- Reading a page -----------------------------------------------------------------------------

interface Page {
  source: string;
  document: HtmlDocument;
  /** What the HTML parser found wrong, as `code line:col`: a complete, well-formed page has none. */
  parseErrors: string[];
}

function read(source: string): Page {
  const parseErrors: string[] = [];
  const document = parse(source, {
    sourceCodeLocationInfo: true,
    onParseError: (error) => parseErrors.push(`${error.code} ${error.startLine}:${error.startCol}`),
  });
  return { source, document, parseErrors };
}

const byTag = (root: HtmlDocument | HtmlElement, tagName: string) => elements(root).filter((element) => element.tagName === tagName);
const hasClass = (element: HtmlElement, name: string) => (attr(element, 'class') ?? '').split(/\s+/).includes(name);
const byClass = (root: HtmlDocument | HtmlElement, name: string) => elements(root).filter((element) => hasClass(element, name));
const text = (element: HtmlElement) => textContent(element).replace(/\s+/g, ' ').trim();

function byId(root: HtmlDocument | HtmlElement, id: string): HtmlElement {
  const found = elements(root).find((element) => attr(element, 'id') === id);
  if (!found) throw new Error(`no element with id ${id}`);
  return found;
}

function one(found: HtmlElement[], what: string): HtmlElement {
  expect(found, what).toHaveLength(1);
  return found[0]!;
}

const main = (page: Page) => one(byTag(page.document, 'main'), '<main>');
const heading = (page: Page) => one(byTag(page.document, 'h1'), '<h1>');
const title = (page: Page) => text(one(byTag(page.document, 'title'), '<title>'));
const canonical = (page: Page) => one(byTag(page.document, 'link').filter((l) => attr(l, 'rel') === 'canonical'), 'canonical link');
/** The content of `<meta name="key">` or `<meta property="key">`. */
function metaContent(page: Page, key: string): string | undefined {
  const meta = byTag(page.document, 'meta').find((m) => attr(m, 'name') === key || attr(m, 'property') === key);
  return meta && attr(meta, 'content');
}
const hreflangs = (page: Page) =>
  Object.fromEntries(
    byTag(page.document, 'link')
      .filter((l) => attr(l, 'rel') === 'alternate' && attr(l, 'hreflang') !== undefined)
      .map((l) => [attr(l, 'hreflang'), attr(l, 'href')]),
  );

/** The `<section>` labelled by its heading `headingId`. */
const section = (page: Page, headingId: string) =>
  one(byTag(page.document, 'section').filter((element) => attr(element, 'aria-labelledby') === headingId), `section ${headingId}`);

/** The document is whole: doctype first, `</html>` last, every main element closed by its own end tag, nothing to repair. */
function expectCompleteDocument(page: Page): void {
  expect(page.source.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(page.source.endsWith('</html>')).toBe(true);
  expect(page.parseErrors).toEqual([]);
  for (const tagName of ['html', 'head', 'body', 'main', 'footer']) {
    const element = one(byTag(page.document, tagName), `<${tagName}>`);
    expect(element.sourceCodeLocation?.endTag, `</${tagName}> in the source`).toBeDefined();
  }
}

/** The layout's stylesheet and script in the head, and no other script anywhere: Markdown cannot smuggle one in. */
function expectLayoutAssets(page: Page): void {
  const head = one(byTag(page.document, 'head'), '<head>');
  const stylesheets = byTag(page.document, 'link').filter((link) => attr(link, 'rel') === 'stylesheet');
  expect(stylesheets.map((link) => attr(link, 'href'))).toEqual(['/status/_astro/a.css']);
  expect(byTag(head, 'link')).toContain(stylesheets[0]);
  const scripts = byTag(page.document, 'script');
  expect(scripts.map((script) => [attr(script, 'type'), attr(script, 'src')])).toEqual([['module', '/status/_astro/a.js']]);
  expect(byTag(head, 'script')).toEqual(scripts);
}

/** `<time>` texts by their UTC instant. */
function timesIn(root: HtmlElement): Map<string | undefined, string> {
  return new Map(byTag(root, 'time').map((time) => [attr(time, 'datetime'), text(time)]));
}

// ---- The basic fixture --------------------------------------------------------------------------

describe('pages rendered to strings from the basic fixture', () => {
  const content = loadSiteContentOrThrow(BASIC_ROOT);
  const ctx = contextFor(content);
  const payouts = incidentOf(content, PAYOUTS);

  describe('incident page', () => {
    const page = read(renderIncidentPage(ctx, payouts));

    it('is a complete document with the layout assets, titled by the incident', () => {
      expectCompleteDocument(page);
      expectLayoutAssets(page);
      expect(text(heading(page))).toBe('Payouts stopped');
      expect(title(page)).toBe('Payouts stopped | Fixture Pay Status');
      expect(attr(canonical(page), 'href')).toBe(`${SITE}/status/incidents/${PAYOUTS}/`);
      expect(metaContent(page, 'robots')).toBeUndefined();
      // One language: no alternates to point at.
      expect(hreflangs(page)).toEqual({});
    });

    it('lists every published notice newest first, each an anchor with a permalink and a share link under the base path', () => {
      const notices = byClass(section(page, '_notices'), 'notice');
      const ids = notices.map((notice) => attr(notice, 'id'));
      expect(ids).toEqual(['2024-01-12-resumption', '2024-01-11-update', '2024-01-10-suspension']);
      for (const notice of notices) {
        const id = attr(notice, 'id')!;
        expect(attr(notice, 'aria-labelledby')).toBe(`${id}-title`);
        expect(byTag(notice, 'h3').map((h) => attr(h, 'id'))).toEqual([`${id}-title`]);
        expect(byClass(notice, 'permalink').map((a) => attr(a, 'href'))).toEqual([`#${id}`]);
        const copy = one(byClass(notice, 'copy-link'), 'copy-link button');
        expect(attr(copy, 'data-copy')).toBe(`${SITE}/status/incidents/${PAYOUTS}/${id}/`);
      }
      expect(page.source).not.toContain('DRAFT-NOTICE-MARKER');
      expect(text(byId(page.document, '2024-01-10-suspension-title'))).toBe('Suspension Payouts suspended');
    });

    it('shows times in the site zone, with the zone named', () => {
      const times = timesIn(main(page));
      expect(times.get('2024-01-11T02:00:00Z')).toBe('Wed, 10 Jan 2024 18:00 PST');
      expect(times.get('2024-01-12T20:00:00Z')).toBe('Fri, 12 Jan 2024 12:00 PST');
      expect([...times.values()].every((shown) => shown.endsWith(' PST'))).toBe(true);
    });

    it('states the facts, the services with their state now, related answers and the feed, linked under the base path', () => {
      const facts = one(byClass(page.document, 'facts'), 'facts list');
      expect(byTag(facts, 'dt').map(text)).toEqual(['Status', 'Impact', 'Started', 'Resolved', 'Duration']);
      expect(byTag(facts, 'dd').map(text)).toEqual([
        'Resolved',
        'Critical',
        'Wed, 10 Jan 2024 18:00 PST',
        'Fri, 12 Jan 2024 12:00 PST',
        '1 day, 18 hours',
      ]);
      const affected = byTag(section(page, '_affected'), 'li').map(text);
      expect(affected).toEqual(['Payouts ● Operational', 'Payments ● Operational']);
      const links = byTag(main(page), 'a').map((a) => attr(a, 'href'));
      expect(links).toContain('/status/components/payouts/');
      expect(links).toContain('/status/faq/#payout-safety');
      expect(links).toContain(`/status/incidents/${PAYOUTS}/rss.xml`);
      expect(text(byId(page.document, '_reply'))).toContain(`${SITE}/status/incidents/${PAYOUTS}/`);
    });

    it('of an open incident names the latest notice and the promised next update', () => {
      const open = read(renderIncidentPage(ctx, incidentOf(content, LOGIN)));
      const facts = one(byClass(open.document, 'facts'), 'facts list');
      expect(byTag(facts, 'dt').map(text)).toEqual(['Status', 'Impact', 'Started', 'Latest notice', 'Next update']);
      expect(byTag(facts, 'a').map((a) => attr(a, 'href'))).toEqual(['#2024-02-01-suspension']);
      expect(text(byTag(facts, 'dd').at(-1)!)).toBe('Thu, 1 Feb 2024 10:00 PST');
    });
  });

  describe('notice share page', () => {
    const notice = payouts.notices.find((candidate) => candidate.id === '2024-01-10-suspension')!;
    const page = read(renderNoticePage(ctx, payouts, notice));

    it('is a complete document with the layout assets, headed by the incident linked under the base path', () => {
      expectCompleteDocument(page);
      expectLayoutAssets(page);
      const h1 = heading(page);
      expect(text(h1)).toBe('Payouts stopped');
      expect(byTag(h1, 'a').map((a) => attr(a, 'href'))).toEqual([`/status/incidents/${PAYOUTS}/`]);
      expect(title(page)).toBe('Suspension — Payouts suspended | Payouts stopped | Fixture Pay Status');
    });

    it('shows the one notice under an h2, with the script in its Markdown removed', () => {
      const article = one(byTag(main(page), 'article'), 'the notice');
      expect(attr(article, 'id')).toBe('2024-01-10-suspension');
      expect(text(one(byTag(article, 'h2'), 'notice heading'))).toBe('Suspension Payouts suspended');
      expect(text(one(byClass(article, 'prose'), 'notice text'))).toBe('We have stopped payouts.');
      expect(timesIn(article).get('2024-01-11T02:00:00Z')).toBe('Wed, 10 Jan 2024 18:00 PST');
    });

    it('is canonical to the notice on its incident page, and links back to it', () => {
      const onIncidentPage = `${SITE}/status/incidents/${PAYOUTS}/#2024-01-10-suspension`;
      expect(attr(canonical(page), 'href')).toBe(onIncidentPage);
      expect(metaContent(page, 'og:url')).toBe(`${SITE}/status/incidents/${PAYOUTS}/2024-01-10-suspension/`);
      expect(metaContent(page, 'og:type')).toBe('article');
      const back = one(byClass(page.document, 'share-back'), 'link back');
      expect(byTag(back, 'a').map((a) => attr(a, 'href'))).toEqual([`/status/incidents/${PAYOUTS}/#2024-01-10-suspension`]);
    });
  });

  describe('FAQ page', () => {
    const page = read(renderFaqPage(ctx));

    it('is a complete document with the layout assets and one h1', () => {
      expectCompleteDocument(page);
      expectLayoutAssets(page);
      expect(text(heading(page))).toBe('Frequently asked questions');
      expect(attr(canonical(page), 'href')).toBe(`${SITE}/status/faq/`);
    });

    it('gives each published answer an anchor, a permalink to it and a share link under the base path', () => {
      const sections = byClass(main(page), 'faq');
      expect(sections.map((section) => attr(section, 'id'))).toEqual(['payout-safety']);
      const answer = sections[0]!;
      expect(text(one(byTag(answer, 'h2'), 'question'))).toBe('Are my pending payouts safe?');
      expect(byClass(answer, 'permalink').map((a) => attr(a, 'href'))).toEqual(['#payout-safety']);
      expect(attr(one(byClass(answer, 'copy-link'), 'copy-link button'), 'data-copy')).toBe(`${SITE}/status/faq/payout-safety/`);
      expect(text(one(byClass(answer, 'faq-meta'), 'answer meta'))).toMatch(/^About: Payouts Link to this answer/);
      expect(page.source).not.toContain('DRAFT-FAQ-MARKER');
      expect(hasClass(answer, 'faq--affected')).toBe(false);
    });

    it('flags an answer about a service affected now', () => {
      // The site before payouts resumed: the payouts incident without its closing notice.
      const stillStopped = {
        ...content,
        incidents: content.incidents.map((incident) =>
          incident.slug === PAYOUTS ? { ...incident, notices: incident.notices.filter((notice) => notice.type !== 'resumption') } : incident,
        ),
      };
      const during = read(renderFaqPage(contextFor(stillStopped)));
      const answer = byId(during.document, 'payout-safety');
      expect(hasClass(answer, 'faq--affected')).toBe(true);
      expect(byClass(answer, 'flag').map(text)).toEqual(['Affected now']);
    });
  });

  describe('FAQ entry page', () => {
    const entry = content.faq.find((candidate) => candidate.id === 'payout-safety')!;
    const page = read(renderFaqEntryPage(ctx, entry));

    it('is a complete document with the layout assets, headed by the question', () => {
      expectCompleteDocument(page);
      expectLayoutAssets(page);
      expect(text(heading(page))).toBe('Are my pending payouts safe?');
      expect(title(page)).toBe('Are my pending payouts safe? | Fixture Pay Status');
      expect(text(one(byClass(page.document, 'prose'), 'answer'))).toBe('Yes. Pending payouts are held, not lost.');
    });

    it('is canonical to the answer on /faq/ and links there, not to an anchor of its own', () => {
      expect(attr(canonical(page), 'href')).toBe(`${SITE}/status/faq/#payout-safety`);
      expect(byClass(page.document, 'permalink').map((a) => attr(a, 'href'))).toEqual(['/status/faq/#payout-safety']);
      expect(attr(one(byClass(main(page), 'faq'), 'answer section'), 'id')).toBeUndefined();
      const back = one(byClass(page.document, 'share-back'), 'link back');
      expect(byTag(back, 'a').map((a) => attr(a, 'href'))).toEqual(['/status/faq/#payout-safety']);
    });
  });

  describe('history page', () => {
    const page = read(renderHistoryPage(ctx));

    it('is a complete document with the layout assets and one h1', () => {
      expectCompleteDocument(page);
      expectLayoutAssets(page);
      expect(text(heading(page))).toBe('Incident history');
      expect(attr(canonical(page), 'href')).toBe(`${SITE}/status/history/`);
    });

    it('lists the incidents by month, newest first, linked under the base path, with times in the site zone', () => {
      const months = byTag(main(page), 'section');
      expect(months.map((month) => text(one(byTag(month, 'h2'), 'month heading')))).toEqual([
        'February 2024 (1 incident)',
        'January 2024 (1 incident)',
      ]);
      const links = months.map((month) => byTag(month, 'li').map((item) => attr(byTag(item, 'a')[0]!, 'href')));
      expect(links).toEqual([[`/status/incidents/${LOGIN}/`], [`/status/incidents/${PAYOUTS}/`]]);
      const parts = (item: HtmlElement) => [text(byTag(item, 'a')[0]!), ...byTag(item, 'span').map(text)];
      expect(parts(byTag(months[0]!, 'li')[0]!)).toEqual(['Slow logins', 'Thu, 1 Feb 2024 08:00 PST – Ongoing', 'Impact: Minor']);
      expect(parts(byTag(months[1]!, 'li')[0]!)).toEqual([
        'Payouts stopped',
        'Wed, 10 Jan 2024 18:00 PST – Fri, 12 Jan 2024 12:00 PST (1 day, 18 hours)',
        'Impact: Critical',
      ]);
      expect(page.source).not.toContain('DRAFT-INCIDENT-MARKER');
    });

    it('links each year page under the base path', () => {
      const years = one(byClass(main(page), 'years'), 'years nav');
      expect(byTag(years, 'a').map((a) => [attr(a, 'href'), text(a), attr(a, 'aria-current')])).toEqual([
        ['/status/history/2024/', '2024 (2)', undefined],
      ]);
    });
  });

  describe('history year page', () => {
    const page = read(renderHistoryYearPage(ctx, '2024'));

    it('is a complete document with the layout assets, headed by the year', () => {
      expectCompleteDocument(page);
      expectLayoutAssets(page);
      expect(text(heading(page))).toBe('Incident history: 2024');
      expect(attr(canonical(page), 'href')).toBe(`${SITE}/status/history/2024/`);
    });

    it('marks its own year as the current page and lists that year’s incidents', () => {
      const years = one(byClass(main(page), 'years'), 'years nav');
      expect(byTag(years, 'a').map((a) => [attr(a, 'href'), attr(a, 'aria-current')])).toEqual([['/status/history/2024/', 'page']]);
      const incidentLinks = byTag(main(page), 'section').flatMap((month) => byTag(month, 'li').map((item) => attr(byTag(item, 'a')[0]!, 'href')));
      expect(incidentLinks).toEqual([`/status/incidents/${LOGIN}/`, `/status/incidents/${PAYOUTS}/`]);
    });
  });

  describe('404 page', () => {
    const page = read(renderNotFoundPage(ctx));

    it('is a complete, unindexed document with the layout assets and a way home under the base path', () => {
      expectCompleteDocument(page);
      expectLayoutAssets(page);
      expect(text(heading(page))).toBe('Page not found');
      expect(metaContent(page, 'robots')).toBe('noindex, nofollow');
      expect(byTag(main(page), 'a').map((a) => attr(a, 'href'))).toEqual(['/status/']);
    });
  });
});

// ---- Draft preview ------------------------------------------------------------------------------

describe('pages of a draft preview', () => {
  const content = loadSiteContentOrThrow(BASIC_ROOT, { includeDrafts: true });
  const ctx = contextFor(content, { drafts: true });

  it('are marked DRAFT and kept out of search engines, every page', () => {
    const pages = [
      renderIncidentPage(ctx, incidentOf(content, PAYOUTS)),
      renderFaqPage(ctx),
      renderHistoryPage(ctx),
      renderNotFoundPage(ctx),
    ].map(read);
    for (const page of pages) {
      expectCompleteDocument(page);
      expect(title(page)).toMatch(/^\[DRAFT\] /);
      expect(metaContent(page, 'robots')).toBe('noindex, nofollow');
      expect(byClass(page.document, 'draft-build')).toHaveLength(1);
    }
  });

  it('flag a draft incident in its heading and a draft notice in its own', () => {
    const draftIncident = read(renderIncidentPage(ctx, incidentOf(content, '2024-03-05-draft-incident')));
    expect(text(heading(draftIncident))).toBe('DRAFT DRAFT-INCIDENT-MARKER');
    expect(byClass(heading(draftIncident), 'draft-flag')).toHaveLength(1);

    const withDraftNotice = read(renderIncidentPage(ctx, incidentOf(content, PAYOUTS)));
    const draftNotice = byId(withDraftNotice.document, '2024-01-12-draft-update');
    expect(hasClass(draftNotice, 'notice--draft')).toBe(true);
    expect(text(byId(withDraftNotice.document, '2024-01-12-draft-update-title'))).toBe('DRAFT Update');
    expect(byClass(byId(withDraftNotice.document, '2024-01-11-update'), 'draft-flag')).toEqual([]);
  });

  it('are not marked when the build is public', () => {
    const page = read(renderIncidentPage(contextFor(content), incidentOf(content, PAYOUTS)));
    expect(title(page)).toBe('Payouts stopped | Fixture Pay Status');
    expect(byClass(page.document, 'draft-build')).toEqual([]);
  });
});

// ---- Two languages ------------------------------------------------------------------------------

/**
 * The basic fixture in two languages (English first, Japanese at /ja/): the
 * payouts incident translated into Japanese, one of its notices written in
 * Japanese only, everything else in English only.
 */
function writeBilingualCopy(root: string): void {
  cpSync(BASIC_ROOT, root, { recursive: true });
  appendFileSync(join(root, 'src/site.config.yaml'), 'locales: [en, ja]\n');
  const incidentDir = join(root, 'incidents', PAYOUTS);
  writeFileSync(
    join(incidentDir, 'incident.ja.md'),
    '---\ntitle: 出金の停止\nsummary: 決済代行会社の審査のあいだ、出金を停止しています。\n---\n出金停止の概要です。\n',
  );
  writeFileSync(
    join(incidentDir, '2024-01-11-japanese-note.md'),
    '---\ntype: update\ndate: "2024-01-11T15:00:00-08:00"\nlang: ja\ntitle: 加盟店の皆様へ\n---\n出金は引き続き停止しています。\n',
  );
}

describe('pages of a site in two languages', () => {
  let root = '';
  let content: SiteContent;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'shirase-pages-'));
    writeBilingualCopy(root);
    content = loadSiteContentOrThrow(root);
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const englishPage = () => read(renderIncidentPage(contextFor(content, { locale: 'en' }), incidentOf(content, PAYOUTS)));
  const japanesePage = () => read(renderIncidentPage(contextFor(content, { locale: 'ja' }), incidentOf(content, PAYOUTS)));

  it('the English page is in English and marks the text written in Japanese only', () => {
    const page = englishPage();
    expectCompleteDocument(page);
    expect(attr(one(byTag(page.document, 'html'), '<html>'), 'lang')).toBe('en');
    expect(text(heading(page))).toBe('Payouts stopped');
    expect(attr(heading(page), 'lang')).toBeUndefined();
    const japaneseNote = byId(page.document, '2024-01-11-japanese-note');
    expect(byClass(japaneseNote, 'untranslated').map(text)).toEqual(['This notice is available in Japanese only']);
    expect(byClass(japaneseNote, 'notice-title').map((t) => [text(t), attr(t, 'lang')])).toEqual([['加盟店の皆様へ', 'ja']]);
    expect(byClass(japaneseNote, 'prose').map((p) => attr(p, 'lang'))).toEqual(['ja']);
    // The English notices are in the page's language: nothing to mark.
    const english = byId(page.document, '2024-01-12-resumption');
    expect(elements(english).filter((element) => attr(element, 'lang') !== undefined)).toEqual([]);
    expect(byClass(english, 'untranslated')).toEqual([]);
  });

  it('the Japanese page is in Japanese and marks the text left in English', () => {
    const page = japanesePage();
    expectCompleteDocument(page);
    expect(attr(one(byTag(page.document, 'html'), '<html>'), 'lang')).toBe('ja');
    expect(text(heading(page))).toBe('出金の停止');
    expect(attr(heading(page), 'lang')).toBeUndefined();
    expect(byTag(one(byClass(page.document, 'facts'), 'facts'), 'dt').map(text)[0]).toBe('状況');
    const english = byId(page.document, '2024-01-12-resumption');
    expect(byClass(english, 'untranslated').map(text)).toEqual(['このお知らせは英語のみで提供しています']);
    expect(byClass(english, 'notice-title').map((t) => attr(t, 'lang'))).toEqual(['en']);
    expect(byClass(english, 'prose').map((p) => attr(p, 'lang'))).toEqual(['en']);
    expect(timesIn(english).get('2024-01-12T20:00:00Z')).toBe('2024年1月12日(金) 12:00 PST');
    const relatedAnswer = one(byTag(section(page, '_faq'), 'a'), 'related answer');
    expect([attr(relatedAnswer, 'href'), attr(relatedAnswer, 'lang')]).toEqual(['/status/ja/faq/#payout-safety', 'en']);
    expect(byClass(byId(page.document, '2024-01-11-japanese-note'), 'untranslated')).toEqual([]);
  });

  it('each language version is canonical to itself and names the others with hreflang, and the switch links them', () => {
    const english = `${SITE}/status/incidents/${PAYOUTS}/`;
    const japanese = `${SITE}/status/ja/incidents/${PAYOUTS}/`;
    for (const [page, self] of [
      [englishPage(), english],
      [japanesePage(), japanese],
    ] as const) {
      expect(attr(canonical(page), 'href')).toBe(self);
      expect(hreflangs(page)).toEqual({ en: english, ja: japanese, 'x-default': english });
    }
    const switchLinks = byTag(one(byClass(englishPage().document, 'lang-switch'), 'language switch'), 'a');
    expect(switchLinks.map((a) => [attr(a, 'href'), attr(a, 'hreflang'), attr(a, 'lang'), text(a)])).toEqual([
      [`/status/ja/incidents/${PAYOUTS}/`, 'ja', 'ja', '日本語'],
    ]);
  });

  it('the 404 page exists in the default language only: no alternates, no switch', () => {
    const page = read(renderNotFoundPage(contextFor(content)));
    expectCompleteDocument(page);
    expect(hreflangs(page)).toEqual({});
    expect(byClass(page.document, 'lang-switch')).toEqual([]);
  });
});
