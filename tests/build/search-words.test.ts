import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordsOfBundle } from '../../src/integration/search-index.ts';
import { buildSite, projectRoot, type BuildResult } from '../support/build.ts';
import { indexedWords } from '../support/search-index.ts';

/**
 * The search index in parts (src/lib/model/search-parts.ts) is right only if the recent part has every word of
 * the archive: the search page asks it whether the archive has the query's words before the archive may answer,
 * and Pagefind answers a word it lacks with a shorter one. Checked on the words Pagefind itself wrote: for every
 * word of the archive's index, the recent part's index has a word that begins with it.
 */

/** The words of `words` that no word of `index` begins with. */
const notCovered = (words: readonly string[], index: readonly string[]) => {
  const sorted = [...new Set(index)].sort();
  return words.filter((word) => {
    // The first word not before `word` in sorted order is the one that could begin with it.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! < word) low = middle + 1;
      else high = middle;
    }
    return !(sorted[low] ?? '').startsWith(word);
  });
};

describe('the recent part of the search index holds every word of the archive', () => {
  let build: BuildResult;
  beforeAll(() => {
    build = buildSite(projectRoot);
    if (build.status !== 0) throw new Error(build.stderr);
  });
  afterAll(() => rmSync(build.outDir, { recursive: true, force: true }));

  it('in the built example, in both languages: English stems, Japanese words, whole titles and times', () => {
    const archive = indexedWords(join(build.outDir, 'pagefind/archive-2018'));
    const recent = indexedWords(join(build.outDir, 'pagefind/recent'));
    expect([...archive.keys()].sort()).toEqual(['en', 'ja']);
    for (const [language, words] of archive) {
      expect(words.length, language).toBeGreaterThan(100);
      expect(notCovered(words, recent.get(language) ?? []), language).toEqual([]);
    }
    // The kinds of words that Pagefind makes differently from plain text are among them.
    expect(archive.get('en')).toContain('suspens');
    expect(archive.get('ja')!.some((word) => /^2018年4月1\d日.$/.test(word))).toBe(true);
  });

  it('and the words taken from the archive make every archive word again, alone (not from the recent pages)', async () => {
    const archive = join(build.outDir, 'pagefind/archive-2018');
    const folder = mkdtempSync(join(tmpdir(), 'shirase-words-'));
    try {
      const { index } = await pagefind.createIndex({});
      for (const [language, { text, meta }] of Object.entries(wordsOfBundle(archive))) {
        const added = await index!.addCustomRecord({ url: `/words-${language}`, content: text, language, meta });
        expect(added.errors).toEqual([]);
      }
      await index!.writeFiles({ outputPath: folder });
      const remade = indexedWords(folder);
      for (const [language, words] of indexedWords(archive)) expect(notCovered(words, remade.get(language) ?? []), language).toEqual([]);
    } finally {
      await pagefind.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
