// The Statuspage-compatible Status API (src/lib/outputs/statuspage.ts, docs/statuspage-api.md).
import { endpoints, paths } from '../../../routes/index.ts';

export const getStaticPaths = paths.statuspageApi;
export const GET = endpoints.statuspage;
