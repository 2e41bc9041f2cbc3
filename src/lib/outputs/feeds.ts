import type { RSSOptions } from '@astrojs/rss';
import XMLBuilder from 'fast-xml-builder';
import type { UiStrings } from '../../i18n/types.ts';
import { localizedText } from '../core/localized-text.ts';
import { localizeIncident, localizeNotice } from '../model/localize.ts';
import { noticeStates } from '../model/timeline.ts';
import type { Incident, Notice, SiteContent } from '../content/types.ts';
import { absoluteLinks, markdownToPlainText, renderMarkdown } from '../render/markdown.ts';
import type { Locale } from '../core/states.ts';
import { absolute, feedPaths, localePath, routes, withBase } from '../core/urls.ts';
import { escapeXml } from './xml.ts';
import { languageName } from '../render/datetime.ts';
import { incidentsAffectingComponent } from '../render/view.ts';

/**
 * One feed-entry builder for RSS 2.0 (@astrojs/rss), Atom 1.0 (fast-xml-builder,
 * the builder fast-xml-parser now ships separately) and JSON Feed 1.1: every format says the same thing about a notice.
 */

/** Where and for whom a feed is written. */
export interface FeedContext {
  site: string | URL;
  base: string;
  locale: Locale;
  strings: UiStrings;
}

/** What a feed covers: the whole site, one incident, or one component. */
export type FeedScope = { kind: 'site' } | { kind: 'incident'; incident: Incident } | { kind: 'component'; componentId: string };

/** A notice as a feed entry, format-neutral. */
export interface FeedEntry {
  /** The notice permalink: the stable id of the entry in every format. */
  id: string;
  title: string;
  published: Date;
  /** Plain-text excerpt. */
  summary: string;
  /** Full sanitised HTML. */
  html: string;
  /** The notice type label first, then the affected component names. */
  categories: string[];
  /** Language of the text (the original's when untranslated). */
  lang: Locale;
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


/** The notices a scope covers, newest first: capped for the site and components, all of them for one incident. */
export function scopeNotices(content: SiteContent, scope: FeedScope): { incident: Incident; notice: Notice }[] {
  switch (scope.kind) {
    case 'site':
      return noticesNewestFirst(content.incidents).slice(0, content.config.feedLimit);
    case 'incident':
      return noticesNewestFirst([scope.incident]);
    case 'component': {
      // An incident belongs to a component's feed when any of its notices touches the component.
      const touching = incidentsAffectingComponent(content.incidents, scope.componentId);
      return noticesNewestFirst(touching).slice(0, content.config.feedLimit);
    }
  }
}

/** A notice as a feed entry in the feed's language (the original when untranslated: a notice is never left out). */
export function buildFeedEntry(incident: Incident, notice: Notice, content: SiteContent, feed: FeedContext): FeedEntry {
  const { config } = content;
  const { strings, locale } = feed;
  const names = new Map(config.components.map((c) => [c.id, localizedText(c.name, locale, config.defaultLocale)]));
  const states = noticeStates(incident, notice);
  const typeLabel = strings.noticeTypes[notice.type];
  const text = localizeNotice(notice, locale);
  const incidentText = localizeIncident(incident, locale);
  const stateList = Object.entries(states)
    .map(([id, state]) => `<li>${escapeXml(names.get(id) ?? id)}: ${escapeXml(strings.states[state])}</li>`)
    .join('');
  // Feed readers show content away from the site: every link and image must be absolute.
  const permalink = url(content, feed, routes.notice(incident.slug, notice.id));
  const body = absoluteLinks(renderMarkdown(text.body), permalink, escapeXml);
  const wrapped = text.translated ? body : `<p>${escapeXml(strings.onlyIn(languageName(text.lang, locale)))}</p>\n<div lang="${text.lang}">${body}</div>`;
  return {
    id: url(content, feed, routes.notice(incident.slug, notice.id)),
    title: `${incidentText.title}: ${typeLabel}${text.title ? ` — ${text.title}` : ''}`,
    published: new Date(notice.at),
    summary: markdownToPlainText(text.body, 300),
    html: stateList === '' ? wrapped : `${wrapped}\n<ul>${stateList}</ul>`,
    categories: [typeLabel, ...Object.keys(states).map((id) => names.get(id) ?? id)],
    lang: text.lang,
  };
}

interface FeedHeader {
  title: string;
  description: string;
  pageUrl: string;
  rssUrl: string;
  atomUrl: string | undefined;
  jsonUrl: string | undefined;
  /** Newest entry time, or the epoch when empty: never the build time. */
  updated: Date;
  entries: FeedEntry[];
}

function feedHeader(content: SiteContent, scope: FeedScope, feed: FeedContext): FeedHeader {
  const { config } = content;
  const siteName = localizedText(config.name, feed.locale, config.defaultLocale);
  const paths = feedPaths(scope);
  const entries = scopeNotices(content, scope).map(({ incident, notice }) => buildFeedEntry(incident, notice, content, feed));
  let title = siteName;
  let description = localizedText(config.description, feed.locale, config.defaultLocale) || feed.strings.feeds.description;
  if (scope.kind === 'incident') {
    const text = localizeIncident(scope.incident, feed.locale);
    title = `${text.title} — ${siteName}`;
    description = text.summary;
  } else if (scope.kind === 'component') {
    const component = config.components.find((c) => c.id === scope.componentId);
    const name = localizedText(component?.name, feed.locale, config.defaultLocale) || scope.componentId;
    title = `${name} — ${siteName}`;
    description = feed.strings.feeds.componentDescription(name);
  }
  return {
    title,
    description,
    pageUrl: url(content, feed, paths.page),
    rssUrl: url(content, feed, paths.rss),
    atomUrl: paths.atom === undefined ? undefined : url(content, feed, paths.atom),
    jsonUrl: paths.json === undefined ? undefined : url(content, feed, paths.json),
    updated: entries[0]?.published ?? new Date(0),
    entries,
  };
}

/** RSS 2.0 options for @astrojs/rss. */
export function buildRssFeed(content: SiteContent, scope: FeedScope, feed: FeedContext): RSSOptions {
  const header = feedHeader(content, scope, feed);
  return {
    title: header.title,
    description: header.description,
    site: header.pageUrl,
    stylesheet: withBase(feed.base, routes.feedStylesheet()),
    items: header.entries.map((entry) => ({
      title: entry.title,
      link: entry.id,
      pubDate: entry.published,
      description: entry.summary,
      content: entry.html,
      categories: entry.categories,
    })),
    xmlns: { atom: 'http://www.w3.org/2005/Atom' },
    customData: `<language>${feed.strings.htmlLang}</language><atom:link href="${escapeXml(header.rssUrl)}" rel="self" type="application/rss+xml"/>`,
  };
}

const atomBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });

/**
 * Atom 1.0 (RFC 4287) with the same stylesheet as RSS so browsers show a
 * readable page. Built with fast-xml-builder (fast-xml-parser's builder), which escapes every
 * text and attribute value (titles with "<" or "&", bodies with "]]>").
 */
export function buildAtomFeed(content: SiteContent, scope: FeedScope, feed: FeedContext): string {
  const header = feedHeader(content, scope, feed);
  const document = {
    feed: {
      '@xmlns': 'http://www.w3.org/2005/Atom',
      '@xml:lang': feed.strings.htmlLang,
      id: header.pageUrl,
      title: header.title,
      subtitle: header.description,
      updated: header.updated.toISOString(),
      generator: 'shirase',
      link: [
        { '@rel': 'alternate', '@type': 'text/html', '@href': header.pageUrl },
        { '@rel': 'self', '@type': 'application/atom+xml', '@href': header.atomUrl ?? header.rssUrl },
      ],
      author: { name: header.title },
      entry: header.entries.map((entry) => ({
        id: entry.id,
        title: { '@type': 'text', '#text': entry.title },
        link: { '@rel': 'alternate', '@type': 'text/html', '@href': entry.id },
        published: entry.published.toISOString(),
        updated: entry.published.toISOString(),
        summary: { '@type': 'text', '#text': entry.summary },
        content: { '@type': 'html', '@xml:lang': entry.lang, '#text': entry.html },
        category: entry.categories.map((name) => ({ '@term': name })),
      })),
    },
  };
  const stylesheet = withBase(feed.base, routes.feedStylesheet());
  return `<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet href="${escapeXml(stylesheet)}" type="text/xsl"?>\n${atomBuilder.build(document)}`;
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function buildJsonFeed(content: SiteContent, scope: FeedScope, feed: FeedContext): Record<string, unknown> {
  const header = feedHeader(content, scope, feed);
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: header.title,
    home_page_url: header.pageUrl,
    feed_url: header.jsonUrl ?? header.rssUrl,
    description: header.description,
    language: feed.strings.htmlLang,
    items: header.entries.map((entry) => ({
      id: entry.id,
      url: entry.id,
      title: entry.title,
      content_html: entry.html,
      summary: entry.summary,
      date_published: entry.published.toISOString(),
      tags: entry.categories,
      language: entry.lang,
    })),
  };
}
