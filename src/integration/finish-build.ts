import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident, SiteContent } from '../lib/content/types.ts';
import { searchParts, type SearchPart } from '../lib/model/search-parts.ts';
import { unitId } from '../lib/outputs/render-cache.ts';
import { stagingFolder } from '../lib/outputs/writer.ts';
import { searchDigest, type SearchRecord } from './build-record.ts';
import type { BuildLogger } from './build-logger.ts';
import { indexedRoutePages, removeOtherParts, SearchIndexBuild, type SearchIndexResult } from './search-index.ts';
import type { IncidentWriter } from './writer-thread.ts';

/**
 * The end of every build, Astro's and the one without Astro
 * (src/publish/rebuild.ts), once the routes' indexed pages (the FAQ pages)
 * are written: the writer's last units, with the search index taking their
 * pages as they are done (in Pagefind's process), then the preview images
 * (on this thread) while the index is written out, then the writer's folders
 * move into place.
 *
 * `previousSearch` is what the index already in the output folder was made
 * from, part by part (src/lib/model/search-parts.ts): a part whose pages make
 * the same digest in this build is kept. Returns this build's.
 */
export async function finishBuild(options: {
  builtDir: string;
  content: SiteContent;
  now: number;
  writer: IncidentWriter;
  logger: BuildLogger;
  previousSearch?: SearchRecord | undefined;
}): Promise<{ search: SearchRecord }> {
  const { builtDir, content, writer, logger, previousSearch } = options;
  const faqPages = indexedRoutePages(content.config).map((page) => readFileSync(join(builtDir, page)));
  const parts = searchParts(content.incidents, options.now);
  // A part's digest, from the render keys its pages were made with (read once they are written).
  const digestOf = (part: SearchPart, others: [string, string][]) => {
    const keys = part.incidents.flatMap((incident) =>
      content.config.locales.map((locale): [string, string] => [unitId(locale, incident), writer.unitKeyOf(incident, locale)]),
    );
    return searchDigest([...keys, ...others], part.faq ? faqPages : []);
  };
  const pages = { incidents: stagingFolder(builtDir), builtDir };
  const unitsThrough = (incident: Incident) => writer.unitsThrough(incident);
  const index = new SearchIndexBuild({ pages, config: content.config, parts, previous: previousSearch, digestOf, logger, unitsThrough });
  let search: SearchIndexResult;
  try {
    index.start();
    await writer.finishUnits(builtDir, logger, (unitsDone) => index.pagesWritten(unitsDone));
    [search] = await Promise.all([index.finish(), writer.writePreviewImages(builtDir, logger)]);
  } catch (error) {
    await index.abort();
    throw error;
  }
  removeOtherParts(builtDir, parts);
  writer.moveIntoPlace(builtDir);
  return { search: { parts: search.digests, words: search.words } };
}
