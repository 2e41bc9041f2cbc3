import type { UiStrings } from '../../i18n/types.ts';
import type { Locale } from '../core/states.ts';
import { STATE_SEVERITY, worstState, type ComponentState } from '../core/states.ts';
import { deriveComponentStates, deriveIncidentTimeline, incidentPhase, partitionIncidents, type ComponentStatus } from '../model/timeline.ts';
import { byNewestStart } from '../content/order.ts';
import type { FaqEntry, Incident, SiteContent } from '../content/types.ts';
import { formatDateTime, formatMonth, monthKey } from './datetime.ts';

/**
 * What the pages show, derived from content: pages render these and decide
 * nothing themselves.
 */

export interface Banner {
  state: ComponentState;
  text: string;
}

/** One sentence: everything works, or which services are affected and since when. */
export function deriveBanner(statuses: readonly ComponentStatus[], strings: UiStrings, locale: Locale, zone: string): Banner {
  const affected = statuses.filter((s) => s.state !== 'operational');
  if (affected.length === 0) return { state: 'operational', text: strings.banner.allOperational };
  const worst = worstState(affected.map((s) => s.state));
  // Grouped by state, worst first, so the sentence leads with what is stopped.
  const groups = new Map<ComponentState, string[]>();
  for (const status of [...affected].sort((a, b) => STATE_SEVERITY[b.state] - STATE_SEVERITY[a.state])) {
    groups.set(status.state, [...(groups.get(status.state) ?? []), status.name]);
  }
  const summary = strings.banner.groupJoin([...groups].map(([state, names]) => strings.banner.group(strings.states[state], strings.banner.listJoin(names))));
  const since = affected.map((s) => s.since).filter((t): t is number => t !== undefined);
  return {
    state: worst,
    text: since.length > 0 ? strings.banner.affected(summary, formatDateTime(Math.min(...since), locale, zone)) : strings.banner.affectedNoSince(summary),
  };
}

export interface HomeView {
  statuses: ComponentStatus[];
  banner: Banner;
  open: Incident[];
  upcoming: Incident[];
  recentResolved: Incident[];
}

export function deriveHomeView(content: SiteContent, locale: Locale, strings: UiStrings, now: number): HomeView {
  const { config } = content;
  const statuses = deriveComponentStates(config.components, content.incidents, now, locale, config.defaultLocale);
  const { open, upcoming, resolved } = partitionIncidents(content.incidents, now);
  return {
    statuses,
    banner: deriveBanner(statuses, strings, locale, config.timeZone),
    open,
    upcoming,
    recentResolved: resolved.slice(0, config.recentResolved),
  };
}

export interface HistoryMonth {
  key: string;
  label: string;
  incidents: Incident[];
}

/** Every incident, newest first, grouped by the month it started in the display zone. */
export function groupIncidentsByMonth(incidents: readonly Incident[], locale: Locale, zone: string): HistoryMonth[] {
  const sorted = [...incidents].sort(byNewestStart);
  const months: HistoryMonth[] = [];
  for (const incident of sorted) {
    const started = deriveIncidentTimeline(incident).startedAt;
    const key = monthKey(started, zone);
    const last = months[months.length - 1];
    if (last?.key === key) last.incidents.push(incident);
    else months.push({ key, label: formatMonth(started, locale, zone), incidents: [incident] });
  }
  return months;
}

export interface FaqItem {
  entry: FaqEntry;
  /** The entry is about a component that is not operational now. */
  affectedNow: boolean;
}

/** FAQ entries about components affected now come first and are marked; otherwise the configured order. */
export function orderFaq(faq: readonly FaqEntry[], statuses: readonly ComponentStatus[]): FaqItem[] {
  const affected = new Set(statuses.filter((s) => s.state !== 'operational').map((s) => s.id));
  const items = faq.map((entry) => ({ entry, affectedNow: entry.components.some((id) => affected.has(id)) }));
  return [...items.filter((i) => i.affectedNow), ...items.filter((i) => !i.affectedNow)];
}

/** Incidents that touched a component, newest first. */
export function incidentsAffectingComponent(incidents: readonly Incident[], componentId: string): Incident[] {
  return incidents
    .filter((incident) => deriveIncidentTimeline(incident).affected.includes(componentId) || incident.notices.some((n) => componentId in n.components))
    .sort(byNewestStart);
}

export interface HistoryYear {
  year: string;
  count: number;
}

/** The year of an instant in the display zone, e.g. "2018". */
export function yearOf(at: number, zone: string): string {
  return monthKey(at, zone).slice(0, 4);
}

/** Years (in the display zone) that have incidents, newest first, with how many started in each. */
export function historyYears(incidents: readonly Incident[], zone: string): HistoryYear[] {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    const year = yearOf(deriveIncidentTimeline(incident).startedAt, zone);
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => (a[0] < b[0] ? 1 : -1)).map(([year, count]) => ({ year, count }));
}

/** Years (in the display zone) in which any notice was published, newest first: what search can narrow to. */
export function noticeYears(incidents: readonly Incident[], zone: string): string[] {
  const years = new Set(incidents.flatMap((incident) => incident.notices.map((notice) => yearOf(notice.at, zone))));
  return [...years].sort((a, b) => (a < b ? 1 : -1));
}

/** Incidents that started in `year` (display zone). */
export function incidentsInYear(incidents: readonly Incident[], year: string, zone: string): Incident[] {
  return incidents.filter((incident) => monthKey(deriveIncidentTimeline(incident).startedAt, zone).startsWith(`${year}-`));
}

/** How many of the newest incidents /history/ shows before pointing to the year pages. */
export const HISTORY_RECENT = 50;

/**
 * What /history/ lists: whole months, newest first, until at least
 * HISTORY_RECENT incidents are shown; the rest is on the year pages, so the
 * page does not grow with the whole history.
 */
export function recentHistory(incidents: readonly Incident[], locale: Locale, zone: string): { months: HistoryMonth[]; complete: boolean } {
  const months: HistoryMonth[] = [];
  let shown = 0;
  for (const month of groupIncidentsByMonth(incidents, locale, zone)) {
    if (shown >= HISTORY_RECENT) break;
    months.push(month);
    shown += month.incidents.length;
  }
  return { months, complete: shown >= incidents.length };
}

/** The status of an incident in words: ongoing, scheduled, in progress, resolved, completed or cancelled. */
export function phaseLabel(strings: UiStrings, incident: Incident, now: number): string {
  const timeline = deriveIncidentTimeline(incident);
  switch (incidentPhase(incident, now)) {
    case 'open': return strings.incident.statusOpen;
    case 'in_progress': return strings.maintenance.inProgress;
    case 'upcoming': return strings.maintenance.scheduled;
    case 'resolved':
      if (timeline.kind !== 'maintenance') return strings.incident.statusResolved;
      return timeline.cancelled ? strings.maintenance.cancelled : strings.maintenance.completed;
  }
}
