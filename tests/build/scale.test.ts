import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addOneNotice, generateSite } from '../../src/lib/bench/generate.ts';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';
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
    // The components whose feeds and pages may show the new notice: every one its incident touches.
    touched = [...new Set(loadSiteContentOrThrow(root).incidents.find((i) => i.slug === added.slug)!.notices.flatMap((n) => Object.keys(n.components)))];
    second = buildSite(root, { env: { SHIRASE_OUT_DIR: first.outDir } });
    const after = hashes(first.outDir);
    changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path)).sort();
  });

  it('builds', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(second.status, second.stderr).toBe(0);
  });

  it('keeps / within 25 KB of HTML, CSS and JS, and ships under 5 KB of JavaScript', () => {
    expect(pageWeight(first.outDir, 'index.html')).toBeLessThanOrEqual(25 * 1024);
    const js = listFiles(first.outDir).filter((f) => f.endsWith('.js')).reduce((n, f) => n + statSync(join(first.outDir, f)).size, 0);
    expect(js).toBeLessThanOrEqual(5 * 1024);
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

  it('changes only the pages, feeds and JSON the new notice appears in', () => {
    const { slug } = added;
    // What one new notice may touch, in each locale: its incident's page, feed and the notice's own page; the home
    // page; the site feeds; the feeds and pages of the components it names. Once: the sitemap and the JSON outputs.
    const allowed = [
      /^(en\/)?index\.html$/,
      new RegExp(`^(en/)?incidents/${slug}/(index\\.html|rss\\.xml|[^/]+/index\\.html)$`),
      /^(en\/)?(rss\.xml|atom\.xml|feed\.json)$/,
      new RegExp(`^(en/)?components/(${touched.join('|')})/(index\\.html|rss\\.xml)$`),
      /^(sitemap\.xml|status\.json|availability\.json|maintenance\.ics)$/,
      /^api\/v2\/.+\.json$/,
      // The link-preview images of the incident (it shows its state) and of the site.
      new RegExp(`^og/incidents/${slug}\\.png$`),
      /^og\.png$/,
    ];
    const unexpected = changed.filter((f) => !allowed.some((pattern) => pattern.test(f)));
    expect(unexpected, 'files that changed but do not show the new notice').toEqual([]);
    // No other incident's pages or share pages churn (no build times, random ids or hashes in unchanged pages).
    expect(changed.filter((f) => /^(en\/)?incidents\//.test(f) && !f.includes(`incidents/${slug}/`))).toEqual([]);
    // The new notice's own page exists in both languages, and the incident page shows it.
    expect(changed).toContain(`incidents/${slug}/${added.noticeId}/index.html`);
    expect(changed).toContain(`en/incidents/${slug}/${added.noticeId}/index.html`);
    expect(readOutput(first.outDir, `incidents/${slug}/index.html`)).toContain(`<article id="${added.noticeId}"`);
  });
});

describe('npm run bench', () => {
  it('runs at a small size and prints its table', () => {
    const result = spawnSync(process.execPath, [join(projectRoot, 'src/cli/bench.ts'), '--incidents', '200', '--changed-files', '200'], { encoding: 'utf8', timeout: 240_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/\| incidents \| notices \| wall time \| peak memory \| files \| dist size \|/);
    expect(result.stdout).toMatch(/\| 200 \| \d+ \| [\d.]+ s \| \d+ MB \| \d+ \|/);
    expect(result.stdout).toMatch(/adding one notice to the 200-incident site changed \d+ files/);
  });
});
