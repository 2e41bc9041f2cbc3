import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../support/build.ts';
import { type StaticServer } from '../support/serve.ts';
import { ensureScreenshotDir, skipBrowserTests, targetState, VIEWPORTS, watchRequests } from '../support/browser.ts';
import { closeServedExample, serveExampleInChromium, type ServedExample } from '../support/browser.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import { deriveIncidentTimeline } from '../../src/lib/model/timeline.ts';

// The built example in real Chromium, at desktop (1280×900) and phone (360 px)
// width: every page type shows its content, anchors land on and highlight
// their target, the language switch keeps the page, nothing is requested
// from another origin, and everything reads with JavaScript off.

const content = loadSiteContentOrThrow(projectRoot);
const openIncident = content.incidents.find((i) => deriveIncidentTimeline(i).open)!;
// The longest incident: its oldest notice is far down the page, so landing on it needs a scroll.
const longIncident = [...content.incidents].sort((a, b) => b.notices.length - a.notices.length)[0]!;
const faqEntry = [...content.faq].sort((a, b) => a.order - b.order).at(-1)!;
const component = content.config.components.find((c) => c.id === 'payouts') ?? content.config.components[0]!;

interface PageType {
  name: string;
  path: string;
  status: number;
  /** Path of the same page in the other language, when it has one. */
  otherLanguage?: string;
  home?: boolean;
}

const PAGES: PageType[] = [
  { name: 'home-ja', path: '/', status: 200, otherLanguage: '/en/', home: true },
  { name: 'home-en', path: '/en/', status: 200, otherLanguage: '/', home: true },
  { name: 'incident-open-ja', path: `/incidents/${openIncident.slug}/`, status: 200, otherLanguage: `/en/incidents/${openIncident.slug}/` },
  { name: 'incident-long-en', path: `/en/incidents/${longIncident.slug}/`, status: 200, otherLanguage: `/incidents/${longIncident.slug}/` },
  { name: 'history-ja', path: '/history/', status: 200, otherLanguage: '/en/history/' },
  { name: 'faq-ja', path: '/faq/', status: 200, otherLanguage: '/en/faq/' },
  { name: 'component-ja', path: `/components/${component.id}/`, status: 200, otherLanguage: `/en/components/${component.id}/` },
  { name: 'search-ja', path: '/search/', status: 200, otherLanguage: '/en/search/' },
  { name: 'not-found', path: '/no-such-page/', status: 404 },
];

describe.skipIf(skipBrowserTests)('the example site in Chromium', () => {
  let server: StaticServer;
  let browser: Browser;

  let served: ServedExample | undefined;
  beforeAll(async () => {
    served = await serveExampleInChromium();
    ({ server, browser } = served);
  });
  afterAll(() => closeServedExample(served));

  async function withContext<T>(viewport: { width: number; height: number }, run: (context: BrowserContext) => Promise<T>, options: { javaScriptEnabled?: boolean } = {}): Promise<T> {
    const context = await browser.newContext({ viewport, ...options });
    try {
      return await run(context);
    } finally {
      await context.close();
    }
  }

  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    describe(`${viewportName} (${viewport.width}×${viewport.height})`, () => {
      it('shows every page type: its heading, on / the banner, components and the open incident; no console errors, no sideways scrolling; screenshots', async () => {
        const shots = ensureScreenshotDir();
        await withContext(viewport, async (context) => {
          const problems: string[] = [];
          for (const type of PAGES) {
            const page = await context.newPage();
            const consoleErrors: string[] = [];
            page.on('console', (message) => {
              if (message.type() === 'error') consoleErrors.push(message.text());
            });
            page.on('pageerror', (error) => consoleErrors.push(error.message));
            const response = await page.goto(server.origin + type.path, { waitUntil: 'load' });
            expect(response?.status(), type.path).toBe(type.status);
            await expect.poll(() => page.locator('main h1').first().isVisible(), { message: `${type.path}: main h1 visible` }).toBe(true);
            expect((await page.locator('main h1').first().innerText()).trim(), type.path).not.toBe('');
            if (type.home) {
              expect(await page.locator('h1.banner').isVisible(), `${type.path}: banner`).toBe(true);
              expect(await page.locator('ul.components').isVisible(), `${type.path}: components list`).toBe(true);
              expect(await page.locator('ul.components > li').count()).toBe(content.config.components.length);
              const openLink = page.locator(`main section[aria-labelledby="_open"] a[href="${type.path === '/' ? '' : '/en'}/incidents/${openIncident.slug}/"]`).first();
              expect(await openLink.isVisible(), `${type.path}: open incident ${openIncident.slug} listed`).toBe(true);
            }
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
            if (overflow > 0) problems.push(`${type.path}: page is ${overflow}px wider than the ${viewport.width}px viewport`);
            // The 404 page is served with status 404, which Chromium logs as a console error.
            const errors = type.status === 404 ? consoleErrors.filter((e) => !/status of 404/.test(e)) : consoleErrors;
            if (errors.length > 0) problems.push(`${type.path}: console errors: ${errors.join(' | ')}`);
            await page.screenshot({ path: join(shots, `${type.name}-${viewportName}.png`), fullPage: true });
            await page.close();
          }
          expect(problems, problems.join('\n')).toEqual([]);
        });
      });

      it('opening /incidents/<slug>/#<notice-id> scrolls to that notice and highlights it', async () => {
        await withContext(viewport, async (context) => {
          const page = await context.newPage();
          for (const prefix of ['', '/en']) {
            const oldest = longIncident.notices[0]!;
            await page.goto(`${server.origin}${prefix}/incidents/${longIncident.slug}/#${oldest.id}`, { waitUntil: 'load' });
            await expect.poll(async () => (await targetState(page, oldest.id, 'article.notice')).topInViewport, { message: `#${oldest.id} scrolled into view` }).toBe(true);
            const state = await targetState(page, oldest.id, 'article.notice');
            expect(state.found).toBe(true);
            expect(await page.evaluate(() => window.scrollY), 'the page scrolled').toBeGreaterThan(0);
            expect(state.matchesTarget, ':target').toBe(true);
            expect(state.otherStyle).toBeDefined();
            expect(state.style, 'target notice looks different from the others').not.toBe(state.otherStyle);
          }
          await page.close();
        });
      });

      it('opening /faq/#<id> scrolls to that answer and highlights it', async () => {
        await withContext(viewport, async (context) => {
          const page = await context.newPage();
          await page.goto(`${server.origin}/faq/#${faqEntry.id}`, { waitUntil: 'load' });
          await expect.poll(async () => (await targetState(page, faqEntry.id, '.faq[id]')).inViewport, { message: `#${faqEntry.id} in view` }).toBe(true);
          const state = await targetState(page, faqEntry.id, '.faq[id]');
          expect(state.matchesTarget, ':target').toBe(true);
          expect(state.otherStyle).toBeDefined();
          expect(state.style).not.toBe(state.otherStyle);
          await page.close();
        });
      });

      it('the language switch goes to the same page in the other language', async () => {
        await withContext(viewport, async (context) => {
          const page = await context.newPage();
          for (const type of PAGES.filter((p) => p.otherLanguage !== undefined)) {
            await page.goto(server.origin + type.path, { waitUntil: 'load' });
            const link = page.locator('nav.lang-switch a').first();
            expect(await link.isVisible(), `${type.path}: language switch visible`).toBe(true);
            const navigation = page.waitForResponse((r) => r.request().isNavigationRequest() && r.frame() === page.mainFrame());
            await link.click();
            const response = await navigation;
            await page.waitForLoadState('load');
            expect(response?.status(), `${type.path} → ${page.url()}`).toBe(200);
            expect(new URL(page.url()).pathname, `${type.path}: language switch`).toBe(type.otherLanguage);
          }
          await page.close();
        });
      });
    });
  }

  it('never requests anything from another origin', async () => {
    await withContext(VIEWPORTS.desktop, async (context) => {
      const requests = await watchRequests(context, server.origin);
      const page = await context.newPage();
      for (const type of PAGES) await page.goto(server.origin + type.path, { waitUntil: 'load' });
      await page.goto(`${server.origin}/rss.xml`, { waitUntil: 'load' });
      expect(requests.urls.length).toBeGreaterThan(PAGES.length);
      // Stylesheet and favicon come from the origin too.
      expect(requests.urls.some((u) => u.endsWith('.css'))).toBe(true);
      expect(requests.offOrigin(), requests.offOrigin().join('\n')).toEqual([]);
      await page.close();
    });
  });

  it('renders every page type\'s main content with JavaScript disabled', async () => {
    for (const viewport of Object.values(VIEWPORTS)) {
      await withContext(
        viewport,
        async (context) => {
          const page = await context.newPage();
          for (const type of PAGES) {
            const response = await page.goto(server.origin + type.path, { waitUntil: 'load' });
            expect(response?.status(), type.path).toBe(type.status);
            expect(await page.locator('main h1').first().isVisible(), `${type.path}: h1 without JS`).toBe(true);
            expect((await page.locator('main').innerText()).trim().length, `${type.path}: main text without JS`).toBeGreaterThan(20);
            if (type.home) {
              expect(await page.locator('h1.banner').isVisible()).toBe(true);
              expect(await page.locator('ul.components > li').count()).toBe(content.config.components.length);
            }
          }
          await page.close();
        },
        { javaScriptEnabled: false },
      );
    }
  });

  it('copy buttons, where present, put exactly their link (or text) on the clipboard, and the link works', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
      const page: Page = await context.newPage();
      await page.goto(`${server.origin}/incidents/${longIncident.slug}/`, { waitUntil: 'load' });
      // One copy-link button per notice, and one copy-reply button on the incident page.
      const linkButtons = page.locator('button[data-copy]');
      expect(await linkButtons.count()).toBe(longIncident.notices.length);
      {
        const button = linkButtons.first();
        await expect.poll(() => button.isVisible(), { message: 'copy button shown once the script runs' }).toBe(true);
        const expected = (await button.getAttribute('data-copy'))!;
        await button.click();
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
        // The copied link is on the configured site and that page exists.
        const copied = new URL(expected);
        expect(copied.origin).toBe(new URL(content.config.url).origin);
        expect(copied.pathname).toMatch(new RegExp(`/incidents/${longIncident.slug}/`));
        const response = await page.request.get(server.origin + copied.pathname);
        expect(response.status(), `${copied.pathname} exists`).toBe(200);
      }
      const textButtons = page.locator('button[data-copy-from]');
      expect(await textButtons.count()).toBe(1);
      {
        const button = textButtons.first();
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const sourceId = (await button.getAttribute('data-copy-from'))!;
        const expected = await page.evaluate((id) => document.getElementById(id)?.textContent ?? '', sourceId);
        expect(expected.trim()).not.toBe('');
        await button.click();
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
      }
      await page.close();
    } finally {
      await context.close();
    }
  });
});
