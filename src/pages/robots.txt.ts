import { buildBase } from '../build-context.ts';
import type { APIRoute } from 'astro';
import { getSiteContent } from '../lib/site-data.ts';
import { buildRobotsTxt } from '../lib/outputs/sitemap.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(buildRobotsTxt(site ?? getSiteContent().config.url, buildBase), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
