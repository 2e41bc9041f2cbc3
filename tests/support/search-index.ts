import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * The search index a build wrote (`dist/pagefind/`), read the way Pagefind's
 * browser code reads it: each page's fragment (gzip, a `pagefind_dcd`
 * signature, then JSON) with its URL, text, meta, filters and anchors. For
 * the tests that follow result links and look for what must not be indexed.
 */

export interface IndexedPage {
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

const SIGNATURE = 'pagefind_dcd';

export function readSearchIndex(distDir: string): IndexedPage[] {
  const folder = join(distDir, 'pagefind/fragment');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.pf_fragment'))
    .sort()
    .map((name) => {
      const text = gunzipSync(readFileSync(join(folder, name))).toString('utf8');
      if (!text.startsWith(SIGNATURE)) throw new Error(`${name}: not a Pagefind fragment`);
      const page = JSON.parse(text.slice(SIGNATURE.length)) as Omit<IndexedPage, 'language'>;
      return { ...page, language: name.slice(0, name.indexOf('_')) };
    });
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
