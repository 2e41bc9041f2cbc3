import { parentPort, workerData } from 'node:worker_threads';
import { loadSiteContentOrThrow } from '../content/load.ts';
import { OutputWriter, writeIncidentOutputs, type WriterJob, type WriterResult, type WriterSource } from './writer.ts';

/**
 * Renders and writes the pages that multiply with incidents × locales on a
 * thread of its own (started by src/integration.ts), while Astro builds the
 * rest on the main thread. It loads the content itself, at the same time as
 * the main thread validates it, then waits for the job: the final base path,
 * site URL and layout assets are known only once Astro's config is done.
 */
const source = workerData as WriterSource;
const content = loadSiteContentOrThrow(source.root, { includeDrafts: source.includeDrafts });
parentPort!.once('message', async (job: WriterJob) => {
  const out = new OutputWriter(job.options.outDir);
  const written = await writeIncidentOutputs(content, job.options, out, job.locales);
  const removed = out.prune(job.folders);
  parentPort!.postMessage({ written, rewritten: out.rewritten, removed } satisfies WriterResult);
});
