import { deriveIncidentTimeline, isActive } from './timeline.ts';
import type { Incident } from '../content/types.ts';

/** Why an open incident counts as a broken promise to merchants. */
export type OverdueReason = 'next-update-passed' | 'no-next-update' | 'silent-too-long';

export interface OverdueIncident {
  slug: string;
  title: string;
  file: string;
  /** The newest notice's file. */
  latestFile: string;
  latestAt: number;
  nextUpdateAt: number | undefined;
  reasons: OverdueReason[];
  /** How late, in ms: past the promise, or past the silence limit, whichever is more. 0 for "no promise" alone. */
  lateByMs: number;
}

/**
 * Open incidents whose promise is broken at `now`: the promised next update
 * has passed, the newest notice promises none, or they have been silent longer
 * than `maxSilenceMs`. A promise that falls exactly at `now` is not yet broken.
 */
export function findOverdueIncidents(incidents: readonly Incident[], now: number, maxSilenceMs: number): OverdueIncident[] {
  const overdue: OverdueIncident[] = [];
  for (const incident of incidents) {
    const timeline = deriveIncidentTimeline(incident);
    // Resolved incidents promise nothing; a maintenance before its window is not open yet.
    if (!isActive(incident, now)) continue;
    const latest = timeline.latest;
    const reasons: OverdueReason[] = [];
    let lateByMs = 0;
    // During a maintenance window its planned end is a promise too.
    const next = timeline.nextUpdate?.at ?? (timeline.kind === 'maintenance' ? timeline.window?.end : undefined);
    if (next === undefined) reasons.push('no-next-update');
    else if (now > next) {
      reasons.push('next-update-passed');
      lateByMs = Math.max(lateByMs, now - next);
    }
    const silentSince = timeline.kind === 'maintenance' && timeline.window ? Math.max(latest.at, timeline.window.start) : latest.at;
    if (now - silentSince > maxSilenceMs) {
      reasons.push('silent-too-long');
      lateByMs = Math.max(lateByMs, now - silentSince - maxSilenceMs);
    }
    if (reasons.length > 0) {
      overdue.push({
        slug: incident.slug,
        title: incident.title,
        file: incident.file,
        latestFile: latest.file,
        latestAt: latest.at,
        nextUpdateAt: next,
        reasons,
        lateByMs,
      });
    }
  }
  return overdue.sort((a, b) => b.lateByMs - a.lateByMs || (a.slug < b.slug ? -1 : 1));
}
