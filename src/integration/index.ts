import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildNow } from '../lib/core/dates.ts';
import { folderPath } from '../lib/core/files.ts';
import { routes } from '../lib/core/urls.ts';
import type { SiteContent } from '../lib/content/types.ts';
import type { RouteSettings } from '../lib/render/context.ts';
import { buildRecordPath, contentStamps, dropBuildRecord, filesUnder, needsAstroEveryTime, saveBuildRecord } from './build-record.ts';
import { BuildState, buildStatePlugin, publishBuildState } from './build-state.ts';
import { loadContent, refusal, reportContent } from './content.ts';
import { serveLivePreview } from './dev-server.ts';
import { finishBuild, startSearchIndex } from './finish-build.ts';
import type { SearchIndexBuild } from './search-index.ts';
import { buildLayoutAssets, pageAssets, type LayoutAssets } from './layout-assets.ts';
import { writeSiteFiles } from './site-files.ts';
import { IncidentWriter } from './writer-thread.ts';

/**
 * shirase's part of `astro build` and `astro dev`. The hooks only wire:
 * - validate all content before Astro writes a file (a build with invalid content prints every problem and exits 1);
 * - decide the build's settings once, "now" included, and hand them and the content to the routes (build-state.ts);
 * - build the layout's stylesheet and script (layout-assets.ts);
 * - in a build, write the pages that multiply with incidents × locales on a second thread (writer-thread.ts);
 * - index the pages for search as they are written (finish-build.ts, search-index.ts);
 * - in `astro dev`, reload the content on every edit (dev-server.ts).
 *
 * The environment is read here and nowhere below: `SHIRASE_DRAFTS=1` makes a
 * draft preview, `SOURCE_DATE_EPOCH` fixes "now", and `SHIRASE_BUILD_KEY` (set
 * by `npm run build`, src/publish/build.ts) asks for the record that lets the
 * next build skip Astro (build-record.ts).
 */
export function shirase(contentRoot: string, env: Record<string, string | undefined> = process.env): AstroIntegration {
  const drafts = env.SHIRASE_DRAFTS === '1';
  // One "now" per build, taken once here and handed to every page, endpoint and the writer; in dev, one per request.
  const state = new BuildState(() => buildNow(env));
  let command: RouteSettings['command'] = 'build';
  let projectRoot = '';
  let outDir = '';
  let content: SiteContent | undefined;
  let assets: LayoutAssets | undefined;
  let writer: IncidentWriter | undefined;
  let index: SearchIndexBuild | undefined;
  // What the build record needs of the start of the build: the content's digest, taken when it was loaded.
  let loadedContent = '';
  // Why this project's config needs Astro for every build, if it does (build-record.ts).
  let astroOnly: string | undefined;
  // A build's load recalls the incident folders unchanged since the last build of its folder; dev reads them all.
  const reload = (build?: Parameters<typeof loadContent>[2]) => {
    const loaded = loadContent(contentRoot, drafts, build);
    reportContent(loaded.diagnostics);
    state.update(loaded.content, loaded.diagnostics);
    content = loaded.content;
  };
  return {
    name: 'shirase',
    hooks: {
      'astro:config:setup': async ({ command: astroCommand, config, updateConfig, logger }) => {
        command = astroCommand === 'dev' ? 'dev' : 'build';
        projectRoot = fileURLToPath(config.root);
        publishBuildState(state);
        updateConfig({ vite: { plugins: [buildStatePlugin(state)] } });
        if (astroCommand !== 'build' && astroCommand !== 'dev') return;
        // The writer thread starts first, so its modules load while the content is validated.
        if (astroCommand === 'build') writer = new IncidentWriter(projectRoot);
        // Timed for the build log (npm run bench prints these phases of each build).
        const loadStarted = performance.now();
        const outputFolder = folderPath(fileURLToPath(config.outDir));
        if (astroCommand === 'build') dropBuildRecord(buildRecordPath(projectRoot, outputFolder));
        const stamps = astroCommand === 'build' && env.SHIRASE_BUILD_KEY ? contentStamps(contentRoot) : undefined;
        loadedContent = stamps?.signature ?? '';
        reload(astroCommand === 'build' ? { projectRoot, outDir: outputFolder, stamps: stamps?.incidentFolders } : undefined);
        if (!content && astroCommand === 'build') {
          console.error(`\n${refusal(state.errors)}`);
          process.exit(1);
        }
        const assetsStarted = performance.now();
        assets = await buildLayoutAssets(projectRoot);
        if (astroCommand === 'build') {
          const incidents = content?.incidents.length ?? 0;
          const loadMs = Math.round(assetsStarted - loadStarted);
          const assetsMs = Math.round(performance.now() - assetsStarted);
          logger.info(`content of ${incidents} incidents loaded and validated in ${loadMs}ms; layout assets in ${assetsMs}ms`);
        }
      },
      // The final base and site (after `--base` / `--site`): the settings are complete, and the writer can start.
      'astro:config:done': ({ config, logger }) => {
        const base = config.base;
        outDir = fileURLToPath(config.outDir);
        const now = command === 'build' ? state.clock() : undefined;
        const site = config.site ?? content?.config.url ?? '';
        state.settings = { command, drafts, base, site, now, assets: pageAssets(assets ?? { styles: [], scripts: [], searchScripts: [] }, base) };
        if (writer && content && now !== undefined) {
          writer.start(content, contentRoot, outDir, { ...state.settings, now });
          // Astro's build starts from an empty folder: no part of an earlier index is kept.
          index = startSearchIndex({ builtDir: outDir, content, writer, logger });
        }
        // Where Astro looks for middleware: src/middleware.* or src/middleware/index.*.
        const middleware = ['ts', 'js', 'mjs', 'mts'].some((extension) =>
          [`src/middleware.${extension}`, `src/middleware/index.${extension}`].some((file) => existsSync(join(projectRoot, file))),
        );
        const shape = { format: config.build.format, redirects: Object.keys(config.redirects).length, middleware };
        astroOnly = needsAstroEveryTime({ ...shape, integrations: config.integrations.map((integration) => integration.name) });
      },
      'astro:server:setup': ({ server }) => {
        serveLivePreview(server, { contentRoot, projectRoot, outDir, base: state.settings?.base ?? '/', state, reload });
      },
      'astro:build:done': async ({ dir, assets: routeFiles, logger }) => {
        const builtDir = fileURLToPath(dir);
        // Astro copied the public files.
        const siteFiles = writeSiteFiles(projectRoot, builtDir, assets!, state.settings!.base, { copyPublic: false });
        const { search } = await finishBuild({ builtDir, writer: writer!, logger, index: index! });
        if (!env.SHIRASE_BUILD_KEY) return;
        if (astroOnly) {
          logger.info(`no record for a rebuild without Astro: ${astroOnly}`);
          return;
        }
        const { now, ...settings } = state.settings!;
        const inFolder = (url: URL) => relative(builtDir, fileURLToPath(url)).split(sep).join('/');
        saveBuildRecord(buildRecordPath(projectRoot, builtDir), {
          outDir: builtDir,
          key: env.SHIRASE_BUILD_KEY,
          settings,
          content: loadedContent,
          now: now!,
          routes: [...routeFiles.values()].flat().map(inFolder).sort(),
          kept: [...siteFiles, ...filesUnder(join(builtDir, routes.searchIndex()), routes.searchIndex().slice(1))],
          search,
        });
      },
    },
  };
}

