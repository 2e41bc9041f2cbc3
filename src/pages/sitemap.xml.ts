import { buildBase } from '../routes/build-context.ts';
import type { APIRoute } from 'astro';
import { getSiteContent } from '../integration/site-data.ts';
import { buildSitemap } from '../lib/outputs/sitemap.ts';

export const GET: APIRoute = ({ site }) => {
  const content = getSiteContent();
  return new Response(buildSitemap(content, site ?? content.config.url, buildBase), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
};
