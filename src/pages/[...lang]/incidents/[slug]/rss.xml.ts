// Written by the build's own writer in `astro build` (src/lib/outputs/writer.ts); served here in `astro dev`.
import { endpoints, paths } from '../../../../routes/index.ts';

export const getStaticPaths = paths.incidents;
export const GET = endpoints.incidentFeed;
