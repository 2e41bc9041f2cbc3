import { endpoints, paths } from '../../routes/index.ts';

export const getStaticPaths = paths.locales;
export const GET = endpoints.siteFeed('atom');
