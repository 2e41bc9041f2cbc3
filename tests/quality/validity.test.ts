import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';
import { DistIndex } from '../support/links.ts';
import { formatVnuErrors, runVnu, sitemapXsdPath, xmllintSchema } from '../support/validators.ts';

// Markup validity of the built example (and of the basic fixture, which has
// an English default locale and another time zone): the Nu Html Checker on
// every HTML file (one vnu run over both dists) and the sitemap against the
// sitemaps.org XML Schema.

const basicRoot = join(projectRoot, 'tests/fixtures/sites/basic');

describe('validity of the built sites', () => {
  let example: BuildResult;
  let basic: BuildResult;

  beforeAll(() => {
    example = buildSite(projectRoot);
    basic = buildSite(basicRoot);
  });
  afterAll(() => {
    for (const build of [example, basic]) if (build) rmSync(build.outDir, { recursive: true, force: true });
  });

  it('builds the example and the basic fixture', () => {
    expect(example.status, example.stderr).toBe(0);
    expect(basic.status, basic.stderr).toBe(0);
  });

  it('every HTML file passes the Nu Html Checker with zero errors', () => {
    const pages = [...listFiles(example.outDir), ...listFiles(basic.outDir)].filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    // The search pages too (their results, which the script adds, are checked in tests/browser/search.test.ts).
    expect(pages).toEqual(expect.arrayContaining(['search/index.html', 'en/search/index.html']));
    const result = runVnu([example.outDir, basic.outDir]);
    expect(result.errors.length, `vnu reported ${result.errors.length} errors:\n${formatVnuErrors(result.errors)}`).toBe(0);
  });

  it('sitemap.xml validates against the sitemaps.org schema and every <loc> is a page in dist', () => {
    const xsd = sitemapXsdPath();
    const result = xmllintSchema(xsd, join(example.outDir, 'sitemap.xml'));
    expect(result.ok, result.output).toBe(true);

    const sitemap = readOutput(example.outDir, 'sitemap.xml');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(locs.length).toBeGreaterThan(10);
    const index = new DistIndex(example.outDir, { site: 'https://status.kakeru-pay.example', base: '/' });
    const problems = locs.flatMap((loc) => {
      const url = new URL(loc);
      if (url.origin !== 'https://status.kakeru-pay.example') return [`${loc}: not on the site's origin`];
      const problem = index.check(url);
      return problem ? [`${loc}: ${problem}`] : [];
    });
    expect(problems, problems.join('\n')).toEqual([]);
    expect(new Set(locs).size, 'duplicate <loc>').toBe(locs.length);
  });
});
