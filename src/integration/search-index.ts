import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildLogger } from './build-logger.ts';
import * as pagefind from 'pagefind';
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

/** The index.html files (relative to the output folder) of a site path in every locale. */
function localePages(config: Pick<SiteConfig, 'locales' | 'defaultLocale'>, path: string): string[] {
  return config.locales.map((locale) => `${localePath(locale, config.defaultLocale, path).slice(1)}index.html`);
}

/** Site paths (with the locale prefix) that carry search annotations, as a glob of their index.html files. */
function pagesGlob(config: Pick<SiteConfig, 'locales' | 'defaultLocale'>, path: string): string {
  return `{${localePages(config, path).join(',')}}`;
}

/** The pages of Astro's routes that are indexed (the FAQ page of each language), relative to the output folder. */
export function indexedRoutePages(config: Pick<SiteConfig, 'locales' | 'defaultLocale'>): string[] {
  return localePages(config, routes.faq());
}

/** Pagefind's ready-made search interfaces: the search page has its own (src/scripts/search.ts), so these are not published. */
const UNUSED_FILES = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

/**
 * Indexes each language's incident pages and FAQ page and writes the bundle to `<builtDir>/pagefind/`.
 * The work is Pagefind's own process's: this thread is free meanwhile. Throws on any problem Pagefind reports.
 */
export async function writeSearchIndex(pages: IndexedPages, config: SiteConfig, logger: BuildLogger): Promise<void> {
  const started = performance.now();
  try {
    const created = await pagefind.createIndex({});
    const index = created.index;
    if (!index) throw new Error(created.errors.join('\n'));
    let pageCount = 0;
    // Always in this order, so the same pages make the same index (Pagefind's files depend on the order pages are added).
    for (const [folder, path] of [[pages.incidents, routes.incident('*')], [pages.builtDir, routes.faq()]] as const) {
      const added = await index.addDirectory({ path: folder, glob: pagesGlob(config, path) });
      if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
      pageCount += added.page_count;
    }
    // Pagefind's process writes the bundle itself: this thread stays free for the preview images.
    const folder = join(pages.builtDir, routes.searchIndex());
    rmSync(folder, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: folder });
    if (written.errors.length > 0) throw new Error(written.errors.join('\n'));
    for (const name of readdirSync(folder)) if (UNUSED_FILES.test(name)) rmSync(join(folder, name));
    const ms = Math.round(performance.now() - started);
    logger.info(`search index: ${pageCount} pages indexed into ${routes.searchIndex()} in ${ms}ms`);
  } catch (error) {
    throw new Error(`shirase: the search index could not be built: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    await pagefind.close();
  }
}
