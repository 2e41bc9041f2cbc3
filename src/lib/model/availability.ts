import { zoneOffsetMinutes } from '../core/dates.ts';
import { CLOSING_TYPES, STATE_SEVERITY, type ComponentState } from '../core/states.ts';
import { deriveIncidentTimeline } from './timeline.ts';
import type { Incident, SiteContent } from '../content/types.ts';

/**
 * Per-component availability, computed exactly from the notices: the time each
 * component spent in each state, the worst state of each day in the display
 * time zone, and uptime over 30, 90 and 365 days. The rules (and why) are in
 * docs/availability.md. Pure: "now" is always an argument, so a fixed
 * SOURCE_DATE_EPOCH gives a fixed result.
 *
 * Cost: one pass over every incident's notices builds sorted intervals for all
 * components at once; days and uptime are then sweeps over those intervals.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Any state but `operational`: the states an interval can record. */
export type AffectedState = Exclude<ComponentState, 'operational'>;

/** How many days the bars show. */
export const AVAILABILITY_DAYS = 90;
/** The periods uptime is reported for, in days. */
export const UPTIME_PERIODS = [30, 90, 365] as const;

/**
 * Share of each state's time that counts as down in uptime.
 * `partial_outage` counts half: the service works for some merchants or some
 * card brands, not for others. `degraded` counts as up: slow, but working.
 * `maintenance` counts as down here; maintenance announced in advance (and only
 * within its announced window) is instead left out of the period altogether,
 * see {@link StateInterval.planned}.
 */
export const DOWNTIME_WEIGHT: Readonly<Record<ComponentState, number>> = {
  operational: 0,
  degraded: 0,
  partial_outage: 0.5,
  major_outage: 1,
  suspended: 1,
  maintenance: 1,
};

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

/** One day of the bars. */
export interface DayAvailability {
  /** Calendar date in the display time zone. */
  date: string;
  /** The worst state of the day; `no_data` before the component's `since` date. */
  state: ComponentState | 'no_data';
  /** Time spent in any state other than operational that day (today: up to now). */
  affectedMs: number;
  /** Incidents that affected the component that day, in the order they began. */
  incidents: readonly string[];
}

/** Availability of one component at a given "now". */
export interface ComponentAvailability {
  id: string;
  /** One entry per day, oldest first, today last. */
  days: readonly DayAvailability[];
  /** Uptime ratios (0–1) over the last 30 / 90 / 365 days; null when there is no data for the period. */
  uptime30: number | null;
  uptime90: number | null;
  uptime365: number | null;
}

// ---------------------------------------------------------------------------
// Intervals

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
  raw.sort((a, b) => a.start - b.start || (a.incident < b.incident ? -1 : a.incident > b.incident ? 1 : 0));
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

// ---------------------------------------------------------------------------
// Days in the display time zone

/** Days since 1970-01-01 of the calendar date `epochMs` falls on in `zone`. */
export function zonedDayNumber(epochMs: number, zone: string): number {
  return Math.floor((epochMs + zoneOffsetMinutes(epochMs, zone) * MINUTE) / DAY);
}

/** `YYYY-MM-DD` for a day number. */
export function dayNumberToDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` date. */
export function dateToDayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY;
}

/**
 * The first instant of a calendar day in `zone`: local midnight, or, where a
 * DST change skips midnight (e.g. America/Santiago), the instant the clock
 * jumps into the day. Days are 23 or 25 hours long across DST changes.
 */
export function startOfZonedDay(day: number, zone: string): number {
  const wall = day * DAY;
  let best: number | undefined;
  // Local midnight is within -14 h / +12 h of `wall`; offsets a day either side cover both sides of any DST change.
  for (const probe of [wall - DAY, wall, wall + DAY]) {
    const offset = zoneOffsetMinutes(probe, zone) * MINUTE;
    const candidate = wall - offset;
    if (zoneOffsetMinutes(candidate, zone) * MINUTE === offset && (best === undefined || candidate < best)) best = candidate;
  }
  if (best !== undefined) return best;
  // Midnight does not exist that day: search for the first instant whose local date is `day`.
  let lo = wall - 15 * HOUR;
  let hi = wall + 15 * HOUR;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zonedDayNumber(mid, zone) >= day) hi = mid;
    else lo = mid;
  }
  return hi;
}

interface DayGrid {
  /** Day number of the oldest day. */
  first: number;
  /** Start instants: `days + 1` boundaries, the last being the start of tomorrow. */
  starts: number[];
}

const grids = new Map<string, DayGrid>();

/** The last `days` calendar days in `zone`, today (the day containing `now`) last. */
function dayGrid(now: number, days: number, zone: string): DayGrid {
  const key = `${now}|${days}|${zone}`;
  const cached = grids.get(key);
  if (cached) return cached;
  const first = zonedDayNumber(now, zone) - days + 1;
  const starts: number[] = [];
  for (let k = 0; k <= days; k++) starts.push(startOfZonedDay(first + k, zone));
  const grid = { first, starts };
  if (grids.size > 100) grids.clear();
  grids.set(key, grid);
  return grid;
}

/** Options for {@link dailyWorstStates}. */
export interface DailyOptions {
  /** "Today" is the day containing this instant; nothing after it counts. */
  now: number;
  /** How many days, today included. */
  days?: number;
  /** IANA zone whose calendar days are used. */
  timeZone: string;
  /** `YYYY-MM-DD`: days before it are `no_data`. */
  since?: string | undefined;
}

/**
 * One entry per day for the last `days` days (oldest first, today last, today
 * counted up to `now`): the worst state of the day, the time spent in any
 * non-operational state and the incidents involved. One sweep: `intervals`
 * must be sorted and non-overlapping, as {@link deriveStateIntervals} returns them.
 */
export function dailyWorstStates(intervals: readonly StateInterval[], options: DailyOptions): DayAvailability[] {
  const { now, days = AVAILABILITY_DAYS, timeZone, since } = options;
  const grid = dayGrid(now, days, timeZone);
  const sinceDay = since === undefined ? -Infinity : dateToDayNumber(since);
  const result: DayAvailability[] = [];
  let p = 0;
  for (let k = 0; k < days; k++) {
    const day = grid.first + k;
    const date = dayNumberToDate(day);
    if (day < sinceDay) {
      result.push({ date, state: 'no_data', affectedMs: 0, incidents: [] });
      continue;
    }
    const from = grid.starts[k]!;
    const to = Math.max(from, Math.min(grid.starts[k + 1]!, now));
    while (p < intervals.length && intervals[p]!.end <= from) p++;
    let state: ComponentState = 'operational';
    let affectedMs = 0;
    const incidents: string[] = [];
    // Today may have no length yet (a build exactly at midnight): then the state at `now` itself is today's.
    const instant = k === days - 1 && to === from;
    for (let q = p; q < intervals.length && (intervals[q]!.start < to || (instant && intervals[q]!.start <= to)); q++) {
      const interval = intervals[q]!;
      const a = Math.max(interval.start, from);
      const b = Math.min(interval.end, to);
      if (b < a || (b === a && !instant)) continue;
      affectedMs += b - a;
      if (STATE_SEVERITY[interval.state] > STATE_SEVERITY[state]) state = interval.state;
      for (const slug of interval.incidents) if (!incidents.includes(slug)) incidents.push(slug);
    }
    result.push({ date, state, affectedMs, incidents });
  }
  return result;
}

// ---------------------------------------------------------------------------
// Uptime

/** What a period is made of, in ms. */
export interface AvailabilityMeasure {
  /** Length of the period. */
  periodMs: number;
  /** Planned maintenance, left out of the period. */
  excludedMs: number;
  /** Down time, weighted by {@link DOWNTIME_WEIGHT}. */
  downMs: number;
}

/** Sums the weighted down time and planned maintenance of `intervals` within [from, to). */
export function measureAvailability(intervals: readonly StateInterval[], from: number, to: number): AvailabilityMeasure {
  let excludedMs = 0;
  let downMs = 0;
  for (const interval of intervals) {
    if (interval.start >= to) break;
    const a = Math.max(interval.start, from);
    const b = Math.min(interval.end, to);
    if (b <= a) continue;
    if (interval.state === 'maintenance' && interval.planned) excludedMs += b - a;
    else downMs += (b - a) * DOWNTIME_WEIGHT[interval.state];
  }
  return { periodMs: Math.max(0, to - from), excludedMs, downMs };
}

/** Options for {@link uptime}. */
export interface UptimeOptions {
  now: number;
  /** The period: the `days` × 24 hours before `now`. */
  days: number;
  /** `YYYY-MM-DD`: time before the start of this day (in `timeZone`) is not counted. */
  since?: string | undefined;
  /** Zone in which `since` is a calendar day. */
  timeZone: string;
}

/** The start of the period {@link uptime} measures, or undefined when it has no time in it. */
export function uptimePeriod(options: UptimeOptions): { from: number; to: number } | undefined {
  const { now, days, since, timeZone } = options;
  let from = now - days * DAY;
  if (since !== undefined) from = Math.max(from, startOfZonedDay(dateToDayNumber(since), timeZone));
  return from < now ? { from, to: now } : undefined;
}

/**
 * Uptime over the `days` × 24 hours before `now` as a ratio 0–1:
 * 1 − weighted down time ÷ (period − planned maintenance). Null when there is
 * no data: the component's `since` is not yet reached, or the whole period was
 * planned maintenance.
 */
export function uptime(intervals: readonly StateInterval[], options: UptimeOptions): number | null {
  const period = uptimePeriod(options);
  if (!period) return null;
  const { periodMs, excludedMs, downMs } = measureAvailability(intervals, period.from, period.to);
  const observed = periodMs - excludedMs;
  if (observed <= 0) return null;
  return Math.min(1, Math.max(0, 1 - downMs / observed));
}

// ---------------------------------------------------------------------------
// Whole site

const cache = new WeakMap<SiteContent, Map<number, ComponentAvailability[]>>();

/**
 * Day bars and uptime for every configured component, in configuration
 * order, as of `now` (the build's SOURCE_DATE_EPOCH or build time). Cached per
 * content and `now`, so every page of a build shares one computation.
 */
export function deriveAvailability(content: SiteContent, now: number): ComponentAvailability[] {
  let byNow = cache.get(content);
  if (!byNow) cache.set(content, (byNow = new Map()));
  const cached = byNow.get(now);
  if (cached) return cached;
  const { config } = content;
  const timeZone = config.timeZone;
  const all = deriveAllStateIntervals(content.incidents);
  const result = config.components.map((component): ComponentAvailability => {
    const intervals = all.get(component.id) ?? [];
    const since = component.since;
    const ratio = (days: number) => uptime(intervals, { now, days, since, timeZone });
    return {
      id: component.id,
      days: dailyWorstStates(intervals, { now, days: AVAILABILITY_DAYS, timeZone, since }),
      uptime30: ratio(30),
      uptime90: ratio(90),
      uptime365: ratio(365),
    };
  });
  byNow.set(now, result);
  return result;
}

/**
 * A ratio as a percentage with two decimals, rounded down so that any down
 * time at all never shows as 100%: 0.99996 → "99.99".
 */
export function formatUptimePercent(ratio: number): string {
  const hundredths = Math.floor(ratio * 10_000 + 1e-7);
  return (Math.min(hundredths, ratio < 1 ? 9_999 : 10_000) / 100).toFixed(2);
}
