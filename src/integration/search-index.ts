import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuildLogger } from './build-logger.ts';
import { filesUnder } from './build-record.ts';
import type { LanguageIndexJob, LanguageIndexResult } from './search-index-worker.ts';
import type { SiteConfig } from '../lib/content/config-schema.ts';
import { localePath, routes } from '../lib/core/urls.ts';

/**
 * The search index: Pagefind (its Node API over its own binary, from the
 * npm package) reads the built incident pages and FAQ pages of every
 * language, once they are all written, and its bundle goes to `/pagefind/`.
 * What is indexed, and how each notice and answer becomes a result of its
 * own, is marked in the page templates (src/lib/render/search-annotations.ts).
 * The whole index is written again whenever an indexed page changed, so it
 * always describes the pages beside it; a rebuild without Astro keeps it only
 * when none did (src/integration/finish-build.ts).
 */

/** Where the pages to index are: the writer's incident pages (still in its staging folder) and Astro's FAQ pages. */
export interface IndexedPages {
  /** The folder laid out like the output folder that holds the incident pages. */
  incidents: string;
  /** The output folder, with the FAQ pages. */
  builtDir: string;
}

/** The index.html file (relative to the output folder) of a site path in one locale. */
function localePage(config: Pick<SiteConfig, 'defaultLocale'>, locale: string, path: string): string {
  return `${localePath(locale, config.defaultLocale, path).slice(1)}index.html`;
}

/** The pages of Astro's routes that are indexed (the FAQ page of each language), relative to the output folder. */
export function indexedRoutePages(config: Pick<SiteConfig, 'locales' | 'defaultLocale'>): string[] {
  return config.locales.map((locale) => localePage(config, locale, routes.faq()));
}

/** Pagefind's ready-made search interfaces: the search page has its own (src/scripts/search.ts), so these are not published. */
const UNUSED_FILES = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

/** Pagefind's `pagefind-entry.json`: its version, each language's index, the characters it keeps in words. */
interface PagefindEntry {
  version: string;
  languages: Record<string, unknown>;
  include_characters?: unknown;
}

/**
 * Indexes each language's incident pages and FAQ page and writes the bundle to `<builtDir>/pagefind/`.
 *
 * Pagefind indexes every language on its own (each has its own words, chunks,
 * fragments and filters, named `<language>_<hash>`) and lists them in
 * `pagefind-entry.json`; its code and WebAssembly are the same for all. So
 * each language is indexed by a Pagefind process of its own, side by side
 * (search-index-worker.ts), into a folder of its own, and the folders are
 * merged into one bundle with one entry file: the same files, byte for byte,
 * that one Pagefind writes for all languages (tests/build/search-index.test.ts),
 * in about two thirds of the time on two cores. Throws on any problem Pagefind reports.
 */
export async function writeSearchIndex(pages: IndexedPages, config: SiteConfig, logger: BuildLogger): Promise<void> {
  const started = performance.now();
  const folder = join(pages.builtDir, routes.searchIndex());
  const languageFolder = (locale: string) => `${folder.replace(/[\\/]+$/, '')}.${locale}`;
  try {
    const counts = await Promise.all(
      config.locales.map((locale) => {
        // Always in this order, so the same pages make the same index (Pagefind's files depend on the order pages are added).
        const sources = [
          { path: pages.incidents, glob: localePage(config, locale, routes.incident('*')) },
          { path: pages.builtDir, glob: localePage(config, locale, routes.faq()) },
        ];
        return indexInThread({ sources, outputPath: languageFolder(locale) });
      }),
    );
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const entries: PagefindEntry[] = [];
    for (const locale of config.locales) {
      const from = languageFolder(locale);
      entries.push(JSON.parse(readFileSync(join(from, ENTRY), 'utf8')) as PagefindEntry);
      for (const file of filesUnder(from)) {
        const to = join(folder, file);
        // Pagefind's code and WebAssembly are in every language's folder, the same bytes: one copy is kept.
        if (file === ENTRY || UNUSED_FILES.test(file) || existsSync(to)) continue;
        mkdirSync(dirname(to), { recursive: true });
        renameSync(join(from, file), to);
      }
    }
    writeFileSync(join(folder, ENTRY), mergeEntries(entries));
    const ms = Math.round(performance.now() - started);
    const pageCount = counts.reduce((sum, count) => sum + count, 0);
    logger.info(`search index: ${pageCount} pages indexed into ${routes.searchIndex()} in ${ms}ms`);
  } catch (error) {
    throw new Error(`shirase: the search index could not be built: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    for (const locale of config.locales) rmSync(languageFolder(locale), { recursive: true, force: true });
  }
}

const ENTRY = 'pagefind-entry.json';

/** One entry file for all languages, as Pagefind writes it for one bundle: the languages in the order of their names. */
export function mergeEntries(entries: readonly PagefindEntry[]): string {
  const languages = Object.fromEntries(entries.flatMap((entry) => Object.entries(entry.languages)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ ...entries[0]!, languages });
}

/** Runs search-index-worker.ts for one language; resolves with its page count, rejects with what Pagefind said. */
function indexInThread(job: LanguageIndexJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(new URL('./search-index-worker.ts', import.meta.url)), { workerData: job });
    worker.once('message', (result: LanguageIndexResult) => ('error' in result ? reject(new Error(result.error)) : resolve(result.pages)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the search index thread stopped (exit code ${code})`)));
  });
}
