import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DefaultTreeAdapterTypes } from 'parse5';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import type { ComponentState, Locale } from '../../src/lib/core/states.ts';
import { createRenderContext } from '../../src/lib/render/context.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/lib/render/csp.ts';
import { renderComponentPage } from '../../src/lib/render/pages/component.ts';
import { renderEmbedPage } from '../../src/lib/render/pages/embed.ts';
import { renderHomePage } from '../../src/lib/render/pages/home.ts';
import { attr, elements, parseHtml, type HtmlElement } from '../support/html.ts';
import { findExecutableMarkup } from '../support/safety.ts';
import { makeConfig, makeIncident, ms, projectRoot } from './helpers.ts';

/**
 * The home, component and embed pages rendered to strings without a build:
 * content loaded from a fixture site, a render context made by hand.
 */

const sites = join(projectRoot, 'tests/fixtures/sites');
// 10:00 PST on 5 March 2024: the slow-logins incident is open, the payouts one resolved in January.
const NOW = ms('2024-03-05T10:00:00-08:00');

function context({ root = join(sites, 'basic'), locale, drafts = false }: { root?: string; locale?: Locale; drafts?: boolean } = {}) {
  const content = loadSiteContentOrThrow(root, { includeDrafts: drafts });
  return createRenderContext(content, locale ?? content.config.defaultLocale, {
    base: '/status',
    site: 'https://example.org',
    now: NOW,
    drafts,
    assets: { styles: ['/x.css'], scripts: [], searchScripts: [] },
  });
}

function text(node: DefaultTreeAdapterTypes.Node): string {
  if ('value' in node && node.nodeName === '#text') return node.value;
  return 'childNodes' in node ? node.childNodes.map(text).join('') : '';
}

/** The document's <title> (not the tooltips of the bars, which are SVG titles). */
const isDocumentTitle = (e: HtmlElement) => e.tagName === 'title' && e.namespaceURI === 'http://www.w3.org/1999/xhtml';

function page(html: string) {
  const all = elements(parseHtml(html));
  const select = (test: (element: HtmlElement) => boolean) => all.filter(test);
  const byClass = (name: string) => select((e) => (attr(e, 'class') ?? '').split(' ').includes(name));
  const one = (test: (element: HtmlElement) => boolean) => {
    const found = select(test);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  return { all, select, byClass, one };
}

describe('renderHomePage', () => {
  const html = renderHomePage(context());
  const { all, select, byClass, one } = page(html);

  it('is a whole document in the site language, with the layout stylesheet and no second one', () => {
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(select((e) => e.tagName === 'link' && attr(e, 'rel') === 'stylesheet').map((e) => attr(e, 'href'))).toEqual(['/x.css']);
    expect(text(one(isDocumentTitle))).toBe('Fixture Pay Status');
  });

  it('leads with the banner naming the affected service and since when', () => {
    const banner = one((e) => e.tagName === 'h1');
    expect(attr(banner, 'class')).toBe('banner banner--degraded');
    expect(text(banner)).toBe('Login: Degraded performance since Thu, 1 Feb 2024 08:00 PST');
    expect(attr(one((e) => e.tagName === 'meta' && attr(e, 'name') === 'description'), 'content')).toBe(text(banner));
  });

  it('lists every component with its state now', () => {
    const items = byClass('component');
    expect(byClass('component-name').map(text)).toEqual(['Payments', 'Payouts', 'Login']);
    expect(items.map((li) => attr(li, 'class'))).toEqual([
      'component component--operational',
      'component component--operational',
      'component component--degraded',
    ]);
    const since = byClass('since');
    expect(since).toHaveLength(1);
    expect(text(since[0]!)).toBe('since Thu, 1 Feb 2024 08:00 PST');
  });

  it('shows each component bars hidden from assistive technology, and links each to its affected days, named', () => {
    const bars = byClass('av-bars');
    expect(bars).toHaveLength(3);
    for (const svg of bars) expect(attr(svg, 'aria-hidden')).toBe('true');
    // `/` stays small however busy the 90 days were: no tooltip per bar, no list; a link to the list on the component's page.
    expect(bars.flatMap((svg) => elements(svg)).filter((e) => e.tagName === 'title')).toHaveLength(0);
    expect(select((e) => e.tagName === 'details')).toHaveLength(0);
    const links = byClass('av-days').map((p) => elements(p).find((e) => e.tagName === 'a')!);
    expect(links.map(text)).toEqual(['Payments: Days affected (2)', 'Payouts: Days affected (3)', 'Login: Days affected (34)']);
    expect(links.map((a) => attr(a, 'href'))).toEqual([
      '/status/components/payments/#_availability',
      '/status/components/payouts/#_availability',
      '/status/components/login/#_availability',
    ]);
    expect(byClass('av-up').map(text)).toEqual(['Uptime (90 days): 100.00%', 'Uptime (90 days): 98.05%', 'Uptime (90 days): 100.00%']);
    expect(byClass('av-uptime')).toHaveLength(0);
  });

  it("lists a component's affected days on its own page, under the heading / links to", () => {
    const component = page(renderComponentPage(context(), 'payouts'));
    expect(attr(component.one((e) => e.tagName === 'h2' && attr(e, 'id') === '_availability'), 'id')).toBe('_availability');
    const list = component.one((e) => e.tagName === 'details');
    expect(attr(list, 'open')).toBe('');
    expect(text(list.childNodes[0]!)).toBe('Payouts: Days affected (3)');
    expect(text(list)).toContain('Wed, 10 Jan 2024 – Fri, 12 Jan 2024 ■ Suspended 1 day, 18 hours affected — Payouts stopped');
    expect(elements(list).filter((e) => e.tagName === 'time').map((e) => attr(e, 'datetime'))).toEqual(['2024-01-10', '2024-01-12']);
    // Each affected run of days has its tooltip there.
    expect(component.byClass('av-bars').flatMap((svg) => elements(svg)).filter((e) => e.tagName === 'title').length).toBeGreaterThan(0);
  });

  it('shows the open incident with its latest notice and the promised next update', () => {
    const card = one((e) => (attr(e, 'class') ?? '').includes('incident-card--open'));
    expect(attr(card, 'aria-labelledby')).toBe('_open-2024-02-01-login-slow');
    const inside = elements(card);
    expect(inside.filter((e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toEqual([
      '/status/incidents/2024-02-01-login-slow/',
      '/status/incidents/2024-02-01-login-slow/#2024-02-01-suspension',
    ]);
    expect(text(card)).toContain('Slow logins');
    expect(text(card)).toContain('Affected services: Login');
    expect(text(inside.find((e) => e.tagName === 'h4')!)).toBe('Latest notice: Suspension');
    expect(text(inside.find((e) => e.tagName === 'dl')!)).toBe('PostedThu, 1 Feb 2024 08:00 PSTNext updateThu, 1 Feb 2024 10:00 PST');
  });

  it('lists the resolved incident with its duration', () => {
    const resolved = one((e) => e.tagName === 'section' && attr(e, 'aria-labelledby') === '_resolved');
    expect(text(resolved)).toContain('Payouts stoppedWed, 10 Jan 2024 18:00 PST – Fri, 12 Jan 2024 12:00 PST (1 day, 18 hours)');
  });

  it('puts the base path in every site link', () => {
    const links = all.filter((e) => e.tagName === 'a').map((a) => attr(a, 'href')!);
    const local = links.filter((href) => href.startsWith('/'));
    expect(local.length).toBeGreaterThan(10);
    expect(local.filter((href) => !href.startsWith('/status/'))).toEqual([]);
    expect(links).toContain('/status/components/login/');
    expect(links).toContain('/status/history/');
  });

  it('marks a draft preview', () => {
    expect(html).not.toContain('DRAFT');
    const draft = renderHomePage(context({ drafts: true }));
    const { one: oneDraft, byClass: byClassDraft } = page(draft);
    expect(text(oneDraft(isDocumentTitle))).toBe('[DRAFT] Fixture Pay Status');
    expect(byClassDraft('draft-build')).toHaveLength(1);
    expect(attr(oneDraft((e) => e.tagName === 'meta' && attr(e, 'name') === 'robots'), 'content')).toBe('noindex, nofollow');
    // The draft incident (a major outage of payments since 08:00 today) is shown in the preview.
    expect(draft).toContain('DRAFT-INCIDENT-MARKER');
  });
});

describe('renderHomePage in each language of a bilingual site', () => {
  const render = (locale: Locale) => renderHomePage(context({ root: projectRoot, locale }));

  it('renders the English page in English and the Japanese one in Japanese', () => {
    const en = page(render('en'));
    const ja = page(render('ja'));
    expect(attr(en.one((e) => e.tagName === 'html'), 'lang')).toBe('en');
    expect(attr(ja.one((e) => e.tagName === 'html'), 'lang')).toBe('ja');
    expect(en.byClass('component-name').map(text)).toEqual(['Registration', 'Payments', 'Payouts', 'Dashboard']);
    expect(ja.byClass('component-name').map(text)).toEqual(['新規登録', '決済', '出金', '管理画面']);
    expect(text(en.one((e) => e.tagName === 'h2' && attr(e, 'id') === '_components'))).toBe('Services');
    expect(text(ja.one((e) => e.tagName === 'h2' && attr(e, 'id') === '_components'))).toBe('サービスの状態');
    // Links stay in the reader's language.
    expect(en.byClass('component-name').map((a) => attr(a, 'href'))).toContain('/status/en/components/payments/');
  });

  it("joins lists with the language's separator", () => {
    const opened = (slug: string, date: string, components: Record<string, ComponentState>) =>
      makeIncident(slug, { notices: { s: { type: 'suspension', date, components } } });
    const both = opened('2024-03-05-both', '2024-03-05T09:00:00+09:00', { payments: 'suspended', payouts: 'suspended' });
    const slow = opened('2024-03-05-slow', '2024-03-05T10:00:00+09:00', { payments: 'degraded' });
    const content = { config: makeConfig({ locales: ['en', 'ja'] }), incidents: [slow, both], faq: [] };
    const settings = { base: '/', site: 'https://example.org', now: ms('2024-03-05T12:00:00+09:00'), drafts: false, assets: { styles: [], scripts: [], searchScripts: [] } };
    for (const [locale, services] of [['en', 'Payments, Payouts'], ['ja', '決済、出金']] as const) {
      const ctx = createRenderContext(content, locale, settings);
      const { byClass } = page(renderHomePage(ctx));
      expect(byClass('affected').map(text)).toContain(`${locale === 'en' ? 'Affected services' : '影響を受けたサービス'}: ${services}`);
      // The affected day of payments, with both incidents, on the component's page.
      const row = text(elements(page(renderComponentPage(ctx, 'payments')).byClass('av-days')[0]!).find((e) => e.tagName === 'li')!);
      expect(row).toMatch(locale === 'en' ? /Incident 2024-03-05-both, Incident 2024-03-05-slow$/ : /Incident 2024-03-05-both、Incident 2024-03-05-slow$/);
    }
  });
});

describe('renderComponentPage', () => {
  const html = renderComponentPage(context(), 'login');
  const { all, byClass, one } = page(html);

  it('names the component and its state since when', () => {
    expect(text(one((e) => e.tagName === 'h1'))).toBe('Login');
    expect(text(one(isDocumentTitle))).toBe('Login | Fixture Pay Status');
    expect(text(byClass('component-now')[0]!)).toBe('▲ Degraded performance since Thu, 1 Feb 2024 08:00 PST');
  });

  it('advertises and links its own feed', () => {
    const feed = one((e) => e.tagName === 'link' && attr(e, 'title') === 'Login (RSS)');
    expect(attr(feed, 'href')).toBe('https://example.org/status/components/login/rss.xml');
    expect(all.filter((e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toContain('/status/components/login/rss.xml');
  });

  it('shows the detailed availability: three uptime figures, the list open, how it is counted', () => {
    expect(byClass('av-bars')).toHaveLength(1);
    expect(byClass('av-up')).toHaveLength(0);
    expect(elements(one((e) => attr(e, 'class') === 'av-uptime')).filter((e) => e.tagName === 'dt').map(text)).toEqual([
      'Uptime, last 30 days',
      'Uptime, last 90 days',
      'Uptime, last 365 days',
    ]);
    const details = one((e) => e.tagName === 'details');
    expect(attr(details, 'open')).toBe('');
    expect(text(details)).toContain('Thu, 1 Feb 2024 – Tue, 5 Mar 2024 ▲ Degraded performance 33 days, 2 hours affected — Slow logins');
    expect(byClass('av-method')).toHaveLength(1);
  });

  it('lists the incidents that touched it, with the base path', () => {
    const list = one((e) => e.tagName === 'ul' && attr(e, 'class') === 'incident-list');
    expect(elements(list).filter((e) => e.tagName === 'a').map((a) => attr(a, 'href'))).toEqual(['/status/incidents/2024-02-01-login-slow/']);
    expect(text(list)).toContain('Ongoing');
    const payouts = page(renderComponentPage(context(), 'payouts'));
    expect(text(payouts.one((e) => e.tagName === 'ul' && attr(e, 'class') === 'incident-list'))).toContain('Payouts stopped');
    expect(payouts.byClass('since')).toHaveLength(0);
  });

  it('escapes hostile names and descriptions', () => {
    const ctx = context({ root: join(sites, 'hostile') });
    for (const component of ctx.config.components) expect(findExecutableMarkup(renderComponentPage(ctx, component.id))).toEqual([]);
    expect(findExecutableMarkup(renderHomePage(ctx))).toEqual([]);
    expect(findExecutableMarkup(renderEmbedPage(ctx))).toEqual([]);
  });
});

describe('renderEmbedPage', () => {
  const html = renderEmbedPage(context());
  const { all, select, one } = page(html);

  it('is its own small document: the policy, its own stylesheet, no script, not indexed', () => {
    expect(attr(one((e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy'), 'content')).toBe(CONTENT_SECURITY_POLICY);
    // Written as is (its quotes not escaped), as this page always printed it: the constant must not need escaping.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/["&<>]/);
    expect(html).toContain(`content="${CONTENT_SECURITY_POLICY}"`);
    expect(select((e) => e.tagName === 'link').map((e) => attr(e, 'href'))).toEqual(['/status/embed.css']);
    expect(select((e) => e.tagName === 'script' || e.tagName === 'header' || e.tagName === 'footer')).toEqual([]);
    expect(attr(one((e) => e.tagName === 'meta' && attr(e, 'name') === 'robots'), 'content')).toBe('noindex');
  });

  it('shows the banner and the open incidents, linking out of the frame with absolute URLs', () => {
    expect(text(one((e) => e.tagName === 'h1'))).toBe('Login: Degraded performance since Thu, 1 Feb 2024 08:00 PST');
    const links = all.filter((e) => e.tagName === 'a');
    expect(links.map((a) => [attr(a, 'href'), text(a)])).toEqual([
      ['https://example.org/status/', 'Login: Degraded performance since Thu, 1 Feb 2024 08:00 PST'],
      ['https://example.org/status/incidents/2024-02-01-login-slow/', 'Slow logins'],
      ['https://example.org/status/', 'Full status page'],
    ]);
    for (const a of links) expect([attr(a, 'target'), attr(a, 'rel')]).toEqual(['_blank', 'noopener']);
  });
});
