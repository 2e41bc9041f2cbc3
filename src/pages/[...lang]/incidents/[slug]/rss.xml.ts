import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteContent } from '../../../../lib/site-data.ts';
import { localeParams, pageContext } from '../../../../page-context.ts';
import { buildIncidentFeed } from '../../../../lib/outputs/rss.ts';
import { routes } from '../../../../lib/urls.ts';
import type { Incident } from '../../../../lib/model/types.ts';

export const getStaticPaths = (() =>
  localeParams().flatMap(({ lang }) =>
    getSiteContent().incidents.map((incident) => ({ params: { lang, slug: incident.slug }, props: { incident } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute<{ incident: Incident }> = ({ params, props }) => {
  const ctx = pageContext(params.lang);
  const { incident } = props;
  return rss(
    buildIncidentFeed(incident, ctx.content, { site: ctx.site, base: ctx.base, locale: ctx.locale, strings: ctx.strings, selfPath: routes.incidentFeed(incident.slug) }),
  );
};
