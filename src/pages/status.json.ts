import type { APIRoute } from 'astro';
import { buildBase, buildSite } from '../routes/build-context.ts';
import { getBuildNow, getSiteContent } from '../integration/site-data.ts';
import { buildStatusJson } from '../lib/outputs/status.ts';
import { useStrings } from '../i18n/index.ts';

export const GET: APIRoute = () => {
  const content = getSiteContent();
  const body = buildStatusJson(content, { site: buildSite ?? content.config.url, base: buildBase, now: getBuildNow(), strings: useStrings(content.config.defaultLocale) });
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
