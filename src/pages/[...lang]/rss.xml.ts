import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { localeStaticPaths, pageContext } from '../../page-context.ts';
import { buildSiteFeed } from '../../lib/outputs/rss.ts';
import { routes } from '../../lib/urls.ts';

export const getStaticPaths = localeStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const ctx = pageContext(params.lang);
  return rss(buildSiteFeed(ctx.content, { site: ctx.site, base: ctx.base, locale: ctx.locale, strings: ctx.strings, selfPath: routes.feed() }));
};
