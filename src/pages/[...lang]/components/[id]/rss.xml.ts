import { endpoints, paths } from '../../../../routes/index.ts';

export const getStaticPaths = paths.components;
export const GET = endpoints.componentFeed;
