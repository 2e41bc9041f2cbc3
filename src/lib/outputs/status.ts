import { localizedText } from '../core/localized-text.ts';
import { toUtcIso } from '../core/dates.ts';
import { localizeIncident } from '../model/localize.ts';
import { deriveComponentStates, deriveIncidentTimeline, partitionIncidents } from '../model/timeline.ts';
import type { SiteContent } from '../content/types.ts';
import { worstState, type ComponentState } from '../core/states.ts';
import type { UiStrings } from '../../i18n/types.ts';
import { deriveBanner } from '../render/view.ts';
import { absolute, routes } from '../core/urls.ts';
import { escapeXml } from './xml.ts';
import { STATE_COLOURS } from '../render/colours.ts';

/** Statuspage-style indicator for a state, for widgets that colour a dot. */
export function indicatorFor(state: ComponentState): 'none' | 'minor' | 'major' | 'critical' | 'maintenance' {
  switch (state) {
    case 'operational':
      return 'none';
    case 'maintenance':
      return 'maintenance';
    case 'degraded':
    case 'partial_outage':
      return 'minor';
    case 'major_outage':
      return 'major';
    case 'suspended':
      return 'critical';
  }
}

/**
 * `/status.json`: a small, stable document for anyone building their own
 * widget: the overall state, each component, open incidents with their
 * links and promised next update, and upcoming maintenance. Schema:
 * schemas/status.schema.json; documented in docs/embeds.md.
 */
export function buildStatusJson(content: SiteContent, options: { site: string | URL; base: string; now: number; strings: UiStrings }): Record<string, unknown> {
  const { config } = content;
  const locale = config.defaultLocale;
  const statuses = deriveComponentStates(config.components, content.incidents, options.now, locale, config.defaultLocale);
  const banner = deriveBanner(statuses, options.strings, locale, config.timeZone);
  const { open, upcoming } = partitionIncidents(content.incidents, options.now);
  const url = (path: string) => absolute(options.site, options.base, path);
  const newest = Math.max(0, ...content.incidents.map((i) => deriveIncidentTimeline(i).latest.at));
  return {
    version: 1,
    page: { name: localizedText(config.name, locale, config.defaultLocale), url: url(routes.home()), time_zone: config.timeZone, locale },
    updated_at: newest > 0 ? toUtcIso(newest) : null,
    status: { state: banner.state, indicator: indicatorFor(banner.state), description: banner.text },
    components: statuses.map((s) => ({
      id: s.id,
      name: s.name,
      state: s.state,
      since: s.since === undefined ? null : toUtcIso(s.since),
      url: url(routes.component(s.id)),
    })),
    open_incidents: open.map((incident) => {
      const timeline = deriveIncidentTimeline(incident);
      return {
        slug: incident.slug,
        title: localizeIncident(incident, locale).title,
        url: url(routes.incident(incident.slug)),
        impact: incident.impact,
        started_at: toUtcIso(timeline.window?.start ?? timeline.startedAt),
        latest_notice_at: toUtcIso(timeline.latest.at),
        latest_notice_url: url(routes.notice(incident.slug, timeline.latest.id)),
        next_update_at: timeline.nextUpdate ? toUtcIso(timeline.nextUpdate.at) : null,
        components: Object.fromEntries(timeline.affected.map((id) => [id, timeline.current[id] ?? 'operational'])),
      };
    }),
    upcoming_maintenance: upcoming.map((incident) => {
      const timeline = deriveIncidentTimeline(incident);
      return {
        slug: incident.slug,
        title: localizeIncident(incident, locale).title,
        url: url(routes.incident(incident.slug)),
        window_start: toUtcIso(timeline.window!.start),
        window_end: toUtcIso(timeline.window!.end),
      };
    }),
  };
}

/** Rough rendered width of text at 11px in a sans-serif font (CJK is wider), for sizing a badge. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u0000-\u00ff]/.test(ch) ? 6.5 : 11.5;
  return Math.ceil(width);
}

const BADGE_COLOURS = STATE_COLOURS;

/** A small accessible SVG badge: "label | state", the state in words (not colour alone). */
export function buildBadgeSvg(label: string, state: ComponentState, strings: UiStrings): string {
  const value = strings.states[state];
  const left = textWidth(label) + 12;
  const right = textWidth(value) + 12;
  const total = left + right;
  const title = `${label}: ${value}`;
  const fill = BADGE_COLOURS[state];
  const font = "system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans JP', sans-serif";
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" viewBox="0 0 ${total} 20" role="img"`,
    ` aria-label="${escapeXml(title)}" lang="${strings.htmlLang}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${left}" height="20" rx="3" fill="#3b3b3b"/>`,
    `<rect x="${left}" width="${right}" height="20" rx="3" fill="${fill}"/>`,
    `<rect x="${left - 3}" width="6" height="20" fill="${fill}"/>`,
    `<g fill="#fff" font-family="${font}" font-size="11" text-anchor="middle">`,
    `<text x="${left / 2}" y="14">${escapeXml(label)}</text>`,
    `<text x="${left + right / 2}" y="14">${escapeXml(value)}</text>`,
    '</g></svg>',
  ];
  return `${svg.join('')}\n`;
}

/** The overall state: the worst of every component at `now`. */
export function overallState(content: SiteContent, now: number): ComponentState {
  const { config } = content;
  return worstState(deriveComponentStates(config.components, content.incidents, now, config.defaultLocale, config.defaultLocale).map((s) => s.state));
}
