import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident, SiteContent } from '../lib/content/types.ts';
import type { SearchPart } from '../lib/model/search-parts.ts';
import { unitId } from '../lib/outputs/render-cache.ts';
import { stagingFolder } from '../lib/outputs/writer.ts';
import type { BuildLogger } from './build-logger.ts';
import { indexedRoutePages, SearchIndexBuild, searchDigest, type SearchRecord } from './search-index.ts';
import type { IncidentWriter } from './writer-thread.ts';

/**
 * The search index of a build, started with the writer (in Astro's build at `astro:config:done`, in the build
 * without Astro before the routes): its parts are indexed while the pages are written, each as soon as its
 * pages are (src/integration/search-index.ts), told by the writer how far it is (`watchUnits`).
 *
 * `previousSearch` is what the index already in the output folder was made from, part by part
 * (src/lib/model/search-parts.ts): a part whose pages make the same digest in this build is kept.
 */
export function startSearchIndex(options: {
  builtDir: string;
  content: SiteContent;
  writer: IncidentWriter;
  logger: BuildLogger;
  previousSearch?: SearchRecord | undefined;
}): SearchIndexBuild {
  const { builtDir, content, writer, logger, previousSearch } = options;
  // The FAQ pages are Astro's routes': read when the primary part's digest is made, after they are written.
  let faqPages: Buffer[] | undefined;
  const faq = () => (faqPages ??= indexedRoutePages(content.config).map((page) => readFileSync(join(builtDir, page))));
  // A part's digest, from the render keys its pages were made with (read once they are written).
  const digestOf = (part: SearchPart, others: [string, string][]) => {
    const keys = part.incidents.flatMap((incident) =>
      content.config.locales.map((locale): [string, string] => [unitId(locale, incident), writer.unitKeyOf(incident, locale)]),
    );
    return searchDigest([...keys, ...others], part.faq ? faq() : []);
  };
  const index = new SearchIndexBuild({
    pages: { incidents: stagingFolder(builtDir), builtDir },
    config: content.config,
    parts: writer.searchParts(),
    previous: previousSearch,
    digestOf,
    logger,
    unitsThrough: (incident: Incident) => writer.unitsThrough(incident),
  });
  index.start();
  writer.watchUnits((unitsDone) => index.pagesWritten(unitsDone));
  return index;
}

/**
 * The end of every build, Astro's and the one without Astro (src/publish/rebuild.ts), once the routes' indexed
 * pages (the FAQ pages) are written: the writer's last units, the rest of the search index (`index`, from
 * startSearchIndex), then the preview images (on this thread) while the index's last parts are written out,
 * then the writer's folders move into place. Returns what the index was made from.
 */
export async function finishBuild(options: {
  builtDir: string;
  writer: IncidentWriter;
  logger: BuildLogger;
  index: SearchIndexBuild;
}): Promise<{ search: SearchRecord }> {
  const { builtDir, writer, logger, index } = options;
  index.routePagesWritten();
  let search: SearchRecord;
  try {
    await writer.finishUnits(builtDir, logger);
    [search] = await Promise.all([index.finish(), writer.writePreviewImages(builtDir, logger)]);
  } catch (error) {
    await index.abort();
    throw error;
  }
  writer.moveIntoPlace(builtDir);
  return { search };
}
