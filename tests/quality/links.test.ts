import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDistSafety } from '../support/safety.ts';
import { rmSync } from 'node:fs';
import { buildSite, projectRoot, type BuildResult } from '../support/build.ts';
import { checkLinks, DistIndex, formatLinkProblems } from '../support/links.ts';
import { readSearchIndex, resultUrls } from '../support/search-index.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import { localePath, withBase } from '../../src/lib/core/urls.ts';

// Every internal href/src and #fragment of every built page resolves to a
// file (and an id) in dist — at the domain root and under a base path; so
// does every link a search result can have.

const { config, incidents, faq } = loadSiteContentOrThrow(projectRoot);

describe('internal links of the built example', () => {
  let atRoot: BuildResult;
  let underBase: BuildResult;

  beforeAll(() => {
    atRoot = buildSite(projectRoot);
    underBase = buildSite(projectRoot, { args: ['--base', '/status', '--site', 'https://links.example.org'] });
  });
  afterAll(() => {
    for (const build of [atRoot, underBase]) if (build) rmSync(build.outDir, { recursive: true, force: true });
  });

  it('builds at the root and under --base /status', () => {
    expect(atRoot.status, atRoot.stderr).toBe(0);
    expect(underBase.status, underBase.stderr).toBe(0);
  });

  it('no page of the example carries script-running markup or a weak Content-Security-Policy', () => {
    expect(scanDistSafety(atRoot.outDir)).toEqual([]);
  });

  it('every link and #fragment resolves at the domain root, and no link leaves the site', () => {
    const report = checkLinks(atRoot.outDir, { site: config.url, base: config.base });
    expect(report.checked).toBeGreaterThan(100);
    expect(report.problems, formatLinkProblems(report.problems)).toEqual([]);
    expect(report.external, formatLinkProblems(report.external)).toEqual([]);
  });

  it.each([
    ['at the domain root', () => atRoot, config.url, config.base],
    ['under a base path', () => underBase, 'https://links.example.org', '/status/'],
  ])('every search result (%s) links to a page and an anchor in dist; each notice and answer is one, on its canonical page only', (_, build, site, base) => {
    const pages = readSearchIndex(build().outDir);
    const canonical = config.locales.flatMap((locale) => ['/faq/', ...incidents.map((i) => `/incidents/${i.slug}/`)].map((p) => localePath(locale, config.defaultLocale, p)));
    expect(pages.map((page) => page.url).sort()).toEqual(canonical.sort());
    // The search page adds the base path to what the index holds (Pagefind's baseUrl).
    const urls = pages.flatMap(resultUrls).map((url) => new URL(withBase(base, url), site));
    const index = new DistIndex(build().outDir, { site, base });
    const problems = urls.flatMap((url) => {
      const problem = index.check(url);
      return problem ? [`${url.href}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
    const expected = config.locales.flatMap((locale) => [
      ...incidents.flatMap((i) => i.notices.map((n) => `${localePath(locale, config.defaultLocale, `/incidents/${i.slug}/`)}#${n.id}`)),
      ...faq.map((entry) => `${localePath(locale, config.defaultLocale, '/faq/')}#${entry.id}`),
    ]);
    const anchored = new Set(urls.filter((url) => url.hash !== '').map((url) => url.pathname.slice(base.length - 1) + url.hash));
    expect([...anchored].sort()).toEqual(expected.sort());
  });

  it('every link and #fragment resolves under a base path and another site URL', () => {
    const report = checkLinks(underBase.outDir, { site: 'https://links.example.org', base: '/status/' });
    expect(report.checked).toBeGreaterThan(100);
    expect(report.problems, formatLinkProblems(report.problems)).toEqual([]);
    expect(report.external, formatLinkProblems(report.external)).toEqual([]);
  });
});
