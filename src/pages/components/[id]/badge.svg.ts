import type { APIRoute, GetStaticPaths } from 'astro';
import { getBuildNow, getSiteContent } from '../../../integration/site-data.ts';
import { buildBadgeSvg } from '../../../lib/outputs/status.ts';
import { deriveComponentStates } from '../../../lib/model/timeline.ts';
import { useStrings } from '../../../i18n/index.ts';

export const getStaticPaths = (() => getSiteContent().config.components.map((c) => ({ params: { id: c.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const content = getSiteContent();
  const { config } = content;
  const strings = useStrings(config.defaultLocale);
  const status = deriveComponentStates(config.components, content.incidents, getBuildNow(), config.defaultLocale, config.defaultLocale).find((s) => s.id === params.id)!;
  return new Response(buildBadgeSvg(status.name, status.state, strings), { headers: { 'Content-Type': 'image/svg+xml' } });
};
