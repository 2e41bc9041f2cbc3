import { buildBase } from '../routes/build-context.ts';
import type { APIRoute } from 'astro';
import { draftsIncluded, getSiteContent } from '../integration/site-data.ts';
import { buildRobotsTxt } from '../lib/outputs/sitemap.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(buildRobotsTxt(site ?? getSiteContent().config.url, buildBase, draftsIncluded()), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
