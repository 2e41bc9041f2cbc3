import type { GetStaticPaths } from 'astro';
import { feedEndpoint, incidentPaths, incidentScope } from '../../../../feed-endpoints.ts';

// Written by the build's own writer in `astro build` (src/lib/outputs/writer.ts); served here in `astro dev`.
export const getStaticPaths = (() => (import.meta.env.DEV ? incidentPaths() : [])) satisfies GetStaticPaths;
export const GET = feedEndpoint('rss', incidentScope);
