import type { RSSOptions, RSSFeedItem } from '@astrojs/rss';
import type { UiStrings } from '../../i18n/types.ts';
import { localizedText } from '../config/schema.ts';
import { localizeIncident, localizeNotice } from '../model/localize.ts';
import { noticeStates } from '../model/timeline.ts';
import type { Incident, Notice, SiteContent } from '../model/types.ts';
import { markdownToPlainText, renderMarkdown } from '../render/markdown.ts';
import type { Locale } from '../states.ts';
import { absolute, localePath, routes } from '../urls.ts';
import { escapeXml } from './xml.ts';

/** Where and for whom the feed is written. */
export interface FeedContext {
  site: string | URL;
  base: string;
  locale: Locale;
  strings: UiStrings;
  /** Site path of this feed without the locale prefix, e.g. /rss.xml, for atom:link rel="self". */
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

function url(content: SiteContent, feed: FeedContext, path: string): string {
  return absolute(feed.site, feed.base, localePath(feed.locale, content.config.defaultLocale, path));
}

/**
 * One feed item per notice, in the feed's language (the original when not
 * translated: a notice is never left out). The title names the incident and
 * the notice type; the guid is the notice permalink.
 */
export function buildNoticeFeedItem(incident: Incident, notice: Notice, content: SiteContent, feed: FeedContext): RSSFeedItem {
  const { config } = content;
  const { strings, locale } = feed;
  const link = url(content, feed, routes.notice(incident.slug, notice.id));
  const names = new Map(config.components.map((c) => [c.id, localizedText(c.name, locale, config.defaultLocale)]));
  const states = noticeStates(incident, notice);
  const typeLabel = strings.noticeTypes[notice.type];
  const text = localizeNotice(notice, locale);
  const incidentText = localizeIncident(incident, locale);
  const title = `${incidentText.title}: ${typeLabel}${text.title ? ` — ${text.title}` : ''}`;
  const stateList = Object.entries(states)
    .map(([id, state]) => `<li>${escapeXml(names.get(id) ?? id)}: ${escapeXml(strings.states[state])}</li>`)
    .join('');
  const body = renderMarkdown(text.body);
  const wrapped = text.translated ? body : `<div lang="${text.lang}">${body}</div>`;
  return {
    title,
    link,
    pubDate: new Date(notice.at),
    description: markdownToPlainText(text.body, 300),
    content: stateList === '' ? wrapped : `${wrapped}\n<ul>${stateList}</ul>`,
    categories: [typeLabel, ...Object.keys(states).map((id) => names.get(id) ?? id)],
  };
}

function channelExtras(content: SiteContent, feed: FeedContext): string {
  const self = url(content, feed, feed.selfPath);
  return `<language>${feed.strings.htmlLang}</language><atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`;
}

/** The site-wide feed: the newest `feedLimit` notices of all incidents. */
export function buildSiteFeed(content: SiteContent, feed: FeedContext): RSSOptions {
  const { config } = content;
  const items = noticesNewestFirst(content.incidents)
    .slice(0, config.feedLimit)
    .map(({ incident, notice }) => buildNoticeFeedItem(incident, notice, content, feed));
  return {
    title: localizedText(config.name, feed.locale, config.defaultLocale),
    description: localizedText(config.description, feed.locale, config.defaultLocale) || feed.strings.feeds.description,
    site: url(content, feed, routes.home()),
    items,
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: channelExtras(content, feed),
  };
}

/** One incident's feed: all its notices, newest first. */
export function buildIncidentFeed(incident: Incident, content: SiteContent, feed: FeedContext): RSSOptions {
  const { config } = content;
  const text = localizeIncident(incident, feed.locale);
  return {
    title: `${text.title} — ${localizedText(config.name, feed.locale, config.defaultLocale)}`,
    description: text.summary,
    site: url(content, feed, routes.incident(incident.slug)),
    items: noticesNewestFirst([incident]).map(({ notice }) => buildNoticeFeedItem(incident, notice, content, feed)),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: channelExtras(content, feed),
  };
}
