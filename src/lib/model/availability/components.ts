import type { SiteContent } from '../../content/types.ts';
import { AVAILABILITY_DAYS, dailyWorstStates, type DayAvailability } from './days.ts';
import { deriveAllStateIntervals } from './intervals.ts';
import { uptime } from './uptime.ts';

/**
 * Per-component availability, computed exactly from the notices: the time each
 * component spent in each state (intervals.ts), the worst state of each day in
 * the display time zone (days.ts), and uptime over 30, 90 and 365 days
 * (uptime.ts). The rules (and why) are in docs/availability.md. Pure: "now" is
 * always an argument, so a fixed SOURCE_DATE_EPOCH gives a fixed result.
 */

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
