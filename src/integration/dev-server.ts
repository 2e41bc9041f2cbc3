import { existsSync, readFileSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { ViteDevServer } from 'vite';
import { formatDiagnostic } from '../lib/content/diagnostics.ts';
import { CONFIG_FILE, FAQ_DIR, INCIDENTS_DIR, TEMPLATES_DIR } from '../lib/content/paths.ts';
import { escapeHtml } from '../lib/render/html.ts';
import { mediaTypeOf } from '../lib/core/media-types.ts';
import { routes, withBase } from '../lib/core/urls.ts';
import { VIRTUAL_MODULE_RESOLVED_ID, type BuildState } from './build-state.ts';
import { buildLayoutAssets } from './layout-assets.ts';

/**
 * `astro dev` as a live preview of the content: any change under incidents/,
 * src/content/faq/, src/content/templates/ (checked, never shown) or to
 * src/site.config.yaml reloads and revalidates the
 * content, clears Astro's cached routes and reloads the open pages. While the
 * content is invalid, every page shows its problems (the same list as
 * `npm run check`) and recovers by itself when they are fixed. Search runs
 * over the last build's index (see serveLastSearchIndex).
 */
export function serveLivePreview(
  server: ViteDevServer,
  options: { contentRoot: string; projectRoot: string; outDir: string; base: string; state: BuildState; reload: () => void },
): void {
  const { contentRoot, projectRoot, outDir, base, state } = options;
  const watched = [join(contentRoot, INCIDENTS_DIR), join(contentRoot, FAQ_DIR), join(contentRoot, TEMPLATES_DIR), join(contentRoot, CONFIG_FILE)];
  const isContent = (file: string) => watched.some((path) => file === path || file.startsWith(path + sep));
  server.watcher.add(watched);
  let pending: NodeJS.Timeout | undefined;
  const onChange = (file: string) => {
    if (!isContent(file)) return;
    // An editor's save is often several events (write, rename, chmod): reload once they settle.
    clearTimeout(pending);
    pending = setTimeout(() => {
      options.reload();
      const changed = relative(contentRoot, file);
      if (state.errors.length > 0)
        server.config.logger.warn(`shirase: ${changed} changed; the content has ${state.errors.length} problem(s), shown in the browser`);
      else server.config.logger.info(`shirase: ${changed} changed; pages reloaded`);
      for (const name of ['ssr', 'prerender', 'astro']) {
        const environment = server.environments[name];
        if (!environment) continue;
        const module = environment.moduleGraph.getModuleById(VIRTUAL_MODULE_RESOLVED_ID);
        if (module) environment.moduleGraph.invalidateModule(module);
        // Astro's own signal to forget the routes' cached getStaticPaths (new notices, removed incidents).
        environment.hot.send('astro:content-changed', {});
      }
      server.environments.client.hot.send({ type: 'full-reload', path: '*' });
    }, 50);
  };
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) server.watcher.on(event, onChange);

  server.middlewares.use(async (request, response, next) => {
    const path = request.url?.split('?')[0] ?? '';
    // The files kept beside the notices, where the build publishes them (routes.incidentFiles).
    const file = state.errors.length === 0 ? incidentFileAt(state, base, decodePath(path)) : undefined;
    if (file) {
      response.setHeader('Content-Type', mediaTypeOf(file));
      response.setHeader('Cache-Control', 'no-cache');
      response.end(readFileSync(join(contentRoot, file)));
      return;
    }
    // The layout's stylesheet and scripts, rebuilt on each request so style edits show on reload.
    const asset = /\/_astro\/(shirase|enhance|search)\.[0-9a-f]+\.(css|js)$/.exec(path);
    if (asset) {
      const fresh = await buildLayoutAssets(projectRoot);
      const file = fresh.files.find((f) => f.path.startsWith(`_astro/${asset[1]}.`))!;
      response.setHeader('Content-Type', asset[2] === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      response.setHeader('Cache-Control', 'no-cache');
      response.end(file.bytes);
      return;
    }
    if (path.startsWith(withBase(base, routes.searchIndex()))) {
      serveLastSearchIndex(response, join(outDir, relative(withBase(base, '/'), path)), outDir);
      return;
    }
    const wantsPage = path.endsWith('/') || path.endsWith('.html') || (request.headers.accept ?? '').includes('text/html');
    if (state.errors.length === 0 || !wantsPage || path.includes('/@')) return next();
    response.statusCode = 500;
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.end(problemsPage(state, withBase(base, '/@vite/client')));
  });
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}

/** The content file (relative to the content root) published at `path`, if it is a file beside a notice. */
function incidentFileAt(state: BuildState, base: string, path: string): string | undefined {
  const match = /\/incidents\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const incident = state.siteContent().incidents.find((i) => i.slug === match[1]);
  return incident?.files.find((f) => path === `${withBase(base, routes.incidentFiles(incident.slug))}${f.name}`)?.file;
}

/**
 * `astro dev` writes no index: the search page searches the last build's
 * (`npm run build`, in the output folder), which may be older than the
 * content on screen. Without one, the search page's script gets a module that
 * fails with what to do, and the page shows it.
 */
function serveLastSearchIndex(response: ServerResponse, file: string, outDir: string): void {
  const folder = join(outDir, routes.searchIndex());
  const target = resolve(file);
  response.setHeader('Cache-Control', 'no-store');
  if (target.startsWith(folder) && existsSync(target) && statSync(target).isFile()) {
    const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8' };
    response.setHeader('Content-Type', types[extname(target)] ?? 'application/octet-stream');
    response.end(readFileSync(target));
    return;
  }
  // Any part's module (/pagefind/recent/pagefind.js): the one the search page loads first.
  if (target.startsWith(folder) && basename(target) === 'pagefind.js') {
    const message = `no search index yet: run npm run build once (the dev server searches the last build's index, ${folder})`;
    response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    response.end(`throw new Error(${JSON.stringify(message)});\n`);
    return;
  }
  response.statusCode = 404;
  response.end();
}

/** The content's problems as a page; Vite's client reloads it when a file is saved. */
function problemsPage(state: BuildState, viteClient: string): string {
  const errors = state.errors.filter((d) => d.severity === 'error');
  const lines = errors.map((d) => `<li><code>${escapeHtml(formatDiagnostic(d))}</code></li>`).join('');
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>shirase: content problems</title>' +
    `<script type="module" src="${escapeHtml(viteClient)}"></script></head><body>` +
    `<h1>${errors.length} problem${errors.length === 1 ? '' : 's'} in the content</h1>` +
    '<p>Nothing can be shown until these are fixed (the same list as <code>npm run check</code>). ' +
    'This page reloads when you save a file.</p>' +
    `<ul>${lines}</ul></body></html>`
  );
}
