import { CLOSING_TYPES, STATE_SEVERITY, type ComponentState } from '../../core/states.ts';
import type { Incident } from '../../content/types.ts';
import { oldestFirst } from '../../core/order.ts';
import { deriveIncidentTimeline } from '../timeline.ts';

/**
 * The time each component spent in each state, exactly from the notices: one
 * pass over every incident's notices builds sorted, non-overlapping intervals
 * for all components at once (gaps are operational). Days and uptime are
 * sweeps over these. Rules in docs/availability.md.
 */

/** Any state but `operational`: the states an interval can record. */
export type AffectedState = Exclude<ComponentState, 'operational'>;

/** A stretch of time one component spent in one state. Times are epoch ms. */
export interface StateInterval {
  /** Inclusive. */
  start: number;
  /** Exclusive; `Infinity` while the incident is still open. */
  end: number;
  state: AffectedState;
  /**
   * Planned maintenance: a `maintenance` state inside a window that was
   * announced before it started. Left out of uptime instead of counting as down.
   */
  planned: boolean;
  /** Slugs of the incidents affecting the component during the interval (after overlaps are resolved, all of them, not just the worst). */
  incidents: readonly string[];
}

/** Higher is worse: the state's severity, with unannounced maintenance just above planned maintenance. */
function rank(interval: { state: AffectedState; planned: boolean }): number {
  return STATE_SEVERITY[interval.state] * 2 + (interval.state === 'maintenance' && !interval.planned ? 1 : 0);
}

interface RawInterval {
  start: number;
  end: number;
  state: AffectedState;
  planned: boolean;
  incident: string;
}

/** Appends a stretch, joining it to the previous one of the same incident and component when they touch. */
function push(into: RawInterval[], next: RawInterval): void {
  if (next.end <= next.start) return;
  const last = into[into.length - 1];
  if (last && last.incident === next.incident && last.end === next.start && last.state === next.state && last.planned === next.planned) last.end = next.end;
  else into.push(next);
}

/**
 * The raw intervals of one incident, by component. A state holds from the
 * notice that sets it to the next notice (where it may change) and ends at the
 * closing notice (resumption / completed). For a maintenance incident the
 * `maintenance` state only begins at its window's start; time past the window
 * end (an overrun) is not planned.
 */
function incidentIntervals(incident: Incident, out: Map<string, RawInterval[]>): void {
  const timeline = deriveIncidentTimeline(incident);
  const notices = incident.notices;
  let window: { start: number; end: number } | undefined;
  // When the window's current start was first announced: moving the end keeps it, moving the start resets it.
  let announcedAt = 0;
  for (let i = 0; i < notices.length; i++) {
    const notice = notices[i]!;
    if (CLOSING_TYPES.includes(notice.type)) break;
    if (notice.window) {
      if (!window || window.start !== notice.window.start) announcedAt = notice.at;
      window = notice.window;
    }
    const from = notice.at;
    const to = i + 1 < notices.length ? notices[i + 1]!.at : Infinity;
    const states = timeline.statesAfter.get(notice.id) ?? {};
    for (const [id, state] of Object.entries(states)) {
      if (state === 'operational') continue;
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      const base = { state, incident: incident.slug };
      if (state === 'maintenance' && timeline.kind === 'maintenance' && window) {
        const start = Math.max(from, window.start);
        if (announcedAt < window.start) {
          push(list, { ...base, start, end: Math.min(to, window.end), planned: true });
          push(list, { ...base, start: Math.max(start, window.end), end: to, planned: false });
        } else {
          push(list, { ...base, start, end: to, planned: false });
        }
      } else {
        push(list, { ...base, start: from, end: to, planned: false });
      }
    }
  }
}

/** Sorted, non-overlapping intervals from raw ones that may overlap across incidents: the worse state wins. */
function resolveOverlaps(raw: RawInterval[]): StateInterval[] {
  raw.sort(oldestFirst((interval) => interval.start, (interval) => interval.incident));
  let overlapping = false;
  for (let i = 1; i < raw.length && !overlapping; i++) if (raw[i]!.start < raw[i - 1]!.end) overlapping = true;
  if (!overlapping) return raw.map(({ start, end, state, planned, incident }) => ({ start, end, state, planned, incidents: [incident] }));

  const points = [...new Set(raw.flatMap((r) => [r.start, r.end]))].sort((a, b) => a - b);
  const result: StateInterval[] = [];
  let active: RawInterval[] = [];
  let next = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const from = points[k]!;
    const to = points[k + 1]!;
    active = active.filter((r) => r.end > from);
    while (next < raw.length && raw[next]!.start <= from) active.push(raw[next++]!);
    if (active.length === 0) continue;
    let worst = active[0]!;
    for (const r of active) if (rank(r) > rank(worst)) worst = r;
    const incidents = [...new Set(active.map((r) => r.incident))];
    const last = result[result.length - 1];
    if (last && last.end === from && last.state === worst.state && last.planned === worst.planned && sameList(last.incidents, incidents)) last.end = to;
    else result.push({ start: from, end: to, state: worst.state, planned: worst.planned, incidents });
  }
  return result;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * Every component's intervals in one pass over all notices: component id →
 * sorted, non-overlapping intervals of non-operational states (gaps are
 * operational). Where incidents overlap, the worse state wins for that time.
 */
export function deriveAllStateIntervals(incidents: readonly Incident[]): Map<string, StateInterval[]> {
  const raw = new Map<string, RawInterval[]>();
  for (const incident of incidents) incidentIntervals(incident, raw);
  const result = new Map<string, StateInterval[]>();
  for (const [id, list] of raw) result.set(id, resolveOverlaps(list));
  return result;
}

/** One component's sorted, non-overlapping intervals of non-operational states (see {@link deriveAllStateIntervals}). */
export function deriveStateIntervals(incidents: readonly Incident[], componentId: string): StateInterval[] {
  const raw = new Map<string, RawInterval[]>();
  for (const incident of incidents) incidentIntervals(incident, raw);
  return resolveOverlaps(raw.get(componentId) ?? []);
}
