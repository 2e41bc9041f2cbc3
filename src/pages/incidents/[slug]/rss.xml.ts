import { buildBase } from '../../../build-context.ts';
import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteContent } from '../../../lib/site-data.ts';
import { useStrings } from '../../../i18n/index.ts';
import { buildIncidentFeed } from '../../../lib/outputs/rss.ts';
import { routes } from '../../../lib/urls.ts';
import type { Incident } from '../../../lib/model/types.ts';

export const getStaticPaths = (() =>
  getSiteContent().incidents.map((incident) => ({ params: { slug: incident.slug }, props: { incident } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ incident: Incident }> = ({ props, site }) => {
  const content = getSiteContent();
  const { incident } = props;
  return rss(
    buildIncidentFeed(incident, content, useStrings(content.config.locale), {
      site: site ?? content.config.url,
      base: buildBase,
      selfPath: routes.incidentFeed(incident.slug),
    }),
  );
};
