import { useStrings } from '../../i18n/index.ts';
import { localizedText } from '../core/localized-text.ts';
import type { SiteContent } from '../content/types.ts';
import type { Locale } from '../core/states.ts';
import { absolute, localePath, withBase } from '../core/urls.ts';

/**
 * Everything a page needs for one locale, resolved once: content, strings,
 * "now", and link builders that add the locale prefix and the base path.
 * Pure: Astro pages get it through src/page-context.ts, the build's own
 * writer directly.
 */
export function createRenderContext(content: SiteContent, options: { locale: Locale; base: string; site: string | URL; now: number }) {
  const { config } = content;
  const { locale, base, site, now } = options;
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
    drafts: process.env.SHIRASE_DRAFTS === '1',
  };
}
export type RenderContext = ReturnType<typeof createRenderContext>;
