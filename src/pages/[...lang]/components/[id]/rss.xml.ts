import { componentPaths, componentScope, feedEndpoint } from '../../../../feed-endpoints.ts';

export const getStaticPaths = componentPaths;
export const GET = feedEndpoint('rss', componentScope);
