import { loadSiteContentOrThrow } from './content/load.ts';
import { buildNow } from './dates.ts';
import type { SiteContent } from './model/types.ts';

/**
 * The validated content of the site being built, loaded once per process and
 * shared by every page and endpoint. The root is the project folder, or
 * SHIRASE_SITE_ROOT (set by astro.config.mjs) when building another site.
 */
let cached: { root: string; content: SiteContent } | undefined;

export function siteRoot(): string {
  return process.env.SHIRASE_SITE_ROOT ?? process.cwd();
}

export function getSiteContent(): SiteContent {
  const root = siteRoot();
  if (cached?.root !== root) cached = { root, content: loadSiteContentOrThrow(root, { includeDrafts: process.env.SHIRASE_DRAFTS === '1' }) };
  return cached.content;
}

let now: number | undefined;

/** "Now" for this build, fixed once per process: SOURCE_DATE_EPOCH when set, else the clock. */
export function getBuildNow(): number {
  now ??= buildNow();
  return now;
}
