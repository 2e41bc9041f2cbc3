import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { listFiles, projectRoot, type BuildResult } from '../support/build.ts';
import { type StaticServer } from '../support/serve.ts';
import { formatAxeViolations, runAxe, skipBrowserTests, VIEWPORTS } from '../support/browser.ts';
import { closeServedExample, serveExampleInChromium, type ServedExample } from '../support/browser.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import { deriveIncidentTimeline } from '../../src/lib/model/timeline.ts';

// axe-core (WCAG 2.0/2.1/2.2 A and AA plus best practices) on every page type
// of the built example, in the light and the dark colour scheme: zero violations.

const content = loadSiteContentOrThrow(projectRoot);
const openIncident = content.incidents.find((i) => deriveIncidentTimeline(i).open)!;
const resolvedIncident = content.incidents.find((i) => !deriveIncidentTimeline(i).open)!;
const component = content.config.components.find((c) => c.id === 'payouts') ?? content.config.components[0]!;

const PAGES = [
  '/',
  '/en/',
  `/incidents/${openIncident.slug}/`,
  `/en/incidents/${resolvedIncident.slug}/`,
  '/history/',
  '/en/history/',
  '/faq/',
  '/en/faq/',
  `/components/${component.id}/`,
  `/en/components/${component.id}/`,
  '/no-such-page/',
  // The search page with its results listed (its script fills the list); the empty page is among the other kinds.
  `/search/?q=${encodeURIComponent('出金')}`,
  '/en/search/?q=payout&type=update',
];

/** One page of every other kind the build writes (notice and FAQ share pages, yearly history, embed…), found in dist. */
function otherPageKinds(files: readonly string[]): string[] {
  const kinds = new Map<string, string>();
  // Default-locale pages first, so each kind is represented by its Japanese page when there is one.
  const ordered = files.filter((f) => f.endsWith('index.html')).sort((a, b) => Number(a.startsWith('en/')) - Number(b.startsWith('en/')) || (a < b ? -1 : 1));
  for (const file of ordered) {
    const path = `/${file.slice(0, -'index.html'.length)}`;
    if (PAGES.includes(path)) continue;
    // The kind of a page: its path with the locale prefix dropped and every slug-like segment generalised.
    const kind = path.replace(/^\/en\//, '/').split('/').map((segment, i) => (i > 1 && segment !== '' ? '*' : segment)).join('/');
    if (!kinds.has(kind) && !PAGES.some((p) => p.replace(/^\/en\//, '/').split('/').map((segment, i) => (i > 1 && segment !== '' ? '*' : segment)).join('/') === kind)) kinds.set(kind, path);
  }
  return [...kinds.values()].sort();
}

describe.skipIf(skipBrowserTests)('accessibility of the example site (axe-core)', () => {
  let build: BuildResult;
  let server: StaticServer;
  let browser: Browser;
  let otherPages: string[] = [];

  let served: ServedExample | undefined;
  beforeAll(async () => {
    served = await serveExampleInChromium();
    ({ build, server, browser } = served);
    otherPages = otherPageKinds(listFiles(build.outDir));
  });
  afterAll(() => closeServedExample(served));

  async function axeAll(paths: readonly string[], colorScheme: 'light' | 'dark'): Promise<string[]> {
    // The pages' CSP forbids inline script; axe is injected inline, so this context bypasses CSP.
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, bypassCSP: true });
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    const found: string[] = [];
    try {
      for (const path of paths) {
        await page.goto(server.origin + path, { waitUntil: 'load' });
        if (path.includes('/search/?')) await page.locator('#_search-results li').first().waitFor();
        expect(await page.evaluate((scheme) => matchMedia(`(prefers-color-scheme: ${scheme})`).matches, colorScheme)).toBe(true);
        const violations = await runAxe(page);
        if (violations.length > 0) found.push(`${path} (${colorScheme}):\n${formatAxeViolations(violations)}`);
      }
    } finally {
      await context.close();
    }
    return found;
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no violations on any page type in the ${colorScheme} scheme`, async () => {
      const found = await axeAll(PAGES, colorScheme);
      expect(found, found.join('\n\n')).toEqual([]);
    });

    it(`has no violations on the other page kinds in dist (share pages, embed, yearly history…) in the ${colorScheme} scheme`, async () => {
      expect(otherPages.length).toBeGreaterThan(0);
      const found = await axeAll(otherPages, colorScheme);
      expect(found, `pages checked: ${otherPages.join(', ')}\n${found.join('\n\n')}`).toEqual([]);
    });
  }
});
