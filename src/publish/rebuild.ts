import { mkdirSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { setImmediate } from 'node:timers/promises';
import { join } from 'node:path';
import { routes as sitePaths } from '../lib/core/urls.ts';
import { buildRecordPath, dropBuildRecord, filesUnder, saveBuildRecord } from '../integration/build-record.ts';
import type { BuildRecord, BuildRequest } from '../integration/build-record.ts';
import { consoleLogger } from '../integration/build-logger.ts';
import { BuildState, buildStateModule, publishBuildState, VIRTUAL_MODULE } from '../integration/build-state.ts';
import { loadContent, refusal, reportContent } from '../integration/content.ts';
import { finishBuild, startSearchIndex } from '../integration/finish-build.ts';
import { indexedRoutePages } from '../integration/search-index.ts';
import { OutputWriter } from '../lib/outputs/writer.ts';
import { IncidentWriter } from '../integration/writer-thread.ts';
import type { LayoutAssets } from '../integration/layout-assets.ts';
import { emptyOutputFolder, writeSiteFiles } from '../integration/site-files.ts';
import { loadRouteFiles, routeMakes, type RouteFile } from './route-files.ts';

/**
 * What a build without Astro starts from: the record of the folder's last build, or, for a folder without one
 * (a new folder, or one whose files were lost), the settings Astro decided for the same code, config and flags
 * in an earlier build of another folder (build-record.ts, `AstroSettingsRecord`).
 */
export type BuildStart = { record: BuildRecord } | { key: string; settings: BuildRecord['settings']; assets: LayoutAssets };

/**
 * `npm run build` without starting Astro and Vite (src/publish/build.ts decides): when only the content or
 * "now" changed since the last build of the same output folder, or when the folder is new but Astro already
 * built the same code, config and flags elsewhere. The same steps as Astro's build with the shirase
 * integration: the content is loaded and validated by the same loader; Astro's routes are rendered by the
 * route files under src/pages themselves (route-files.ts) and a file is written only when its bytes changed;
 * the writer reuses every incident whose render key is unchanged; a part of the search index is kept when
 * none of its pages changed. A new folder is first emptied and given the public files, the layout's assets
 * and `_headers`, as Astro's build does. The output is byte-identical to Astro's build of the same content
 * (tests/build/publish.test.ts).
 *
 * `inputs` are the content's signature and "now", as build.ts found them. Returns the exit code: 0, or 1 when
 * the content is invalid (nothing written).
 */
export async function buildWithoutAstro(
  request: BuildRequest,
  start: BuildStart,
  inputs: { content: string; incidentFolders: ReadonlyMap<string, string>; now: number },
): Promise<number> {
  const started = performance.now();
  const logger = consoleLogger();
  const { projectRoot, siteRoot, outDir } = request;
  // The folder's last build, or none (a new folder, built from Astro's settings).
  const [previous, fresh] = 'record' in start ? [start.record, undefined] : [undefined, start];
  const { content, now } = inputs;
  // Starts now, so its modules load while the content is validated.
  const writer = new IncidentWriter(projectRoot);
  const loadStarted = performance.now();
  const loaded = loadContent(siteRoot, request.drafts, { projectRoot, outDir, stamps: inputs.incidentFolders });
  reportContent(loaded.diagnostics);
  if (!loaded.content) {
    await writer.cancel();
    console.error(`\n${refusal(loaded.diagnostics)}`);
    return 1;
  }
  const loadMs = performance.now() - loadStarted;
  const settings = fresh ? fresh.settings : previous!.settings;
  const state = new BuildState(() => now);
  state.update(loaded.content, loaded.diagnostics);
  state.settings = { ...settings, now };
  publishBuildState(state);
  serveBuildStateModule(buildStateModule(state));
  // Every route module is loaded before the folder changes, so one that cannot be read changes nothing.
  const routeFiles = await loadRouteFiles(projectRoot);
  // From here on the folder changes: a build that stops half-way leaves no record, and the next one starts afresh.
  const recordPath = buildRecordPath(projectRoot, outDir);
  dropBuildRecord(recordPath);
  // The writer sets its folders of the last build aside first (the units it can keep), as in Astro's build.
  writer.start(loaded.content, siteRoot, outDir, { ...settings, now });
  const record = fresh ? prepareNewFolder(request, fresh) : previous!;

  const routesStarted = performance.now();
  const searchFolder = sitePaths.searchIndex().slice(1);
  // Every file of the index the record lists is there (build.ts checks before a rebuild): its parts may be kept.
  const index = startSearchIndex({ builtDir: outDir, content: loaded.content, writer, logger, previousSearch: record.search });
  const finish = () => finishBuild({ builtDir: outDir, writer, logger, index });
  let finishing: ReturnType<typeof finish> | undefined;
  const routes = await writeRoutes(routeFiles, outDir, indexedRoutePages(loaded.content.config), record.routes, () => {
    finishing = finish();
    // Awaited below; until then a failure must not count as unhandled.
    finishing.catch(() => {});
  });
  const routesMs = performance.now() - routesStarted;
  logger.info(
    `${routes.produced.length} files of Astro's routes rendered without Astro, ${routes.rewritten} written because they changed` +
      (routes.removed > 0 ? `, ${routes.removed} removed` : ''),
  );
  // Without the FAQ pages (a route that made none), finishBuild says which page is missing.
  const { search } = await (finishing ?? finish());
  saveBuildRecord(recordPath, {
    ...record,
    content,
    now,
    routes: [...routes.produced].sort(),
    kept: [...record.kept.filter((path) => !path.startsWith(searchFolder)), ...filesUnder(join(outDir, searchFolder), searchFolder)],
    search,
  });
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  logger.info(
    `${fresh ? 'built a new folder' : 'rebuilt'} without Astro in ${seconds(performance.now() - started)}: ` +
      `content ${seconds(loadMs)} · Astro's routes ${seconds(routesMs)} · ` +
      `the rest (writer, search index, preview images) ${seconds(performance.now() - routesStarted - routesMs)} more`,
  );
  return 0;
}

/**
 * Makes `outDir` what Astro's build makes of a folder before its routes and the writer write: emptied, with the
 * public files, the layout's assets and `_headers`. Returns the record a rebuild of it would start from.
 */
function prepareNewFolder(request: BuildRequest, start: Extract<BuildStart, { key: string }>): BuildRecord {
  const { projectRoot, siteRoot, outDir } = request;
  emptyOutputFolder(outDir, { projectRoot, siteRoot });
  mkdirSync(outDir, { recursive: true });
  const kept = writeSiteFiles(projectRoot, outDir, start.assets, start.settings.base, { copyPublic: true });
  return { outDir, key: start.key, settings: start.settings, content: '', now: Number.NaN, routes: [], kept, search: { parts: {}, words: {} } };
}

/**
 * Writes the outputs of every route file under src/pages whose bytes changed, and removes the `previous` outputs
 * no route makes any more. The search index waits for the pages it reads (the writer's and `indexedPages`, the
 * FAQ pages), so the route files that can make one of those go first, and `whenIndexedWritten` is called as soon
 * as they are written: the writer's last units, the index and the preview images then run beside the other routes.
 */
async function writeRoutes(
  routeFiles: RouteFile[],
  outDir: string,
  indexedPages: readonly string[],
  previous: readonly string[],
  whenIndexedWritten: () => void,
): Promise<{ produced: string[]; rewritten: number; removed: number }> {
  const waiting = new Set(indexedPages);
  const makesIndexed = (file: string) => Number(indexedPages.some((page) => routeMakes(file, page)));
  const ordered = [...routeFiles].sort((a, b) => makesIndexed(b.file) - makesIndexed(a.file));
  // The writer's way of writing: a file whose bytes are already there is left as it is.
  const out = new OutputWriter(outDir);
  const produced: string[] = [];
  let called = false;
  for (const route of ordered) {
    for (const { path, body } of await route.outputs()) {
      produced.push(path);
      waiting.delete(path);
      out.write(`/${path}`, body);
    }
    if (!called && waiting.size === 0) {
      called = true;
      whenIndexedWritten();
    }
    // Lets the writer thread's report and Pagefind's messages through between route files.
    await setImmediate();
  }
  const removed = out.pruneRecorded(previous.map((path) => `/${path}`));
  return { produced, rewritten: out.rewritten, removed };
}

let servedSource: string | undefined;
/** Serves `virtual:shirase/build` to the route files, as the Vite plugin does in Astro's build (the source of this process's one build). */
function serveBuildStateModule(source: string): void {
  if (servedSource !== undefined) throw new Error('shirase: one rebuild per process');
  servedSource = source;
  registerHooks({
    resolve: (specifier, context, next) =>
      specifier === VIRTUAL_MODULE ? { url: `data:text/javascript,${encodeURIComponent(servedSource!)}`, shortCircuit: true } : next(specifier, context),
  });
}
