import { loadSiteContentOrThrow } from '../lib/content/load.ts';
import { buildNow } from '../lib/core/dates.ts';
import type { SiteContent } from '../lib/content/types.ts';
import type { LayoutAssets } from './layout-assets.ts';

/**
 * The validated content of the site being built, loaded once per process and
 * shared by every page and endpoint. The root is the project folder, or
 * SHIRASE_SITE_ROOT (set by astro.config.mjs) when building another site.
 *
 * The build's validation step (src/integration.ts) and the pages run in one
 * Node process but in different module graphs (Astro's config loader and the
 * prerenderer), so the loaded content is handed over through a global slot
 * instead of being read and validated twice.
 */
const SLOT = Symbol.for('shirase.siteContent');
interface Slot {
  key: string;
  content: SiteContent;
}
type Holder = { [SLOT]?: Slot };

function key(root: string, includeDrafts: boolean): string {
  return `${root}\u0000${includeDrafts ? 'drafts' : 'public'}`;
}

export function siteRoot(): string {
  return process.env.SHIRASE_SITE_ROOT ?? process.cwd();
}

export function draftsIncluded(): boolean {
  return process.env.SHIRASE_DRAFTS === '1';
}

/** Called by the build's validation step with what it loaded. */
export function shareSiteContent(root: string, includeDrafts: boolean, content: SiteContent): void {
  (globalThis as Holder)[SLOT] = { key: key(root, includeDrafts), content };
}

export function getSiteContent(): SiteContent {
  const root = siteRoot();
  const includeDrafts = draftsIncluded();
  const holder = globalThis as Holder;
  const slot = holder[SLOT];
  if (slot?.key === key(root, includeDrafts)) return slot.content;
  const content = loadSiteContentOrThrow(root, { includeDrafts });
  shareSiteContent(root, includeDrafts, content);
  return content;
}

let now: number | undefined;

/** "Now" for this build, fixed once per process: SOURCE_DATE_EPOCH when set, else the clock. */
export function getBuildNow(): number {
  now ??= buildNow();
  return now;
}

const ASSETS_SLOT = Symbol.for('shirase.layoutAssets');
type AssetsHolder = { [ASSETS_SLOT]?: LayoutAssets };

/** Called by the integration once it has built the layout's stylesheet and script (src/lib/layout-assets.ts). */
export function shareLayoutAssets(assets: LayoutAssets): void {
  (globalThis as AssetsHolder)[ASSETS_SLOT] = assets;
}

/** The layout's stylesheet and script, for Base.astro. */
export function getLayoutAssets(): LayoutAssets {
  const assets = (globalThis as AssetsHolder)[ASSETS_SLOT];
  if (!assets) throw new Error('shirase: the layout assets were not built; pages must be rendered by `astro build` or `astro dev` with the shirase integration (astro.config.mjs)');
  return assets;
}
