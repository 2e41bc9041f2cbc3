import Parser from 'rss-parser';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { XMLParser } from 'fast-xml-parser';
import { parseFragment } from 'parse5';
import { elements } from './html.ts';
import { xmlWellFormedProblem } from './validators.ts';

/**
 * Feed gates. `strictFeedCheck` holds a feed to what readers rely on and
 * parsers forgive: well-formed XML (judged by libxml2's xmllint), absolute
 * http(s) links (also inside the HTML content), one unique id per entry,
 * RFC 822 dates in RSS and RFC 3339 in Atom and JSON Feed, and a self link
 * equal to the feed's own URL.
 * `parseInClients` reads the same text with two real feed clients.
 */

export type FeedFormat = 'rss' | 'atom' | 'json';

/** rss.xml, atom.xml, feed.json → their format; anything else → undefined. */
export function feedFormatOf(file: string): FeedFormat | undefined {
  if (/(^|\/)rss\.xml$/.test(file)) return 'rss';
  if (/(^|\/)atom\.xml$/.test(file)) return 'atom';
  if (/(^|\/)feed\.json$/.test(file)) return 'json';
  return undefined;
}

export interface StrictEntry {
  /** guid (RSS) or id (Atom, JSON Feed). */
  id: string;
  link: string;
  /** The title as a reader shows it: plain text (an Atom type="html" title is decoded as HTML). */
  title: string;
  /** The date as written in the feed. */
  date: string;
}

export interface StrictFeedReport {
  format: FeedFormat;
  problems: string[];
  title: string;
  entries: StrictEntry[];
}

// ---------------------------------------------------------------------------------------------- dates

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function validCalendarDate(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/**
 * RFC 822 date-time as RSS 2.0 uses it (with RFC 1123's four-digit year):
 * "Thu, 12 Apr 2018 09:00:00 GMT". The weekday, when given, must match the date.
 */
export function rfc822Problem(value: string): string | undefined {
  const match = /^(?:([A-Z][a-z]{2}), )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UT|Z|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[+-]\d{4})$/.exec(value);
  if (!match) return `"${value}" is not an RFC 822 date-time like "Thu, 12 Apr 2018 09:00:00 GMT"`;
  const [, weekday, dd, mon, yyyy, hh, mi, ss, zone] = match;
  const month = MONTHS.indexOf(mon!) + 1;
  if (month === 0) return `"${value}": unknown month ${mon}`;
  const [year, day, hour, minute, second] = [yyyy, dd, hh, mi, ss].map(Number) as [number, number, number, number, number];
  if (!validCalendarDate(year, month, day, hour, minute, second)) return `"${value}" is not a real date-time`;
  if (/^[+-]/.test(zone!) && (Number(zone!.slice(1, 3)) > 23 || Number(zone!.slice(3, 5)) > 59)) return `"${value}" has an impossible offset`;
  if (weekday !== undefined) {
    // The weekday belongs to the local date written, not to UTC.
    const local = new Date(Date.UTC(year, month - 1, day));
    if (WEEKDAYS[local.getUTCDay()] !== weekday) return `"${value}": ${dd} ${mon} ${yyyy} is a ${WEEKDAYS[local.getUTCDay()]}, not a ${weekday}`;
  }
  return undefined;
}

/** RFC 3339 date-time with seconds and an explicit offset: 2018-04-12T09:00:00Z, 2018-04-12T18:00:00.000+09:00. */
export function rfc3339Problem(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/.exec(value);
  if (!match) return `"${value}" is not an RFC 3339 date-time like "2018-04-12T09:00:00Z"`;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!validCalendarDate(year, month, day, hour, minute, second)) return `"${value}" is not a real date-time`;
  if (match[9] !== undefined && (Number(match[9]) > 23 || Number(match[10]) > 59)) return `"${value}" has an impossible offset`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------- helpers

function absoluteHttpProblem(what: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return `${what} is missing`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${what} "${value}" is not an absolute URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${what} "${value}" is not an http(s) URL`;
  if (value !== value.trim()) return `${what} "${value}" has surrounding whitespace`;
  return undefined;
}

/** Every href/src in an HTML snippet (feed content) must be absolute http(s) (mailto: allowed): readers resolve relative links against nothing useful. */
function htmlLinkProblems(what: string, html: string): string[] {
  const problems: string[] = [];
  for (const element of elements(parseFragment(html))) {
    for (const attribute of element.attrs) {
      if (attribute.name !== 'href' && attribute.name !== 'src') continue;
      if (/^mailto:/i.test(attribute.value)) continue;
      const problem = absoluteHttpProblem(`${what}: <${element.tagName} ${attribute.name}>`, attribute.value);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

/** The text a browser shows for an HTML snippet. */
export function htmlToText(html: string): string {
  const fragment = parseFragment(html);
  const parts: string[] = [];
  const walk = (nodes: readonly unknown[]) => {
    for (const node of nodes as { nodeName: string; value?: string; childNodes?: unknown[] }[]) {
      if (node.nodeName === '#text') parts.push(node.value ?? '');
      else if (node.childNodes) walk(node.childNodes);
    }
  };
  walk(fragment.childNodes);
  return parts.join('');
}

type XmlNode = Record<string, unknown>;

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Text of a parsed XML element (with or without attributes). */
function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object' && '#text' in (node as XmlNode)) return String((node as XmlNode)['#text']);
  if (typeof node === 'object') return '';
  return undefined;
}

function attribute(node: unknown, name: string): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const value = (node as XmlNode)[`@_${name}`];
  return value === undefined ? undefined : String(value);
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ['item', 'entry', 'link', 'atom:link', 'category', 'guid'].includes(name),
});

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dupes = new Set<string>();
  for (const value of values) (seen.has(value) ? dupes : seen).add(value);
  return [...dupes];
}

// ---------------------------------------------------------------------------------------------- formats

function checkRss(xml: string, selfUrl: string, report: StrictFeedReport): void {
  const problems = report.problems;
  const doc = xmlParser.parse(xml) as XmlNode;
  const rss = doc.rss as XmlNode | undefined;
  if (!rss) return void problems.push('root element is not <rss>');
  if (attribute(rss, 'version') !== '2.0') problems.push(`<rss version="${attribute(rss, 'version')}">, expected 2.0`);
  const channel = rss.channel as XmlNode | undefined;
  if (!channel || Array.isArray(channel)) return void problems.push('<rss> needs exactly one <channel>');
  report.title = (text(channel.title) ?? '').trim();
  if (report.title === '') problems.push('channel <title> is missing or empty');
  if (text(channel.description) === undefined) problems.push('channel <description> is missing');
  const channelLink = asArray(channel.link as unknown[])[0];
  const linkProblem = absoluteHttpProblem('channel <link>', text(channelLink));
  if (linkProblem) problems.push(linkProblem);
  const selfLinks = asArray(channel['atom:link'] as unknown[]).filter((l) => attribute(l, 'rel') === 'self');
  if (selfLinks.length !== 1) problems.push(`channel needs exactly one <atom:link rel="self">, found ${selfLinks.length}`);
  else if (attribute(selfLinks[0], 'href') !== selfUrl) problems.push(`<atom:link rel="self" href="${attribute(selfLinks[0], 'href')}"> is not the feed's own URL ${selfUrl}`);
  for (const field of ['pubDate', 'lastBuildDate']) {
    const value = text(channel[field]);
    if (value !== undefined) {
      const problem = rfc822Problem(value);
      if (problem) problems.push(`channel <${field}>: ${problem}`);
    }
  }
  asArray(channel.item as XmlNode[]).forEach((item, index) => {
    const where = `item ${index + 1}`;
    const guids = asArray(item.guid as unknown[]);
    const guid = text(guids[0])?.trim() ?? '';
    const link = text(asArray(item.link as unknown[])[0])?.trim() ?? '';
    const title = text(item.title);
    const date = text(item.pubDate) ?? '';
    if (guids.length !== 1 || guid === '') problems.push(`${where}: needs exactly one non-empty <guid>`);
    if (title === undefined && text(item.description) === undefined) problems.push(`${where}: has neither <title> nor <description>`);
    const lp = absoluteHttpProblem(`${where} <link>`, text(asArray(item.link as unknown[])[0]));
    if (lp) problems.push(lp);
    if (guid !== '' && attribute(guids[0], 'isPermaLink') !== 'false') {
      const gp = absoluteHttpProblem(`${where} <guid> (a permalink unless isPermaLink="false")`, guid);
      if (gp) problems.push(gp);
    }
    if (date === '') problems.push(`${where}: <pubDate> is missing`);
    else {
      const dp = rfc822Problem(date);
      if (dp) problems.push(`${where} <pubDate>: ${dp}`);
    }
    for (const field of ['description', 'content:encoded']) {
      const html = text(item[field]);
      if (html !== undefined) problems.push(...htmlLinkProblems(`${where} <${field}>`, html));
    }
    report.entries.push({ id: guid, link, title: title ?? '', date });
  });
}

function atomText(node: unknown): string {
  const value = text(node) ?? '';
  const type = attribute(node, 'type') ?? 'text';
  return type === 'html' ? htmlToText(value) : value;
}

function checkAtom(xml: string, selfUrl: string, report: StrictFeedReport): void {
  const problems = report.problems;
  const doc = xmlParser.parse(xml) as XmlNode;
  const feed = doc.feed as XmlNode | undefined;
  if (!feed) return void problems.push('root element is not <feed>');
  if (attribute(feed, 'xmlns') !== 'http://www.w3.org/2005/Atom') problems.push('<feed> is not in the Atom namespace');
  report.title = atomText(feed.title).trim();
  if (report.title === '') problems.push('feed <title> is missing or empty');
  if ((text(feed.id) ?? '').trim() === '') problems.push('feed <id> is missing');
  const updated = text(feed.updated);
  if (updated === undefined) problems.push('feed <updated> is missing');
  else {
    const up = rfc3339Problem(updated);
    if (up) problems.push(`feed <updated>: ${up}`);
  }
  const links = asArray(feed.link as unknown[]);
  const selfLinks = links.filter((l) => attribute(l, 'rel') === 'self');
  if (selfLinks.length !== 1) problems.push(`feed needs exactly one <link rel="self">, found ${selfLinks.length}`);
  else if (attribute(selfLinks[0], 'href') !== selfUrl) problems.push(`<link rel="self" href="${attribute(selfLinks[0], 'href')}"> is not the feed's own URL ${selfUrl}`);
  for (const link of links) {
    const lp = absoluteHttpProblem(`feed <link rel="${attribute(link, 'rel') ?? 'alternate'}">`, attribute(link, 'href'));
    if (lp) problems.push(lp);
  }
  asArray(feed.entry as XmlNode[]).forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const id = (text(entry.id) ?? '').trim();
    if (id === '') problems.push(`${where}: <id> is missing`);
    else if (!/^[a-z][a-z0-9+.-]*:/i.test(id)) problems.push(`${where}: <id> "${id}" is not an absolute IRI`);
    const title = atomText(entry.title);
    if (text(entry.title) === undefined) problems.push(`${where}: <title> is missing`);
    const entryLinks = asArray(entry.link as unknown[]);
    const alternate = entryLinks.find((l) => (attribute(l, 'rel') ?? 'alternate') === 'alternate');
    for (const link of entryLinks) {
      const lp = absoluteHttpProblem(`${where} <link rel="${attribute(link, 'rel') ?? 'alternate'}">`, attribute(link, 'href'));
      if (lp) problems.push(lp);
    }
    if (!alternate) problems.push(`${where}: has no alternate <link>`);
    const entryUpdated = text(entry.updated);
    if (entryUpdated === undefined) problems.push(`${where}: <updated> is missing`);
    for (const field of ['updated', 'published']) {
      const value = text(entry[field]);
      if (value === undefined) continue;
      const dp = rfc3339Problem(value);
      if (dp) problems.push(`${where} <${field}>: ${dp}`);
    }
    for (const field of ['summary', 'content']) {
      const node = entry[field];
      if (node !== undefined && attribute(node, 'type') === 'html') problems.push(...htmlLinkProblems(`${where} <${field}>`, text(node) ?? ''));
    }
    report.entries.push({ id, link: attribute(alternate, 'href') ?? '', title, date: text(entry.published) ?? entryUpdated ?? '' });
  });
}

function checkJson(json: string, selfUrl: string, report: StrictFeedReport): void {
  const problems = report.problems;
  let feed: Record<string, unknown>;
  try {
    feed = JSON.parse(json) as Record<string, unknown>;
  } catch (error) {
    return void problems.push(`not JSON: ${(error as Error).message}`);
  }
  if (feed.version !== 'https://jsonfeed.org/version/1.1' && feed.version !== 'https://jsonfeed.org/version/1') problems.push(`version "${String(feed.version)}" is not a JSON Feed version URL`);
  report.title = typeof feed.title === 'string' ? feed.title : '';
  if (report.title.trim() === '') problems.push('title is missing or empty');
  if (feed.feed_url !== selfUrl) problems.push(`feed_url "${String(feed.feed_url)}" is not the feed's own URL ${selfUrl}`);
  const home = absoluteHttpProblem('home_page_url', feed.home_page_url);
  if (home) problems.push(home);
  if (!Array.isArray(feed.items)) return void problems.push('items is not an array');
  (feed.items as Record<string, unknown>[]).forEach((item, index) => {
    const where = `item ${index + 1}`;
    const id = typeof item.id === 'string' ? item.id : '';
    if (id.trim() === '') problems.push(`${where}: id must be a non-empty string`);
    const lp = absoluteHttpProblem(`${where} url`, item.url);
    if (lp) problems.push(lp);
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string') problems.push(`${where}: has neither content_html nor content_text`);
    if (typeof item.content_html === 'string') problems.push(...htmlLinkProblems(`${where} content_html`, item.content_html));
    if (item.title !== undefined && typeof item.title !== 'string') problems.push(`${where}: title must be a string`);
    const published = item.date_published;
    if (typeof published !== 'string') problems.push(`${where}: date_published is missing`);
    for (const field of ['date_published', 'date_modified']) {
      const value = item[field];
      if (value === undefined) continue;
      const dp = typeof value === 'string' ? rfc3339Problem(value) : `${field} is not a string`;
      if (dp) problems.push(`${where} ${field}: ${dp}`);
    }
    report.entries.push({ id, link: typeof item.url === 'string' ? item.url : '', title: typeof item.title === 'string' ? item.title : '', date: typeof published === 'string' ? published : '' });
  });
}

/** The strict checks for one feed; `selfUrl` is the URL the feed is published at. */
export function strictFeedCheck(format: FeedFormat, body: string, selfUrl: string): StrictFeedReport {
  const report: StrictFeedReport = { format, problems: [], title: '', entries: [] };
  if (format !== 'json') {
    const malformed = xmlWellFormedProblem(body);
    if (malformed !== undefined) {
      report.problems.push(`not well-formed XML: ${malformed}`);
      return report;
    }
  }
  try {
    if (format === 'rss') checkRss(body, selfUrl, report);
    else if (format === 'atom') checkAtom(body, selfUrl, report);
    else checkJson(body, selfUrl, report);
  } catch (error) {
    report.problems.push(`could not be read: ${(error as Error).message}`);
  }
  const ids = report.entries.map((e) => e.id).filter((id) => id !== '');
  for (const dupe of duplicates(ids)) report.problems.push(`id/guid ${dupe} appears more than once`);
  return report;
}

// ---------------------------------------------------------------------------------------------- real clients

export interface ClientEntry {
  id: string | undefined;
  link: string | undefined;
  title: string | undefined;
}

export interface ClientResult {
  client: 'rss-parser' | 'feed-extractor';
  error?: string;
  title?: string | undefined;
  entries: ClientEntry[];
}

const rssParser = new Parser();

/** Reads the feed with rss-parser (RSS and Atom; it does not read JSON Feed) and @extractus/feed-extractor. */
export async function parseInClients(format: FeedFormat, body: string): Promise<ClientResult[]> {
  const results: ClientResult[] = [];
  if (format !== 'json') {
    try {
      const parsed = await rssParser.parseString(body);
      results.push({
        client: 'rss-parser',
        title: parsed.title,
        entries: parsed.items.map((item) => ({ id: item.guid ?? (item as { id?: string }).id, link: item.link, title: item.title })),
      });
    } catch (error) {
      results.push({ client: 'rss-parser', error: (error as Error).message.split('\n').join(' '), entries: [] });
    }
  }
  try {
    const options = { normalization: true, descriptionMaxLen: 0, useISODateFormat: true };
    const parsed = format === 'json' ? extractFromJson(JSON.parse(body), options) : extractFromXml(body, options);
    if (!parsed || (parsed.entries === undefined && parsed.title === undefined)) throw new Error('no feed recognised');
    results.push({ client: 'feed-extractor', title: parsed.title, entries: (parsed.entries ?? []).map((e) => ({ id: e.id, link: e.link, title: e.title })) });
  } catch (error) {
    results.push({ client: 'feed-extractor', error: (error as Error).message.split('\n').join(' '), entries: [] });
  }
  return results;
}

/** Does a client's title say `expected`? (A client may hand back an Atom type="html" title still as HTML.) */
export function sameTitle(expected: string, got: unknown, format: FeedFormat): boolean {
  if (typeof got !== 'string') return false;
  if (got.trim() === expected.trim()) return true;
  return format === 'atom' && htmlToText(got).trim() === expected.trim();
}

export interface FeedVerdict {
  strict: StrictFeedReport;
  clients: ClientResult[];
  /** Strict problems plus client failures and disagreements: empty when the feed passes. */
  problems: string[];
}

/**
 * The link a client hands its reader for `link`: feed-extractor's normalisation drops the
 * #fragment of every link (its `purify`), so it lands on the incident page, not the notice.
 */
function linkAsReadBy(client: ClientResult['client'], link: string): string {
  return client === 'feed-extractor' ? link.replace(/#.*$/, '') : link;
}

/** Strict checks plus both clients; the clients must read every entry, with the same titles and links. */
export async function checkFeed(format: FeedFormat, body: string, selfUrl: string): Promise<FeedVerdict> {
  const strict = strictFeedCheck(format, body, selfUrl);
  const clients = await parseInClients(format, body);
  const problems = [...strict.problems];
  for (const client of clients) {
    if (client.error !== undefined) {
      problems.push(`${client.client} cannot parse it: ${client.error}`);
      continue;
    }
    if (client.entries.length !== strict.entries.length) problems.push(`${client.client} reads ${client.entries.length} entries, the feed has ${strict.entries.length}`);
    if (!sameTitle(strict.title, client.title, format)) problems.push(`${client.client} reads the feed title as ${JSON.stringify(client.title)}, expected ${JSON.stringify(strict.title)}`);
    client.entries.forEach((entry, index) => {
      const expected = strict.entries[index];
      if (expected && !sameTitle(expected.title, entry.title, format)) problems.push(`${client.client} reads entry ${index + 1}'s title as ${JSON.stringify(entry.title)}, expected ${JSON.stringify(expected.title)}`);
      if (expected && entry.link !== linkAsReadBy(client.client, expected.link)) problems.push(`${client.client} reads entry ${index + 1}'s link as ${JSON.stringify(entry.link)}, expected ${JSON.stringify(expected.link)}`);
    });
  }
  return { strict, clients, problems };
}
