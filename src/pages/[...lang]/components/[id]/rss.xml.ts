import { componentPaths, componentScope, feedEndpoint } from '../../../../routes/feed-endpoints.ts';

export const getStaticPaths = componentPaths;
export const GET = feedEndpoint('rss', componentScope);
