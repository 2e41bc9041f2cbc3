import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addOneNotice, BENCH_NOW, generateSite } from '../../src/cli/bench-generate.ts';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';
import { formatVnuErrors, runVnu } from '../support/validators.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';

/**
 * Structural scale properties at a moderate size (timings live in the
 * benchmark, not in tests): bounded pages and feeds, paginated history, and a
 * small set of files changed by one new notice.
 */
const INCIDENTS = 300;

function hashes(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((path) => [path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')]));
}

/** HTML plus the CSS and JS it links from /_astro/. */
function pageWeight(dir: string, page: string): number {
  const html = readOutput(dir, page);
  let total = Buffer.byteLength(html);
  for (const match of html.matchAll(/(?:href|src)="\/(_astro\/[^"]+\.(?:css|js))"/g)) total += statSync(join(dir, match[1]!)).size;
  return total;
}

describe(`a ${INCIDENTS}-incident bilingual site`, () => {
  let root: string;
  let first: BuildResult;
  let second: BuildResult;
  let changed: string[];
  let added: { slug: string; noticeId: string };
  let touched: string[];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'shirase-scale-'));
    generateSite(root, INCIDENTS);
    first = buildSite(root);
    const before = hashes(first.outDir);
    added = addOneNotice(root);
    // The components the new notice names: their feeds show it.
    touched = Object.keys(loadSiteContentOrThrow(root).incidents.find((i) => i.slug === added.slug)!.notices.find((n) => n.id === added.noticeId)!.components).sort();
    second = buildSite(root, { env: { SHIRASE_OUT_DIR: first.outDir } });
    const after = hashes(first.outDir);
    changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path)).sort();
  });

  it('builds', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(second.status, second.stderr).toBe(0);
  });

  it('keeps / within 25 KB of HTML, CSS and JS, and every page but search under 5 KB of JavaScript', () => {
    expect(pageWeight(first.outDir, 'index.html')).toBeLessThanOrEqual(25 * 1024);
    const scriptBytes = (page: string) =>
      [...readOutput(first.outDir, page).matchAll(/<script[^>]* src="\/(_astro\/[^"]+\.js)"/g)].reduce((n, m) => n + statSync(join(first.outDir, m[1]!)).size, 0);
    const pages = listFiles(first.outDir).filter((f) => f.endsWith('.html'));
    const search = ['search/index.html', 'en/search/index.html'];
    expect(pages).toEqual(expect.arrayContaining(search));
    const heaviest = Math.max(...pages.filter((page) => !search.includes(page)).map(scriptBytes));
    expect(heaviest).toBeGreaterThan(0);
    expect(heaviest).toBeLessThanOrEqual(5 * 1024);
    // The search page's own script is small too; Pagefind's code and index load on that page alone (tests/browser/search.test.ts).
    for (const page of search) expect(scriptBytes(page) - heaviest).toBeLessThanOrEqual(5 * 1024);
  });

  it('caps the site feeds at the 50 newest notices', () => {
    for (const feed of ['rss.xml', 'en/rss.xml']) expect(readOutput(first.outDir, feed).match(/<item>/g)).toHaveLength(50);
    expect(readOutput(first.outDir, 'atom.xml').match(/<entry>/g)).toHaveLength(50);
    expect(JSON.parse(readOutput(first.outDir, 'feed.json')).items).toHaveLength(50);
  });

  it('paginates history by year, /history/ showing only the newest incidents', () => {
    const files = listFiles(first.outDir);
    const years = files.filter((f) => /^history\/\d{4}\/index\.html$/.test(f));
    expect(years.length).toBeGreaterThan(0);
    const recent = readOutput(first.outDir, 'history/index.html').match(/<li><a href="\/incidents\//g) ?? [];
    expect(recent.length).toBeGreaterThanOrEqual(50);
    expect(recent.length).toBeLessThan(INCIDENTS);
    // Every incident is on exactly one year page.
    const listed = years.flatMap((f) => readOutput(first.outDir, f).match(/<li><a href="\/incidents\/[^"]+"/g) ?? []);
    expect(listed).toHaveLength(INCIDENTS);
  });

  it('changes exactly the pages, feeds and JSON the new notice appears in', () => {
    const { slug, noticeId } = added;
    // An update that repeats its incident's states (as `npm run new` carries them forward) appears, in each
    // language: on its incident's page and feed, on a page of its own, on the home page (the incident is open),
    // in the three site feeds and in the feeds of the components it names. Once: the JSON that lists open
    // incidents with their updates, and the sitemap (the incident page's lastmod). Nothing that shows only
    // component states (component pages, API status and components, badges, availability, preview images).
    const perLanguage = [
      'index.html', 'rss.xml', 'atom.xml', 'feed.json',
      `incidents/${slug}/index.html`, `incidents/${slug}/rss.xml`, `incidents/${slug}/${noticeId}/index.html`,
      ...touched.map((id) => `components/${id}/rss.xml`),
    ];
    const shared = ['sitemap.xml', 'status.json', 'api/v2/summary.json', 'api/v2/incidents.json', 'api/v2/incidents/unresolved.json'];
    const index = changed.filter((path) => path.startsWith('pagefind/'));
    expect(changed.filter((path) => !index.includes(path))).toEqual([...perLanguage, ...perLanguage.map((path) => `en/${path}`), ...shared].sort());
    // The search index: only its recent part (the incident is open), written anew: the incident page's fragment in
    // each language (its old one removed), the languages' word chunks and metadata that now hold the notice, and the
    // entry file naming them; not Pagefind's code, and nothing of the archive.
    expect(readOutput(first.outDir, 'pagefind/archive-2015/pagefind-entry.json')).toContain('"languages"');
    expect(index.filter((path) => !path.startsWith('pagefind/recent/'))).toEqual([]);
    for (const language of ['ja', 'en']) expect(index.filter((path) => path.startsWith(`pagefind/recent/fragment/${language}_`)).length).toBe(2);
    expect(index).toContain('pagefind/recent/pagefind-entry.json');
    expect(index.filter((path) => /pagefind\/recent\/(pagefind(-worker)?\.js|wasm\.)/.test(path))).toEqual([]);
    // The new notice is on its incident page; its own page is new.
    expect(readOutput(first.outDir, `incidents/${slug}/index.html`)).toContain(`<article id="${noticeId}"`);
    expect(readOutput(first.outDir, `en/incidents/${slug}/${noticeId}/index.html`)).toContain(`<article id="${noticeId}"`);
  });
});

describe('npm run bench', () => {
  it('runs at a small size and prints its table', () => {
    const result = spawnSync(process.execPath, [join(projectRoot, 'src/cli/bench.ts'), '--incidents', '200', '--changed-files', '200'], { encoding: 'utf8', timeout: 240_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /\| incidents \| notices \| cold build \(Astro's\) \| peak memory \| cold build of a new folder \(without Astro\), peak memory \| files \| dist size \|/,
    );
    expect(result.stdout).toMatch(/\| 200 \| \d+ \| [\d.]+ s \| \d+ MB \| [\d.]+ s, \d+ MB \| \d+ \|/);
    expect(result.stdout).toMatch(/adding one notice \([^)]+\) to the 200-incident site changed \d+ files, \d+ of them in both languages/);
    expect(result.stdout).toMatch(
      /200 incidents: cold build [\d.]+ s \(Astro's; median of 1\), of a new folder [\d.]+ s \(without Astro\), rebuild after one new notice [\d.]+ s, with nothing changed [\d.]+ s, an hour later [\d.]+ s; \d+ files changed/,
    );
    // Each build's phases, read from its log: a phase the log no longer names would show as "?".
    const phases = [...result.stdout.matchAll(/^ {2}(?:start-up|without Astro|nothing to do).*$/gm)].map((match) => match[0]);
    expect(phases).toHaveLength(5);
    // The cold build is Astro's. Start-up is the wall time less Astro's own total. The bench showed "?" for builds
    // of a minute or more (Astro then writes "1m 5s", which it did not read) until 2026-12-02: the likely cause of
    // the one "?" a loaded CI machine showed here. Not proven, so "?" is still allowed, never a wrong number.
    expect(phases[0]).toMatch(/^ {2}start-up (?:[\d.]+ s|\?) · content [\d.]+ s \+ layout assets [\d.]+ s · build info [\d.]+ s · vite [\d.]+ s · routes [\d.]+ s/);
    expect(phases[0]).toMatch(/· preview images [\d.]+ s \(\d+ drawn\) · writer after Astro [\d.]+ s · writer CPU [\d.]+ s, [\d.]+ ms\/file$/);
    const rebuilt = /^ {2}without Astro: start-up [\d.]+ s · content [\d.]+ s · routes [\d.]+ s · then writer, search index and preview images [\d.]+ s/;
    // The second cold build, of another new folder, starts no Astro and indexes every part.
    expect(phases[1]).toMatch(rebuilt);
    expect(phases[1]).toMatch(/\(index archive-2015 [\d.]+ s, recent [\d.]+ s\) · writer CPU [\d.]+ s, [\d.]+ ms\/file$/);
    // After one new notice (to the newest incident, which is open), Astro does not start; the recent part of the
    // search index is made again (its pages changed), the archive is kept.
    expect(phases[2]).toMatch(rebuilt);
    expect(phases[2]).toMatch(/\(index recent [\d.]+ s, archive-2015 kept\) · writer CPU [\d.]+ s, [\d.]+ ms\/file$/);
    // Nothing changed: nothing is done. An hour later: pages that depend on the time change; the index is kept.
    expect(phases[3]).toMatch(/^ {2}nothing to do/);
    expect(phases[4]).toMatch(rebuilt);
    expect(phases[4]).toMatch(/\(index archive-2015, recent kept\) · writer CPU [\d.]+ s, (?:[\d.]+ ms|–)\/file$/);
  });
});

/**
 * A busy service: every one of the last 90 days has incidents (about 1 600 a
 * year, 400 of them in the window) and 30 are open at once. `/` shows every
 * component's bars and the open incidents, so it must stay small whatever the
 * density; the day-by-day lists live on each component's page.
 */
describe('a dense last 90 days with 30 open incidents', () => {
  let build: BuildResult;

  beforeAll(() => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-dense-'));
    generateSite(root, 400, { perYear: 1600, open: 30 });
    build = buildSite(root, { env: { SOURCE_DATE_EPOCH: String(BENCH_NOW / 1000) } });
  });

  it('builds', () => {
    expect(build.status, build.stderr).toBe(0);
  });

  it('keeps / within 40 KB of HTML, CSS and JS in both languages', () => {
    expect(pageWeight(build.outDir, 'index.html')).toBeLessThanOrEqual(40 * 1024);
    expect(pageWeight(build.outDir, 'en/index.html')).toBeLessThanOrEqual(40 * 1024);
  });

  it('shows the newest open incidents in full, the next ones in a line each, and counts the rest', () => {
    const home = readOutput(build.outDir, 'en/index.html');
    expect(home.match(/<article class="incident-card incident-card--open"/g)).toHaveLength(3);
    const open = home.slice(home.indexOf('<section aria-labelledby="_open">'), home.indexOf('</section>', home.indexOf('_open')));
    expect(open.match(/<li>/g)).toHaveLength(20);
    expect(open).toContain('7 more ongoing incidents are listed in the history.');
  });

  it('passes the Nu Html Checker on /, a component page and the history of the busy year', () => {
    const pages = ['index.html', 'en/index.html', 'components/payments/index.html', 'en/components/payouts/index.html', 'history/2025/index.html'];
    const vnu = runVnu(pages.map((page) => join(build.outDir, page)));
    expect(vnu.errors.length, `vnu reported ${vnu.errors.length} errors:\n${formatVnuErrors(vnu.errors)}`).toBe(0);
  });

  it('links each component from / to its day-by-day list, which lists every affected day', () => {
    const home = readOutput(build.outDir, 'en/index.html');
    expect(home).not.toContain('<details class="av-days"');
    expect(home).toContain('<a href="/en/components/payments/#_availability">');
    const component = readOutput(build.outDir, 'en/components/payments/index.html');
    expect(component).toContain('<h2 id="_availability">');
    expect(component).toMatch(/<details class="av-days" open><summary><span class="visually-hidden">Payments: <\/span>Days affected \((\d+)\)/);
  });
});

