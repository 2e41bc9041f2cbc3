import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildSite, projectRoot, type BuildResult } from '../support/build.ts';
import { serveDir, type StaticServer } from '../support/serve.ts';
import { formatAxeViolations, launchChromium, runAxe, skipBrowserTests, VIEWPORTS, watchRequests } from '../support/browser.ts';

// The media fixture (images and a text file kept beside its notices, code showing markup) built under a base
// path and opened in Chromium with the pages' CSP enforced: every image loads in both languages, the linked
// file is served, and axe finds nothing on the pages that show them. (Static gates: tests/quality/media.test.ts.)

const mediaRoot = join(projectRoot, 'tests/fixtures/sites/media');
const slug = '2024-07-01-payouts-failed';
const PAGES = [
  `/status/incidents/${slug}/`,
  `/status/ja/incidents/${slug}/`,
  `/status/incidents/${slug}/2024-07-01-suspension/`,
  `/status/ja/incidents/${slug}/2024-07-01-resumption/`,
  '/status/faq/',
  '/status/ja/faq/embedding/',
];

describe.skipIf(skipBrowserTests)('images beside notices in Chromium', () => {
  let build: BuildResult;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    build = buildSite(mediaRoot, { args: ['--base', '/status'] });
    if (build.status !== 0) throw new Error(`media fixture build failed:\n${build.stderr}`);
    server = await serveDir(build.outDir, { base: '/status/' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (build) rmSync(build.outDir, { recursive: true, force: true });
  });

  it('shows every image of the incident and share pages, in both languages, under the CSP, from the site itself', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    try {
      const requests = await watchRequests(context, server.origin);
      const page = await context.newPage();
      const broken: string[] = [];
      let shown = 0;
      for (const path of PAGES.filter((p) => p.includes('/incidents/'))) {
        await page.goto(server.origin + path, { waitUntil: 'load' });
        const images = await page.evaluate(() => Array.from(document.images).map((image) => ({ src: image.currentSrc, width: image.naturalWidth })));
        for (const image of images) {
          if (image.width === 0) broken.push(`${path}: ${image.src} did not load`);
          else shown++;
        }
      }
      expect(broken, broken.join('\n')).toEqual([]);
      expect(shown).toBeGreaterThanOrEqual(8);
      expect(requests.offOrigin()).toEqual([]);
      // The images of every language's pages come from the one copy beside the incident page.
      const files = requests.urls.filter((url) => /\.png$/.test(url) && !url.includes('/og'));
      expect(new Set(files.map((url) => new URL(url).pathname.replace(/[^/]+$/, '')))).toEqual(new Set([`/status/incidents/${slug}/`]));
    } finally {
      await context.close();
    }
  });

  it('serves the file a notice links to', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/status/ja/incidents/${slug}/`, { waitUntil: 'load' });
      const href = await page.getAttribute('a[href$="error-summary.txt"]', 'href');
      expect(href).toBe(`/status/incidents/${slug}/error-summary.txt`);
      const response = await page.goto(server.origin + href!);
      expect(response?.status()).toBe(200);
      expect(await response?.text()).toContain('bank A: timeout');
    } finally {
      await context.close();
    }
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations on the pages with images and code in the ${colorScheme} scheme`, async () => {
      // axe is injected inline, which the pages' CSP forbids: this context bypasses it.
      const context = await browser.newContext({ viewport: VIEWPORTS.desktop, bypassCSP: true });
      const found: string[] = [];
      try {
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme });
        for (const path of PAGES) {
          await page.goto(server.origin + path, { waitUntil: 'load' });
          const violations = await runAxe(page);
          if (violations.length > 0) found.push(`${path}:\n${formatAxeViolations(violations)}`);
        }
      } finally {
        await context.close();
      }
      expect(found, found.join('\n\n')).toEqual([]);
    });
  }
});
