import { base, site } from 'astro:config/client';

/**
 * The base path and site URL of this build, as Astro resolved them (config,
 * overridden by `astro build --base` / `--site`). Pages read them here, never
 * from the site config, so the CLI flags always win.
 */
export const buildBase: string = base;
export const buildSite: string | undefined = site;

/**
 * Whether pages that multiply with incidents × locales are rendered by Astro
 * (in `astro dev`) rather than by the build's own writer (in `astro build`).
 * Decided by the command, which the integration records, not by NODE_ENV
 * (a test runner sets NODE_ENV=test, which would make Vite report DEV).
 */
export function servedByAstro(): boolean {
  return process.env.SHIRASE_ASTRO_COMMAND !== 'build';
}
