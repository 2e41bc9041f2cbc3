import { stringify } from 'yaml';
import type { SiteContent, Incident, NoticeTemplate } from '../lib/content/types.ts';
import { deriveIncidentTimeline, type IncidentTimeline } from '../lib/model/timeline.ts';
import { COMPONENT_STATES, type ComponentState, type Locale, type NoticeType } from '../lib/core/states.ts';
import { toZonedIso } from '../lib/core/dates.ts';
import { didYouMean } from '../lib/content/diagnostics.ts';
import { fillPlaceholders, PLACEHOLDER_MARKER, type TemplatePlaceholder } from '../lib/content/placeholder.ts';
import { ID_PATTERN } from '../lib/content/schema.ts';
import { INCIDENTS_DIR, INCIDENT_FILE } from '../lib/content/paths.ts';
import { useStrings } from '../i18n/index.ts';
import { localizedText } from '../lib/core/localized-text.ts';
import { formatDateTime, formatDuration } from '../lib/render/datetime.ts';

/** What `npm run new` was asked for. */
export interface ScaffoldRequest {
  type: NoticeType;
  /** Existing incident for update/resumption/postmortem; optional folder name for a new suspension. */
  slug?: string | undefined;
  /** Incident title (suspension only). */
  title?: string | undefined;
  /** One-sentence summary (suspension only); generated from the components when omitted. */
  summary?: string | undefined;
  /** Component states for a suspension or maintenance, or overrides for an update. */
  components?: Readonly<Record<string, ComponentState>> | undefined;
  /** A maintenance's planned window (both required for a maintenance). */
  window?: { start: number; end: number } | undefined;
  /** The promised next update (suspension and update); default: the template's or the site's cadence after `now`. */
  nextUpdate?: number | undefined;
  /** The template to start from; its type must be `type`. */
  template?: NoticeTemplate | undefined;
  /** The notice's time. */
  now: number;
}

export interface PlannedFile {
  /** Path relative to the site root. */
  path: string;
  contents: string;
}

export type ScaffoldPlan = { ok: true; slug: string; noticeId: string; files: PlannedFile[] } | { ok: false; message: string };

/** Parses `payouts=suspended,payments=suspended`, naming the bad part on error. */
export function parseComponentStates(
  text: string,
  knownIds: readonly string[],
): { ok: true; value: Record<string, ComponentState> } | { ok: false; message: string } {
  const value: Record<string, ComponentState> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [id = '', state = ''] = part.split('=').map((s) => s.trim());
    if (!knownIds.includes(id)) {
      return { ok: false, message: `--components: unknown component "${id}"; known components are ${knownIds.join(', ')}.${didYouMean(id, knownIds)}` };
    }
    if (!(COMPONENT_STATES as readonly string[]).includes(state)) {
      const expected = `expected one of ${COMPONENT_STATES.join(', ')}.${didYouMean(state, COMPONENT_STATES)}`;
      return { ok: false, message: `--components: "${part}" has state "${state}"; ${expected}` };
    }
    value[id] = state as ComponentState;
  }
  return { ok: true, value };
}

function ymd(now: number, zone: string): string {
  return toZonedIso(now, zone).slice(0, 10);
}

function uniqueName(taken: (name: string) => boolean, stem: string): string {
  if (!taken(stem)) return stem;
  for (let n = 2; ; n++) if (!taken(`${stem}-${n}`)) return `${stem}-${n}`;
}

function frontMatter(fields: Record<string, unknown>): string {
  // Quoted strings everywhere, so no YAML reader can reinterpret a date.
  return `---\n${stringify(fields, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 })}---\n`;
}

function placeholderBody(type: NoticeType, locale: Locale): string {
  const hints: Record<Locale, Record<NoticeType, string>> = {
    ja: {
      suspension: '何が止まっているか、いつからか、売上金・入金への影響、加盟店にお願いすること、次のお知らせの時刻を書いてください。',
      maintenance: '作業の内容、作業時間中に使えなくなるもの、売上金・入金への影響、加盟店にお願いすることを書いてください。',
      update: '前回からわかったこと、お金への影響、次のお知らせの時刻を書いてください。',
      resumption: '何が再開したか、保留中の入金の扱い、加盟店にお願いすることを書いてください。',
      completed: '作業が終わったこと、作業中に受け付けた依頼の扱いを書いてください。',
      postmortem: '経緯、原因、再発防止策を書いてください。',
    },
    en: {
      suspension: "Say what is stopped, since when, what it means for merchants' money, what they should do, and when they will hear next.",
      maintenance: 'Say what the work is, what will be unavailable during the window, what it means for money, and what merchants should do.',
      update: 'Say what is new since the last notice, what it means for money, and when the next notice comes.',
      resumption: 'Say what is back, how held payouts are handled, and what merchants should do.',
      completed: 'Say that the work is done and how requests made during the window are handled.',
      postmortem: 'Give the timeline, the cause and what changes so it does not happen again.',
    },
  };
  const hint = hints[locale][type];
  return `${PLACEHOLDER_MARKER}\n${hint}\n`;
}

/** The message for a slug that names no incident, with a guess. */
export function unknownIncidentMessage(slug: string, content: SiteContent): string {
  return `no incident "${slug}" in ${INCIDENTS_DIR}/.${didYouMean(
    slug,
    content.incidents.map((i) => i.slug),
  )}`;
}

/** The message for a template name that names no template, with the list of names. */
export function unknownTemplateMessage(name: string, templates: readonly NoticeTemplate[]): string {
  const names = templates.map((t) => t.name);
  if (names.length === 0) return `--template "${name}": there are no templates; add them as src/content/templates/<name>.md (see docs/authoring.md)`;
  return `--template "${name}" is not a template; templates are ${names.join(', ')}.${didYouMean(name, names)}`;
}

/** The message for a template used for another type of notice than its own. */
export function templateTypeMessage(template: NoticeTemplate, type: NoticeType): string {
  return `--template "${template.name}" is for ${template.type} notices, not ${type} notices; use it with "npm run new -- ${template.type} …"`;
}

/**
 * The component states a new notice starts from, before what the operator
 * says: a template's, under the incident's current states (an update) or
 * every affected component back to operational (a resumption or completed);
 * facts win over a template. A postmortem lists none.
 */
export function startingComponents(type: NoticeType, incident: Incident | undefined, template: NoticeTemplate | undefined): Record<string, ComponentState> {
  if (type === 'postmortem') return {};
  const fromIncident: Record<string, ComponentState> = {};
  if (incident) {
    const timeline = deriveIncidentTimeline(incident);
    const closing = type === 'resumption' || type === 'completed';
    for (const id of timeline.affected) fromIncident[id] = closing ? 'operational' : (timeline.current[id] ?? 'operational');
  }
  return { ...template?.components, ...fromIncident };
}

/** Floors to the minute: notices are written to the minute. */
const toMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000;

/** When the next update is promised by default: the template's cadence, else the site's, after `now`. */
export function defaultNextUpdate(content: SiteContent, now: number, template: NoticeTemplate | undefined): number {
  return toMinute(now) + (template?.updateCadenceHours ?? content.config.updateCadenceHours) * 3_600_000;
}

/** What a template's placeholders are filled from. */
interface TemplateFacts {
  type: NoticeType;
  incidentTitle: (locale: Locale) => string;
  since: number;
  at: number;
  nextUpdate: number | undefined;
  components: Readonly<Record<string, ComponentState>>;
  /** A postmortem's: every component the incident affected. */
  affected: readonly string[];
  durationMs: number | undefined;
}

/** The placeholders' values in one language, dates in the site's zone. */
function placeholderValues(content: SiteContent, facts: TemplateFacts, locale: Locale): Record<TemplatePlaceholder, string | undefined> {
  const { config } = content;
  const strings = useStrings(locale);
  const when = (ms: number) => formatDateTime(ms, locale, config.timeZone);
  const name = (id: string) => localizedText(config.components.find((c) => c.id === id)?.name, locale, config.defaultLocale) || id;
  // In the config's order, as every page lists them.
  const listed = config.components.map((c) => c.id).filter((id) => id in facts.components || (facts.type === 'postmortem' && facts.affected.includes(id)));
  return {
    title: facts.incidentTitle(locale),
    since: when(facts.since),
    date: when(facts.at),
    next_update: facts.nextUpdate === undefined ? undefined : when(facts.nextUpdate),
    components: listed.map(name).join(strings.listSeparator),
    states: strings.banner.groupJoin(
      listed.filter((id) => id in facts.components).map((id) => strings.banner.group(strings.states[facts.components[id]!], name(id))),
    ),
    duration: facts.durationMs === undefined ? undefined : formatDuration(facts.durationMs, locale),
  };
}

/** A template's text for a new notice: the placeholder marker (the operator finishes and deletes it), then the filled text. */
function templateBody(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return `${PLACEHOLDER_MARKER}\n${fillPlaceholders(text, values).replace(/^\n+/, '').replace(/\n*$/, '\n')}`;
}

/**
 * The notice file (and, from a template, a translation file per site
 * language the template is translated into), all drafts.
 */
function noticeFiles(
  content: SiteContent,
  folder: string,
  id: string,
  fields: Record<string, unknown>,
  type: NoticeType,
  template: NoticeTemplate | undefined,
  facts: TemplateFacts,
): PlannedFile[] {
  const { config } = content;
  if (!template) {
    return [{ path: `${folder}/${id}.md`, contents: frontMatter({ ...fields, draft: true }) + '\n' + placeholderBody(type, config.defaultLocale) }];
  }
  const files: PlannedFile[] = [];
  const values = placeholderValues(content, facts, template.lang);
  const title = template.title === undefined ? {} : { title: fillPlaceholders(template.title, values) };
  const lang = template.lang === config.defaultLocale ? {} : { lang: template.lang };
  files.push({ path: `${folder}/${id}.md`, contents: frontMatter({ ...fields, ...title, ...lang, draft: true }) + '\n' + templateBody(template.body, values) });
  for (const locale of config.locales) {
    const translation = template.translations[locale];
    if (locale === template.lang || !translation) continue;
    const translated = placeholderValues(content, facts, locale);
    const translatedTitle = translation.title === undefined ? {} : { title: fillPlaceholders(translation.title, translated) };
    const contents = frontMatter({ ...translatedTitle, draft: true }) + '\n' + templateBody(translation.body, translated);
    files.push({ path: `${folder}/${id}.${locale}.md`, contents });
  }
  return files;
}

/** Plans the files for one new notice; validation of the result is the caller's (it runs the real loader). */
export function planNotice(content: SiteContent, request: ScaffoldRequest): ScaffoldPlan {
  const { config } = content;
  const zone = config.timeZone;
  const at = toMinute(request.now);
  const date = toZonedIso(at, zone);
  const day = ymd(request.now, zone);
  const { template } = request;
  if (template && template.type !== request.type) return { ok: false, message: templateTypeMessage(template, request.type) };
  const promisesUpdate = request.type === 'suspension' || request.type === 'update';
  const nextUpdate = promisesUpdate ? (request.nextUpdate ?? defaultNextUpdate(content, request.now, template)) : undefined;
  const strings = useStrings(config.defaultLocale);

  if (request.type === 'suspension' || request.type === 'maintenance') {
    const kind = request.type;
    if (!request.title || request.title.trim() === '') return { ok: false, message: `a ${kind} needs --title "…" (the incident headline merchants see)` };
    // Named components are the whole list; a template's are the list when none are named.
    const components = request.components ?? template?.components ?? {};
    if (Object.keys(components).length === 0) {
      const example = `--components payouts=${kind === 'maintenance' ? 'maintenance' : 'suspended'}`;
      return { ok: false, message: `a ${kind} needs --components id=state,… naming what is affected, e.g. ${example}` };
    }
    if (kind === 'maintenance' && !request.window) {
      return { ok: false, message: 'a maintenance needs its window: --window-start <ISO time> --window-end <ISO time>' };
    }
    const taken = new Set(content.incidents.map((i) => i.slug));
    if (request.slug !== undefined && !ID_PATTERN.test(request.slug)) {
      return { ok: false, message: `--slug "${request.slug}" is not a valid slug; use lowercase letters a-z, digits and hyphens` };
    }
    if (request.slug !== undefined && taken.has(request.slug)) {
      return { ok: false, message: `--slug "${request.slug}" is already an incident; pick another, or use "npm run new -- update ${request.slug}"` };
    }
    const slug = request.slug ?? uniqueName((s) => taken.has(s), `${day}-${Object.keys(components).slice(0, 3).join('-')}`);
    const names = new Map(config.components.map((c) => [c.id, localizedText(c.name, config.defaultLocale, config.defaultLocale)]));
    const groups = strings.banner.groupJoin(Object.entries(components).map(([id, state]) => strings.banner.group(strings.states[state], names.get(id) ?? id)));
    // A suspension is affecting merchants from now; a maintenance from its window's start to its end.
    const when = (ms: number) => formatDateTime(ms, config.defaultLocale, zone);
    const summary =
      request.summary?.trim() ||
      (kind === 'maintenance'
        ? `${groups} (${when(request.window!.start)} – ${when(request.window!.end)})`
        : strings.banner.affected(groups, when(request.now)));
    const title = request.title.trim();
    const fields =
      kind === 'maintenance'
        ? { type: kind, date, window_start: toZonedIso(request.window!.start, zone), window_end: toZonedIso(request.window!.end, zone), components }
        : { type: kind, date, components, next_update: toZonedIso(nextUpdate!, zone) };
    const since = kind === 'maintenance' ? request.window!.start : at;
    const facts: TemplateFacts = { type: kind, incidentTitle: () => title, since, at, nextUpdate, components, affected: [], durationMs: undefined };
    const folder = `${INCIDENTS_DIR}/${slug}`;
    const id = `${day}-${kind}`;
    return {
      ok: true,
      slug,
      noticeId: id,
      files: [
        { path: `${folder}/${INCIDENT_FILE}`, contents: frontMatter({ title, summary, faq: [] }) },
        ...noticeFiles(content, folder, id, fields, kind, template, facts),
      ],
    };
  }

  if (!request.slug) return { ok: false, message: `"${request.type}" needs the incident's slug: npm run new -- ${request.type} <slug>` };
  const incident: Incident | undefined = content.incidents.find((i) => i.slug === request.slug);
  if (!incident) return { ok: false, message: unknownIncidentMessage(request.slug, content) };
  const timeline = deriveIncidentTimeline(incident);
  const taken = new Set(incident.notices.map((n) => n.id));
  const id = uniqueName((s) => taken.has(s), `${day}-${request.type}`);
  const fields: Record<string, unknown> = { type: request.type, date };
  const components = request.type === 'postmortem' ? {} : { ...startingComponents(request.type, incident, template), ...request.components };
  if (request.type !== 'postmortem') fields.components = components;
  if (request.type === 'update') {
    fields.next_update = toZonedIso(nextUpdate!, zone);
    // An update to a maintenance may move its window.
    if (request.window) {
      fields.window_start = toZonedIso(request.window.start, zone);
      fields.window_end = toZonedIso(request.window.end, zone);
    }
  }
  const since = affectedSince(timeline);
  const facts: TemplateFacts = {
    type: request.type,
    incidentTitle: (locale) => (locale === incident.lang ? incident.title : (incident.translations[locale]?.title ?? incident.title)),
    since,
    at,
    nextUpdate,
    components,
    affected: timeline.affected,
    durationMs: request.type === 'postmortem' && timeline.durationMs !== undefined ? timeline.durationMs : Math.max(0, at - since),
  };
  const files = noticeFiles(content, `${INCIDENTS_DIR}/${incident.slug}`, id, fields, request.type, template, facts);
  return { ok: true, slug: incident.slug, noticeId: id, files };
}

/** When merchants were first affected: the opening notice, or a maintenance's window start. */
function affectedSince(timeline: IncidentTimeline): number {
  return timeline.kind === 'maintenance' && timeline.window ? timeline.window.start : timeline.startedAt;
}
