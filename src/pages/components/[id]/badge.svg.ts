import { endpoints, paths } from '../../../routes/index.ts';

export const getStaticPaths = paths.componentIds;
export const GET = endpoints.componentBadge;
