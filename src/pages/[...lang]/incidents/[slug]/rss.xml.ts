import { servedByAstro } from '../../../../routes/build-context.ts';
import type { GetStaticPaths } from 'astro';
import { feedEndpoint, incidentPaths, incidentScope } from '../../../../routes/feed-endpoints.ts';

// Written by the build's own writer in `astro build` (src/lib/outputs/writer.ts); served here in `astro dev`.
export const getStaticPaths = (() => (servedByAstro() ? incidentPaths() : [])) satisfies GetStaticPaths;
export const GET = feedEndpoint('rss', incidentScope);
