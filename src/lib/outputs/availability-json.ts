import { deriveAvailability } from '../model/availability/components.ts';
import { AVAILABILITY_DAYS } from '../model/availability/days.ts';
import { stepsOfRatio } from '../model/availability/uptime.ts';
import type { SiteContent } from '../content/types.ts';
import type { ComponentState } from '../core/states.ts';

/** One component in `/availability.json`. */
export interface AvailabilityJsonComponent {
  id: string;
  /** Uptime ratios 0–1 (six decimals, rounded down); null when there is no data for the period. */
  uptime_30d: number | null;
  uptime_90d: number | null;
  uptime_365d: number | null;
  /** The last 90 days in the site's time zone, oldest first, today last. */
  days: { date: string; state: ComponentState | 'no_data' }[];
}

/** The document served at `/availability.json`. */
export interface AvailabilityJson {
  version: 1;
  /** IANA zone the `date`s are calendar days in. */
  time_zone: string;
  /** Number of entries in each component's `days`. */
  days: number;
  components: AvailabilityJsonComponent[];
}

/** Six decimals, rounded down like the pages' percentages, so any down time never reads as 1. */
function ratio(value: number | null): number | null {
  return value === null ? null : stepsOfRatio(value, 1_000_000) / 1_000_000;
}

/**
 * `/availability.json`: per component, uptime over 30 / 90 / 365 days and the
 * worst state of each of the last 90 days, for widgets. Deterministic: `now`
 * only decides which days and periods are covered, and no timestamp is
 * written. Rules in docs/availability.md.
 */
export function buildAvailabilityJson(content: SiteContent, now: number): AvailabilityJson {
  return {
    version: 1,
    time_zone: content.config.timeZone,
    days: AVAILABILITY_DAYS,
    components: deriveAvailability(content, now).map((component) => ({
      id: component.id,
      uptime_30d: ratio(component.uptime30),
      uptime_90d: ratio(component.uptime90),
      uptime_365d: ratio(component.uptime365),
      days: component.days.map((day) => ({ date: day.date, state: day.state })),
    })),
  };
}
