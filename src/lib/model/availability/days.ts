import { dateToDayNumber, dayNumberToDate, startOfZonedDay, zonedDayNumber } from '../../core/dates.ts';
import { STATE_SEVERITY, type ComponentState } from '../../core/states.ts';
import type { StateInterval } from './intervals.ts';

/**
 * The worst state of each calendar day in the display time zone, for the day
 * bars: a sweep over a component's intervals. Rules in docs/availability.md.
 */

/** How many days the bars show. */
export const AVAILABILITY_DAYS = 90;

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
 * must be sorted and non-overlapping, as intervals.ts derives them.
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
