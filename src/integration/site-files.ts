import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { buildHeadersFile } from '../lib/outputs/headers.ts';
import { filesUnder } from './build-record.ts';
import type { LayoutAssets } from './layout-assets.ts';

/**
 * The files of a build that neither a route nor the writer makes: the layout's stylesheet and scripts
 * (layout-assets.ts) and `_headers` (a name starting with "_": Astro would not route it). Written at the end of
 * Astro's build, and at the start of a build of a new folder without Astro (src/publish/rebuild.ts), which also
 * copies the public files, as Astro does. Returns these files and the public files, relative to the folder: what
 * a rebuild keeps.
 */
export function writeSiteFiles(projectRoot: string, builtDir: string, assets: LayoutAssets, base: string, options: { copyPublic: boolean }): string[] {
  const publicFolder = join(projectRoot, 'public');
  if (options.copyPublic && existsSync(publicFolder)) cpSync(publicFolder, builtDir, { recursive: true });
  for (const file of assets.files) {
    mkdirSync(dirname(join(builtDir, file.path)), { recursive: true });
    writeFileSync(join(builtDir, file.path), file.bytes);
  }
  writeFileSync(join(builtDir, '_headers'), buildHeadersFile(base));
  return [...filesUnder(publicFolder), ...assets.files.map((file) => file.path), '_headers'];
}

/**
 * Empties the output folder before a build of it, as Astro's build does; a `.git` folder (a deploy repository)
 * stays. Refuses a folder that holds any of `inside` (the project, the site): emptying it would delete them.
 */
export function emptyOutputFolder(builtDir: string, inside: readonly string[]): void {
  const problem = outputFolderProblem(builtDir, inside);
  if (problem) throw new Error(problem);
  if (!existsSync(builtDir)) return;
  for (const name of readdirSync(builtDir)) if (name !== '.git') rmSync(join(builtDir, name), { recursive: true, force: true });
}

/** Why the output folder may not be emptied (it holds one of `inside`), or undefined. */
export function outputFolderProblem(builtDir: string, inside: readonly string[]): string | undefined {
  const folder = resolve(builtDir);
  const held = inside.map((path) => resolve(path)).find((path) => path === folder || path.startsWith(`${folder}${sep}`));
  return held ? `shirase: the output folder ${folder} holds ${held}; choose another (SHIRASE_OUT_DIR, astro.config.mjs outDir)` : undefined;
}
