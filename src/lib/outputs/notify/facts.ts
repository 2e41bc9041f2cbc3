import type { Incident, Notice, NoticeText, SiteContent } from '../../content/types.ts';
import { CLOSING_TYPES, worstState, type ComponentState, type Locale } from '../../core/states.ts';
import { routes } from '../../core/urls.ts';
import { localizeIncident, localizeNotice, type Localized } from '../../model/localize.ts';
import { deriveIncidentTimeline, noticeStates } from '../../model/timeline.ts';
import { createRenderContext, type RenderContext } from '../../render/context.ts';
import { formatDateTime, languageName } from '../../render/datetime.ts';
import { STATE_SYMBOLS } from '../../render/fragments.ts';
import { updateId } from '../statuspage.ts';

/**
 * What every message about one notice says, in one language, whatever the
 * channel: e-mail, Slack, Discord, Teams and the webhook all format these
 * facts and decide nothing themselves, so a merchant reads the same thing in
 * every place (and the same as on the page).
 */

/** Where the site is served: the config's url and base, or the build's --site and --base. */
export interface SiteAddress {
  site: string;
  base: string;
}

/** One component the notice sets, with its state. */
export interface StateFact {
  id: string;
  name: string;
  state: ComponentState;
  label: string;
}

export interface NoticeFacts {
  /** `<incident slug>/<notice id>`: unique on the site, the ledger's key, the Status API's update id. */
  key: string;
  incident: Incident;
  notice: Notice;
  content: SiteContent;
  /** The language of the message (its chrome; the notice text may be the untranslated original). */
  locale: Locale;
  /** UI strings, zone, links and component names for `locale`. */
  ctx: RenderContext;
  siteName: string;
  incidentTitle: string;
  /** The notice type label, e.g. 続報 / Update. */
  typeLabel: string;
  /** `<incident title> — <notice type label>`. */
  heading: string;
  /** The notice's title and Markdown body in `locale`, or the original with its language. */
  text: Localized<NoticeText>;
  /** "This notice is available in Japanese only", when the text is the untranslated original. */
  untranslatedNote: string | undefined;
  /** The promised time of the next notice. */
  nextUpdateAt: number | undefined;
  /** The incident stays open after this notice and nothing is promised: the message says so, as the page does. */
  noNextUpdate: boolean;
  /** The planned maintenance window this notice sets. */
  window: { start: number; end: number } | undefined;
  /** The components the notice sets, in the config's order (a resumption's implied resets included). */
  states: StateFact[];
  /** The worst of `states` (operational when there are none): the colour of chat messages. */
  worst: ComponentState;
  /** The notice's permanent link in `locale`. */
  permalink: string;
  statusPageUrl: string;
  feedUrl: string;
}

/** A state as text, with its shape: `■ 一時停止中`. */
export function stateText(fact: StateFact): string {
  return `${STATE_SYMBOLS[fact.state]} ${fact.label}`;
}

/** A time as merchants read it in messages: in the site's zone, with the zone's name. */
export function factTime(facts: NoticeFacts, at: number): string {
  return formatDateTime(at, facts.locale, facts.ctx.zone);
}

/** One line under a message's heading: posted, window or next update. */
export interface TimeFact {
  label: string;
  /** The instants it shows (one, or a window's start and end); none when no time is set. */
  instants: readonly number[];
  /** The same as text, in the site's zone. */
  text: string;
}

/** The time lines every message shows under its heading: posted, the maintenance window, the next update. */
export function timeFacts(facts: NoticeFacts): TimeFact[] {
  const { strings } = facts.ctx;
  const rows: TimeFact[] = [{ label: strings.incident.postedAt, instants: [facts.notice.at], text: factTime(facts, facts.notice.at) }];
  if (facts.window) {
    const { start, end } = facts.window;
    rows.push({ label: strings.maintenance.window, instants: [start, end], text: `${factTime(facts, start)} – ${factTime(facts, end)}` });
  }
  if (facts.nextUpdateAt !== undefined) {
    rows.push({ label: strings.incident.nextUpdate, instants: [facts.nextUpdateAt], text: factTime(facts, facts.nextUpdateAt) });
  } else if (facts.noNextUpdate) rows.push({ label: strings.incident.nextUpdate, instants: [], text: strings.incident.noNextUpdate });
  return rows;
}

/** The facts of `notice` in `locale`, with links on `address`. Pure: the same content gives the same facts. */
export function buildNoticeFacts(content: SiteContent, incident: Incident, notice: Notice, locale: Locale, address: SiteAddress): NoticeFacts {
  const ctx = createRenderContext(content, locale, { ...address, now: notice.at, drafts: false, assets: { styles: [], scripts: [], searchScripts: [] } });
  const { strings } = ctx;
  const incidentTitle = localizeIncident(incident, locale).title;
  const typeLabel = strings.noticeTypes[notice.type];
  const text = localizeNotice(notice, locale);
  const declared = noticeStates(incident, notice);
  const states = content.config.components
    .filter((component) => component.id in declared)
    .map((component) => {
      const state = declared[component.id]!;
      return { id: component.id, name: ctx.componentName(component.id), state, label: strings.states[state] };
    });
  const closesOrLater = CLOSING_TYPES.includes(notice.type) || notice.type === 'postmortem';
  const unplanned = deriveIncidentTimeline(incident).kind === 'incident';
  return {
    key: updateId(incident, notice),
    incident,
    notice,
    content,
    locale,
    ctx,
    siteName: ctx.siteName,
    incidentTitle,
    typeLabel,
    heading: `${incidentTitle} — ${typeLabel}`,
    text,
    untranslatedNote: text.translated ? undefined : strings.onlyIn(languageName(text.lang, locale)),
    nextUpdateAt: notice.nextUpdate?.at,
    noNextUpdate: notice.nextUpdate === undefined && !closesOrLater && unplanned,
    window: notice.window,
    states,
    worst: worstState(states.map((s) => s.state)),
    permalink: ctx.url(routes.notice(incident.slug, notice.id)),
    statusPageUrl: ctx.url(routes.home()),
    feedUrl: ctx.url(routes.feed()),
  };
}
