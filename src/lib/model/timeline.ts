import type { ComponentConfig } from '../config/schema.ts';
import { worstState, type ComponentState } from '../states.ts';
import type { Incident, Notice } from './types.ts';

/** What an incident's notices add up to. */
export interface IncidentTimeline {
  /** The opening notice's instant. */
  startedAt: number;
  /** The resumption's instant, if the incident is closed. */
  resolvedAt: number | undefined;
  /** Open until a resumption is published. */
  open: boolean;
  /** resolvedAt - startedAt, when resolved. */
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
  let resolvedAt: number | undefined;

  for (const notice of notices) {
    const declared = notice.components;
    if (notice.type === 'resumption') {
      for (const id of Object.keys(state)) if (!(id in declared)) state[id] = 'operational';
      resolvedAt = notice.at;
    }
    for (const [id, value] of Object.entries(declared)) {
      if (!affected.includes(id) && value !== 'operational') affected.push(id);
      const before = state[id] ?? 'operational';
      if (value === 'operational') delete since[id];
      else if (before === 'operational') since[id] = notice.at;
      state[id] = value;
    }
    if (notice.type === 'resumption') for (const id of Object.keys(since)) if (state[id] === 'operational') delete since[id];
    statesAfter.set(notice.id, { ...state });
  }

  const latest = notices[notices.length - 1]!;
  const open = resolvedAt === undefined;
  const timeline: IncidentTimeline = {
    startedAt: notices[0]!.at,
    resolvedAt,
    open,
    durationMs: resolvedAt === undefined ? undefined : resolvedAt - notices[0]!.at,
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
  const after = deriveIncidentTimeline(incident).statesAfter.get(notice.id) ?? {};
  if (notice.type !== 'resumption') return notice.components;
  return after;
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

/** Current state of every configured component: the worst state any open incident gives it. */
export function deriveComponentStates(components: readonly ComponentConfig[], incidents: readonly Incident[]): ComponentStatus[] {
  const byId = new Map<string, { states: ComponentState[]; since: number[]; incidents: string[] }>();
  for (const incident of incidents) {
    const timeline = deriveIncidentTimeline(incident);
    if (!timeline.open) continue;
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
      name: component.name,
      description: component.description,
      state: entry ? worstState(entry.states) : 'operational',
      since: entry && entry.since.length > 0 ? Math.min(...entry.since) : undefined,
      incidents: entry?.incidents ?? [],
    };
  });
}

/** Open incidents, newest first, and resolved ones, most recently resolved first. */
export function partitionIncidents(incidents: readonly Incident[]): { open: Incident[]; resolved: Incident[] } {
  const open: Incident[] = [];
  const resolved: Incident[] = [];
  for (const incident of incidents) (deriveIncidentTimeline(incident).open ? open : resolved).push(incident);
  open.sort((a, b) => deriveIncidentTimeline(b).startedAt - deriveIncidentTimeline(a).startedAt);
  resolved.sort((a, b) => deriveIncidentTimeline(b).resolvedAt! - deriveIncidentTimeline(a).resolvedAt! || (a.slug < b.slug ? -1 : 1));
  return { open, resolved };
}
