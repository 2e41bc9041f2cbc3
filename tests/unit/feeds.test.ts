import { getRssString } from '@astrojs/rss';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import type { Incident, SiteContent } from '../../src/lib/content/types.ts';
import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { buildAtomFeed, buildFeedEntry, buildJsonFeed, buildRssFeed, noticesNewestFirst, scopeNotices, type FeedContext } from '../../src/lib/outputs/feeds.ts';
import type { Locale } from '../../src/lib/core/states.ts';
import { makeConfig, makeIncident, ms } from './helpers.ts';
import { attr, elements, parseHtml, textContent } from '../support/html.ts';

const payouts = makeIncident('2018-04-12-payouts', {
  title: '出金の一時停止',
  summary: '出金を停止しています。',
  lang: 'ja',
  notices: {
    '2018-04-12-suspension': {
      type: 'suspension', date: '2018-04-12T18:00:00+09:00', title: '出金を一時停止しました',
      components: { payouts: 'suspended', payments: 'degraded' }, body: '本日18:00から**出金**を停止しています。',
    },
    '2018-04-13-update': { type: 'update', date: '2018-04-13T12:00:00+09:00', components: { payouts: 'suspended' }, body: '引き続き停止しています。' },
    '2018-04-15-resumption': { type: 'resumption', date: '2018-04-15T20:00:00+09:00', components: { payouts: 'operational' }, body: '出金を再開しました。' },
  },
});
// Its only notice is at the same instant as the payouts update (2018-04-13T03:00:00Z).
const dashboard = makeIncident('2018-04-13-dashboard', {
  title: '管理画面の遅延',
  lang: 'ja',
  notices: { '2018-04-13-suspension': { type: 'suspension', date: '2018-04-13T03:00:00Z', components: { dashboard: 'degraded' }, body: '管理画面が遅くなっています。' } },
});

function content(overrides: Record<string, unknown> = {}): SiteContent {
  return {
    config: makeConfig({ name: { ja: 'テスト ステータス', en: 'Test Status' }, defaultLocale: 'ja', locales: ['ja', 'en'], base: '/status/', ...overrides }),
    incidents: [payouts, dashboard],
    faq: [],
  };
}

function feed(locale: Locale, overrides: Partial<FeedContext> = {}): FeedContext {
  return { site: 'https://status.example.com', base: '/status/', locale, strings: locale === 'ja' ? ja : en, ...overrides };
}

describe('noticesNewestFirst', () => {
  it('orders all notices newest first, breaking ties by incident slug', () => {
    expect(noticesNewestFirst([dashboard, payouts]).map(({ incident, notice }) => `${incident.slug}#${notice.id}`)).toEqual([
      '2018-04-12-payouts#2018-04-15-resumption',
      '2018-04-12-payouts#2018-04-13-update',
      '2018-04-13-dashboard#2018-04-13-suspension',
      '2018-04-12-payouts#2018-04-12-suspension',
    ]);
  });

  it('breaks a tie within one incident by notice id, whatever the input order', () => {
    const tied = makeIncident('tied', {
      notices: {
        b: { type: 'update', date: '2018-04-13T12:00:00+09:00' },
        a: { type: 'update', date: '2018-04-13T03:00:00Z' },
        c: { type: 'suspension', date: '2018-04-12T12:00:00+09:00' },
      },
    });
    expect(noticesNewestFirst([tied]).map(({ notice }) => notice.id)).toEqual(['a', 'b', 'c']);
  });

  it('is empty without incidents', () => {
    expect(noticesNewestFirst([])).toEqual([]);
  });
});

/** The RSS item @astrojs/rss receives for one notice (what buildRssFeed makes of buildFeedEntry). */
function rssItem(incident: Incident, noticeId: string, site: SiteContent, context: FeedContext) {
  const options = buildRssFeed(site, { kind: 'incident', incident }, context);
  const items = options.items as { title: string; link: string; pubDate: Date; description: string; content: string; categories: string[] }[];
  const item = items.find((i) => i.link.endsWith(`#${noticeId}`));
  if (!item) throw new Error(`no item for ${noticeId}`);
  return item;
}

describe('feed items (RSS)', () => {
  const site = content();

  it('link to the notice permalink under the base path and are titled with the incident and the notice type', () => {
    expect(rssItem(payouts, '2018-04-12-suspension', site, feed('ja'))).toEqual({
      title: '出金の一時停止: 停止のお知らせ — 出金を一時停止しました',
      link: 'https://status.example.com/status/incidents/2018-04-12-payouts/#2018-04-12-suspension',
      pubDate: new Date(ms('2018-04-12T18:00:00+09:00')),
      description: '本日18:00から出金を停止しています。',
      content: '<p>本日18:00から<strong>出金</strong>を停止しています。</p>\n<ul><li>出金: 一時停止中</li><li>決済: 性能低下</li></ul>',
      categories: ['停止のお知らせ', '出金', '決済'],
    });
  });

  it('leave the notice headline out of the title when there is none', () => {
    expect(rssItem(payouts, '2018-04-13-update', site, feed('ja')).title).toBe('出金の一時停止: 続報');
  });

  it('list the states a resumption implies, not only the ones it names', () => {
    const item = rssItem(payouts, '2018-04-15-resumption', site, feed('ja'));
    expect(item.title).toBe('出金の一時停止: 再開のお知らせ');
    expect(item.categories).toEqual(['再開のお知らせ', '出金', '決済']);
    expect(item.content).toBe('<p>出金を再開しました。</p>\n<ul><li>出金: 正常</li><li>決済: 正常</li></ul>');
  });

  it.each([
    ['/', 'https://status.example.com/incidents/2018-04-12-payouts/#2018-04-13-update'],
    ['/status', 'https://status.example.com/status/incidents/2018-04-12-payouts/#2018-04-13-update'],
    ['/status/', 'https://status.example.com/status/incidents/2018-04-12-payouts/#2018-04-13-update'],
    ['/a/b/', 'https://status.example.com/a/b/incidents/2018-04-12-payouts/#2018-04-13-update'],
  ])('with base %j the link is %s', (base, expected) => {
    expect(rssItem(payouts, '2018-04-13-update', content({ base }), feed('ja', { base })).link).toBe(expected);
  });

  it('become permalink guids in the rendered RSS', async () => {
    const xml = await getRssString(buildRssFeed(site, { kind: 'site' }, feed('ja')));
    expect(xml).toContain('<guid isPermaLink="true">https://status.example.com/status/incidents/2018-04-12-payouts/#2018-04-12-suspension</guid>');
    expect(xml).toContain('<guid isPermaLink="true">https://status.example.com/status/incidents/2018-04-13-dashboard/#2018-04-13-suspension</guid>');
    expect(xml).toContain('<pubDate>Thu, 12 Apr 2018 09:00:00 GMT</pubDate>');
    expect(xml).not.toMatch(/<script/i);
  });
});

describe('buildFeedEntry', () => {
  const site = content();
  const [suspension] = payouts.notices;

  it('is the same entry for every format: permalink id, title, date, summary, categories, language', () => {
    const entry = buildFeedEntry(payouts, suspension!, site, feed('ja'));
    expect(entry).toMatchObject({
      id: 'https://status.example.com/status/incidents/2018-04-12-payouts/#2018-04-12-suspension',
      title: '出金の一時停止: 停止のお知らせ — 出金を一時停止しました',
      published: new Date(ms('2018-04-12T18:00:00+09:00')),
      summary: '本日18:00から出金を停止しています。',
      categories: ['停止のお知らせ', '出金', '決済'],
      lang: 'ja',
    });
  });

  it('in another locale: that locale’s labels and /<locale>/ link, the untranslated original marked with its language', () => {
    const entry = buildFeedEntry(payouts, suspension!, site, feed('en'));
    expect(entry.title).toBe('出金の一時停止: Suspension — 出金を一時停止しました');
    expect(entry.id).toBe('https://status.example.com/status/en/incidents/2018-04-12-payouts/#2018-04-12-suspension');
    expect(entry.categories).toEqual(['Suspension', 'Payouts', 'Payments']);
    expect(entry.lang).toBe('ja');
    expect(entry.html).toContain('<div lang="ja"><p>本日18:00から<strong>出金</strong>を停止しています。</p></div>');
    expect(entry.html).toContain('<ul><li>Payouts: Suspended</li><li>Payments: Degraded performance</li></ul>');
  });

  it('makes relative links in the body absolute, against the notice permalink', () => {
    const linked = makeIncident('2018-04-20-links', {
      lang: 'ja',
      notices: { s: { type: 'suspension', date: '2018-04-20T10:00:00+09:00', body: '[FAQ](/faq/) と [詳細](details/)' } },
    });
    const entry = buildFeedEntry(linked, linked.notices[0]!, { ...site, incidents: [linked] }, feed('ja'));
    expect(entry.html).toContain('href="https://status.example.com/faq/"');
    expect(entry.html).toContain('href="https://status.example.com/status/incidents/2018-04-20-links/details/"');
  });
});

describe('site feed', () => {
  const ids = (options: ReturnType<typeof buildRssFeed>) => (options.items as { link: string }[]).map((item) => item.link.split('#')[1]);

  it('lists every notice, newest first, under the default limit', () => {
    expect(ids(buildRssFeed(content(), { kind: 'site' }, feed('ja')))).toEqual(['2018-04-15-resumption', '2018-04-13-update', '2018-04-13-suspension', '2018-04-12-suspension']);
  });

  it('keeps only the newest feedLimit notices', () => {
    expect(ids(buildRssFeed(content({ feedLimit: 3 }), { kind: 'site' }, feed('ja')))).toEqual(['2018-04-15-resumption', '2018-04-13-update', '2018-04-13-suspension']);
    expect(ids(buildRssFeed(content({ feedLimit: 1 }), { kind: 'site' }, feed('ja')))).toEqual(['2018-04-15-resumption']);
    expect(scopeNotices(content({ feedLimit: 2 }), { kind: 'site' }).map(({ notice }) => notice.id)).toEqual(['2018-04-15-resumption', '2018-04-13-update']);
  });

  it('describes the channel in the feed locale with a self link', () => {
    const jaFeed = buildRssFeed(content(), { kind: 'site' }, feed('ja'));
    expect(jaFeed.title).toBe('テスト ステータス');
    expect(jaFeed.description).toBe(ja.feeds.description);
    expect(String(jaFeed.site)).toBe('https://status.example.com/status/');
    expect(jaFeed.customData).toBe('<language>ja</language><atom:link href="https://status.example.com/status/rss.xml" rel="self" type="application/rss+xml"/>');
    const enFeed = buildRssFeed(content({ description: { ja: '説明', en: 'About' } }), { kind: 'site' }, feed('en'));
    expect(enFeed.title).toBe('Test Status');
    expect(enFeed.description).toBe('About');
    expect(String(enFeed.site)).toBe('https://status.example.com/status/en/');
    expect(enFeed.customData).toBe('<language>en</language><atom:link href="https://status.example.com/status/en/rss.xml" rel="self" type="application/rss+xml"/>');
  });
});

describe('incident feed', () => {
  it('contains every notice of the incident, newest first, whatever feedLimit says', () => {
    const options = buildRssFeed(content({ feedLimit: 1 }), { kind: 'incident', incident: payouts }, feed('ja'));
    expect((options.items as { link: string }[]).map((item) => item.link)).toEqual([
      'https://status.example.com/status/incidents/2018-04-12-payouts/#2018-04-15-resumption',
      'https://status.example.com/status/incidents/2018-04-12-payouts/#2018-04-13-update',
      'https://status.example.com/status/incidents/2018-04-12-payouts/#2018-04-12-suspension',
    ]);
    expect(options.title).toBe('出金の一時停止 — テスト ステータス');
    expect(options.description).toBe('出金を停止しています。');
    expect(String(options.site)).toBe('https://status.example.com/status/incidents/2018-04-12-payouts/');
    expect(options.customData).toContain('href="https://status.example.com/status/incidents/2018-04-12-payouts/rss.xml"');
  });
});

describe('links in feed bodies', () => {
  // Code that shows markup is text: it must reach the reader as written, while the real links become absolute.
  const body = [
    'Inline: `src="/img/a.png"` and `<a href="/faq/">`.',
    '',
    '```html',
    '<img src="/img/a.png" srcset="/img/a.png 2x">',
    '<a href="details/">details</a>',
    '```',
    '',
    '![A chart of the failed payouts](chart.png) [the FAQ](/faq/) [details](report.pdf) [back up](#top)',
    '',
    '<picture><source srcset="chart.png 1x, chart@2x.png 2x"><img src="chart.png" alt="The same chart"></picture>',
  ].join('\n');
  const coded = makeIncident('2018-04-21-code', {
    lang: 'ja',
    notices: { '2018-04-21-suspension': { type: 'suspension', date: '2018-04-21T10:00:00+09:00', components: { payouts: 'suspended' }, body } },
  });
  const site = { ...content(), incidents: [coded] };
  const files = 'https://status.example.com/status/incidents/2018-04-21-code/';

  /** The HTML of the one entry, as a feed client reads it from each format. */
  async function entryHtml(locale: Locale): Promise<Record<'rss' | 'atom' | 'json', string>> {
    const parser = new Parser();
    const rss = await parser.parseString(await getRssString(buildRssFeed(site, { kind: 'site' }, feed(locale))));
    const atom = await parser.parseString(buildAtomFeed(site, { kind: 'site' }, feed(locale)));
    const json = buildJsonFeed(site, { kind: 'site' }, feed(locale)) as { items: { content_html: string }[] };
    return {
      rss: (rss.items[0] as Record<string, string>)['content:encoded']!,
      atom: atom.items[0]!.content!,
      json: JSON.parse(JSON.stringify(json)).items[0].content_html,
    };
  }

  const texts = (html: string, tagName: string) => elements(parseHtml(html)).filter((e) => e.tagName === tagName).map((e) => textContent(e));
  const urls = (html: string) => elements(parseHtml(html)).flatMap((e) => ['href', 'src', 'srcset'].map((name) => attr(e, name)).filter((v) => v !== undefined));

  it.each(['ja', 'en'] as const)('leave code spans and code blocks as written, in RSS, Atom and JSON Feed (%s)', async (locale) => {
    for (const [format, html] of Object.entries(await entryHtml(locale))) {
      expect(texts(html, 'code'), format).toEqual([
        'src="/img/a.png"',
        '<a href="/faq/">',
        '<img src="/img/a.png" srcset="/img/a.png 2x">\n<a href="details/">details</a>\n',
      ]);
      expect(html, format).not.toContain('https://status.example.com/img/');
    }
  });

  it('escape the RSS description, which readers take as HTML, so the code the summary quotes stays text', async () => {
    const xml = await getRssString(buildRssFeed(site, { kind: 'site' }, feed('ja')));
    const description = new XMLParser().parse(xml).rss.channel.item.description as string;
    expect(description).toContain('&lt;img src=&quot;/img/a.png&quot;');
    const html = parseHtml(description);
    expect(elements(html).filter((e) => ['img', 'a'].includes(e.tagName))).toEqual([]);
    expect(textContent(elements(html).find((e) => e.tagName === 'body')!)).toContain('Inline: src="/img/a.png" and <a href="/faq/">.');
  });

  it.each(['ja', 'en'] as const)('make every real link absolute, the files beside the notice at their one address (%s)', async (locale) => {
    const page = `https://status.example.com/status/${locale === 'en' ? 'en/' : ''}incidents/2018-04-21-code/`;
    for (const [format, html] of Object.entries(await entryHtml(locale))) {
      expect(urls(html), format).toEqual([
        `${files}chart.png`,
        'https://status.example.com/faq/',
        `${files}report.pdf`,
        `${page}#top`,
        `${files}chart.png 1x, ${files}chart@2x.png 2x`,
        `${files}chart.png`,
      ]);
    }
  });
});
