import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { CONTENT_DIR, INCIDENTS_DIR } from '../lib/content/paths.ts';
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
 * Empties the output folder before a build of it, as Astro's build does (Astro 7 means to keep a `.git` but
 * removes it too: the set of names it keeps is the letters of ".git"). Refuses a folder
 * {@link outputFolderProblem} refuses.
 */
export function emptyOutputFolder(builtDir: string, folders: ProjectFolders): void {
  const problem = outputFolderProblem(builtDir, folders);
  if (problem) throw new Error(problem);
  if (!existsSync(builtDir)) return;
  for (const name of readdirSync(builtDir)) rmSync(join(builtDir, name), { recursive: true, force: true });
}

/** The folders a build reads from: an output folder, which every build empties, must not hold or be in them. */
export interface ProjectFolders {
  projectRoot: string;
  siteRoot: string;
}

/**
 * Why a build may not write `builtDir` (every build empties it first), or undefined: a folder that holds the
 * project or the site, or one inside what the build reads (the public files, the code, the notices, the FAQ).
 */
export function outputFolderProblem(builtDir: string, { projectRoot, siteRoot }: ProjectFolders): string | undefined {
  const folder = resolve(builtDir);
  const within = (outer: string, path: string) => path === outer || path.startsWith(`${outer}${sep}`);
  const held = [projectRoot, siteRoot].map((path) => resolve(path)).find((path) => within(folder, path));
  const read = [join(projectRoot, 'public'), join(projectRoot, 'src'), join(siteRoot, INCIDENTS_DIR), join(siteRoot, CONTENT_DIR)];
  const inside = read.map((path) => resolve(path)).find((path) => within(path, folder));
  const where = held ? `holds ${held}` : inside ? `is inside ${inside}, which the build reads` : undefined;
  return where && `npm run build: the output folder ${folder} ${where}, and a build empties it first; choose another (SHIRASE_OUT_DIR)`;
}
