import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../src/lib/content/config-schema.ts';
import type { Incident } from '../../src/lib/content/types.ts';
import { inIndexOrder, type SearchPart } from '../../src/lib/model/search-parts.ts';
import { readFragments, SearchIndexBuild, type SearchRecord } from '../../src/integration/search-index.ts';
import { differingFiles, listFiles } from '../support/build.ts';

/**
 * The search index of a build (src/integration/search-index.ts) takes each part's pages from Pagefind's side as
 * the writer writes them, one part at a time. Whatever the writer's pace, the same pages must make the same
 * bundles, and the primary part must hold the words of every other part.
 */

const config = { locales: ['en'], defaultLocale: 'en' } as unknown as SiteConfig;
const incident = (slug: string) => ({ slug }) as Incident;
const page = (title: string, text: string) =>
  `<!DOCTYPE html><html lang="en"><head><title>${title}</title></head><body><main data-pagefind-body><h1>${title}</h1><p>${text}</p></main></body></html>`;

const texts: Record<string, string> = {
  '2024-open': 'payouts delayed today',
  '2016-a': 'settlement paused overnight',
  '2016-b': 'weekend maintenance of the ledger',
  '2016-c': 'card network outage',
  '2017-a': 'refunds queued',
  '2017-b': 'statements regenerated',
};

/** Three parts of a one-language site: two archive parts of a few incidents, and the recent part with the FAQ. */
const PARTS: SearchPart[] = [
  { name: 'recent', incidents: [incident('2024-open')], faq: true },
  { name: 'archive-2016', incidents: ['2016-a', '2016-b', '2016-c'].map(incident), faq: false },
  { name: 'archive-2017', incidents: ['2017-a', '2017-b'].map(incident), faq: false },
];

/**
 * Indexes the pages into `<root>/<out>/pagefind/` as a build does: each incident's page is written only just before
 * the index hears that its unit is done, `step` units at a time. Returns the log and the result.
 */
async function index(
  root: string,
  out: string,
  options: { step: number; batchIncidents: number; parts?: SearchPart[]; previous?: SearchRecord; unwritten?: string; faqLast?: boolean },
): Promise<{ lines: string[]; result: SearchRecord }> {
  const parts = options.parts ?? PARTS;
  // The FAQ page, written by its route: before the writer's units (a build without Astro), or after (Astro's).
  const writeFaq = () => {
    mkdirSync(join(root, out, 'faq'), { recursive: true });
    writeFileSync(join(root, out, 'faq/index.html'), page('FAQ', 'When are payouts made?'));
  };
  const staging = join(root, `${out}-staging`);
  // The writer's order: the parts as they are indexed, one unit per incident (one language).
  const order = inIndexOrder(parts).flatMap((part) => part.incidents.map((item) => item.slug));
  const write = (slug: string) => {
    mkdirSync(join(staging, 'incidents', slug), { recursive: true });
    writeFileSync(join(staging, 'incidents', slug, 'index.html'), page(slug, texts[slug] ?? slug));
  };
  const lines: string[] = [];
  const build = new SearchIndexBuild({
    pages: { incidents: staging, builtDir: join(root, out) },
    config,
    parts,
    previous: options.previous,
    // The pages' text stands for their render keys.
    digestOf: (part, others) => JSON.stringify([part.incidents.map((item) => texts[item.slug]), others]),
    logger: { info: (line: string) => lines.push(line), warn: () => {} } as never,
    unitsThrough: (item) => order.indexOf(item.slug) + 1,
    batchIncidents: options.batchIncidents,
  });
  build.start();
  const faq = () => {
    writeFaq();
    build.routePagesWritten();
  };
  if (!options.faqLast) faq();
  for (let done = 0; done < order.length; ) {
    const next = Math.min(order.length, done + options.step);
    for (const slug of order.slice(done, next)) if (slug !== options.unwritten) write(slug);
    done = next;
    build.pagesWritten(done);
    // The writer's thread lets Pagefind's replies through now and then.
    await setImmediate();
  }
  if (options.faqLast) faq();
  const result = await build.finish();
  return { lines, result };
}

const indexedLines = (lines: string[]) => lines.filter((line) => line.includes('pages indexed into'));

/** A folder of the test's own, removed after the tests. */
const scratches: string[] = [];
const scratch = () => {
  const root = mkdtempSync(join(tmpdir(), 'shirase-index-build-'));
  scratches.push(root);
  return root;
};
afterAll(() => {
  for (const root of scratches) rmSync(root, { recursive: true, force: true });
});

describe('the search index of a build, part by part', () => {
  it('makes the same bundles whether the pages are written one at a time, three at a time or all before the end', async () => {
    const root = scratch();
    // Groups of two incidents: a part of three is two groups.
    const oneByOne = await index(root, 'one-by-one', { step: 1, batchIncidents: 2 });
    const byThree = await index(root, 'by-three', { step: 3, batchIncidents: 2 });
    const atTheEnd = await index(root, 'at-the-end', { step: 100, batchIncidents: 2 });
    // As in Astro's build: the FAQ page is written after every incident page, and the recent part waits for it.
    const faqLast = await index(root, 'faq-last', { step: 1, batchIncidents: 2, faqLast: true });
    expect(differingFiles(join(root, 'one-by-one'), join(root, 'faq-last'))).toEqual([]);
    expect(faqLast.lines.some((line) => line.includes('2 pages indexed into /pagefind/recent/'))).toBe(true);
    expect(differingFiles(join(root, 'one-by-one'), join(root, 'at-the-end'))).toEqual([]);
    expect(differingFiles(join(root, 'one-by-one'), join(root, 'by-three'))).toEqual([]);
    for (const { lines } of [oneByOne, byThree, atTheEnd]) {
      expect(indexedLines(lines)).toEqual([
        expect.stringMatching(/^search index: 3 pages indexed into \/pagefind\/archive-2016\/ in \d+ms$/),
        expect.stringMatching(/^search index: 2 pages indexed into \/pagefind\/archive-2017\/ in \d+ms$/),
        expect.stringMatching(/^search index: 2 pages indexed into \/pagefind\/recent\/ in \d+ms$/),
      ]);
      expect(lines.at(-1)).toMatch(/^search index: 3 parts in \d+ms, \d+ms of them after the last page was written$/);
    }
    // Only the primary part brings Pagefind's code; each part is its own bundle; the linked pages are gone.
    const files = listFiles(join(root, 'one-by-one'));
    expect(files.filter((path) => path.endsWith('pagefind.js'))).toEqual(['pagefind/recent/pagefind.js']);
    expect(files).toContain('pagefind/archive-2017/pagefind-entry.json');
    expect(existsSync(join(root, 'one-by-one.shirase-search'))).toBe(false);
    expect(existsSync(join(root, 'one-by-one.shirase-index'))).toBe(false);
    // The primary part holds a record of each other part's words, and the archive's pages are in their parts.
    const recent = readFragments(join(root, 'one-by-one/pagefind/recent')).map(({ page }) => page);
    expect(recent.map((fragment) => fragment.url).sort()).toEqual(
      ['/faq/', '/incidents/2024-open/', '/pagefind/archive-2016/#words-en', '/pagefind/archive-2017/#words-en'].sort(),
    );
    expect(recent.find((fragment) => fragment.url === '/pagefind/archive-2016/#words-en')!.content).toContain('weekend');
    const archived = readFragments(join(root, 'one-by-one/pagefind/archive-2016')).map(({ page }) => page.url);
    expect(archived.sort()).toEqual(['/incidents/2016-a/', '/incidents/2016-b/', '/incidents/2016-c/']);
    expect(Object.keys(oneByOne.result.words).sort()).toEqual(['archive-2016', 'archive-2017']);
    expect(Object.keys(oneByOne.result.parts).sort()).toEqual(['archive-2016', 'archive-2017', 'recent']);
  });

  it('takes a group to Pagefind only once its pages are written', async () => {
    const root = scratch();
    // Told one unit too early, the group of 2016-b and 2016-c would miss 2016-c's page.
    const early = new SearchIndexBuild({
      pages: { incidents: join(root, 'none'), builtDir: join(root, 'out') },
      config,
      parts: [PARTS[1]!],
      previous: undefined,
      digestOf: () => '',
      logger: { info: () => {}, warn: () => {} } as never,
      unitsThrough: (item) => ['2016-a', '2016-b', '2016-c'].indexOf(item.slug) + 1,
      batchIncidents: 2,
    });
    mkdirSync(join(root, 'none/incidents/2016-a'), { recursive: true });
    writeFileSync(join(root, 'none/incidents/2016-a/index.html'), page('2016-a', 'x'));
    mkdirSync(join(root, 'none/incidents/2016-b'), { recursive: true });
    writeFileSync(join(root, 'none/incidents/2016-b/index.html'), page('2016-b', 'x'));
    early.start();
    early.pagesWritten(2);
    // The first group goes as soon as Pagefind has an index for the part.
    await expect.poll(() => existsSync(join(root, 'out.shirase-search/archive-2016/incident-pages-0/incidents/2016-b/index.html'))).toBe(true);
    // A few more turns: nothing of the second group is linked for Pagefind, as it waits for the third unit.
    for (let turn = 0; turn < 10; turn++) await setImmediate();
    expect(existsSync(join(root, 'out.shirase-search/archive-2016/incident-pages-1'))).toBe(false);
    await early.abort();
    expect(existsSync(join(root, 'out.shirase-search'))).toBe(false);
  });

  it('keeps a part whose digest is the previous one, with its words, and indexes the rest', async () => {
    const root = scratch();
    const first = await index(root, 'out', { step: 1, batchIncidents: 2 });
    const bundle = join(root, 'out/pagefind/archive-2016');
    const before = listFiles(bundle).map((path) => [path, statSync(join(bundle, path)).mtimeMs]);
    // A changed page of 2017: its part, and recent (which holds its words), are made again.
    texts['2017-b'] = 'statements regenerated twice';
    try {
      const second = await index(root, 'out', { step: 1, batchIncidents: 2, previous: { parts: first.result.parts, words: first.result.words } });
      expect(second.lines).toContain('search index: no page of archive-2016 changed; kept');
      expect(indexedLines(second.lines).map((line) => line.replace(/ in \d+ms$/, ''))).toEqual([
        'search index: 2 pages indexed into /pagefind/archive-2017/',
        'search index: 2 pages indexed into /pagefind/recent/',
      ]);
      expect(listFiles(bundle).map((path) => [path, statSync(join(bundle, path)).mtimeMs])).toEqual(before);
      expect(second.result.words['archive-2016']).toEqual(first.result.words['archive-2016']);
      const recent = readFragments(join(root, 'out/pagefind/recent')).map(({ page }) => page);
      expect(recent.find((fragment) => fragment.url === '/pagefind/archive-2017/#words-en')!.content).toContain('twice');
    } finally {
      texts['2017-b'] = 'statements regenerated';
    }
  });

  it('fails, naming the page it lacks, and stops Pagefind', async () => {
    const root = scratch();
    const broken = PARTS.map((part) => (part.name === 'archive-2017' ? { ...part, incidents: [...part.incidents, incident('2017-lost')] } : part));
    // Its unit is done, but its page never reaches the staging folder.
    const missing = index(root, 'broken', { step: 1, batchIncidents: 2, parts: broken, unwritten: '2017-lost' });
    await expect(missing).rejects.toThrow(/shirase: the search index could not be built: \/pagefind\/archive-2017\/: .*incidents\/2017-lost\/index\.html/);
    expect(existsSync(join(root, 'broken.shirase-search'))).toBe(false);
    // The parts written before the failure stay out of the output folder.
    expect(existsSync(join(root, 'broken.shirase-index'))).toBe(false);
    expect(existsSync(join(root, 'broken/pagefind'))).toBe(false);
  });
});
