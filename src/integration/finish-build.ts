import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident, SiteContent } from '../lib/content/types.ts';
import { searchParts, type SearchPart } from '../lib/model/search-parts.ts';
import { unitId } from '../lib/outputs/render-cache.ts';
import { stagingFolder } from '../lib/outputs/writer.ts';
import { searchDigest, type SearchRecord } from './build-record.ts';
import type { BuildLogger } from './build-logger.ts';
import { indexedRoutePages, removeOtherParts, SearchIndexBuild, type PartWords } from './search-index.ts';
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
  const [primary, ...merged] = searchParts(content.incidents, options.now);
  const parts = [primary!, ...merged];
  const digestsOf = (unitKeys: Map<string, string>) => {
    const digestOf = (part: SearchPart, others: [string, string][]) => {
      const ids = part.incidents.flatMap((incident) => content.config.locales.map((locale) => unitId(locale, incident)));
      return searchDigest([...ids.map((id): [string, string] => [id, unitKeys.get(id) ?? '']), ...others], part.faq ? faqPages : []);
    };
    const digests: Record<string, string> = Object.fromEntries(merged.map((part) => [part.name, digestOf(part, [])]));
    // The first part holds the others' words: it changes with them.
    digests[primary!.name] = digestOf(primary!, Object.entries(digests));
    return digests;
  };
  // Which parts to index again is known before the pages are written (from the keys they will have): the index
  // takes them as they are done. Without a previous index, every part.
  const expected = previousSearch && Object.keys(previousSearch.parts).length > 0 ? digestsOf(new Map(writer.expectedUnitKeys())) : undefined;
  const changed = parts.filter((part) => !expected || expected[part.name] !== previousSearch?.parts[part.name]);
  const kept: string[] = parts.filter((part) => !changed.includes(part)).map((part) => part.name);
  if (kept.length > 0) logger.info(`search index: no page of ${kept.join(', ')} changed; kept`);
  const words = Object.fromEntries(Object.entries(previousSearch?.words ?? {}).filter(([name]) => kept.includes(name)));
  const pages = { incidents: stagingFolder(builtDir), builtDir };
  const unitsThrough = (incident: Incident) => writer.unitsThrough(incident);
  const index = changed.length > 0 ? new SearchIndexBuild({ pages, config: content.config, parts: changed, merged, words, logger, unitsThrough }) : undefined;
  let mergedWords: Record<string, PartWords>;
  try {
    index?.start();
    await writer.finishUnits(builtDir, logger, (unitsDone) => index?.pagesWritten(unitsDone));
    [mergedWords] = await Promise.all([index ? index.finish() : Promise.resolve(previousSearch?.words ?? {}), writer.writePreviewImages(builtDir, logger)]);
  } catch (error) {
    await index?.close();
    throw error;
  }
  removeOtherParts(builtDir, parts);
  writer.moveIntoPlace(builtDir);
  return { search: { parts: expected ?? digestsOf(new Map(writer.unitKeys())), words: mergedWords } };
}
