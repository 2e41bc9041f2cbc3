import { stringify } from 'yaml';
import type { SiteContent, Incident } from '../lib/content/types.ts';
import { deriveIncidentTimeline } from '../lib/model/timeline.ts';
import { COMPONENT_STATES, type ComponentState, type NoticeType } from '../lib/core/states.ts';
import { toZonedIso } from '../lib/core/dates.ts';
import { didYouMean } from '../lib/content/diagnostics.ts';
import { PLACEHOLDER_MARKER } from '../lib/content/placeholder.ts';
import { ID_PATTERN } from '../lib/content/schema.ts';
import { INCIDENTS_DIR, INCIDENT_FILE } from '../lib/content/paths.ts';
import { useStrings } from '../i18n/index.ts';
import { localizedText } from '../lib/core/localized-text.ts';
import { formatDateTime } from '../lib/render/datetime.ts';

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
  /** The notice's time. */
  now: number;
}

export interface PlannedFile {
  /** Path relative to the site root. */
  path: string;
  contents: string;
}

export type ScaffoldPlan = { ok: true; slug: string; files: PlannedFile[] } | { ok: false; message: string };

/** Parses `payouts=suspended,payments=suspended`, naming the bad part on error. */
export function parseComponentStates(text: string, knownIds: readonly string[]): { ok: true; value: Record<string, ComponentState> } | { ok: false; message: string } {
  const value: Record<string, ComponentState> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const [id = '', state = ''] = part.split('=').map((s) => s.trim());
    if (!knownIds.includes(id)) return { ok: false, message: `--components: unknown component "${id}"; known components are ${knownIds.join(', ')}.${didYouMean(id, knownIds)}` };
    if (!(COMPONENT_STATES as readonly string[]).includes(state)) {
      return { ok: false, message: `--components: "${part}" has state "${state}"; expected one of ${COMPONENT_STATES.join(', ')}.${didYouMean(state, COMPONENT_STATES)}` };
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

function placeholderBody(type: NoticeType, locale: 'ja' | 'en'): string {
  const hints: Record<'ja' | 'en', Record<NoticeType, string>> = {
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

/** Plans the files for one new notice; validation of the result is the caller's (it runs the real loader). */
export function planNotice(content: SiteContent, request: ScaffoldRequest): ScaffoldPlan {
  const { config } = content;
  const zone = config.timeZone;
  const date = toZonedIso(Math.floor(request.now / 60_000) * 60_000, zone);
  const day = ymd(request.now, zone);
  const nextUpdate = toZonedIso(Math.floor(request.now / 60_000) * 60_000 + config.updateCadenceHours * 3_600_000, zone);
  const strings = useStrings(config.defaultLocale);

  if (request.type === 'suspension' || request.type === 'maintenance') {
    const kind = request.type;
    if (!request.title || request.title.trim() === '') return { ok: false, message: `a ${kind} needs --title "…" (the incident headline merchants see)` };
    const components = request.components ?? {};
    if (Object.keys(components).length === 0) return { ok: false, message: `a ${kind} needs --components id=state,… naming what is affected, e.g. --components payouts=${kind === 'maintenance' ? 'maintenance' : 'suspended'}` };
    if (kind === 'maintenance' && !request.window) return { ok: false, message: 'a maintenance needs its window: --window-start <ISO time> --window-end <ISO time>' };
    const taken = new Set(content.incidents.map((i) => i.slug));
    if (request.slug !== undefined && !ID_PATTERN.test(request.slug)) return { ok: false, message: `--slug "${request.slug}" is not a valid slug; use lowercase letters a-z, digits and hyphens` };
    if (request.slug !== undefined && taken.has(request.slug)) return { ok: false, message: `--slug "${request.slug}" is already an incident; pick another, or use "npm run new -- update ${request.slug}"` };
    const slug = request.slug ?? uniqueName((s) => taken.has(s), `${day}-${Object.keys(components).slice(0, 3).join('-')}`);
    const names = new Map(config.components.map((c) => [c.id, localizedText(c.name, config.defaultLocale, config.defaultLocale)]));
    const groups = strings.banner.groupJoin(Object.entries(components).map(([id, state]) => strings.banner.group(strings.states[state], names.get(id) ?? id)));
    // A suspension is affecting merchants from now; a maintenance from its window's start to its end.
    const summary = request.summary?.trim() || (kind === 'maintenance'
      ? `${groups} (${formatDateTime(request.window!.start, config.defaultLocale, zone)} – ${formatDateTime(request.window!.end, config.defaultLocale, zone)})`
      : strings.banner.affected(groups, formatDateTime(request.now, config.defaultLocale, zone)));
    return {
      ok: true,
      slug,
      files: [
        { path: `${INCIDENTS_DIR}/${slug}/${INCIDENT_FILE}`, contents: frontMatter({ title: request.title.trim(), summary, faq: [] }) },
        {
          path: `${INCIDENTS_DIR}/${slug}/${day}-${kind}.md`,
          contents:
            frontMatter(
              kind === 'maintenance'
                ? { type: kind, date, window_start: toZonedIso(request.window!.start, zone), window_end: toZonedIso(request.window!.end, zone), components, draft: true }
                : { type: kind, date, components, next_update: nextUpdate, draft: true },
            ) + '\n' + placeholderBody(kind, config.defaultLocale),
        },
      ],
    };
  }

  if (!request.slug) return { ok: false, message: `"${request.type}" needs the incident's slug: npm run new -- ${request.type} <slug>` };
  const incident: Incident | undefined = content.incidents.find((i) => i.slug === request.slug);
  if (!incident) {
    const slugs = content.incidents.map((i) => i.slug);
    return { ok: false, message: `no incident "${request.slug}" in ${INCIDENTS_DIR}/.${didYouMean(request.slug, slugs)}` };
  }
  const timeline = deriveIncidentTimeline(incident);
  const taken = new Set(incident.notices.map((n) => n.id));
  const id = uniqueName((s) => taken.has(s), `${day}-${request.type}`);
  const fields: Record<string, unknown> = { type: request.type, date };
  if (request.type === 'update') {
    // Carry the incident's current states forward so the operator only edits what changed.
    const carried: Record<string, ComponentState> = {};
    for (const componentId of timeline.affected) carried[componentId] = timeline.current[componentId] ?? 'operational';
    fields.components = { ...carried, ...request.components };
    fields.next_update = nextUpdate;
    // An update to a maintenance may move its window.
    if (request.window) {
      fields.window_start = toZonedIso(request.window.start, zone);
      fields.window_end = toZonedIso(request.window.end, zone);
    }
  } else if (request.type === 'resumption' || request.type === 'completed') {
    const operational: Record<string, ComponentState> = {};
    for (const componentId of timeline.affected) operational[componentId] = 'operational';
    fields.components = { ...operational, ...request.components };
  }
  fields.draft = true;
  return {
    ok: true,
    slug: incident.slug,
    files: [{ path: `${INCIDENTS_DIR}/${incident.slug}/${id}.md`, contents: frontMatter(fields) + '\n' + placeholderBody(request.type, config.defaultLocale) }],
  };
}
