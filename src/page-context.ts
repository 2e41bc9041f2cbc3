import type { GetStaticPathsResult } from 'astro';
import { buildBase, buildSite } from './build-context.ts';
import { getBuildNow, getSiteContent } from './lib/site-data.ts';
import { useStrings } from './i18n/index.ts';
import { localizedText } from './lib/config/schema.ts';
import { absolute, localePath, withBase } from './lib/urls.ts';
import type { Locale } from './lib/states.ts';

/**
 * Everything a page needs for one locale, resolved once: content, strings,
 * "now", and link builders that add the locale prefix and the base path.
 */
export function pageContext(lang: string | undefined) {
  const content = getSiteContent();
  const { config } = content;
  const locale = (lang ?? config.defaultLocale) as Locale;
  const base = buildBase;
  const site = buildSite ?? config.url;
  const localized = (path: string, target: Locale = locale) => localePath(target, config.defaultLocale, path);
  return {
    content,
    config,
    locale,
    strings: useStrings(locale),
    now: getBuildNow(),
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
  };
}
export type PageContext = ReturnType<typeof pageContext>;

/** `[...lang]` params for every configured locale: undefined (the root) for the default. */
export function localeParams(): { lang: string | undefined }[] {
  const { config } = getSiteContent();
  return config.locales.map((locale) => ({ lang: locale === config.defaultLocale ? undefined : locale }));
}

/** getStaticPaths for pages that exist once per locale. */
export function localeStaticPaths(): GetStaticPathsResult {
  return localeParams().map((params) => ({ params }));
}

export { languageName } from './lib/render/datetime.ts';
