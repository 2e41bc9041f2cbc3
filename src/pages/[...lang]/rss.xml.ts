import { feedEndpoint, siteScope } from '../../feed-endpoints.ts';
import { localeStaticPaths } from '../../page-context.ts';

export const getStaticPaths = localeStaticPaths;
export const GET = feedEndpoint('rss', siteScope);
