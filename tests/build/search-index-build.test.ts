import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../src/lib/content/config-schema.ts';
import type { Incident } from '../../src/lib/content/types.ts';
import { inIndexOrder, type SearchPart } from '../../src/lib/model/search-parts.ts';
import { readFragments, SearchIndexBuild } from '../../src/integration/search-index.ts';
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

/** Three parts of a one-language site: two archive parts of a few incidents, and the recent part with the FAQ. */
function site(): { root: string; parts: SearchPart[] } {
  const root = mkdtempSync(join(tmpdir(), 'shirase-index-build-'));
  const parts: SearchPart[] = [
    { name: 'recent', incidents: [incident('2024-open')], faq: true },
    { name: 'archive-2016', incidents: ['2016-a', '2016-b', '2016-c'].map(incident), faq: false },
    { name: 'archive-2017', incidents: ['2017-a', '2017-b'].map(incident), faq: false },
  ];
  const words: Record<string, string> = {
    '2024-open': 'payouts delayed today',
    '2016-a': 'settlement paused overnight',
    '2016-b': 'weekend maintenance of the ledger',
    '2016-c': 'card network outage',
    '2017-a': 'refunds queued',
    '2017-b': 'statements regenerated',
  };
  for (const [slug, text] of Object.entries(words)) {
    mkdirSync(join(root, 'staging/incidents', slug), { recursive: true });
    writeFileSync(join(root, 'staging/incidents', slug, 'index.html'), page(slug, text));
  }
  return { root, parts };
}

/** Indexes the site into `out`, telling the index after every `step` units how many are done. */
async function index(root: string, parts: SearchPart[], out: string, step: number): Promise<string[]> {
  // The FAQ page, written by its route before the writer's units.
  mkdirSync(join(root, out, 'faq'), { recursive: true });
  writeFileSync(join(root, out, 'faq/index.html'), page('FAQ', 'When are payouts made?'));
  // The writer's order: the parts as they are indexed, one unit per incident (one language).
  const order = inIndexOrder(parts).flatMap((part) => part.incidents.map((item) => item.slug));
  const lines: string[] = [];
  const build = new SearchIndexBuild({
    pages: { incidents: join(root, 'staging'), builtDir: join(root, out) },
    config,
    parts,
    merged: parts.filter((part) => part.name !== 'recent'),
    words: {},
    logger: { info: (line: string) => lines.push(line), warn: () => {} } as never,
    unitsThrough: (item) => order.indexOf(item.slug) + 1,
  });
  build.start();
  for (let done = step; done < order.length; done += step) {
    build.pagesWritten(done);
    // The writer's thread lets Pagefind's replies through now and then.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await build.finish();
  return lines;
}

describe('the search index of a build, part by part', () => {
  it('makes the same bundles whether the pages come one at a time or all at the end, the primary part last', async () => {
    const { root, parts } = site();
    const oneByOne = await index(root, parts, 'one-by-one', 1);
    const atTheEnd = await index(root, parts, 'at-the-end', 100);
    expect(differingFiles(join(root, 'one-by-one'), join(root, 'at-the-end'))).toEqual([]);
    for (const lines of [oneByOne, atTheEnd]) {
      const indexed = lines.filter((line) => line.includes('pages indexed into'));
      expect(indexed).toEqual([
        expect.stringMatching(/^search index: 3 pages indexed into \/pagefind\/archive-2016\/ in \d+ms$/),
        expect.stringMatching(/^search index: 2 pages indexed into \/pagefind\/archive-2017\/ in \d+ms$/),
        expect.stringMatching(/^search index: 2 pages indexed into \/pagefind\/recent\/ in \d+ms$/),
      ]);
    }
    // Only the primary part brings Pagefind's code; each part is its own bundle.
    const files = listFiles(join(root, 'one-by-one'));
    expect(files.filter((path) => path.endsWith('pagefind.js'))).toEqual(['pagefind/recent/pagefind.js']);
    expect(files).toContain('pagefind/archive-2017/pagefind-entry.json');
    // The primary part holds a record of each other part's words, and the archive's pages are in their parts.
    const recent = readFragments(join(root, 'one-by-one/pagefind/recent')).map(({ page }) => page);
    expect(recent.map((fragment) => fragment.url).sort()).toEqual(
      ['/faq/', '/incidents/2024-open/', '/pagefind/archive-2016/#words-en', '/pagefind/archive-2017/#words-en'].sort(),
    );
    expect(recent.find((fragment) => fragment.url === '/pagefind/archive-2016/#words-en')!.content).toContain('weekend');
    const archived = readFragments(join(root, 'one-by-one/pagefind/archive-2016')).map(({ page }) => page.url);
    expect(archived.sort()).toEqual(['/incidents/2016-a/', '/incidents/2016-b/', '/incidents/2016-c/']);
  });

  it('fails, naming the page it lacks, and stops Pagefind', async () => {
    const { root, parts } = site();
    const broken = parts.map((part) => (part.name === 'archive-2017' ? { ...part, incidents: [...part.incidents, incident('2017-lost')] } : part));
    await expect(index(root, broken, 'broken', 1)).rejects.toThrow(/shirase: the search index could not be built: .*incidents\/2017-lost\/index\.html/);
  });
});
