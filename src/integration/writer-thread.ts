import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Incident, SiteContent } from '../lib/content/types.ts';
import { indexOrder, searchParts, type SearchPart } from '../lib/model/search-parts.ts';
import type { Locale } from '../lib/core/states.ts';
import { buildKey, rendererFingerprint } from '../lib/outputs/render-cache.ts';
import { renderCachePath, saveRenderCache, takeRenderCache } from '../lib/outputs/render-record.ts';
import {
  incidentFolders,
  moveStagedOutputs,
  OutputWriter,
  PREVIEW_FOLDER,
  PREVIEW_PATHS,
  setAsidePreviousOutputs,
  sharedUnitCounter,
  stagingFolder,
  UNIT_KEY_BYTES,
  unitAt,
  unitPlan,
  writeIncidentUnits,
  writePreviewImages,
  type UnitCacheInput,
  type UnitPlan,
  type WriteOptions,
  type WriterJob,
  type WriterResult,
} from '../lib/outputs/writer.ts';
import type { RenderSettings } from '../lib/render/context.ts';
import type { BuildLogger } from './build-logger.ts';

/** What the main thread keeps of the writer's job for the end of the build. */
interface WriterPlan {
  content: SiteContent;
  options: WriteOptions;
  cache: UnitCacheInput;
  /** The previous build's record of its preview images (site path → key). */
  previousImages: Map<string, string>;
  cachePath: string;
  startedEmpty: boolean;
  plan: UnitPlan;
  /** Each incident's place in the plan's order, by slug. */
  positions: Map<string, number>;
  /** The search index's parts at this build's "now", whose order the plan follows. */
  parts: SearchPart[];
}

/**
 * The build's own writer (src/lib/outputs/writer.ts), in Astro's build and in
 * the build without it: its thread starts while the content is validated,
 * gets its job when the settings are final (start: the incidents in the
 * order of the search index's parts), works while the routes are rendered,
 * and is joined by the main thread once its routes are (finishUnits), which
 * tells the search index how far the units are done; then the preview
 * images are rendered (writePreviewImages) and the staged folders move into
 * place (moveIntoPlace).
 */
export class IncidentWriter {
  private readonly projectRoot: string;
  private readonly worker: WriterThread;
  // Which unit of the writer's work (an incident in a locale) comes next; shared by the writer thread and the main thread.
  private readonly unitCounter = new SharedArrayBuffer(4);
  private job: WriterPlan | undefined;
  // What finishUnits and writePreviewImages report as rendered or reused, for the record moveIntoPlace saves.
  private renderedUnits: WriterResult['units'] = [];
  private renderedImages: [string, string][] = [];
  private thread: Promise<WriterResult> | undefined;
  // How many units, from the first in the plan's order, are done (by either thread), and who hears it grow.
  private leading = 0;
  private progress: ((unitsDone: number) => void) | undefined;
  private polling: NodeJS.Timeout | undefined;
  // The staging folder while a build is under way: a build that stops before moving it in removes it on exit
  // (its record was already deleted, so the next build starts cold and needs nothing from it).
  private unfinishedStaging: string | undefined;

  /** Starts the thread now, so its modules load while the content is validated. */
  constructor(projectRoot: string) {
    this.projectRoot = projectRoot;
    this.worker = startWriterThread(join(projectRoot, 'src/lib/outputs/writer-worker.ts'));
    process.once('exit', () => {
      if (this.unfinishedStaging) rmSync(this.unfinishedStaging, { recursive: true, force: true });
    });
  }

  /** Ends the thread before it had a job (the content was refused). */
  cancel(): Promise<number> {
    return this.worker.stop();
  }

  /** Hands the thread its job: the previous build's writer folders are set aside in a staging folder that Astro does not empty. */
  start(content: SiteContent, contentRoot: string, outDir: string, settings: RenderSettings): void {
    const { staging, empty: startedEmpty } = setAsidePreviousOutputs(outDir, [...incidentFolders(content), ...PREVIEW_PATHS]);
    this.unfinishedStaging = staging;
    const options: WriteOptions = { ...settings, outDir: staging, root: contentRoot };
    // The previous build's record of what it rendered: unchanged incidents are kept, not rendered again.
    const cachePath = renderCachePath(this.projectRoot, outDir);
    const previous = takeRenderCache(cachePath, outDir);
    const cache: UnitCacheInput = { buildKey: buildKey(rendererFingerprint(this.projectRoot), content, options), previous: previous.units };
    // The incidents in the order their search index parts are indexed, so each part's pages are done early.
    const parts = searchParts(content.incidents, settings.now);
    const order = indexOrder(content.incidents, parts);
    const plan = unitPlan(content, order);
    const positions = new Map(order.map((at, position) => [content.incidents[at]!.slug, position]));
    this.job = { content, options, cache, previousImages: previous.images, cachePath, startedEmpty, plan, positions, parts };
    this.thread = this.worker.run({ content, options, counter: this.unitCounter, cache, startedEmpty, plan });
  }

  /** The search index's parts at this build's "now": the order the units are written in follows them. */
  searchParts(): readonly SearchPart[] {
    return this.job!.parts;
  }

  /** How many units, in the order they are written, must be done for every page of `incident` to be written. */
  unitsThrough(incident: Pick<Incident, 'slug'>): number {
    const { content, positions } = this.job!;
    const locales = content.config.locales.length;
    return unitAt(positions.get(incident.slug)!, locales - 1, locales) + 1;
  }

  /**
   * The render key of `incident`'s unit in `locale` (what its pages are made from), as the thread that did it left
   * it: only once that unit is done (`watchUnits` counts past it).
   */
  unitKeyOf(incident: Pick<Incident, 'slug'>, locale: Locale): string {
    const { content, positions, plan } = this.job!;
    const unit = unitAt(positions.get(incident.slug)!, content.config.locales.indexOf(locale), content.config.locales.length);
    return Buffer.from(plan.keys, unit * UNIT_KEY_BYTES, UNIT_KEY_BYTES).toString('hex');
  }

  /**
   * `progress` hears how many units, from the first in the plan's order, are done, each time that grows: checked
   * every few milliseconds while this thread does other work (Astro's build, the routes), and after each unit
   * this thread writes once it joins (finishUnits).
   */
  watchUnits(progress: (unitsDone: number) => void): void {
    this.progress = progress;
    this.polling = setInterval(() => this.advance(), 10);
    this.polling.unref();
  }

  private advance(): void {
    const done = new Int32Array(this.job!.plan.done);
    const before = this.leading;
    while (this.leading < done.length && Atomics.load(done, this.leading) === 1) this.leading++;
    if (this.leading > before) this.progress?.(this.leading);
  }

  /**
   * After Astro: a share of the remaining units, then the thread's. Returns the staging folder, where every
   * incident page of this build now is (and stays until moveIntoPlace).
   */
  async finishUnits(builtDir: string, logger: BuildLogger): Promise<string> {
    const { content, options, cache, startedEmpty, plan } = this.job!;
    const staging = stagingFolder(builtDir);
    const joined = performance.now();
    const out = new OutputWriter(staging, startedEmpty);
    clearInterval(this.polling);
    // After each unit; every few milliseconds this thread lets other work through (Pagefind's replies to the index).
    let yielded = performance.now();
    const afterUnit = (): Promise<void> | undefined => {
      this.advance();
      if (performance.now() - yielded < 10) return undefined;
      yielded = performance.now();
      return setImmediate();
    };
    this.advance();
    const mine = await writeIncidentUnits(content, options, out, sharedUnitCounter(this.unitCounter), cache, plan, afterUnit);
    const thread = await this.thread!;
    this.advance();
    out.adopt(thread.files);
    // Nothing to remove when the folder started empty; else what the previous build recorded and this one did not write
    // (without a record, e.g. after a build that stopped half-way, every folder is read).
    const previousPaths = [...cache.previous.values()].flatMap((unit) => unit.paths);
    const removed = startedEmpty ? 0 : cache.previous.size > 0 ? out.pruneRecorded(previousPaths) : out.prune(incidentFolders(content));
    const all = [...thread.written, ...mine.written];
    const shown = all.length > 400 ? all.filter((path) => path.endsWith('/')).slice(0, 200) : all;
    for (const path of shown) logger.info(`  ├─ ${path}`);
    if (shown.length < all.length) logger.info(`  … ${all.length - shown.length} more`);
    const units = thread.units.length + mine.units.length;
    logger.info(
      `incident pages and feeds: ${all.length} in place (${thread.written.length} from the writer thread, ` +
        `${mine.written.length} from the main thread once it joined, ${Math.round(performance.now() - joined)}ms after that); ` +
        `${thread.rewritten + out.rewritten} written because they changed, ` +
        `${thread.reused + mine.reused} of ${units} incident × language units reused without rendering` +
        `; writer CPU ${((thread.cpuMs + mine.cpuMs) / 1000).toFixed(1)} s, ` +
        `${perFile(thread.cpuMs + mine.cpuMs, thread.rendered + mine.rendered)} per file rendered` +
        (removed > 0 ? `; removed ${removed} files of pages that no longer exist` : ''),
    );
    this.renderedUnits = [...thread.units, ...mine.units];
    return staging;
  }

  /**
   * The preview images, into the staging folder: after the units, so that they render while the search index is
   * built. An image whose drawing did not change since the previous build is kept as it is.
   */
  async writePreviewImages(builtDir: string, logger: BuildLogger): Promise<void> {
    const { content, options, cache, previousImages, startedEmpty } = this.job!;
    const staging = stagingFolder(builtDir);
    const started = performance.now();
    const images = new OutputWriter(staging, startedEmpty);
    const drawing = await writePreviewImages(content, { outDir: staging, now: options.now }, images, { buildKey: cache.buildKey, previous: previousImages });
    images.prune([PREVIEW_FOLDER]);
    const kept = images.files.size - drawing.drawn;
    logger.info(`wrote ${images.files.size} preview images in ${Math.round(performance.now() - started)}ms (${drawing.drawn} drawn, ${kept} unchanged)`);
    this.renderedImages = drawing.images;
  }

  /** The staged folders move into `builtDir`, and the record of what this build rendered is saved. */
  moveIntoPlace(builtDir: string): void {
    const { content, cachePath } = this.job!;
    moveStagedOutputs(builtDir, [...incidentFolders(content), ...PREVIEW_PATHS]);
    this.unfinishedStaging = undefined;
    saveRenderCache(cachePath, builtDir, this.renderedUnits, this.renderedImages);
  }
}

/** The writer thread: `run` hands it its job and resolves with its report; `stop` ends it without one. */
interface WriterThread {
  run(job: WriterJob): Promise<WriterResult>;
  stop(): Promise<number>;
}

/**
 * Starts src/lib/outputs/writer-worker.ts. One writer thread: with two cores
 * and Astro on the main thread, more threads only competed.
 */
function startWriterThread(workerFile: string): WriterThread {
  const worker = new Worker(workerFile);
  // Until it has a job, the thread must not keep the process alive (a build that stops before config:done).
  worker.unref();
  const done = new Promise<WriterResult>((resolve, reject) => {
    let result: WriterResult | undefined;
    worker.once('message', (message: WriterResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`shirase: the page writer thread stopped (exit code ${code}) before it finished`)),
    );
  });
  // Reported when the build waits for it (astro:build:done); not an unhandled rejection before then.
  done.catch(() => {});
  return {
    run: (job) => {
      worker.ref();
      worker.postMessage(job);
      return done;
    },
    stop: () => worker.terminate(),
  };
}

/** CPU time per file, e.g. "0.21 ms", or "–" when nothing was rendered. */
function perFile(cpuMs: number, files: number): string {
  return files === 0 ? '–' : `${(cpuMs / files).toFixed(2)} ms`;
}
