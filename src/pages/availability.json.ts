import type { APIRoute } from 'astro';
import { getBuildNow, getSiteContent } from '../integration/site-data.ts';
import { buildAvailabilityJson } from '../lib/outputs/availability-json.ts';

/** `/availability.json`: uptime and 90 daily states per component (src/lib/outputs/availability-json.ts). */
export const GET: APIRoute = () => {
  const body = buildAvailabilityJson(getSiteContent(), getBuildNow());
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
