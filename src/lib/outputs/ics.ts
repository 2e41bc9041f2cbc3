import ical, { escape, foldLines, ICalCalendarMethod, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { localizedText } from '../core/localized-text.ts';
import { newestFirst, oldestFirst } from '../core/order.ts';
import { localizeIncident } from '../model/localize.ts';
import { deriveIncidentTimeline, incidentPhase } from '../model/timeline.ts';
import type { Incident, SiteContent } from '../content/types.ts';
import { absolute, localePath, routes } from '../core/urls.ts';

/**
 * `/maintenance.ics`: the planned maintenance windows as an RFC 5545 calendar
 * that merchants subscribe to in Google Calendar, Apple Calendar or Outlook.
 *
 * Built with ical-generator, which is deterministic only when told everything:
 * left alone it stamps each event with the build clock (DTSTAMP) and gives it
 * a random UID, and once a calendar time zone is set it writes DTSTAMP and the
 * event times with the build machine's local clock (and a TZID without a
 * VTIMEZONE). So every event gets its UID and DTSTAMP from the content and no
 * time zone is set: all times are UTC (`…Z`), which every client shows in its
 * user's own zone. There is no X-WR-TIMEZONE either: ical-generator can write
 * custom calendar properties only after the events, where RFC 5545 allows
 * none. The output is byte-identical across runs and machine time zones.
 *
 * Every event names an ORGANIZER: `METHOD:PUBLISH` makes the file an iTIP
 * (RFC 5546) message, whose events must have exactly one, and libical (behind
 * Evolution and GNOME Calendar) rejects events without one; its restriction
 * check demands it even of a calendar without METHOD, so leaving METHOD out
 * would not help. The organizer is the site (its name as CN) at its support
 * address, or, for a site without one, at its home page URL (RFC 5545 allows
 * any URI as a calendar address).
 */

/** A maintenance whose window ended at most this many days before `now` is still listed. */
export const RECENT_MAINTENANCE_DAYS = 90;
/**
 * The newest this many maintenances (by window start) are always listed,
 * however old, so a subscribed calendar is never empty while the site has
 * maintenance history (an archive site, or one that rarely has maintenance).
 */
export const ALWAYS_LISTED_MAINTENANCES = 10;
/** How often subscribers are asked to refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL), in seconds. */
export const CALENDAR_REFRESH_SECONDS = 60 * 60;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where and when the calendar is built. */
export interface CalendarOptions {
  /** The site URL (origin, optionally with a path) the site is served from. */
  site: string | URL;
  /** The base path, e.g. "/" or "/status/". */
  base: string;
  /** The build's one "now" (taken by the integration), never the clock: it decides what is recent. */
  now: number;
}

/** A maintenance with its window, as the calendar lists it. */
export interface CalendarEntry {
  incident: Incident;
  window: { start: number; end: number };
}

const windowStart = (entry: CalendarEntry) => entry.window.start;
const slugOf = (entry: CalendarEntry) => entry.incident.slug;

/**
 * The maintenances the calendar lists, by window start then slug: every one
 * not yet closed (upcoming or in progress, whatever its window says), every
 * one whose window ended within {@link RECENT_MAINTENANCE_DAYS} days before
 * `now` (or has not ended yet), and always the {@link ALWAYS_LISTED_MAINTENANCES}
 * newest by window start regardless of age.
 */
export function calendarEntries(content: SiteContent, now: number): CalendarEntry[] {
  const all: CalendarEntry[] = [];
  for (const incident of content.incidents) {
    const timeline = deriveIncidentTimeline(incident);
    if (timeline.kind !== 'maintenance' || !timeline.window) continue;
    all.push({ incident, window: timeline.window });
  }
  const newest = [...all].sort(newestFirst(windowStart, slugOf));
  const always = new Set(newest.slice(0, ALWAYS_LISTED_MAINTENANCES).map((entry) => entry.incident.slug));
  const cutoff = now - RECENT_MAINTENANCE_DAYS * DAY_MS;
  return all
    .filter((entry) => always.has(entry.incident.slug) || incidentPhase(entry.incident, now) !== 'resolved' || entry.window.end >= cutoff)
    .sort(oldestFirst(windowStart, slugOf));
}

/**
 * The maintenance calendar as iCalendar text (CRLF line endings, folded at
 * 75 octets, ending in CRLF). One VEVENT per listed maintenance:
 *
 * - UID `<slug>@<site host>`: stable, so a moved window updates the event;
 * - DTSTAMP: the incident's latest notice (never the build clock);
 * - SEQUENCE: how many times the window moved, plus one when cancelled;
 * - STATUS: CANCELLED when a `completed` notice called it off, else CONFIRMED;
 * - DTSTART/DTEND: the current window in UTC;
 * - SUMMARY, DESCRIPTION (summary and link) and URL, in the site's default locale;
 * - ORGANIZER: the site, at its support address or its home page (see above).
 *
 * Deterministic: the same content, options and `now` give the same bytes in
 * any process time zone or locale.
 */
export function buildMaintenanceCalendar(content: SiteContent, options: CalendarOptions): string {
  const { config } = content;
  const locale = config.defaultLocale;
  const url = (path: string) => absolute(options.site, options.base, localePath(locale, config.defaultLocale, path));
  const host = new URL(options.site).host;
  const name = localizedText(config.name, locale, config.defaultLocale);
  const description = localizedText(config.description, locale, config.defaultLocale);
  const email = config.support.email;
  const organizer = `ORGANIZER;CN="${parameterText(name)}":${email === undefined ? url(routes.home()) : `mailto:${email}`}`;

  const calendar = ical({
    prodId: { company: 'shirase', product: 'maintenance calendar', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    scale: 'GREGORIAN',
    // ical-generator writes NAME, X-WR-CALNAME and X-WR-CALDESC without escaping them, so escape here.
    name: escape(name, false),
    ...(description !== '' ? { description: escape(description, false) } : {}),
    source: absolute(options.site, options.base, routes.calendar()),
    ttl: CALENDAR_REFRESH_SECONDS,
    // Never `timezone`: ical-generator would then write DTSTAMP and the event times in the machine's local time.
  });

  for (const { incident, window } of calendarEntries(content, options.now)) {
    const timeline = deriveIncidentTimeline(incident);
    const text = localizeIncident(incident, locale);
    const link = url(routes.incident(incident.slug));
    calendar.createEvent({
      id: `${incident.slug}@${host}`,
      // Every change subscribers must pick up bumps it: each move of the window, and a cancellation.
      sequence: Math.max(0, timeline.windows.length - 1) + (timeline.cancelled ? 1 : 0),
      stamp: new Date(timeline.latest.at),
      start: new Date(window.start),
      end: new Date(window.end),
      summary: text.title,
      description: text.summary.trim() === '' ? link : `${text.summary}\n\n${link}`,
      url: link,
      status: timeline.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // A maintenance window is not the subscriber's own busy time.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  const text = withOrganizer(calendar.toString(), organizer);
  // RFC 5545 ends every content line, the last one too, with CRLF; ical-generator leaves the last one bare.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/**
 * Adds the ORGANIZER line to every event. ical-generator writes an organizer
 * only as a mailto: address, and writes a double quote in its name as \"
 * (RFC 5545 has no such escape), so the line is written here: the text is
 * unfolded, the line added after each BEGIN:VEVENT, and folded again with
 * ical-generator's own folding, which gives the other lines their old folds.
 */
function withOrganizer(text: string, organizer: string): string {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  return foldLines(lines.flatMap((line) => (line === 'BEGIN:VEVENT' ? [line, organizer] : [line])).join('\r\n'));
}

/**
 * Text for a quoted parameter value (the organizer's CN), which may hold no
 * double quote and no control character: they are encoded as RFC 6868 says
 * (^ as ^^, " as ^', a line break as ^n), other controls left out.
 */
function parameterText(text: string): string {
  return text
    .replace(/\^/g, '^^')
    .replace(/"/g, "^'")
    .replace(/\r\n|\r|\n/g, '^n')
    .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
}
