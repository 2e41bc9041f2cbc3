import type { GetStaticPathsResult } from 'astro';
import { buildBase, buildSite } from './build-context.ts';
import { getBuildNow, getSiteContent } from '../integration/site-data.ts';
import { createRenderContext, type RenderContext } from '../lib/render/context.ts';
import type { Locale } from '../lib/core/states.ts';

/** The render context for an Astro page in locale `lang` (undefined: the default locale). */
export function pageContext(lang: string | undefined): RenderContext {
  const content = getSiteContent();
  const locale = (lang ?? content.config.defaultLocale) as Locale;
  return createRenderContext(content, { locale, base: buildBase, site: buildSite ?? content.config.url, now: getBuildNow() });
}
export type PageContext = RenderContext;

/** `[...lang]` params for every configured locale: undefined (the root) for the default. */
export function localeParams(): { lang: string | undefined }[] {
  const { config } = getSiteContent();
  return config.locales.map((locale) => ({ lang: locale === config.defaultLocale ? undefined : locale }));
}

/** getStaticPaths for pages that exist once per locale. */
export function localeStaticPaths(): GetStaticPathsResult {
  return localeParams().map((params) => ({ params }));
}

export { languageName } from '../lib/render/datetime.ts';
