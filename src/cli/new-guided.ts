import { cancel, intro, isCancel, log, multiselect, outro, select, text } from '@clack/prompts';
import { createAnswerChecker } from '../lib/content/answers.ts';
import type { SchemaContext } from '../lib/content/schema.ts';
import type { Incident, NoticeTemplate, SiteContent } from '../lib/content/types.ts';
import { parseInstant, toZonedIso, zonedDayNumber, zonedWallTimeToEpoch } from '../lib/core/dates.ts';
import { localizedText } from '../lib/core/localized-text.ts';
import { COMPONENT_STATES, NOTICE_TYPES, type ComponentState, type NoticeType } from '../lib/core/states.ts';
import { useStrings } from '../i18n/index.ts';
import { deriveIncidentTimeline, partitionIncidents } from '../lib/model/timeline.ts';
import { formatDateTime, formatDuration } from '../lib/render/datetime.ts';
import { defaultNextUpdate, startingComponents, unknownIncidentMessage } from './scaffold.ts';

/**
 * The questions `npm run new` asks in a terminal, for what the flags left
 * out: the notice type, the incident (from the open or recently resolved
 * ones), a template, the components and their states, the title, a
 * maintenance's window and the next update. A typed answer is checked by the
 * content schemas as it is entered (the messages `check` prints), and a bad
 * one is asked again; earlier answers stay. Ctrl-C (or Escape) ends the run
 * with nothing written.
 */

/** Everything a notice is planned from; what the flags gave is filled in already. */
export interface NoticeAnswers {
  type: NoticeType | undefined;
  slug: string | undefined;
  template: NoticeTemplate | undefined;
  components: Record<string, ComponentState> | undefined;
  title: string | undefined;
  window: { start: number; end: number } | undefined;
  nextUpdate: number | undefined;
}

const TYPE_HINTS: Record<NoticeType, string> = {
  suspension: 'something stopped or broke: opens a new incident',
  maintenance: 'planned work: opens a new incident with its window',
  update: 'progress on an open incident, with the next promise',
  resumption: 'everything is back: closes an incident',
  completed: 'the planned work is done (or called off): closes a maintenance',
  postmortem: 'the report after a closed incident',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Thrown by `answer` when the operator cancels; the caller says so and exits. */
class Cancelled extends Error {}

/** A prompt's answer, or the end of the run on Ctrl-C. */
function answer<T>(value: T): Exclude<T, symbol> {
  if (isCancel(value)) throw new Cancelled();
  return value as Exclude<T, symbol>;
}

/**
 * Asks for every value still undefined in `given`. Returns the completed
 * answers, or undefined when the operator cancelled (after saying nothing was written).
 */
export async function askForMissing(
  content: SiteContent, templates: readonly NoticeTemplate[], given: NoticeAnswers, now: number,
): Promise<NoticeAnswers | undefined> {
  try {
    intro('npm run new: a draft notice, question by question (Ctrl-C stops with nothing written)');
    const answers = await askAll(content, templates, { ...given }, now);
    outro('Checking the notice as "npm run check" will, then writing it.');
    return answers;
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    cancel('Cancelled: nothing was written.');
    return undefined;
  }
}

async function askAll(content: SiteContent, templates: readonly NoticeTemplate[], answers: NoticeAnswers, now: number): Promise<NoticeAnswers> {
  const { config } = content;
  const zone = config.timeZone;
  const context: SchemaContext = { timeZone: zone, componentIds: config.components.map((c) => c.id), locales: config.locales };
  const check = createAnswerChecker(context);
  const date = toZonedIso(Math.floor(now / MINUTE) * MINUTE, zone);
  const when = (ms: number) => formatDateTime(ms, 'en', zone);

  const type = (answers.type ??= answer(await select({
    message: 'Which notice?',
    options: NOTICE_TYPES.map((value) => ({ value, label: value, hint: TYPE_HINTS[value] })),
  })));
  const opensIncident = type === 'suspension' || type === 'maintenance';

  let incident: Incident | undefined;
  if (!opensIncident) {
    answers.slug ??= await askIncident(content, type, now);
    incident = content.incidents.find((i) => i.slug === answers.slug);
  }

  const forType = templates.filter((t) => t.type === type);
  if (answers.template === undefined && forType.length > 0) {
    const NONE = '';
    const name = answer(await select({
      message: 'Start from a template?',
      options: [
        ...forType.map((t) => ({ value: t.name, label: `${t.name}: ${t.label}` })),
        { value: NONE, label: 'no template', hint: 'a one-line hint to write over' },
      ],
    }));
    answers.template = forType.find((t) => t.name === name);
  }

  if (answers.components === undefined && (opensIncident || type === 'update')) {
    answers.components = await askComponents(content, type, incident, answers.template);
  }

  if (opensIncident) {
    answers.title ??= answer(await text({
      message: 'Incident title (the headline merchants see)',
      placeholder: 'e.g. 出金の一時停止',
      validate: (value) => check.incident({ title: value ?? '', summary: '-' }, 'title'),
    })).trim();
  }

  if (type === 'maintenance' && answers.window === undefined) {
    const example = toZonedIso(Math.floor(now / HOUR) * HOUR + 24 * HOUR, zone);
    const fields = (start: string, end: string) => ({ type, date, window_start: start, window_end: end });
    const start = answer(await text({
      message: 'Window start (with its UTC offset)',
      placeholder: `e.g. ${example}`,
      // Checked alone: a window end equal to the start only troubles window_end, which is not looked at here.
      validate: (value) => check.notice(fields(value ?? '', value ?? ''), 'window_start'),
    })).trim();
    const end = answer(await text({
      message: 'Window end',
      placeholder: `e.g. ${toZonedIso(instantOf(start, zone) + 2 * HOUR, zone)}`,
      validate: (value) => check.notice(fields(start, value ?? ''), 'window_end'),
    })).trim();
    answers.window = { start: instantOf(start, zone), end: instantOf(end, zone) };
  }

  if ((type === 'suspension' || type === 'update') && answers.nextUpdate === undefined) {
    const cadence = defaultNextUpdate(content, now, answers.template);
    const base = Math.floor(now / MINUTE) * MINUTE;
    const tomorrowTen = zonedWallTimeToEpoch((zonedDayNumber(now, zone) + 1) * 24 * HOUR + 10 * HOUR, zone);
    const presets = new Map<string, number>([
      [`in ${(cadence - base) / HOUR} h, the ${answers.template?.updateCadenceHours === undefined ? "site's" : "template's"} cadence`, cadence],
      ['in 30 min', base + 30 * MINUTE],
      ['in 1 h', base + HOUR],
      ['in 2 h', base + 2 * HOUR],
      ['in 4 h', base + 4 * HOUR],
      ['tomorrow 10:00', tomorrowTen],
    ]);
    const TYPED = 'typed';
    const choice = answer(await select({
      message: 'When is the next update promised?',
      options: [
        ...[...presets].map(([label, at]) => ({ value: label, label: `${label} (${when(at)})` })),
        { value: TYPED, label: 'another time…', hint: 'type it' },
      ],
    }));
    if (choice === TYPED) {
      const typed = answer(await text({
        message: 'Next update (with its UTC offset)',
        placeholder: `e.g. ${toZonedIso(base + 3 * HOUR, zone)}`,
        validate: (value) => check.notice({ type, date, next_update: value ?? '' }, 'next_update'),
      })).trim();
      answers.nextUpdate = instantOf(typed, zone);
    } else {
      answers.nextUpdate = presets.get(choice)!;
    }
  }
  return answers;
}

/** An instant the answer checker has accepted. */
function instantOf(value: string, zone: string): number {
  const parsed = parseInstant(value, zone);
  if (!parsed.ok) throw new Error(`unchecked time "${value}": ${parsed.problem}`);
  return parsed.epochMs;
}

/** The incidents a notice of `type` can go into: open ones (newest first), or for a postmortem the resolved ones without one. */
function incidentsFor(content: SiteContent, type: NoticeType, now: number): Incident[] {
  const { open, upcoming, resolved } = partitionIncidents(content.incidents, now);
  const kind = (incident: Incident) => deriveIncidentTimeline(incident).kind;
  switch (type) {
    case 'resumption':
      return open.filter((i) => kind(i) === 'incident');
    case 'completed':
      return [...open, ...upcoming].filter((i) => kind(i) === 'maintenance');
    case 'postmortem':
      return resolved.filter((i) => !i.notices.some((n) => n.type === 'postmortem')).slice(0, 10);
    default:
      return [...open, ...upcoming];
  }
}

async function askIncident(content: SiteContent, type: NoticeType, now: number): Promise<string> {
  const candidates = incidentsFor(content, type, now);
  const OTHER = '';
  let slug = OTHER;
  if (candidates.length > 0) {
    slug = answer(await select({
      message: type === 'postmortem' ? 'Which resolved incident?' : 'Which open incident?',
      options: [
        // Every option shows its facts (a hint shows only under the cursor); the slug is the hint.
        ...candidates.map((incident) => ({ value: incident.slug, label: `${incident.title} · ${describeIncident(incident, now)}`, hint: incident.slug })),
        { value: OTHER, label: 'another incident…', hint: 'type its slug' },
      ],
    }));
  } else {
    log.info(type === 'postmortem' ? 'No resolved incident is waiting for a postmortem.' : 'No incident is open.');
  }
  if (slug !== OTHER) return slug;
  return answer(await text({
    message: 'Incident slug (its folder name in incidents/)',
    validate: (value) => (content.incidents.some((i) => i.slug === value?.trim()) ? undefined : unknownIncidentMessage(value?.trim() ?? '', content)),
  })).trim();
}

/** `payouts: suspended, payments: degraded · last notice 3 hours ago` (or `resolved · …`). */
function describeIncident(incident: Incident, now: number): string {
  const timeline = deriveIncidentTimeline(incident);
  const states = Object.entries(timeline.current).map(([id, state]) => `${id}: ${state}`).join(', ');
  const age = `last notice ${formatDuration(Math.max(0, now - timeline.latest.at), 'en')} ago`;
  return [timeline.open ? states : 'resolved', age].filter((part) => part !== '').join(' · ');
}

async function askComponents(
  content: SiteContent, type: NoticeType, incident: Incident | undefined, template: NoticeTemplate | undefined,
): Promise<Record<string, ComponentState>> {
  const { config } = content;
  const strings = useStrings(config.defaultLocale);
  const starting = startingComponents(type, incident, template);
  const planned = type === 'maintenance' || (incident !== undefined && deriveIncidentTimeline(incident).kind === 'maintenance');
  const fallback: ComponentState = planned ? 'maintenance' : 'suspended';
  const selected = answer(await multiselect({
    message: incident
      ? 'Components in this update (space toggles; pre-selected: the affected ones; one you leave out keeps its state)'
      : 'Which components are affected? (space toggles, enter confirms)',
    // The state is in the label, so every affected component shows it, not only the one under the cursor.
    options: config.components.map((c) => ({
      value: c.id,
      label: starting[c.id] ? `${c.id}: ${starting[c.id]}` : c.id,
      hint: localizedText(c.name, config.defaultLocale, config.defaultLocale),
    })),
    initialValues: Object.entries(starting).filter(([, state]) => state !== 'operational' || incident === undefined).map(([id]) => id),
    required: incident === undefined,
  }));
  const components: Record<string, ComponentState> = {};
  for (const id of config.components.map((c) => c.id).filter((id) => selected.includes(id))) {
    components[id] = answer(await select({
      message: `State of ${id}`,
      options: COMPONENT_STATES.map((state) => ({ value: state, label: state, hint: strings.states[state] })),
      initialValue: starting[id] ?? fallback,
    }));
  }
  return components;
}
