import { buildBase } from '../build-context.ts';
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getSiteContent } from '../lib/site-data.ts';
import { useStrings } from '../i18n/index.ts';
import { buildSiteFeed } from '../lib/outputs/rss.ts';
import { routes } from '../lib/urls.ts';

export const GET: APIRoute = ({ site }) => {
  const content = getSiteContent();
  return rss(
    buildSiteFeed(content, useStrings(content.config.locale), {
      site: site ?? content.config.url,
      base: buildBase,
      selfPath: routes.feed(),
    }),
  );
};
