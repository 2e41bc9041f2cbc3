import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';
import { checkFeed, feedFormatOf, type FeedVerdict } from '../support/feeds.ts';
import { attr, elements, parseHtml, textContent } from '../support/html.ts';
import { checkLinks, formatLinkProblems } from '../support/links.ts';
import { formatVnuErrors, libicalCheck, libicalInstalled, runVnu } from '../support/validators.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';

// The quality gates on a site whose notices carry images kept beside them (Markdown and raw HTML, one
// decorative, a srcset), a text file linked beside them, and code spans and blocks showing markup with URLs,
// in two languages, at the domain root and under a base path: the Nu Html Checker, the link checker, both
// feed clients with the strict checks, and libical on the calendar. (axe and image loading: tests/browser/media.test.ts.)

const mediaRoot = join(projectRoot, 'tests/fixtures/sites/media');
const content = loadSiteContentOrThrow(mediaRoot);
const slug = '2024-07-01-payouts-failed';
const BESIDE = ['chart.png', 'chart@2x.png', 'divider.png', 'error-summary.txt'];
const builds = [
  { name: 'at the domain root', site: content.config.url, base: '/', args: [] as string[] },
  {
    name: 'under --base /status and another --site', site: 'https://links.example.org', base: '/status/',
    args: ['--base', '/status', '--site', 'https://links.example.org'],
  },
];

describe('quality gates on the media fixture', () => {
  const results: BuildResult[] = [];
  const verdicts = new Map<string, FeedVerdict>();

  beforeAll(async () => {
    for (const build of builds) {
      const result = buildSite(mediaRoot, { args: build.args });
      results.push(result);
      if (result.status !== 0) continue;
      for (const file of listFiles(result.outDir)) {
        const format = feedFormatOf(file);
        if (!format) continue;
        verdicts.set(`${build.name}: ${file}`, await checkFeed(format, readOutput(result.outDir, file), new URL(file, new URL(build.base, build.site)).href));
      }
    }
  });
  afterAll(() => {
    for (const result of results) rmSync(result.outDir, { recursive: true, force: true });
  });

  it('builds both ways', () => {
    for (const result of results) expect(result.status, result.stderr).toBe(0);
  });

  it('publishes each file beside the notices once, next to the incident page, with its bytes', () => {
    for (const result of results) {
      const files = listFiles(result.outDir);
      // In any locale's incident folders (the preview images under og/ are another matter).
      const folders = content.config.locales.map((locale) => (locale === content.config.defaultLocale ? 'incidents/' : `${locale}/incidents/`));
      const published = files.filter((f) => /\.(png|txt)$/.test(f) && folders.some((folder) => f.startsWith(folder))).sort();
      expect(published).toEqual(BESIDE.map((name) => `incidents/${slug}/${name}`).sort());
      for (const name of BESIDE) {
        expect(readFileSync(join(result.outDir, 'incidents', slug, name)).equals(readFileSync(join(mediaRoot, 'incidents', slug, name))), name).toBe(true);
      }
    }
  });

  it('points the pages of both languages at that one copy, under the base path', () => {
    const [, underBase] = results;
    for (const page of [`incidents/${slug}/index.html`, `ja/incidents/${slug}/index.html`, `ja/incidents/${slug}/2024-07-01-suspension/index.html`]) {
      const html = parseHtml(readOutput(underBase!.outDir, page));
      const images = elements(html).filter((e) => e.tagName === 'img').map((e) => attr(e, 'src'));
      expect(images.length, page).toBeGreaterThan(0);
      for (const src of images) expect(src, page).toMatch(new RegExp(`^/status/incidents/${slug}/(chart|divider)\\.png$`));
      // Every image has its text alternative; the decorative one says so with alt="".
      for (const image of elements(html).filter((e) => e.tagName === 'img')) expect(attr(image, 'alt'), page).toBeDefined();
    }
  });

  it('shows code as written: URLs inside code spans and blocks are text, not links', () => {
    for (const result of results) {
      for (const page of [`incidents/${slug}/index.html`, `ja/incidents/${slug}/index.html`]) {
        const codes = elements(parseHtml(readOutput(result.outDir, page))).filter((e) => e.tagName === 'code').map(textContent);
        expect(codes, page).toContain('src="/img/a.png"');
        expect(codes, page).toContain('<img src="/img/a.png" srcset="/img/a.png 2x">');
      }
    }
  });

  it('every HTML file passes the Nu Html Checker with zero errors', () => {
    const pages = results.flatMap((result) => listFiles(result.outDir).filter((f) => f.endsWith('.html')));
    expect(pages.length).toBeGreaterThan(20);
    const vnu = runVnu(results.map((result) => result.outDir));
    expect(vnu.errors.length, `vnu reported ${vnu.errors.length} errors:\n${formatVnuErrors(vnu.errors)}`).toBe(0);
  });

  it('every link, image and #fragment resolves, and no link leaves the site', () => {
    builds.forEach((build, i) => {
      const report = checkLinks(results[i]!.outDir, { site: build.site, base: build.base });
      expect(report.checked, build.name).toBeGreaterThan(50);
      expect(report.problems, `${build.name}:\n${formatLinkProblems(report.problems)}`).toEqual([]);
      expect(report.external, `${build.name}:\n${formatLinkProblems(report.external)}`).toEqual([]);
    });
  });

  it('every feed parses in both clients and passes the strict checks: every link and image in a body is absolute', () => {
    expect(verdicts.size).toBeGreaterThan(10);
    const failures = [...verdicts].filter(([, v]) => v.problems.length > 0).map(([file, v]) => `${file}:\n  ${v.problems.join('\n  ')}`);
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('feed bodies show the code as written and the images at their one absolute address', () => {
    const [, underBase] = results;
    for (const feed of ['feed.json', 'ja/feed.json']) {
      const items = (JSON.parse(readOutput(underBase!.outDir, feed)) as { items: { id: string; content_html: string }[] }).items;
      const suspension = items.find((item) => item.id.endsWith('#2024-07-01-suspension'))!;
      const html = parseHtml(suspension.content_html);
      expect(elements(html).filter((e) => e.tagName === 'code').map(textContent), feed).toContain('src="/img/a.png"');
      expect(elements(html).filter((e) => e.tagName === 'img').map((e) => attr(e, 'src')), feed).toEqual([
        `https://links.example.org/status/incidents/${slug}/chart.png`,
        `https://links.example.org/status/incidents/${slug}/divider.png`,
      ]);
    }
  });

  it.skipIf(!libicalInstalled && !process.env.CI)('the maintenance calendar passes libical\'s parser and iTIP restriction check', () => {
    for (const result of results) {
      const verdict = libicalCheck(readOutput(result.outDir, 'maintenance.ics'));
      expect([...verdict.parse, ...verdict.restrictions]).toEqual([]);
      expect(verdict.passed).toBe(true);
      expect(readOutput(result.outDir, 'maintenance.ics')).toContain('BEGIN:VEVENT');
    }
  });
});
