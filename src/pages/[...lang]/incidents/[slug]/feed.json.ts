import { feedEndpoint, incidentPaths, incidentScope } from '../../../../feed-endpoints.ts';

export const getStaticPaths = incidentPaths;
export const GET = feedEndpoint('json', incidentScope);
