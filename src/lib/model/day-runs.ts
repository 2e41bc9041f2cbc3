import { dateToDayNumber } from '../core/dates.ts';
import type { DayAvailability } from './availability/days.ts';
import type { AffectedState } from './availability/intervals.ts';

/**
 * How a component's days (from deriveAvailability) are grouped for showing:
 * runs of alike days become one mark or one row, so a component down for weeks
 * costs no more markup than one down for a day. Pure: days in, runs out.
 */

/** Consecutive days drawn as one group of bars with one tooltip. */
export interface BarRun {
  /** Index in `days` of the run's first day. */
  first: number;
  /** Index in `days` of the run's last day (inclusive). */
  last: number;
  state: DayAvailability['state'];
  /** Time affected on each day of the run (every day of a run is affected as long); 0 for operational and no-data days. */
  affectedMs: number;
}

/** Consecutive affected days listed as one row. */
export interface AffectedRun {
  /** First and last date (`YYYY-MM-DD`, inclusive). */
  from: string;
  to: string;
  state: AffectedState;
  /** How many days the run covers. */
  dayCount: number;
  /** Time affected over the whole run. */
  affectedMs: number;
  /** The incidents of every day of the run (the same for each). */
  incidents: readonly string[];
}

function isAffected(state: DayAvailability['state']): state is AffectedState {
  return state !== 'operational' && state !== 'no_data';
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * The bars: a run of operational or of no-data days is one group whatever each
 * day's details; affected days form a run while the state and the time
 * affected stay the same. Every day is in exactly one run, oldest first.
 */
export function barRuns(days: readonly DayAvailability[]): BarRun[] {
  const runs: BarRun[] = [];
  for (let first = 0; first < days.length; ) {
    const day = days[first]!;
    const alike = isAffected(day.state)
      ? (next: DayAvailability) => next.state === day.state && next.affectedMs === day.affectedMs
      : (next: DayAvailability) => next.state === day.state;
    let last = first;
    while (last + 1 < days.length && alike(days[last + 1]!)) last++;
    runs.push({ first, last, state: day.state, affectedMs: isAffected(day.state) ? day.affectedMs : 0 });
    first = last + 1;
  }
  return runs;
}

/**
 * The list of affected days: consecutive calendar days with the same state and
 * the same incidents become one row (an unaffected day in between ends a run).
 */
export function affectedRuns(days: readonly DayAvailability[]): AffectedRun[] {
  const runs: AffectedRun[] = [];
  for (const day of days) {
    const state = day.state;
    if (!isAffected(state)) continue;
    const last = runs[runs.length - 1];
    const follows = last !== undefined && dateToDayNumber(last.to) + 1 === dateToDayNumber(day.date);
    if (last && follows && last.state === state && sameList(last.incidents, day.incidents)) {
      last.to = day.date;
      last.dayCount++;
      last.affectedMs += day.affectedMs;
    } else {
      runs.push({ from: day.date, to: day.date, state, dayCount: 1, affectedMs: day.affectedMs, incidents: day.incidents });
    }
  }
  return runs;
}
