import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { PageAssets } from '../lib/render/context.ts';
import { withBase } from '../lib/core/urls.ts';

/**
 * The stylesheet and script every page's layout links: `src/styles/global.css`
 * and `src/scripts/enhance.ts`, bundled and minified by esbuild and named by
 * a hash of their bytes (`/_astro/shirase.<hash>.css`).
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
}

const SOURCES = { style: 'src/styles/global.css', script: 'src/scripts/enhance.ts' } as const;

/** Bundles and minifies the layout's stylesheet and script from the project folder `projectRoot`. */
export async function buildLayoutAssets(projectRoot: string): Promise<LayoutAssets> {
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: { shirase: SOURCES.style, enhance: SOURCES.script },
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
  const files: LayoutAssetFile[] = [];
  const styles: string[] = [];
  const scripts: string[] = [];
  for (const output of result.outputFiles) {
    const extension = output.path.endsWith('.css') ? 'css' : 'js';
    const name = extension === 'css' ? 'shirase' : 'enhance';
    // A name that changes exactly when the bytes do: browsers and CDNs may keep /_astro/ files forever.
    const hash = createHash('sha256').update(output.contents).digest('hex').slice(0, 10);
    const path = `_astro/${name}.${hash}.${extension}`;
    files.push({ path, bytes: output.contents });
    (extension === 'css' ? styles : scripts).push(`/${path}`);
  }
  return { files, styles, scripts };
}

/** The links a page puts in its head, with the site's base path. */
export function pageAssets(assets: Pick<LayoutAssets, 'styles' | 'scripts'>, base: string): PageAssets {
  return { styles: assets.styles.map((path) => withBase(base, path)), scripts: assets.scripts.map((path) => withBase(base, path)) };
}
