import { parentPort, workerData } from 'node:worker_threads';
import * as pagefind from 'pagefind';

/**
 * One language's search index, in a thread of its own (started by
 * search-index.ts): the pagefind package keeps one Pagefind process per
 * module instance, and a thread has its own, so the languages are indexed by
 * processes side by side. Adds each source's pages in order, writes the
 * bundle, and reports how many pages it indexed (or what Pagefind said).
 */
export interface LanguageIndexJob {
  /** Folders and globs of the pages, in the order they are added (the order decides the index's bytes). */
  sources: { path: string; glob: string }[];
  outputPath: string;
}

export type LanguageIndexResult = { pages: number } | { error: string };

async function indexLanguage({ sources, outputPath }: LanguageIndexJob): Promise<LanguageIndexResult> {
  try {
    const created = await pagefind.createIndex({});
    if (!created.index) return { error: created.errors.join('\n') };
    let pages = 0;
    for (const source of sources) {
      const added = await created.index.addDirectory(source);
      if (added.errors.length > 0) return { error: added.errors.join('\n') };
      pages += added.page_count;
    }
    const written = await created.index.writeFiles({ outputPath });
    return written.errors.length > 0 ? { error: written.errors.join('\n') } : { pages };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await pagefind.close();
  }
}

parentPort!.postMessage(await indexLanguage(workerData as LanguageIndexJob));
