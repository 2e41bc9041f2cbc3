import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildSite, projectRoot, type BuildResult } from '../support/build.ts';
import { serveDir, type StaticServer } from '../support/serve.ts';
import { launchChromium, skipBrowserTests, targetState, VIEWPORTS } from '../support/browser.ts';
import { hostHeaders } from '../support/headers-file.ts';
import { indexedWords, readSearchIndex } from '../support/search-index.ts';
import { formatVnuErrors, runVnu } from '../support/validators.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import { deriveIncidentTimeline } from '../../src/lib/model/timeline.ts';
import { ja } from '../../src/i18n/ja.ts';
import { en } from '../../src/i18n/en.ts';

// Search in real Chromium over the built example (at the root and under a
// base path) and the basic fixture (a public build and a draft preview, for
// its draft incident and draft notice), each served with its _headers as a
// host would: type, see the notice, click, land on its anchor; ?q= links;
// Japanese words inside longer words; English stems; filters; drafts;
// without JavaScript; the index and WebAssembly only on the search page.

const content = loadSiteContentOrThrow(projectRoot);
const BASIC = join(projectRoot, 'tests/fixtures/sites/basic');
const SLUG = '2018-04-12-payouts-suspended';
/** The notice of 14 April: the only one about the weekend (週末 / weekend). */
const WEEKEND = '2018-04-14-update';

interface Site {
  build: BuildResult;
  server: StaticServer;
}

describe.skipIf(skipBrowserTests)('search in Chromium', () => {
  const sites: Partial<Record<'example' | 'underBase' | 'basic' | 'drafts', Site>> = {};
  let browser: Browser;

  beforeAll(async () => {
    const builds: Record<keyof typeof sites, [string, Parameters<typeof buildSite>[1], string]> = {
      example: [projectRoot, {}, '/'],
      underBase: [projectRoot, { args: ['--base', '/status', '--site', 'https://search.example.org'] }, '/status/'],
      basic: [BASIC, {}, '/'],
      drafts: [BASIC, { env: { SHIRASE_DRAFTS: '1' } }, '/'],
    };
    for (const [name, [root, options, base]] of Object.entries(builds)) {
      const build = buildSite(root, options);
      if (build.status !== 0) throw new Error(`${name} build failed:\n${build.stderr}`);
      // Served like a host that reads _headers (Netlify, Cloudflare Pages): its Content-Security-Policy applies too.
      sites[name as keyof typeof builds] = { build, server: await serveDir(build.outDir, { base, headers: hostHeaders(build.outDir) }) };
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const site of Object.values(sites)) {
      await site.server.close();
      rmSync(site.build.outDir, { recursive: true, force: true });
    }
  });

  const site = (name: keyof typeof sites) => sites[name]!;

  async function withPage<T>(
    run: (page: Page, context: BrowserContext) => Promise<T>,
    options: { javaScriptEnabled?: boolean; expectedConsoleErrors?: RegExp } = {},
  ): Promise<T> {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const result = await run(page, context);
      // A CSP violation (the index, the WebAssembly, the worker) shows up here; a test that makes a load fail
      // names the errors it expects, and only those pass.
      const unexpected = errors.filter((error) => !options.expectedConsoleErrors?.test(error));
      expect(unexpected, unexpected.join('\n')).toEqual([]);
      return result;
    } finally {
      await context.close();
    }
  }

  /** Waits until the search has run (its status says how many, or none) and returns the results' links. */
  async function results(page: Page): Promise<string[]> {
    const done = (text: string) => /\d|見つかりません|No notices/.test(text);
    await expect.poll(async () => done(await page.locator('#_search-status').innerText()), { message: 'the search finished', timeout: 15_000 }).toBe(true);
    return page.locator('#_search-results h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  }

  async function type(page: Page, query: string): Promise<string[]> {
    await page.locator('#_q').fill(query);
    return results(page);
  }

  for (const [locale, prefix, query] of [['ja', '', '週末'], ['en', '/en', 'weekend']] as const) {
    it(`(${locale}) typing a query on ${prefix}/search/ lists the notice; clicking it lands on the notice's anchor`, async () => {
      await withPage(async (page) => {
        const { server } = site('example');
        await page.goto(`${server.origin}${prefix}/search/`, { waitUntil: 'load' });
        await expect.poll(() => page.locator('#_q').isVisible()).toBe(true);
        const links = await type(page, query);
        const target = `${prefix}/incidents/${SLUG}/#${WEEKEND}`;
        expect(links).toEqual([target]);
        const item = page.locator('#_search-results li').first();
        const strings = locale === 'ja' ? ja : en;
        // The incident, the notice's type and time in the site's zone, its services, the excerpt with the match marked.
        const meta = await item.locator('.search-result-meta').innerText();
        expect(await item.locator('h2').innerText()).toContain(strings.noticeTypes.update);
        expect(meta).toContain(locale === 'ja' ? '2018年4月14日(土) 12:00 JST' : 'Sat, 14 Apr 2018 12:00 JST');
        expect(meta).toContain(locale === 'ja' ? '新規登録、決済、出金、管理画面' : 'Registration, Payments, Payouts, Dashboard');
        const marks = await item.locator('.search-result-excerpt mark').allInnerTexts();
        expect(marks.some((mark) => mark.toLowerCase().startsWith(query)), marks.join()).toBe(true);
        expect(await page.locator('#_search-status').innerText()).toBe(strings.search.resultCount.one.replace('{count}', '1'));
        // The address keeps the search, so it can be pasted.
        expect(new URL(page.url()).searchParams.get('q')).toBe(query);
        await item.locator('h2 a').click();
        await page.waitForURL(`${server.origin}${target}`);
        await expect.poll(async () => (await targetState(page, WEEKEND, 'article.notice')).topInViewport).toBe(true);
        expect((await targetState(page, WEEKEND, 'article.notice')).matchesTarget).toBe(true);
      });
    });
  }

  it('a ?q= link fills the box and runs the search; filters in the link are chosen too', async () => {
    await withPage(async (page) => {
      const { server } = site('example');
      await page.goto(`${server.origin}/search/?q=${encodeURIComponent('週末')}`, { waitUntil: 'load' });
      expect(await results(page)).toEqual([`/incidents/${SLUG}/#${WEEKEND}`]);
      expect(await page.locator('#_q').inputValue()).toBe('週末');
      await page.goto(`${server.origin}/search/?q=${encodeURIComponent('出金')}&type=resumption`, { waitUntil: 'load' });
      expect(await page.locator('#_f-type').inputValue()).toBe('resumption');
      const links = await results(page);
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((href) => href.endsWith('-resumption'))).toBe(true);
    });
  });

  it('finds a Japanese word inside a longer word (審査 in 加盟店審査) and English words by their stem (suspend: suspended)', async () => {
    await withPage(async (page) => {
      const { server } = site('example');
      await page.goto(`${server.origin}/search/?q=${encodeURIComponent('審査')}`, { waitUntil: 'load' });
      expect(await results(page)).toEqual([`/incidents/${SLUG}/#2018-04-13-update`]);
      // The only 審査 of the site is the end of 加盟店審査: nothing but word segmentation can find it.
      const excerpt = await page.locator('#_search-results .search-result-excerpt').innerText();
      expect(excerpt).toContain('加盟店審査');
      await page.goto(`${server.origin}/en/search/?q=suspend`, { waitUntil: 'load' });
      const links = await results(page);
      expect(links).toContain(`/en/incidents/${SLUG}/#2018-04-12-suspension`);
      const marks = await page.locator('#_search-results mark').allInnerTexts();
      expect(marks.some((mark) => /^suspended/i.test(mark))).toBe(true);
    });
  });

  it('filters narrow the results to the notices of that type, of incidents affecting that service, and can be undone', async () => {
    await withPage(async (page) => {
      const { server } = site('example');
      await page.goto(`${server.origin}/search/`, { waitUntil: 'load' });
      const all = await type(page, '出金');
      await page.locator('#_f-type').selectOption('resumption');
      const resumptions = await results(page);
      expect(resumptions.length).toBeGreaterThan(0);
      expect(resumptions.length).toBeLessThan(all.length);
      const resumptionIds = content.incidents.flatMap((i) => i.notices.filter((n) => n.type === 'resumption').map((n) => `/incidents/${i.slug}/#${n.id}`));
      expect(resumptions.every((href) => resumptionIds.includes(href))).toBe(true);
      expect(new URL(page.url()).searchParams.get('type')).toBe('resumption');

      await page.locator('#_f-type').selectOption('');
      await page.locator('#_f-component').selectOption('dashboard');
      const dashboard = await results(page);
      expect(dashboard.length).toBeLessThan(all.length);
      const affectsDashboard = new Set(content.incidents.filter((i) => deriveIncidentTimeline(i).affected.includes('dashboard')).map((i) => `/incidents/${i.slug}/`));
      const dashboardFaq = content.faq.filter((f) => f.components.includes('dashboard')).map((f) => `/faq/#${f.id}`);
      for (const href of dashboard) expect(affectsDashboard.has(href.slice(0, href.indexOf('#') + 1).replace(/#$/, '')) || dashboardFaq.includes(href), href).toBe(true);
      expect(dashboard.some((href) => href.startsWith('/faq/#'))).toBe(true);

      await page.locator('#_f-component').selectOption('');
      expect(await results(page)).toEqual(all);
    });
  });

  it('works under a base path: the index, the results and the links carry /status/', async () => {
    await withPage(async (page) => {
      const { server } = site('underBase');
      await page.goto(`${server.root}search/?q=${encodeURIComponent('週末')}`, { waitUntil: 'load' });
      const target = `/status/incidents/${SLUG}/#${WEEKEND}`;
      expect(await results(page)).toEqual([target]);
      await page.locator('#_search-results h2 a').click();
      await page.waitForURL(`${server.origin}${target}`);
      expect((await targetState(page, WEEKEND, 'article.notice')).matchesTarget).toBe(true);
      expect(server.requests.filter((path) => path.includes('pagefind/')).every((path) => path.startsWith('/status/pagefind/'))).toBe(true);
    });
  });

  it("finds nothing of a draft on the public site; the draft preview finds it, marked DRAFT", async () => {
    for (const marker of ['DRAFT-NOTICE-MARKER', 'DRAFT-INCIDENT-MARKER']) {
      // Not in the public index at all…
      expect(readSearchIndex(site('basic').build.outDir).some((page) => JSON.stringify(page).includes(marker)), marker).toBe(false);
      await withPage(async (page) => {
        await page.goto(`${site('basic').server.origin}/search/?q=${marker}`, { waitUntil: 'load' });
        expect(await results(page), marker).toEqual([]);
        expect(await page.locator('#_search-status').innerText()).toBe(en.search.noResults);
      });
      // …and found in the draft preview, whose titles say DRAFT.
      await withPage(async (page) => {
        await page.goto(`${site('drafts').server.origin}/search/?q=${marker}`, { waitUntil: 'load' });
        expect((await results(page)).length, marker).toBeGreaterThan(0);
        expect(await page.locator('#_search-results li').first().innerText()).toContain('DRAFT');
      });
    }
  });

  it('without JavaScript: the header box lands on the search page, which says search needs JavaScript and links to the history', async () => {
    await withPage(
      async (page) => {
        const { server } = site('example');
        await page.goto(`${server.origin}/en/`, { waitUntil: 'load' });
        await page.locator('#_site-q').fill('payouts');
        await page.locator('.site-search button').click();
        await page.waitForURL(`${server.origin}/en/search/?q=payouts`);
        await expect.poll(() => page.locator('main noscript p, main .search-needs-js').first().isVisible()).toBe(true);
        const note = page.locator('main .search-needs-js');
        expect(await note.innerText()).toContain(en.search.needsJavaScript);
        await note.locator('a').click();
        await page.waitForURL(`${server.origin}/en/history/`);
      },
      { javaScriptEnabled: false },
    );
  });

  it('the header box on any page runs the search there with JavaScript', async () => {
    await withPage(async (page) => {
      const { server } = site('example');
      await page.goto(`${server.origin}/faq/`, { waitUntil: 'load' });
      await page.locator('#_site-q').fill('週末');
      await page.locator('#_site-q').press('Enter');
      await page.waitForURL(/\/search\/\?q=/);
      expect(await results(page)).toEqual([`/incidents/${SLUG}/#${WEEKEND}`]);
    });
  });

  it('searches the parts of the index as one: an answer of the recent part and notices of the archive, in one list', async () => {
    await withPage(async (page) => {
      const { server } = site('example');
      const index = readSearchIndex(site('example').build.outDir);
      const partOf = (url: string) => index.find((p) => p.url === url.replace(/#.*/, ''))?.part;
      // At the tests' "now" (2023) the resolved incidents of 2018 are in the archive (its part of 2018); the FAQ is
      // always recent.
      expect(partOf(`/incidents/${SLUG}/`)).toBe('archive-2018');
      expect(partOf('/faq/')).toBe('recent');
      const before = server.requests.length;
      await page.goto(`${server.origin}/search/?q=${encodeURIComponent('入金')}`, { waitUntil: 'load' });
      const found = await results(page);
      expect(found.some((url) => url.startsWith('/faq/#'))).toBe(true);
      expect(found.some((url) => url.startsWith(`/incidents/${SLUG}/`))).toBe(true);
      // Pagefind's code and WebAssembly come from the recent part alone; the archive brings its index.
      const loaded = server.requests.slice(before).filter((path) => path.startsWith('/pagefind/'));
      expect(loaded.some((path) => path.startsWith('/pagefind/archive-2018/pagefind-entry.json'))).toBe(true);
      expect(loaded.filter((path) => /\/(pagefind\.js|pagefind-worker\.js|wasm\.)/.test(path) && !path.startsWith('/pagefind/recent/'))).toEqual([]);
    });
  });

  it('lets a part answer only when it has the words: no stand-in matches of shorter words from the other part', async () => {
    await withPage(async (page) => {
      const { server } = site('example');
      // "outage" is only in the open incident (recent part); the archive has shorter words it begins with ("out"),
      // which Pagefind would answer with for it (checked on the index itself, so that an edit of the example cannot
      // make this test pass without testing anything). "weekend" is only in the archive; the FAQ has "we".
      const words = (part: string) => indexedWords(join(site('example').build.outDir, 'pagefind', part)).get('en') ?? [];
      const [recent, archive] = [words('recent'), words('archive-2018')];
      expect(archive).toContain('out');
      expect(archive.filter((word) => word.startsWith('outag'))).toEqual([]);
      expect(recent.some((word) => word.startsWith('outag'))).toBe(true);
      await page.goto(`${server.origin}/en/search/?q=outage`, { waitUntil: 'load' });
      const outage = await results(page);
      expect(outage.length).toBeGreaterThan(0);
      expect(outage.every((url) => url.startsWith('/en/incidents/2018-09-03-payments-degraded/')), outage.join('\n')).toBe(true);
      await page.goto(`${server.origin}/en/search/?q=weekend`, { waitUntil: 'load' });
      expect(await results(page)).toEqual([`/en/incidents/${SLUG}/#${WEEKEND}`]);
      // A word the site does not have anywhere: Pagefind's shorter words from every part, as with one index.
      await page.goto(`${server.origin}/en/search/?q=payoutsxyz`, { waitUntil: 'load' });
      expect((await results(page)).some((url) => url.startsWith(`/en/incidents/${SLUG}/`))).toBe(true);
      // An exact phrase (in quotes) of the archive: the record of its words cannot vouch for a phrase, and need not.
      await page.goto(`${server.origin}/en/search/?q=${encodeURIComponent('"over the weekend"')}`, { waitUntil: 'load' });
      expect(await results(page)).toEqual([`/en/incidents/${SLUG}/#${WEEKEND}`]);
    });
  });

  it('still searches the recent part when the archive cannot be loaded (a page kept from an earlier build)', async () => {
    await withPage(async (page, context) => {
      const { server } = site('example');
      await context.route('**/pagefind/archive-*/**', (route) => route.fulfill({ status: 404, body: '' }));
      await page.goto(`${server.origin}/en/search/?q=payouts`, { waitUntil: 'load' });
      const found = await results(page);
      expect(found.some((url) => url.startsWith('/en/faq/#'))).toBe(true);
      expect(found.some((url) => url.startsWith(`/en/incidents/${SLUG}/`))).toBe(false);
    }, { expectedConsoleErrors: /^Failed to load resource/ });
  });

  it('only the search page loads the index and may compile WebAssembly', async () => {
    await withPage(async (page) => {
      const { server } = site('example');
      const compiles = () =>
        page.evaluate(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => true, () => false));
      const before = server.requests.length;
      for (const path of ['/', `/incidents/${SLUG}/`, '/en/faq/']) {
        await page.goto(server.origin + path, { waitUntil: 'load' });
        expect(await compiles(), path).toBe(false);
      }
      expect(server.requests.slice(before).filter((path) => path.includes('/pagefind/') || /\/_astro\/search\./.test(path))).toEqual([]);
      await page.goto(`${server.origin}/search/`, { waitUntil: 'load' });
      await expect.poll(() => server.requests.some((path) => path === '/pagefind/recent/pagefind.js')).toBe(true);
      expect(await compiles()).toBe(true);
    });
  });

  it("still searches when Pagefind's worker cannot start: on the main thread, which the search page's own policy allows", async () => {
    await withPage(async (page, context) => {
      const { server } = site('example');
      await context.route('**/pagefind-worker.js', (route) => route.abort());
      const warnings: string[] = [];
      page.on('console', (message) => warnings.push(message.text()));
      await page.goto(`${server.origin}/search/?q=${encodeURIComponent('週末')}`, { waitUntil: 'load' });
      expect(await results(page)).toEqual([`/incidents/${SLUG}/#${WEEKEND}`]);
      expect(warnings.some((text) => text.includes('falling back to main thread')), warnings.join('\n')).toBe(true);
    }, { expectedConsoleErrors: /^Failed to load resource/ });
  });

  it('the search page with its results passes the Nu Html Checker', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'shirase-search-dom-'));
    try {
      await withPage(async (page) => {
        const { server } = site('example');
        for (const [name, path] of [['ja', '/search/?q=出金'], ['en', '/en/search/?q=payout']] as const) {
          await page.goto(server.origin + encodeURI(path), { waitUntil: 'load' });
          expect((await results(page)).length).toBeGreaterThan(3);
          writeFileSync(join(folder, `${name}.html`), `<!DOCTYPE html>\n${await page.evaluate(() => document.documentElement.outerHTML)}`);
        }
      });
      const result = runVnu([folder]);
      expect(result.errors, formatVnuErrors(result.errors)).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
