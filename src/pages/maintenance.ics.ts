import type { APIRoute } from 'astro';
import { buildBase, buildSite } from '../routes/build-context.ts';
import { getBuildNow, getSiteContent } from '../integration/site-data.ts';
import { buildMaintenanceCalendar } from '../lib/outputs/ics.ts';

/** `/maintenance.ics`: the maintenance calendar merchants subscribe to (see docs/maintenance.md). */
export const GET: APIRoute = () => {
  const content = getSiteContent();
  const body = buildMaintenanceCalendar(content, { site: buildSite ?? content.config.url, base: buildBase, now: getBuildNow() });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
