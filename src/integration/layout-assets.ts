import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import type { PageAssets } from '../lib/render/context.ts';
import { withBase } from '../lib/core/urls.ts';

/**
 * The stylesheet and script every page's layout links, `src/styles/global.css`
 * and `src/scripts/enhance.ts`, and the search page's own script,
 * `src/scripts/search.ts`: bundled and minified by esbuild and named by a
 * hash of their bytes (`/_astro/shirase.<hash>.css`).
 *
 * shirase builds these itself, before `astro build` starts, rather than
 * letting Vite name them during the build: the pages the build writes itself
 * (src/lib/outputs/writer.ts) must know the names while Astro is still
 * working, so they can be rendered alongside it on another thread.
 */
export interface LayoutAssetFile {
  /** Path inside the output folder, e.g. `_astro/shirase.1a2b3c4d5e.css`. */
  path: string;
  bytes: Uint8Array;
}

export interface LayoutAssets {
  files: LayoutAssetFile[];
  /** The site paths of `files` without the base path, in the order pages link them. */
  styles: string[];
  scripts: string[];
  /** Linked by the search page alone. */
  searchScripts: string[];
}

/** Each output's name and source; the name starts the file name in /_astro/. */
const SOURCES = { shirase: 'src/styles/global.css', enhance: 'src/scripts/enhance.ts', search: 'src/scripts/search.ts' } as const;

/** Bundles and minifies the layout's stylesheet and script from the project folder `projectRoot`. */
export async function buildLayoutAssets(projectRoot: string): Promise<LayoutAssets> {
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: SOURCES,
    bundle: true,
    minify: true,
    format: 'esm',
    // What every browser of the last few years runs; no down-levelling needed for this little code.
    target: 'es2022',
    write: false,
    outdir: join(projectRoot, '.shirase-assets'),
    logLevel: 'silent',
    legalComments: 'none',
  });
  const assets: LayoutAssets = { files: [], styles: [], scripts: [], searchScripts: [] };
  for (const output of result.outputFiles) {
    // esbuild names each output after its entry: shirase.css, enhance.js, search.js.
    const [name, extension] = basename(output.path).split('.') as [keyof typeof SOURCES, 'css' | 'js'];
    // A name that changes exactly when the bytes do: browsers and CDNs may keep /_astro/ files forever.
    const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 10);
    const path = `_astro/${name}.${hash}.${extension}`;
    assets.files.push({ path, bytes: output.contents });
    const list = { shirase: assets.styles, enhance: assets.scripts, search: assets.searchScripts }[name];
    list.push(`/${path}`);
  }
  return assets;
}

/** The links a page puts in its head, with the site's base path. */
export function pageAssets(assets: Pick<LayoutAssets, 'styles' | 'scripts' | 'searchScripts'>, base: string): PageAssets {
  const linked = (paths: readonly string[]) => paths.map((path) => withBase(base, path));
  return { styles: linked(assets.styles), scripts: linked(assets.scripts), searchScripts: linked(assets.searchScripts) };
}
