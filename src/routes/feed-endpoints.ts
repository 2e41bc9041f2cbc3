import rss from '@astrojs/rss';
import type { APIContext, APIRoute, GetStaticPathsResult } from 'astro';
import { getSiteContent } from '../integration/site-data.ts';
import { localeParams, pageContext } from './page-context.ts';
import { buildAtomFeed, buildJsonFeed, buildRssFeed, type FeedScope } from '../lib/outputs/feeds.ts';
import type { Incident } from '../lib/content/types.ts';

/**
 * The feed endpoints are all alike: a scope (site, incident, component) in a
 * locale, in one of three formats. Each endpoint file is two lines over this.
 */
export type FeedFormat = 'rss' | 'atom' | 'json';

export function feedEndpoint(format: FeedFormat, scopeOf: (context: APIContext) => FeedScope): APIRoute {
  return async (context) => {
    const ctx = pageContext(context.params.lang);
    const scope = scopeOf(context);
    const feed = { site: ctx.site, base: ctx.base, locale: ctx.locale, strings: ctx.strings };
    if (format === 'rss') return rss(buildRssFeed(ctx.content, scope, feed));
    if (format === 'atom') {
      return new Response(buildAtomFeed(ctx.content, scope, feed), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
    }
    return new Response(`${JSON.stringify(buildJsonFeed(ctx.content, scope, feed), null, 2)}\n`, { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
  };
}

/** One path per locale × incident, with the incident as a prop. */
export function incidentPaths(): GetStaticPathsResult {
  return localeParams().flatMap(({ lang }) => getSiteContent().incidents.map((incident) => ({ params: { lang, slug: incident.slug }, props: { incident } })));
}

/** One path per locale × configured component. */
export function componentPaths(): GetStaticPathsResult {
  return localeParams().flatMap(({ lang }) => getSiteContent().config.components.map((component) => ({ params: { lang, id: component.id } })));
}

export const siteScope = (): FeedScope => ({ kind: 'site' });
export const incidentScope = (context: APIContext): FeedScope => ({ kind: 'incident', incident: (context.props as { incident: Incident }).incident });
export const componentScope = (context: APIContext): FeedScope => ({ kind: 'component', componentId: String(context.params.id) });
