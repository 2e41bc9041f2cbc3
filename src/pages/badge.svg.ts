import type { APIRoute } from 'astro';
import { getBuildNow, getSiteContent } from '../integration/site-data.ts';
import { buildBadgeSvg, overallState } from '../lib/outputs/status.ts';
import { useStrings } from '../i18n/index.ts';

export const GET: APIRoute = () => {
  const content = getSiteContent();
  const strings = useStrings(content.config.defaultLocale);
  return new Response(buildBadgeSvg(strings.embed.badgeLabel, overallState(content, getBuildNow()), strings), { headers: { 'Content-Type': 'image/svg+xml' } });
};
