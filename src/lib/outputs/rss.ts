import type { RSSOptions, RSSFeedItem } from '@astrojs/rss';
import type { UiStrings } from '../../i18n/types.ts';
import { noticeStates } from '../model/timeline.ts';
import type { Incident, Notice, SiteContent } from '../model/types.ts';
import { markdownToPlainText, renderMarkdown } from '../render/markdown.ts';
import { absolute, routes } from '../urls.ts';
import { escapeXml } from './xml.ts';

/** Where the feed will live, for absolute links. */
export interface FeedLocation {
  site: string | URL;
  base: string;
  /** Site-relative path of this feed, e.g. /rss.xml, for atom:link rel="self". */
  selfPath: string;
}

/** Every published notice across incidents, newest first (ties broken by incident then id, so order is stable). */
export function noticesNewestFirst(incidents: readonly Incident[]): { incident: Incident; notice: Notice }[] {
  const all = incidents.flatMap((incident) => incident.notices.map((notice) => ({ incident, notice })));
  return all.sort((a, b) => b.notice.at - a.notice.at || compare(a.incident.slug, b.incident.slug) || compare(a.notice.id, b.notice.id));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One feed item per notice: the title names the incident and the notice type; the guid is the notice permalink. */
export function buildNoticeFeedItem(incident: Incident, notice: Notice, strings: UiStrings, content: SiteContent, location: FeedLocation): RSSFeedItem {
  const link = absolute(location.site, location.base, routes.notice(incident.slug, notice.id));
  const names = new Map(content.config.components.map((c) => [c.id, c.name]));
  const states = noticeStates(incident, notice);
  const typeLabel = strings.noticeTypes[notice.type];
  const title = `${incident.title}: ${typeLabel}${notice.title ? ` — ${notice.title}` : ''}`;
  const stateList = Object.entries(states)
    .map(([id, state]) => `<li>${escapeXml(names.get(id) ?? id)}: ${escapeXml(strings.states[state])}</li>`)
    .join('');
  const body = renderMarkdown(notice.body);
  return {
    title,
    link,
    pubDate: new Date(notice.at),
    description: markdownToPlainText(notice.body, 300),
    content: stateList === '' ? body : `${body}\n<ul>${stateList}</ul>`,
    categories: [typeLabel, ...Object.keys(states).map((id) => names.get(id) ?? id)],
  };
}

function selfLink(location: FeedLocation): string {
  return `<atom:link href="${escapeXml(absolute(location.site, location.base, location.selfPath))}" rel="self" type="application/rss+xml"/>`;
}

/** The site-wide feed: the newest `limit` notices of all incidents. */
export function buildSiteFeed(content: SiteContent, strings: UiStrings, location: FeedLocation): RSSOptions {
  const items = noticesNewestFirst(content.incidents)
    .slice(0, content.config.feedLimit)
    .map(({ incident, notice }) => buildNoticeFeedItem(incident, notice, strings, content, location));
  return {
    title: content.config.name,
    description: content.config.description || strings.feeds.description,
    site: absolute(location.site, location.base, routes.home()),
    items,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${strings.htmlLang}</language>${selfLink(location)}`,
  };
}

/** One incident's feed: all its notices, newest first. */
export function buildIncidentFeed(incident: Incident, content: SiteContent, strings: UiStrings, location: FeedLocation): RSSOptions {
  const items = noticesNewestFirst([incident]).map(({ notice }) => buildNoticeFeedItem(incident, notice, strings, content, location));
  return {
    title: `${incident.title} — ${content.config.name}`,
    description: incident.summary,
    site: absolute(location.site, location.base, routes.incident(incident.slug)),
    items,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${strings.htmlLang}</language>${selfLink(location)}`,
  };
}
