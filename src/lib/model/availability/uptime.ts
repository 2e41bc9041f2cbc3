import type { ComponentState } from '../../core/states.ts';
import { startOfZonedDay } from '../../core/dates.ts';
import type { StateInterval } from './intervals.ts';

/**
 * Uptime over 30, 90 and 365 days: weighted down time over the period, planned
 * maintenance left out. Rules in docs/availability.md.
 */

const DAY = 24 * 60 * 60_000;

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
  if (since !== undefined) from = Math.max(from, startOfZonedDay(since, timeZone));
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

/**
 * A ratio in whole `steps` (100 for percent, 10 000 for hundredths of a
 * percent), rounded down and never to the whole when the ratio is below 1, so
 * that any down time at all never reads as 100%. The 1e-7 keeps a ratio whose
 * product is a hair under a whole step in floating point (0.57 × 100 =
 * 56.99999999999999) from losing that step.
 */
export function stepsOfRatio(ratio: number, steps: number): number {
  return Math.min(Math.floor(ratio * steps + 1e-7), ratio < 1 ? steps - 1 : steps);
}

/** A ratio as a percentage with two decimals, rounded down ({@link stepsOfRatio}): 0.99996 → "99.99". */
export function formatUptimePercent(ratio: number): string {
  return (stepsOfRatio(ratio, 10_000) / 100).toFixed(2);
}
