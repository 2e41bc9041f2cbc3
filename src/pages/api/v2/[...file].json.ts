import type { APIRoute, GetStaticPaths } from 'astro';
import { buildBase, buildSite } from '../../../routes/build-context.ts';
import { getBuildNow, getSiteContent } from '../../../integration/site-data.ts';
import { buildStatuspageApi, STATUSPAGE_PATHS } from '../../../lib/outputs/statuspage.ts';

/** The eight Statuspage-compatible `/api/v2/*.json` files (src/lib/outputs/statuspage.ts, docs/statuspage-api.md). */
export const getStaticPaths: GetStaticPaths = () =>
  STATUSPAGE_PATHS.map((path) => ({ params: { file: path.slice('/api/v2/'.length, -'.json'.length) } }));

/** Built once per build: every file comes from the same content and "now". */
let api: Record<string, unknown> | undefined;

/** One file of the API, pretty-printed JSON with a final newline. */
export const GET: APIRoute = ({ params }) => {
  if (!api) {
    const content = getSiteContent();
    api = buildStatuspageApi(content, { site: buildSite ?? content.config.url, base: buildBase, now: getBuildNow() });
  }
  const value = api[`/api/v2/${params.file}.json`];
  if (value === undefined) return new Response(null, { status: 404 });
  return new Response(`${JSON.stringify(value, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
