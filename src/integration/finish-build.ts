import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteContent } from '../lib/content/types.ts';
import { searchDigest } from './build-record.ts';
import type { BuildLogger } from './build-logger.ts';
import { indexedRoutePages, writeSearchIndex } from './search-index.ts';
import type { IncidentWriter } from './writer-thread.ts';

/**
 * The end of every build, Astro's and the rebuild without Astro
 * (src/publish/rebuild.ts), once the routes' files are written: the writer's
 * last units, then the search index (in Pagefind's process) beside the
 * preview images (on this thread), then the writer's folders move into place.
 *
 * `previousSearch` is the search digest of the index already in the output
 * folder, if any: when this build's pages make the same digest, the index is
 * kept. Returns this build's digest.
 */
export async function finishBuild(options: {
  builtDir: string;
  content: SiteContent;
  writer: IncidentWriter;
  logger: BuildLogger;
  previousSearch?: string | undefined;
}): Promise<{ search: string }> {
  const { builtDir, content, writer, logger } = options;
  const staging = await writer.finishUnits(builtDir, logger);
  const faqPages = indexedRoutePages(content.config).map((page) => readFileSync(join(builtDir, page)));
  const search = searchDigest(writer.unitKeys(), faqPages);
  const index =
    search === options.previousSearch
      ? Promise.resolve(logger.info('search index: no indexed page changed; the index is kept'))
      : writeSearchIndex({ incidents: staging, builtDir }, content.config, logger);
  await Promise.all([index, writer.writePreviewImages(builtDir, logger)]);
  writer.moveIntoPlace(builtDir);
  return { search };
}
