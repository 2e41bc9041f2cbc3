import { useStrings } from '../../i18n/index.ts';
import { localizedText } from '../core/localized-text.ts';
import type { SiteContent } from '../content/types.ts';
import type { Locale } from '../core/states.ts';
import { absolute, localePath, withBase } from '../core/urls.ts';

/** The layout's stylesheet and script URLs (built by src/integration/layout-assets.ts), with the base path. */
export interface PageAssets {
  styles: readonly string[];
  /** Every page's script. */
  scripts: readonly string[];
  /** The search page's own script, loaded by no other page. */
  searchScripts: readonly string[];
}

/**
 * What one build decides once for every page, whoever renders it (Astro's routes
 * through `virtual:shirase/build`, the build's own writer through its job).
 */
export interface RenderSettings {
  /** The base path, after `astro build --base`. */
  base: string;
  /** The site URL, after `astro build --site`. */
  site: string;
  /** "Now" in ms since 1970: one instant for the whole build. */
  now: number;
  /** A draft preview: drafts shown and marked, nothing indexed. */
  drafts: boolean;
  assets: PageAssets;
}

/**
 * What the integration hands Astro's routes (through `virtual:shirase/build`):
 * the render settings, and which command runs. In `astro dev` there is no one
 * "now": each request reads the clock (or SOURCE_DATE_EPOCH), so `now` is undefined.
 */
export interface RouteSettings extends Omit<RenderSettings, 'now'> {
  command: 'build' | 'dev';
  now: number | undefined;
}

/**
 * Everything a page needs for one locale, resolved once: content, strings,
 * "now", and link builders that add the locale prefix and the base path.
 * Pure: every input is an argument.
 */
export function createRenderContext(content: SiteContent, locale: Locale, settings: RenderSettings) {
  const { config } = content;
  const { base, site, now, drafts, assets } = settings;
  const localized = (path: string, target: Locale = locale) => localePath(target, config.defaultLocale, path);
  return {
    content,
    config,
    locale,
    strings: useStrings(locale),
    now,
    zone: config.timeZone,
    base,
    site,
    siteName: localizedText(config.name, locale, config.defaultLocale),
    /** Link to a site path in this locale (or `target`), with the base path. */
    href: (path: string, target?: Locale) => withBase(base, localized(path, target)),
    /** Absolute URL of a site path in this locale (or `target`). */
    url: (path: string, target?: Locale) => absolute(site, base, localized(path, target)),
    /** The locale-prefixed site path, without the base. */
    localized,
    /** A component's name in this locale. */
    componentName: (id: string) => localizedText(config.components.find((c) => c.id === id)?.name, locale, config.defaultLocale) || id,
    /** Whether this is a draft-preview build (drafts shown, marked, noindex). */
    drafts,
    /** The layout's stylesheet and scripts: every page's, and the search page's own. */
    assets,
  };
}
export type RenderContext = ReturnType<typeof createRenderContext>;
