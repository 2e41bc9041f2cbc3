import { base, site } from 'astro:config/client';

/**
 * The base path and site URL of this build, as Astro resolved them (config,
 * overridden by `astro build --base` / `--site`). Pages read them here, never
 * from the site config, so the CLI flags always win.
 */
export const buildBase: string = base;
export const buildSite: string | undefined = site;
