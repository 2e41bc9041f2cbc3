import { parentPort } from 'node:worker_threads';
import { OutputWriter, sharedUnitCounter, writeIncidentUnits, type WriterJob, type WriterResult } from './writer.ts';

/**
 * Renders and writes the pages that multiply with incidents × locales on a
 * thread of its own (started by src/integration.ts when the build starts, so
 * its modules load early), while Astro builds the rest on the main thread.
 * It gets its job once Astro's config is done (final base path and site URL)
 * and shares the units of work with the main thread, which joins in when
 * Astro is finished.
 */
parentPort!.once('message', async (job: WriterJob) => {
  const out = new OutputWriter(job.options.outDir, job.startedEmpty);
  const done = await writeIncidentUnits(job.content, job.options, out, sharedUnitCounter(job.counter), job.cache, job.plan);
  parentPort!.postMessage({ ...done, files: [...out.files], rewritten: out.rewritten } satisfies WriterResult);
});
