import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { buildHeadersFile } from './lib/outputs/headers.ts';
import { loadSiteContent } from './lib/content/load.ts';
import { formatDiagnostic } from './lib/content/diagnostics.ts';
import { buildLayoutAssets, pageAssets, type LayoutAssets } from './lib/layout-assets.ts';
import { draftsIncluded, getBuildNow, getSiteContent, shareLayoutAssets, shareSiteContent } from './lib/site-data.ts';
import { routes, withBase } from './lib/urls.ts';
import { incidentFolders, moveStagedOutputs, OutputWriter, PREVIEW_FOLDER, PREVIEW_PATHS, setAsidePreviousOutputs, sharedUnitCounter, stagingFolder, writeIncidentUnits, writePreviewImages, type UnitCacheInput, type WriteOptions, type WriterJob, type WriterResult } from './lib/outputs/writer.ts';
import { buildKey, renderCachePath, rendererFingerprint, saveRenderCache, takeRenderCache } from './lib/outputs/render-cache.ts';
import type { SiteContent } from './lib/model/types.ts';

/**
 * shirase's part of `astro build` (and `astro dev`):
 * - validates all content before Astro writes a single file: on any error the
 *   build prints every problem as `file:line:col: error: message` and exits 1,
 *   so a site with invalid content is never published;
 * - hands the validated content to the pages (loaded once);
 * - builds the layout's stylesheet and script (src/lib/layout-assets.ts);
 * - renders and writes the outputs that multiply with incidents × locales on a
 *   worker thread while Astro builds the rest (src/lib/outputs/writer.ts), then
 *   writes `_headers` and the preview images and moves the writer's folders in.
 */
export function shirase(root: string): AstroIntegration {
  let command: string | undefined;
  let projectRoot = '';
  let content: SiteContent | undefined;
  let assets: LayoutAssets | undefined;
  let base = '/';
  let startWriter: ((job: WriterJob) => Promise<WriterResult>) | undefined;
  let writer: Promise<WriterResult> | undefined;
  let writeOptions: WriteOptions | undefined;
  let unitCache: UnitCacheInput | undefined;
  // The staging folder while a build is under way: a build that stops before moving it in removes it on exit
  // (its record was already deleted, so the next build starts cold and needs nothing from it).
  let unfinishedStaging: string | undefined;
  let exitCleanupRegistered = false;
  let cachePath = '';
  // Which unit of the writer's work (an incident in a locale) comes next; shared by the writer thread and this one.
  const unitCounter = new SharedArrayBuffer(4);
  return {
    name: 'shirase',
    hooks: {
      'astro:config:setup': async ({ command: astroCommand, config }) => {
        command = astroCommand;
        projectRoot = fileURLToPath(config.root);
        process.env.SHIRASE_ASTRO_COMMAND = command;
        if (command === 'dev') shareLayoutAssets(await buildLayoutAssets(projectRoot));
        if (command !== 'build') return;
        // The writer thread starts now, so its modules load while the content is validated; its job comes at config:done.
        startWriter = startWriterThread(join(projectRoot, 'src/lib/outputs/writer-worker.ts'));
        const result = loadSiteContent(root, { includeDrafts: draftsIncluded() });
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
        for (const diagnostic of errors) console.error(formatDiagnostic(diagnostic));
        // Warnings do not stop a publish; show a few and point at the full list.
        for (const diagnostic of warnings.slice(0, 5)) console.warn(formatDiagnostic(diagnostic));
        if (warnings.length > 5) console.warn(`… and ${warnings.length - 5} more warnings (npm run check lists them all)`);
        if (!result.content) {
          console.error(`\nshirase: ${errors.length} error${errors.length === 1 ? '' : 's'} in the content; nothing was built. Fix them and run the build again (npm run check lists them without building).`);
          process.exit(1);
        }
        shareSiteContent(root, draftsIncluded(), result.content);
        content = result.content;
        assets = await buildLayoutAssets(projectRoot);
        shareLayoutAssets(assets);
      },
      // The final base, site and output folder (after `--base` / `--site`): start the writer thread now, so it works
      // while Astro builds. It writes into a staging folder beside the output folder, which Astro is about to empty.
      'astro:config:done': ({ config }) => {
        base = config.base;
        if (command !== 'build' || !content || !assets) return;
        const outDir = fileURLToPath(config.outDir);
        const staging = setAsidePreviousOutputs(outDir, [...incidentFolders(content), ...PREVIEW_PATHS]);
        writeOptions = { outDir: staging, root, base, site: config.site ?? content.config.url, now: getBuildNow(), assets: pageAssets(assets, base) };
        // The previous build's record of what it rendered: unchanged incidents are kept, not rendered again.
        cachePath = renderCachePath(projectRoot, outDir);
        unitCache = { buildKey: buildKey(rendererFingerprint(projectRoot), content, { ...writeOptions, drafts: draftsIncluded() }), previous: takeRenderCache(cachePath, outDir) };
        writer = startWriter!({ content, options: writeOptions, counter: unitCounter, cache: unitCache });
        if (!exitCleanupRegistered) {
          exitCleanupRegistered = true;
          process.once('exit', () => {
            if (unfinishedStaging) rmSync(unfinishedStaging, { recursive: true, force: true });
          });
        }
        unfinishedStaging = staging;
      },
      'astro:server:setup': ({ server }) => {
        // `astro dev`: serve the files beside the notices where the build publishes them (routes.incidentFiles).
        server.middlewares.use((request, response, next) => {
          const path = decodeURIComponentOrEmpty(request.url?.split('?')[0] ?? '');
          const match = /\/incidents\/([^/]+)\/([^/]+)$/.exec(path);
          const incident = match ? getSiteContent().incidents.find((i) => i.slug === match[1]) : undefined;
          const file = incident?.files.find((f) => path === `${withBase(base, routes.incidentFiles(incident.slug))}${f.name}`);
          if (!file) return next();
          response.setHeader('Content-Type', FILE_TYPES[extname(file.name).toLowerCase()] ?? 'application/octet-stream');
          response.setHeader('Cache-Control', 'no-cache');
          response.end(readFileSync(join(root, file.file)));
        });
        // `astro dev`: serve the layout's stylesheet and script, rebuilt on each request so edits show on reload.
        server.middlewares.use(async (request, response, next) => {
          const path = request.url?.split('?')[0] ?? '';
          const match = /\/_astro\/(shirase|enhance)\.[0-9a-f]+\.(css|js)$/.exec(path);
          if (!match) return next();
          const fresh = await buildLayoutAssets(projectRoot);
          shareLayoutAssets(fresh);
          const file = fresh.files.find((f) => f.path.endsWith(`.${match[2]}`))!;
          response.setHeader('Content-Type', match[2] === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
          response.setHeader('Cache-Control', 'no-cache');
          response.end(file.bytes);
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const builtDir = fileURLToPath(dir);
        for (const file of assets!.files) {
          mkdirSync(dirname(join(builtDir, file.path)), { recursive: true });
          writeFileSync(join(builtDir, file.path), file.bytes);
        }
        // Files Astro will not route (names starting with "_").
        writeFileSync(join(builtDir, '_headers'), buildHeadersFile(base));
        // The preview images, on this thread while the writer thread works.
        const staging = stagingFolder(builtDir);
        const imagesStarted = performance.now();
        const images = new OutputWriter(staging);
        await writePreviewImages(content!, { outDir: staging, now: getBuildNow() }, images);
        images.prune([PREVIEW_FOLDER]);
        logger.info(`wrote ${images.files.size} preview images in ${Math.round(performance.now() - imagesStarted)}ms`);
        // Then this thread takes a share of the units the writer thread has not started yet.
        const joined = performance.now();
        const out = new OutputWriter(staging);
        const mine = await writeIncidentUnits(content!, writeOptions!, out, sharedUnitCounter(unitCounter), unitCache);
        const thread = await writer!;
        out.adopt(thread.files);
        const removed = out.prune(incidentFolders(content!));
        const all = [...thread.written, ...mine.written];
        const shown = all.length > 400 ? all.filter((path) => path.endsWith('/')).slice(0, 200) : all;
        for (const path of shown) logger.info(`  ├─ ${path}`);
        if (shown.length < all.length) logger.info(`  … ${all.length - shown.length} more`);
        const units = thread.units.length + mine.units.length;
        logger.info(`incident pages and feeds: ${all.length} in place (${thread.written.length} from the writer thread, ${mine.written.length} from the main thread once Astro was done, ${Math.round(performance.now() - joined)}ms after it); ${thread.rewritten + out.rewritten} written because they changed, ${thread.reused + mine.reused} of ${units} incident × language units reused without rendering${removed > 0 ? `; removed ${removed} files of pages that no longer exist` : ''}`);
        moveStagedOutputs(builtDir, [...incidentFolders(content!), ...PREVIEW_PATHS]);
        unfinishedStaging = undefined;
        saveRenderCache(cachePath, builtDir, [...thread.units, ...mine.units]);
      },
    },
  };
}

/** Content types of the files operators keep beside notices, for `astro dev` (hosts know their own). */
const FILE_TYPES: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.avif': 'image/avif',
  '.svg': 'image/svg+xml', '.pdf': 'application/pdf', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
};

function decodeURIComponentOrEmpty(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}

/**
 * Starts src/lib/outputs/writer-worker.ts; the returned function hands it its
 * job and resolves with its report (rejects with its error). One writer thread:
 * with two cores and Astro on the main thread, more threads only competed.
 */
function startWriterThread(workerFile: string): (job: WriterJob) => Promise<WriterResult> {
  const worker = new Worker(workerFile);
  // Until it has a job, the thread must not keep the process alive (a build that stops before config:done).
  worker.unref();
  const done = new Promise<WriterResult>((resolve, reject) => {
    let result: WriterResult | undefined;
    worker.once('message', (message: WriterResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`shirase: the page writer thread stopped (exit code ${code}) before it finished`))));
  });
  // Reported when the build waits for it (astro:build:done); not an unhandled rejection before then.
  done.catch(() => {});
  return (job) => {
    worker.ref();
    worker.postMessage(job);
    return done;
  };
}
