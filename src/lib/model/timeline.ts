import { type ComponentConfig } from '../content/config-schema.ts';
import { localizedText } from '../core/localized-text.ts';
import { CLOSING_TYPES, worstState, type ComponentState, type Locale } from '../core/states.ts';
import { byNewestStart } from '../content/order.ts';
import type { Incident, Notice } from '../content/types.ts';
import { newestFirst, oldestFirst } from '../core/order.ts';

/** What an incident's notices add up to. */
export interface IncidentTimeline {
  /** `maintenance` when the incident opened with a planned maintenance notice. */
  kind: 'incident' | 'maintenance';
  /** The opening notice's instant (for a maintenance: when it was announced). */
  startedAt: number;
  /** For a maintenance, the current planned window (the latest notice that set one wins). */
  window: { start: number; end: number } | undefined;
  /** Every window a maintenance had, in order (a notice repeating the current window adds none); more than one means it was moved. */
  windows: readonly { start: number; end: number }[];
  /** A maintenance called off by a `completed` notice with `cancelled: true`. */
  cancelled: boolean;
  /** The closing notice's instant (resumption, or completed for a maintenance), if closed. */
  resolvedAt: number | undefined;
  /** Open until a resumption (or completed) is published. */
  open: boolean;
  /** How long merchants were affected: from the opening (a maintenance: its window start) to the close. */
  durationMs: number | undefined;
  /** The newest notice. */
  latest: Notice;
  /** The newest notice's promise of a next update, only while the incident is open. */
  nextUpdate: Notice['nextUpdate'];
  /** Every component the incident ever touched, in first-touched order. */
  affected: readonly string[];
  /** Component states in force after each notice (declared plus those a resumption implies), by notice id. */
  statesAfter: ReadonlyMap<string, Readonly<Record<string, ComponentState>>>;
  /** Component states now, as far as this incident is concerned. */
  current: Readonly<Record<string, ComponentState>>;
  /** For each component not operational now: since when it has been out of normal operation, in this incident. */
  degradedSince: Readonly<Record<string, number>>;
}

const cache = new WeakMap<Incident, IncidentTimeline>();

/** Walks the notices in order; a resumption sets every component it does not mention back to operational. */
export function deriveIncidentTimeline(incident: Incident): IncidentTimeline {
  const cached = cache.get(incident);
  if (cached) return cached;
  const notices = incident.notices;
  if (notices.length === 0) throw new Error(`incident ${incident.slug} has no notices`);
  const state: Record<string, ComponentState> = {};
  const since: Record<string, number> = {};
  const affected: string[] = [];
  const statesAfter = new Map<string, Readonly<Record<string, ComponentState>>>();
  const windows: { start: number; end: number }[] = [];
  let resolvedAt: number | undefined;
  let cancelled = false;

  for (const notice of notices) {
    const declared = notice.components;
    if (notice.window) {
      const last = windows[windows.length - 1];
      if (!last || last.start !== notice.window.start || last.end !== notice.window.end) windows.push(notice.window);
    }
    if (CLOSING_TYPES.includes(notice.type)) {
      for (const id of Object.keys(state)) if (!(id in declared)) state[id] = 'operational';
      resolvedAt = notice.at;
      cancelled = notice.cancelled;
    }
    for (const [id, value] of Object.entries(declared)) {
      if (!affected.includes(id) && value !== 'operational') affected.push(id);
      const before = state[id] ?? 'operational';
      if (value === 'operational') delete since[id];
      else if (before === 'operational') since[id] = notice.at;
      state[id] = value;
    }
    if (CLOSING_TYPES.includes(notice.type)) for (const id of Object.keys(since)) if (state[id] === 'operational') delete since[id];
    statesAfter.set(notice.id, { ...state });
  }

  const latest = notices[notices.length - 1]!;
  const open = resolvedAt === undefined;
  const kind = notices[0]!.type === 'maintenance' ? 'maintenance' : 'incident';
  const window = windows[windows.length - 1];
  const affectedFrom = kind === 'maintenance' && window ? window.start : notices[0]!.at;
  const timeline: IncidentTimeline = {
    kind,
    startedAt: notices[0]!.at,
    window,
    windows,
    cancelled,
    resolvedAt,
    open,
    durationMs: resolvedAt === undefined || cancelled ? undefined : Math.max(0, resolvedAt - affectedFrom),
    latest,
    nextUpdate: open ? latest.nextUpdate : undefined,
    affected,
    statesAfter,
    current: { ...state },
    degradedSince: { ...since },
  };
  cache.set(incident, timeline);
  return timeline;
}

/** The state each notice reports, with a resumption's implied resets made explicit. */
export function noticeStates(incident: Incident, notice: Notice): Readonly<Record<string, ComponentState>> {
  if (!CLOSING_TYPES.includes(notice.type)) return notice.components;
  return deriveIncidentTimeline(incident).statesAfter.get(notice.id) ?? {};
}

/** Where an incident stands at `now`. */
export type IncidentPhase = 'upcoming' | 'in_progress' | 'open' | 'resolved';

/**
 * `resolved` once closed; a maintenance is `upcoming` before its window and
 * `in_progress` from its start until closed; anything else open is `open`.
 */
export function incidentPhase(incident: Incident, now: number): IncidentPhase {
  const timeline = deriveIncidentTimeline(incident);
  if (!timeline.open) return 'resolved';
  if (timeline.kind === 'maintenance') return timeline.window && now < timeline.window.start ? 'upcoming' : 'in_progress';
  return 'open';
}

/** Whether the incident affects its components at `now` (upcoming maintenance does not yet). */
export function isActive(incident: Incident, now: number): boolean {
  const phase = incidentPhase(incident, now);
  return phase === 'open' || phase === 'in_progress';
}

export interface ComponentStatus {
  id: string;
  name: string;
  description: string;
  state: ComponentState;
  /** Since when the component has been out of normal operation (earliest across open incidents). */
  since: number | undefined;
  /** Slugs of the open incidents affecting it now. */
  incidents: readonly string[];
}

/** State of every configured component at `now`: the worst state any active incident gives it. */
export function deriveComponentStates(
  components: readonly ComponentConfig[],
  incidents: readonly Incident[],
  now: number,
  locale: Locale,
  defaultLocale: Locale,
): ComponentStatus[] {
  const byId = new Map<string, { states: ComponentState[]; since: number[]; incidents: string[] }>();
  for (const incident of incidents) {
    const timeline = deriveIncidentTimeline(incident);
    if (!isActive(incident, now)) continue;
    for (const [id, value] of Object.entries(timeline.current)) {
      if (value === 'operational') continue;
      const entry = byId.get(id) ?? { states: [], since: [], incidents: [] };
      entry.states.push(value);
      entry.incidents.push(incident.slug);
      const start = timeline.degradedSince[id];
      if (start !== undefined) entry.since.push(start);
      byId.set(id, entry);
    }
  }
  return components.map((component) => {
    const entry = byId.get(component.id);
    return {
      id: component.id,
      name: localizedText(component.name, locale, defaultLocale),
      description: localizedText(component.description, locale, defaultLocale),
      state: entry ? worstState(entry.states) : 'operational',
      since: entry && entry.since.length > 0 ? Math.min(...entry.since) : undefined,
      incidents: entry?.incidents ?? [],
    };
  });
}

const slugOf = (incident: Incident) => incident.slug;

/** Active incidents (newest first), upcoming maintenance (soonest first) and resolved ones (most recently resolved first). */
export function partitionIncidents(incidents: readonly Incident[], now: number): { open: Incident[]; upcoming: Incident[]; resolved: Incident[] } {
  const open: Incident[] = [];
  const upcoming: Incident[] = [];
  const resolved: Incident[] = [];
  for (const incident of incidents) {
    const phase = incidentPhase(incident, now);
    (phase === 'resolved' ? resolved : phase === 'upcoming' ? upcoming : open).push(incident);
  }
  open.sort(byNewestStart);
  upcoming.sort(oldestFirst((incident) => deriveIncidentTimeline(incident).window!.start, slugOf));
  resolved.sort(newestFirst((incident) => deriveIncidentTimeline(incident).resolvedAt!, slugOf));
  return { open, upcoming, resolved };
}
