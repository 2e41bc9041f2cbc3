import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import type { SiteConfig } from '../lib/content/config-schema.ts';
import { localePath, routes } from '../lib/core/urls.ts';

/**
 * The search index: Pagefind (its Node API over its own binary, from the
 * npm package) reads the built incident pages and FAQ pages of every
 * language, once they are all in the output folder, and writes its bundle to
 * `/pagefind/`. What is indexed, and how each notice and answer becomes a
 * result of its own, is marked in the page templates
 * (src/lib/render/search-annotations.ts). The whole index is written again on
 * every build, so it always describes the pages beside it (a rebuild keeps
 * unchanged incident pages, never an old index).
 */

/** The built pages that carry search annotations: each language's incident pages and FAQ page, as a glob under the output folder. */
export function indexedPagesGlob(config: Pick<SiteConfig, 'locales' | 'defaultLocale'>): string {
  const pages = config.locales.flatMap((locale) =>
    [routes.incident('*'), routes.faq()].map((path) => `${localePath(locale, config.defaultLocale, path).slice(1)}index.html`),
  );
  return `{${pages.join(',')}}`;
}

/** Pagefind's ready-made search interfaces: the search page has its own (src/scripts/search.ts), so these are not published. */
const UNUSED_FILES = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

/** Indexes the pages in `builtDir` and writes the bundle to `<builtDir>/pagefind/`. Throws on any problem Pagefind reports. */
export async function writeSearchIndex(builtDir: string, config: SiteConfig, logger: AstroIntegrationLogger): Promise<void> {
  const started = performance.now();
  try {
    const created = await pagefind.createIndex({});
    const index = created.index;
    if (!index) throw new Error(created.errors.join('\n'));
    const added = await index.addDirectory({ path: builtDir, glob: indexedPagesGlob(config) });
    if (added.errors.length > 0) throw new Error(added.errors.join('\n'));
    const bundle = await index.getFiles();
    if (bundle.errors.length > 0) throw new Error(bundle.errors.join('\n'));
    const folder = join(builtDir, routes.searchIndex());
    rmSync(folder, { recursive: true, force: true });
    let bytes = 0;
    let written = 0;
    for (const file of bundle.files) {
      if (UNUSED_FILES.test(file.path)) continue;
      const path = join(folder, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
      bytes += file.content.byteLength;
      written++;
    }
    const ms = Math.round(performance.now() - started);
    logger.info(`search index: ${added.page_count} pages indexed, ${written} files (${Math.round(bytes / 1024)} KB) in ${routes.searchIndex()} in ${ms}ms`);
  } catch (error) {
    throw new Error(`shirase: the search index could not be built: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    await pagefind.close();
  }
}
