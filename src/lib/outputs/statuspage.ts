import { createHash } from 'node:crypto';
import { useStrings } from '../../i18n/index.ts';
import { type ComponentConfig } from '../content/config-schema.ts';
import { localizedText } from '../core/localized-text.ts';
import { formatOffset, startOfZonedDay, zoneOffsetMinutes } from '../core/dates.ts';
import { localizeIncident, localizeNotice } from '../model/localize.ts';
import { deriveComponentStates, deriveIncidentTimeline, incidentPhase, noticeStates } from '../model/timeline.ts';
import { byNewestStart } from '../content/order.ts';
import type { Incident, Notice, SiteContent } from '../content/types.ts';
import { newestFirst, oldestFirst } from '../core/order.ts';
import { CLOSING_TYPES, type ComponentState, type Impact, type Locale } from '../core/states.ts';
import { absolute, routes } from '../core/urls.ts';
import { deriveBanner } from '../render/view.ts';
import { indicatorFor } from './status.ts';

/**
 * The Atlassian Statuspage public Status API v2, as static files under
 * `/api/v2/`, so tools that already read a Statuspage page (chat bots,
 * dashboards, aggregators) can read this one. Field names, nesting and value
 * types follow Statuspage's own responses key for key (a real capture is in
 * tests/fixtures/statuspage-summary.json); schemas in schemas/statuspage/,
 * rules in docs/statuspage-api.md.
 *
 * Component states map to Statuspage's component statuses like this
 * (STATUSPAGE_COMPONENT_STATUS):
 *
 *   operational     → operational
 *   degraded        → degraded_performance
 *   partial_outage  → partial_outage
 *   major_outage    → major_outage
 *   suspended       → major_outage   (Statuspage has nothing worse)
 *   maintenance     → under_maintenance
 *
 * Notices map to update statuses (see updateStatus):
 *
 *   incidents:    suspension → investigating; update → identified, or
 *                 monitoring when every component the incident touched is
 *                 operational again; resumption → resolved;
 *                 postmortem → postmortem.
 *   maintenances: maintenance (and an update) → scheduled before the window
 *                 starts, in_progress from then on (an update with every
 *                 component back to operational: verifying);
 *                 completed (or resumption) → completed; postmortem → completed.
 *
 * An incident's status is its newest update's; a maintenance's also follows
 * the clock (`now`): scheduled before its window, at least in_progress in it.
 *
 * An update's `affected_components` lists the components its notice sets (a
 * resumption: every component the incident touched), with the states in
 * force just before and right after it; a maintenance notice published
 * before the window only announces, so its components stay `operational`
 * until the window starts.
 */

/** Statuspage's component statuses. */
export type StatuspageComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';
/** Statuspage's incident statuses. */
export type StatuspageIncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
/** Statuspage's scheduled-maintenance statuses. */
export type StatuspageMaintenanceStatus = 'scheduled' | 'in_progress' | 'verifying' | 'completed';
/** Statuspage's overall indicator. */
export type StatuspageIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

/** Our component state → Statuspage component status (documented above and in docs/statuspage-api.md). */
export const STATUSPAGE_COMPONENT_STATUS: Readonly<Record<ComponentState, StatuspageComponentStatus>> = {
  operational: 'operational',
  degraded: 'degraded_performance',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
  suspended: 'major_outage',
  maintenance: 'under_maintenance',
};

/** The `page` object every response starts with. */
export interface StatuspagePage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

/** One component, as in `components.json` and in an incident's `components`. */
export interface StatuspageComponent {
  id: string;
  name: string;
  status: StatuspageComponentStatus;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
}

/** One component an update set, with its state before and after. */
export interface StatuspageAffectedComponent {
  code: string;
  name: string;
  old_status: StatuspageComponentStatus;
  new_status: StatuspageComponentStatus;
}

/** One notice as a Statuspage incident update. */
export interface StatuspageIncidentUpdate {
  id: string;
  status: StatuspageIncidentStatus | StatuspageMaintenanceStatus;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  /** Null when the notice sets no component (as Statuspage writes it). */
  affected_components: StatuspageAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: null;
  tweet_id: null;
}

/** An unplanned incident, as in `incidents.json`. */
export interface StatuspageIncident {
  id: string;
  name: string;
  status: StatuspageIncidentStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: 'none' | Impact;
  shortlink: string;
  started_at: string;
  page_id: string;
  /** Newest first. */
  incident_updates: StatuspageIncidentUpdate[];
  components: StatuspageComponent[];
}

/** A planned maintenance, as in `scheduled-maintenances.json`. */
export interface StatuspageScheduledMaintenance extends Omit<StatuspageIncident, 'status'> {
  status: StatuspageMaintenanceStatus;
  scheduled_for: string;
  scheduled_until: string;
}

/** The overall `status` object. */
export interface StatuspageStatus {
  indicator: StatuspageIndicator;
  description: string;
}

/** Where the API is published and the instant it describes. */
export interface StatuspageOptions {
  /** Absolute site URL (the build's, which `--site` may override). */
  site: string | URL;
  /** Base path (the build's, which `--base` may override). */
  base: string;
  /** "Now" for the build: decides component states and which maintenances are upcoming or active. Never read from the clock here. */
  now: number;
  /** The language of names and text; default: the site's defaultLocale (the published API is always in it). */
  locale?: Locale;
}

/** The eight files, site-relative without the base, in the order Statuspage documents them. */
export const STATUSPAGE_PATHS = [
  '/api/v2/summary.json',
  '/api/v2/status.json',
  '/api/v2/components.json',
  '/api/v2/incidents/unresolved.json',
  '/api/v2/incidents.json',
  '/api/v2/scheduled-maintenances/upcoming.json',
  '/api/v2/scheduled-maintenances/active.json',
  '/api/v2/scheduled-maintenances.json',
] as const;
/** One of the eight paths. */
export type StatuspagePath = (typeof STATUSPAGE_PATHS)[number];

/** Statuspage lists at most this many incidents (and maintenances) in `incidents.json` / `scheduled-maintenances.json`. */
export const STATUSPAGE_LIST_LIMIT = 50;

/** Zones Statuspage (Rails) writes with `Z` rather than `+00:00`, as the captured Etc/UTC page does. */
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'UCT', 'Etc/UCT', 'Universal', 'Etc/Universal', 'Zulu', 'Etc/Zulu']);

/** `2018-04-12T18:00:00.000+09:00`: an instant as Statuspage writes it, with milliseconds, in the page's time zone (`Z` for UTC pages). */
export function statuspageTime(epochMs: number, zone: string): string {
  const offset = zoneOffsetMinutes(epochMs, zone);
  const wall = new Date(epochMs + offset * 60_000).toISOString().slice(0, 23);
  return `${wall}${UTC_ZONES.has(zone) ? 'Z' : formatOffset(offset)}`;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 12-character id in Statuspage's alphabet (a-z, 0-9), the same for the same input on every build. */
export function stableId(input: string): string {
  const digest = createHash('sha256').update(input).digest();
  let id = '';
  for (let i = 0; i < 12; i++) id += ID_ALPHABET[digest[i]! % ID_ALPHABET.length];
  return id;
}

/** The id of an update: `<incident slug>/<notice id>`, unique across the site and stable. */
export function updateId(incident: Incident, notice: Notice): string {
  return `${incident.slug}/${notice.id}`;
}

/** Whether every component the incident has touched is operational in `states` (and it touched at least one). */
function allOperational(states: Readonly<Record<string, ComponentState>>): boolean {
  const values = Object.values(states);
  return values.length > 0 && values.every((state) => state === 'operational');
}

/** The maintenance window in force right after `notice` (the latest one set so far). */
function windowAfter(incident: Incident, notice: Notice): { start: number; end: number } | undefined {
  let window: { start: number; end: number } | undefined;
  for (const n of incident.notices) {
    if (n.window) window = n.window;
    if (n.id === notice.id) break;
  }
  return window;
}

/** Whether `at` falls before the start of the maintenance window in force after `notice` (always false for an unplanned incident). */
function beforeWindow(incident: Incident, notice: Notice, at: number): boolean {
  if (deriveIncidentTimeline(incident).kind !== 'maintenance') return false;
  const window = windowAfter(incident, notice);
  return window !== undefined && at < window.start;
}

/** Whether `notice` is a maintenance notice published before its window starts: what it declares is planned, not yet in force. */
function isPlanned(incident: Incident, notice: Notice): boolean {
  return beforeWindow(incident, notice, notice.at);
}

/**
 * Component states in force at `at` (default: the notice's own time) as left
 * by `notice`, as far as this incident is concerned: the timeline's, except
 * that a maintenance changes nothing before its window starts (as on the
 * page, where upcoming work shows no state).
 */
export function statesInForce(incident: Incident, notice: Notice, at: number = notice.at): Readonly<Record<string, ComponentState>> {
  const after = deriveIncidentTimeline(incident).statesAfter.get(notice.id) ?? {};
  if (!beforeWindow(incident, notice, at)) return after;
  return Object.fromEntries(Object.keys(after).map((id) => [id, 'operational' as const]));
}

/** The Statuspage status an incident or maintenance had right after `notice` (mapping in the module comment). */
export function updateStatus(incident: Incident, notice: Notice): StatuspageIncidentStatus | StatuspageMaintenanceStatus {
  const timeline = deriveIncidentTimeline(incident);
  const after = timeline.statesAfter.get(notice.id) ?? {};
  if (timeline.kind === 'maintenance') {
    if (CLOSING_TYPES.includes(notice.type) || notice.type === 'postmortem') return 'completed';
    if (isPlanned(incident, notice)) return 'scheduled';
    return notice.type === 'update' && allOperational(after) ? 'verifying' : 'in_progress';
  }
  switch (notice.type) {
    case 'suspension':
      return 'investigating';
    case 'resumption':
    case 'completed':
      return 'resolved';
    case 'postmortem':
      return 'postmortem';
    default:
      return allOperational(after) ? 'monitoring' : 'identified';
  }
}

/** A maintenance's status at `now`: completed once closed, scheduled before its window, else its newest update's (at least in_progress). */
export function maintenanceStatus(incident: Incident, now: number): StatuspageMaintenanceStatus {
  const phase = incidentPhase(incident, now);
  if (phase === 'resolved') return 'completed';
  if (phase === 'upcoming') return 'scheduled';
  const latest = updateStatus(incident, deriveIncidentTimeline(incident).latest);
  return latest === 'verifying' ? 'verifying' : 'in_progress';
}

/** Everything the builders share: the page identity and the components at `now`. */
interface Context {
  content: SiteContent;
  options: StatuspageOptions;
  /** The language of names and text. */
  locale: Locale;
  zone: string;
  pageId: string;
  time: (epochMs: number) => string;
  url: (path: string) => string;
  components: StatuspageComponent[];
  names: ReadonlyMap<string, string>;
}

/** Newest notice time across the site, if any. */
function newestNotice(content: SiteContent): number | undefined {
  const times = content.incidents.map((incident) => deriveIncidentTimeline(incident).latest.at);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** Oldest notice time across the site, if any. */
function oldestNotice(content: SiteContent): number | undefined {
  const times = content.incidents.map((incident) => deriveIncidentTimeline(incident).startedAt);
  return times.length > 0 ? Math.min(...times) : undefined;
}

/**
 * When a component last changed state, as far as the notices say: the newest
 * notice in force that moved it to another state (a resumption's implied
 * resets count), or the start of a maintenance window touching it that has
 * begun by `now`. An update that repeats the state is not a change, as on
 * Statuspage: it leaves `updated_at`, and every document showing the
 * component, as they were.
 */
function componentChangedAt(content: SiteContent, id: string, now: number): number | undefined {
  let newest: number | undefined;
  const consider = (at: number) => {
    if (at <= now && (newest === undefined || at > newest)) newest = at;
  };
  for (const incident of content.incidents) {
    const timeline = deriveIncidentTimeline(incident);
    let before: ComponentState = 'operational';
    for (const notice of incident.notices) {
      const after = timeline.statesAfter.get(notice.id)?.[id] ?? 'operational';
      if (id in noticeStates(incident, notice) && after !== before && !isPlanned(incident, notice)) consider(notice.at);
      before = after;
    }
    const window = timeline.window;
    if (
      timeline.kind === 'maintenance' &&
      window &&
      timeline.affected.includes(id) &&
      (timeline.resolvedAt === undefined || timeline.resolvedAt > window.start)
    )
      consider(window.start);
  }
  return newest;
}

function createContext(content: SiteContent, options: StatuspageOptions): Context {
  const { config } = content;
  const zone = config.timeZone;
  const locale = options.locale ?? config.defaultLocale;
  const url = (path: string) => absolute(options.site, options.base, path);
  const pageId = stableId(url(routes.home()));
  const time = (epochMs: number) => statuspageTime(epochMs, zone);
  const firstNotice = oldestNotice(content);
  const statuses = deriveComponentStates(config.components, content.incidents, options.now, locale, config.defaultLocale);
  const components = config.components.map((component: ComponentConfig, index): StatuspageComponent => {
    const created = component.since !== undefined ? startOfZonedDay(component.since, zone) : (firstNotice ?? options.now);
    const changed = componentChangedAt(content, component.id, options.now);
    const description = localizedText(component.description, locale, config.defaultLocale);
    return {
      id: component.id,
      name: statuses[index]!.name,
      status: STATUSPAGE_COMPONENT_STATUS[statuses[index]!.state],
      created_at: time(created),
      updated_at: time(changed !== undefined && changed > created ? changed : created),
      position: index + 1,
      description: description === '' ? null : description,
      // Every component shows its 90-day availability bars on the page.
      showcase: true,
      start_date: component.since ?? null,
      group_id: null,
      page_id: pageId,
      group: false,
      only_show_if_degraded: false,
    };
  });
  return {
    content,
    options,
    locale,
    zone,
    pageId,
    time,
    url,
    components,
    names: new Map(components.map((c) => [c.id, c.name])),
  };
}

/** The `page` object: id, name, URL, zone, and the newest notice time. */
function buildPage(ctx: Context): StatuspagePage {
  const { config } = ctx.content;
  // Without any notice: the newest configured start date, else "now" (the only clock we may use).
  const sinces = config.components.flatMap((c) => (c.since === undefined ? [] : [startOfZonedDay(c.since, ctx.zone)]));
  const updated = newestNotice(ctx.content) ?? (sinces.length > 0 ? Math.max(...sinces) : ctx.options.now);
  return {
    id: ctx.pageId,
    name: localizedText(config.name, ctx.locale, config.defaultLocale),
    url: ctx.url(routes.home()),
    time_zone: ctx.zone,
    updated_at: ctx.time(updated),
  };
}

/** Components an update set, in display order, with the states in force just before and right after it. */
function affectedComponents(ctx: Context, incident: Incident, notice: Notice, previous: Notice | undefined): StatuspageAffectedComponent[] | null {
  const set = noticeStates(incident, notice);
  // Just before the notice: a window starting at the notice's own instant has not yet taken effect.
  const before = previous ? statesInForce(incident, previous, notice.at - 1) : {};
  const after = statesInForce(incident, notice);
  const list = ctx.content.config.components
    .filter((component) => component.id in set)
    .map((component) => ({
      code: component.id,
      name: ctx.names.get(component.id) ?? component.id,
      old_status: STATUSPAGE_COMPONENT_STATUS[before[component.id] ?? 'operational'],
      new_status: STATUSPAGE_COMPONENT_STATUS[after[component.id] ?? set[component.id]!],
    }));
  return list.length > 0 ? list : null;
}

/** An incident's notices as Statuspage updates, newest first. */
function buildUpdates(ctx: Context, incident: Incident): StatuspageIncidentUpdate[] {
  const locale = ctx.locale;
  return incident.notices
    .map((notice, index) => ({
      id: updateId(incident, notice),
      status: updateStatus(incident, notice),
      body: localizeNotice(notice, locale).body,
      incident_id: incident.slug,
      created_at: ctx.time(notice.at),
      updated_at: ctx.time(notice.at),
      display_at: ctx.time(notice.at),
      affected_components: affectedComponents(ctx, incident, notice, incident.notices[index - 1]),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    }))
    .reverse();
}

/** The fields incidents and maintenances share. */
function buildEvent<S extends StatuspageIncidentStatus | StatuspageMaintenanceStatus>(ctx: Context, incident: Incident, status: S, watching: string) {
  const timeline = deriveIncidentTimeline(incident);
  const monitoring = incident.notices.find((notice) => updateStatus(incident, notice) === watching);
  return {
    id: incident.slug,
    name: localizeIncident(incident, ctx.locale).title,
    status,
    created_at: ctx.time(timeline.startedAt),
    updated_at: ctx.time(timeline.latest.at),
    monitoring_at: monitoring ? ctx.time(monitoring.at) : null,
    resolved_at: timeline.resolvedAt === undefined ? null : ctx.time(timeline.resolvedAt),
    impact: incident.impact,
    shortlink: ctx.url(routes.incident(incident.slug)),
    started_at: ctx.time(timeline.startedAt),
    page_id: ctx.pageId,
    incident_updates: buildUpdates(ctx, incident),
    components: ctx.components.filter((component) => timeline.affected.includes(component.id)),
  };
}

/** One unplanned incident in Statuspage's shape. */
function buildIncident(ctx: Context, incident: Incident): StatuspageIncident {
  const status = updateStatus(incident, deriveIncidentTimeline(incident).latest) as StatuspageIncidentStatus;
  return buildEvent(ctx, incident, status, 'monitoring');
}

/** One planned maintenance in Statuspage's shape, with its current window. */
function buildMaintenance(ctx: Context, incident: Incident): StatuspageScheduledMaintenance {
  const timeline = deriveIncidentTimeline(incident);
  // Validation requires a window on every maintenance notice; the fallbacks only keep the types honest.
  const start = timeline.window?.start ?? timeline.startedAt;
  const end = timeline.window?.end ?? timeline.resolvedAt ?? start;
  return {
    ...buildEvent(ctx, incident, maintenanceStatus(incident, ctx.options.now), 'verifying'),
    scheduled_for: ctx.time(start),
    scheduled_until: ctx.time(end),
  };
}

/** The overall indicator and the banner sentence in the default language. */
function buildStatus(ctx: Context): StatuspageStatus {
  const { config } = ctx.content;
  const locale = ctx.locale;
  const statuses = deriveComponentStates(config.components, ctx.content.incidents, ctx.options.now, locale, config.defaultLocale);
  const banner = deriveBanner(statuses, useStrings(locale), locale, config.timeZone);
  return { indicator: indicatorFor(banner.state), description: banner.text };
}

const windowStart = (incident: Incident) => deriveIncidentTimeline(incident).window?.start ?? deriveIncidentTimeline(incident).startedAt;
const slugOf = (incident: Incident) => incident.slug;

/**
 * Every document of the API at `options.now`, keyed by path. A type rather than
 * an interface so that it is also a `Record<string, unknown>`: a route can look a
 * document up by the path it was asked for.
 */
export type StatuspageApi = {
  '/api/v2/summary.json': {
    page: StatuspagePage;
    components: StatuspageComponent[];
    incidents: StatuspageIncident[];
    scheduled_maintenances: StatuspageScheduledMaintenance[];
    status: StatuspageStatus;
  };
  '/api/v2/status.json': { page: StatuspagePage; status: StatuspageStatus };
  '/api/v2/components.json': { page: StatuspagePage; components: StatuspageComponent[] };
  '/api/v2/incidents/unresolved.json': { page: StatuspagePage; incidents: StatuspageIncident[] };
  '/api/v2/incidents.json': { page: StatuspagePage; incidents: StatuspageIncident[] };
  '/api/v2/scheduled-maintenances/upcoming.json': { page: StatuspagePage; scheduled_maintenances: StatuspageScheduledMaintenance[] };
  '/api/v2/scheduled-maintenances/active.json': { page: StatuspagePage; scheduled_maintenances: StatuspageScheduledMaintenance[] };
  '/api/v2/scheduled-maintenances.json': { page: StatuspagePage; scheduled_maintenances: StatuspageScheduledMaintenance[] };
};

/**
 * The eight Statuspage v2 documents, typed. Incidents newest first;
 * unresolved = open unplanned incidents; upcoming = maintenances whose window
 * has not started at `now` (soonest first); active = those started and not
 * completed; summary lists unresolved incidents and upcoming plus active
 * maintenances (by window start). Deterministic for the same content and `now`.
 */
export function buildStatuspageApi(content: SiteContent, options: StatuspageOptions): StatuspageApi {
  const ctx = createContext(content, options);
  const page = buildPage(ctx);
  const status = buildStatus(ctx);
  const now = options.now;
  const incidents = content.incidents.filter((i) => deriveIncidentTimeline(i).kind === 'incident').sort(byNewestStart);
  const maintenances = content.incidents.filter((i) => deriveIncidentTimeline(i).kind === 'maintenance');
  const unresolved = incidents.filter((i) => incidentPhase(i, now) === 'open');
  const bySoonest = oldestFirst(windowStart, slugOf);
  const upcoming = maintenances.filter((i) => incidentPhase(i, now) === 'upcoming').sort(bySoonest);
  const active = maintenances.filter((i) => incidentPhase(i, now) === 'in_progress').sort(bySoonest);
  const recentMaintenances = [...maintenances].sort(newestFirst(windowStart, slugOf)).slice(0, STATUSPAGE_LIST_LIMIT);
  const incident = (i: Incident) => buildIncident(ctx, i);
  const maintenance = (i: Incident) => buildMaintenance(ctx, i);
  // Each document's page.updated_at is the newest change to what that document shows (never later than the
  // page's own): a new notice then rewrites only the documents it appears in, so a CDN deploy stays small.
  const componentsChanged = Math.max(...ctx.components.map((c) => Date.parse(c.updated_at)));
  // An empty list of maintenances is as old as the newest maintenance notice (else the components' last change).
  const maintenancesChanged = maintenances.length > 0 ? Math.max(...maintenances.map((i) => deriveIncidentTimeline(i).latest.at)) : componentsChanged;
  const pageAt = (items: readonly Incident[], alsoComponents: boolean, emptyAt = componentsChanged) => {
    const times = items.map((i) => deriveIncidentTimeline(i).latest.at);
    if (alsoComponents) times.push(componentsChanged);
    const newest = Math.min(Date.parse(page.updated_at), times.length > 0 ? Math.max(...times) : emptyAt);
    return { ...page, updated_at: ctx.time(newest) };
  };
  const listedIncidents = incidents.slice(0, STATUSPAGE_LIST_LIMIT);
  return {
    '/api/v2/summary.json': {
      page,
      components: ctx.components,
      incidents: unresolved.map(incident),
      scheduled_maintenances: [...active, ...upcoming].sort(bySoonest).map(maintenance),
      status,
    },
    '/api/v2/status.json': { page: pageAt([], true), status },
    '/api/v2/components.json': { page: pageAt([], true), components: ctx.components },
    '/api/v2/incidents/unresolved.json': { page: pageAt(unresolved, false), incidents: unresolved.map(incident) },
    '/api/v2/incidents.json': { page: pageAt(listedIncidents, false), incidents: listedIncidents.map(incident) },
    '/api/v2/scheduled-maintenances/upcoming.json': { page: pageAt(upcoming, false, maintenancesChanged), scheduled_maintenances: upcoming.map(maintenance) },
    '/api/v2/scheduled-maintenances/active.json': { page: pageAt(active, false, maintenancesChanged), scheduled_maintenances: active.map(maintenance) },
    '/api/v2/scheduled-maintenances.json': {
      page: pageAt(recentMaintenances, false, maintenancesChanged),
      scheduled_maintenances: recentMaintenances.map(maintenance),
    },
  };
}

/** The page part of a Statuspage webhook: its id and the overall status. */
export interface StatuspageWebhookPage {
  id: string;
  status_indicator: StatuspageIndicator;
  status_description: string;
}

/**
 * What Statuspage POSTs to its webhook subscribers when an incident gets an
 * update: the page with its overall status, and the incident (or planned
 * maintenance) with its updates, newest first, as they stood right after
 * `notice`. Both are computed from the notices published up to that notice,
 * at its instant, so a message sent late still tells what the notice told.
 * The shapes are the Status API's (above); `options.now` is not used.
 */
export function buildStatuspageWebhookEvent(
  content: SiteContent,
  incident: Incident,
  notice: Notice,
  options: Omit<StatuspageOptions, 'now'>,
): { page: StatuspageWebhookPage; incident: StatuspageIncident | StatuspageScheduledMaintenance } {
  const upToNotice = (item: Incident): Incident => ({
    ...item,
    notices: item.slug === incident.slug
      ? item.notices.slice(0, item.notices.findIndex((n) => n.id === notice.id) + 1)
      : item.notices.filter((n) => n.at <= notice.at),
  });
  const incidents = content.incidents.map(upToNotice).filter((item) => item.notices.length > 0);
  const ctx = createContext({ ...content, incidents }, { ...options, now: notice.at });
  const current = incidents.find((item) => item.slug === incident.slug)!;
  const event = deriveIncidentTimeline(current).kind === 'maintenance' ? buildMaintenance(ctx, current) : buildIncident(ctx, current);
  const status = buildStatus(ctx);
  return { page: { id: ctx.pageId, status_indicator: status.indicator, status_description: status.description }, incident: event };
}
