import { newestFirst } from '../core/order.ts';
import type { Incident } from './types.ts';

/**
 * Incidents newest first: by their opening notice (the timeline's
 * `startedAt`), then by slug. The order of `SiteContent.incidents` and of every
 * list of incidents on the site, the Statuspage API and the preview selection.
 */
export const byNewestStart = newestFirst((incident: Incident) => incident.notices[0]!.at, (incident) => incident.slug);
