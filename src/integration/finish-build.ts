import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteContent } from '../lib/content/types.ts';
import { searchParts, type SearchPart } from '../lib/model/search-parts.ts';
import { unitId } from '../lib/outputs/render-cache.ts';
import { searchDigest, type SearchRecord } from './build-record.ts';
import type { BuildLogger } from './build-logger.ts';
import { indexedRoutePages, removeOtherParts, writeSearchIndex } from './search-index.ts';
import type { IncidentWriter } from './writer-thread.ts';

/**
 * The end of every build, Astro's and the rebuild without Astro
 * (src/publish/rebuild.ts), once the routes' files are written: the writer's
 * last units, then the search index (in Pagefind's process) beside the
 * preview images (on this thread), then the writer's folders move into place.
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
  const staging = await writer.finishUnits(builtDir, logger);
  const faqPages = indexedRoutePages(content.config).map((page) => readFileSync(join(builtDir, page)));
  const unitKeys = new Map(writer.unitKeys());
  const [primary, ...merged] = searchParts(content.incidents, options.now);
  const digestOf = (part: SearchPart, others: [string, string][]) => {
    const ids = part.incidents.flatMap((incident) => content.config.locales.map((locale) => unitId(locale, incident)));
    return searchDigest([...ids.map((id): [string, string] => [id, unitKeys.get(id) ?? '']), ...others], part.faq ? faqPages : []);
  };
  const digests: Record<string, string> = Object.fromEntries(merged.map((part) => [part.name, digestOf(part, [])]));
  // The first part holds the others' words: it changes with them.
  digests[primary!.name] = digestOf(primary!, Object.entries(digests));
  const parts = [primary!, ...merged];
  const changed = parts.filter((part) => digests[part.name] !== previousSearch?.parts[part.name]);
  const kept: string[] = parts.filter((part) => !changed.includes(part)).map((part) => part.name);
  if (kept.length > 0) logger.info(`search index: no page of ${kept.join(', ')} changed; kept`);
  const words = Object.fromEntries(Object.entries(previousSearch?.words ?? {}).filter(([name]) => kept.includes(name)));
  const index =
    changed.length > 0
      ? writeSearchIndex({ incidents: staging, builtDir }, content.config, changed, merged, words, logger)
      : Promise.resolve(previousSearch?.words ?? {});
  const [mergedWords] = await Promise.all([index, writer.writePreviewImages(builtDir, logger)]);
  removeOtherParts(builtDir, parts);
  writer.moveIntoPlace(builtDir);
  return { search: { parts: digests, words: mergedWords } };
}
