import { feedEndpoint, siteScope } from '../../routes/feed-endpoints.ts';
import { localeStaticPaths } from '../../routes/page-context.ts';

export const getStaticPaths = localeStaticPaths;
export const GET = feedEndpoint('rss', siteScope);
