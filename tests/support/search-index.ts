import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFragments } from '../../src/integration/search-index.ts';
import { PART_WORDS_FILTER } from '../../src/scripts/search-results.ts';

/**
 * The search index a build wrote (`dist/pagefind/<part>/`), read the way Pagefind's
 * browser code reads it: each page's fragment (gzip, a `pagefind_dcd`
 * signature, then JSON) with its URL, text, meta, filters and anchors. For
 * the tests that follow result links and look for what must not be indexed.
 */

export interface IndexedPage {
  /** The part of the index it is in (the folder under /pagefind/). */
  part: string;
  /** The index it is in: the page's <html lang>. */
  language: string;
  /** Site path without the base path, e.g. /incidents/x/ (the search page adds the base). */
  url: string;
  /** The indexed text. */
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  anchors: { element: string; id: string; text?: string; title?: string; location: number }[];
}

export function readSearchIndex(distDir: string): IndexedPage[] {
  const index = join(distDir, 'pagefind');
  if (!existsSync(index)) return [];
  // One bundle per part of the index (src/lib/model/search-parts.ts): the search page merges them.
  return readdirSync(index)
    .sort()
    .filter((part) => existsSync(join(index, part, 'fragment')))
    .flatMap((part) =>
      readFragments(join(index, part))
        // The records of the other parts' words (src/integration/search-index.ts): never results, never pages.
        .filter(({ page }) => !page.filters?.[PART_WORDS_FILTER])
        .map(({ language, page }) => ({ meta: {}, filters: {}, anchors: [], ...page, part, language })),
    );
}

/**
 * Every URL a result of this page can link to: the page itself and each
 * anchor Pagefind makes a result of (one with a title of its own, or a
 * heading with text), as Pagefind's sub-results do.
 */
export function resultUrls(page: IndexedPage): string[] {
  const anchors = page.anchors.filter((a) => /\S/.test(a.title ?? '') || (/^h\d$/i.test(a.element) && /\S/.test(a.text ?? '')));
  return [page.url, ...anchors.map((a) => `${page.url}#${a.id}`)];
}

/**
 * The words a bundle's index holds, per language, as Pagefind's browser code reads them: each `index/*.pf_index`
 * chunk (gzip, the signature, then CBOR: a list whose first item lists `[word, pages, …]`). Stems in English
 * ("suspens"), Japanese cut into words and whole meta values ("2018年4月12日木").
 */
export function indexedWords(bundle: string): Map<string, string[]> {
  const folder = join(bundle, 'index');
  const byLanguage = new Map<string, string[]>();
  for (const name of readdirSync(folder).sort()) {
    const bytes = gunzipSync(readFileSync(join(folder, name)));
    if (bytes.subarray(0, CHUNK_SIGNATURE.length).toString('utf8') !== CHUNK_SIGNATURE) throw new Error(`${name}: not a Pagefind index chunk`);
    const [entries] = readCbor(bytes.subarray(CHUNK_SIGNATURE.length)) as [[string, ...unknown[]][]];
    const language = name.slice(0, name.indexOf('_'));
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), ...entries.map(([word]) => word)]);
  }
  return byLanguage;
}

/** What Pagefind's index chunks start with, after gzip (as its fragments do). */
const CHUNK_SIGNATURE = 'pagefind_dcd';

/** A small CBOR reader (RFC 8949: integers, strings, arrays, maps, simple values): what Pagefind's chunks use. */
function readCbor(bytes: Buffer): unknown {
  let at = 0;
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = [1, 2, 4, 8][info - 24];
    if (size === undefined) throw new Error(`CBOR: unsupported length ${info} at ${at}`);
    const value = bytes.readUIntBE(at, Math.min(size, 6));
    at += size;
    return value;
  };
  const item = (): unknown => {
    const head = bytes[at++]!;
    const major = head >> 5;
    const info = head & 31;
    if (major === 0) return length(info);
    if (major === 1) return -1 - length(info);
    if (major === 2 || major === 3) {
      const n = length(info);
      const value = bytes.subarray(at, at + n);
      at += n;
      return major === 3 ? value.toString('utf8') : value;
    }
    if (major === 4) return Array.from({ length: length(info) }, item);
    if (major === 5) return Object.fromEntries(Array.from({ length: length(info) }, () => [item(), item()]));
    if (major === 7 && info >= 20 && info <= 22) return [false, true, null][info - 20];
    throw new Error(`CBOR: unsupported item ${head} at ${at - 1}`);
  };
  return item();
}
