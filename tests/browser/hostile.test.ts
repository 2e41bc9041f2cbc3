import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildSite, listFiles, projectRoot, type BuildResult } from '../support/build.ts';
import { serveDir, type StaticServer } from '../support/serve.ts';
import { launchChromium, probeExecution, skipBrowserTests, VIEWPORTS, watchRequests } from '../support/browser.ts';

// The hostile-content fixture in Chromium: opening, hovering, focusing and
// clicking through every page and feed opens no dialog — first with the
// page's CSP bypassed (so only the sanitiser stands between the content and
// the reader), then with it enforced. (Static checks: tests/quality/hostile.test.ts.)

const hostileRoot = join(projectRoot, 'tests/fixtures/sites/hostile');

describe.skipIf(skipBrowserTests)('hostile content in Chromium', () => {
  let build: BuildResult;
  let server: StaticServer;
  let browser: Browser;
  let targets: string[] = [];

  beforeAll(async () => {
    build = buildSite(hostileRoot);
    if (build.status !== 0) throw new Error(`hostile fixture build failed:\n${build.stderr}`);
    server = await serveDir(build.outDir);
    browser = await launchChromium();
    targets = listFiles(build.outDir)
      .filter((f) => /\.(html|xml|json)$/.test(f))
      .map((f) => `/${f.replace(/(^|\/)index\.html$/, '$1')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (build) rmSync(build.outDir, { recursive: true, force: true });
  });

  for (const bypassCSP of [true, false]) {
    it(`nothing executes on any page or feed (CSP ${bypassCSP ? 'bypassed: the sanitiser alone' : 'enforced'})`, async () => {
      expect(targets.length).toBeGreaterThan(10);
      const context = await browser.newContext({ viewport: VIEWPORTS.phone, bypassCSP });
      try {
        const requests = await watchRequests(context, server.origin);
        const executed: string[] = [];
        const page = await context.newPage();
        for (const path of targets) {
          const { dialogs } = await probeExecution(page, server.origin + path);
          for (const dialog of dialogs) executed.push(`${path}: ${dialog}`);
        }
        expect(executed, executed.join('\n')).toEqual([]);
        expect(requests.offOrigin(), requests.offOrigin().join('\n')).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
  it("search results show hostile titles and text as text: no element of theirs is made, nothing executes", async () => {
    // CSP bypassed: only the search page's own way of building its list stands between the index and the reader.
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, bypassCSP: true });
    try {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      for (const query of ['payouts', 'alert', 'script']) {
        await page.goto(`${server.origin}/search/?q=${query}`, { waitUntil: 'load' });
        await page.locator('#_search-results li').first().waitFor();
        const made = await page.locator('#_search-results :is(script, img, svg, iframe, b, a:not(h2 > a))').count();
        expect(made, query).toBe(0);
        await page.locator('#_search-results').hover();
        for (const link of await page.locator('#_search-results a').all()) await link.hover();
      }
      expect(await page.locator('#_search-results').innerText()).toContain('<script>');
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a 10 000-character line and lists nested 200 deep do not make any page wider than a 360 px phone', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    try {
      const page = await context.newPage();
      const wide: string[] = [];
      for (const path of targets.filter((t) => t.endsWith('/'))) {
        await page.goto(server.origin + path, { waitUntil: 'load' });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) wide.push(`${path}: ${overflow}px wider than the viewport`);
      }
      expect(wide, wide.join('\n')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
