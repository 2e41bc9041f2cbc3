import { resolve } from 'node:path';

/** The site whose content is built: the project itself, or SHIRASE_SITE_ROOT (test fixtures, benchmarks). */
export function siteFolder(projectRoot: string, env: Record<string, string | undefined>): string {
  return resolve(projectRoot, env.SHIRASE_SITE_ROOT ?? '.');
}

/** The output folder: dist/, or SHIRASE_OUT_DIR (relative to the project). */
export function outputFolder(projectRoot: string, env: Record<string, string | undefined>): string {
  return resolve(projectRoot, env.SHIRASE_OUT_DIR ?? 'dist');
}
