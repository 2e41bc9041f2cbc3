import type { Locale } from '../core/states.ts';

/**
 * Dates for people: always in the configured display zone, never the
 * machine's, with the zone's abbreviation. Output depends only on the
 * arguments (and the ICU data of the pinned Node), so builds are reproducible.
 */

interface Parts {
  year: string;
  month: string;
  monthName: string;
  monthLong: string;
  day: string;
  weekday: string;
  hour: string;
  minute: string;
}

// Intl constructors are slow; a build formats thousands of dates, so each formatter is made once.
const partFormatters = new Map<string, { numeric: Intl.DateTimeFormat; names: Intl.DateTimeFormat; monthLong: Intl.DateTimeFormat }>();

// The same instants are formatted on many pages (incident page, share page, feeds, home): remember the parts.
const partsCache = new Map<string, Parts>();

function partsOf(epochMs: number, locale: Locale, zone: string): Parts {
  const cacheKey = `${locale}|${zone}|${epochMs}`;
  const cached = partsCache.get(cacheKey);
  if (cached) return cached;
  const parts = computeParts(epochMs, locale, zone);
  if (partsCache.size > 200_000) partsCache.clear();
  partsCache.set(cacheKey, parts);
  return parts;
}

function computeParts(epochMs: number, locale: Locale, zone: string): Parts {
  const key = `${locale}|${zone}`;
  let formatters = partFormatters.get(key);
  if (!formatters) {
    formatters = {
      numeric: new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      // en-US: "Sep", not en-GB's "Sept".
      names: new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', { timeZone: zone, weekday: 'short', month: 'short' }),
      monthLong: new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: zone, month: 'long' }),
    };
    partFormatters.set(key, formatters);
  }
  const values: Record<string, string> = {};
  for (const part of formatters.numeric.formatToParts(epochMs)) values[part.type] = part.value;
  const names: Record<string, string> = {};
  for (const part of formatters.names.formatToParts(epochMs)) names[part.type] = part.value;
  return {
    year: values.year!,
    month: values.month!,
    monthName: names.month!,
    monthLong: formatters.monthLong.format(epochMs),
    day: values.day!,
    weekday: names.weekday!,
    hour: values.hour!,
    minute: values.minute!,
  };
}

const abbreviationCache = new Map<string, string>();
const abbreviationFormatters = new Map<string, Intl.DateTimeFormat>();

function shortZoneName(locale: string, zone: string, epochMs: number): string {
  const key = `${locale}|${zone}`;
  let formatter = abbreviationFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
    abbreviationFormatters.set(key, formatter);
  }
  return formatter.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * The zone's short name at that instant, e.g. JST, PDT, UTC. ICU only knows
 * some abbreviations in some locales (JST in ja, PDT in en-US), so several are
 * tried and the first alphabetic one wins; otherwise an offset like GMT+9.
 */
export function zoneAbbreviation(epochMs: number, zone: string): string {
  // Keyed by the exact instant: some zones change offset at half past the hour
  // (Australia/Adelaide), so any coarser key would make the name depend on call order.
  const key = `${zone}|${epochMs}`;
  const cached = abbreviationCache.get(key);
  if (cached) return cached;
  let fallback = '';
  let found: string | undefined;
  for (const locale of ['en-US', 'ja-JP', 'en-GB', 'en-AU', 'en-IN']) {
    const name = shortZoneName(locale, zone, epochMs);
    if (!fallback) fallback = name;
    if (/^[A-Z]{2,5}$/.test(name)) {
      found = name;
      break;
    }
  }
  const result = found ?? fallback.replace(/^GMT$/, 'UTC');
  if (abbreviationCache.size > 10_000) abbreviationCache.clear();
  abbreviationCache.set(key, result);
  return result;
}

/** `2018年4月12日(木) 18:00 JST` / `Thu, 12 Apr 2018 18:00 JST`. */
export function formatDateTime(epochMs: number, locale: Locale, zone: string): string {
  const p = partsOf(epochMs, locale, zone);
  const zoneName = zoneAbbreviation(epochMs, zone);
  return locale === 'ja'
    ? `${p.year}年${p.month}月${p.day}日(${p.weekday}) ${p.hour}:${p.minute} ${zoneName}`
    : `${p.weekday}, ${p.day} ${p.monthName} ${p.year} ${p.hour}:${p.minute} ${zoneName}`;
}

/** `2018年4月12日(木)` / `Thu, 12 Apr 2018`. */
export function formatDate(epochMs: number, locale: Locale, zone: string): string {
  const p = partsOf(epochMs, locale, zone);
  return locale === 'ja' ? `${p.year}年${p.month}月${p.day}日(${p.weekday})` : `${p.weekday}, ${p.day} ${p.monthName} ${p.year}`;
}

/** `2018年4月` / `April 2018`. */
export function formatMonth(epochMs: number, locale: Locale, zone: string): string {
  const p = partsOf(epochMs, locale, zone);
  return locale === 'ja' ? `${p.year}年${p.month}月` : `${p.monthLong} ${p.year}`;
}

/** Year-month key in the display zone, e.g. 2018-04, for grouping. */
export function monthKey(epochMs: number, zone: string): string {
  const p = partsOf(epochMs, 'en', zone);
  return `${p.year}-${p.month.padStart(2, '0')}`;
}

const durationFormatters = new Map<string, Intl.DurationFormat>();
const durationCache = new Map<string, string>();

/** `8日2時間` / `8 days, 2 hours`: days, hours and minutes, zeros left out, via Intl.DurationFormat. */
export function formatDuration(ms: number, locale: Locale): string {
  const totalMinutes = Math.max(0, Math.round(ms / 60_000));
  const cacheKey = `${locale}|${totalMinutes}`;
  const cached = durationCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const text = computeDuration(totalMinutes, locale);
  if (durationCache.size > 100_000) durationCache.clear();
  durationCache.set(cacheKey, text);
  return text;
}

function computeDuration(totalMinutes: number, locale: Locale): string {
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const duration: Record<string, number> = {};
  if (days) duration.days = days;
  if (hours) duration.hours = hours;
  if (minutes || (!days && !hours)) duration.minutes = minutes;
  const zero = totalMinutes === 0;
  const key = `${locale}|${zero}`;
  let formatter = durationFormatters.get(key);
  if (!formatter) {
    // Intl drops zero units: a zero duration needs minutesDisplay "always" to read "0 minutes", not "".
    formatter = new Intl.DurationFormat(locale, zero ? { style: 'long', minutesDisplay: 'always' } : { style: 'long' });
    durationFormatters.set(key, formatter);
  }
  const text = formatter.format(duration);
  // ICU's Japanese puts spaces around numbers ("8 日 2 時間"); Japanese text runs them together.
  return locale === 'ja' ? text.replace(/\s+/g, '') : text;
}

const languageNames = new Map<string, string>();

/** The name of a language in another (or the same) language, e.g. 日本語 / Japanese. */
export function languageName(of: Locale, inLocale: Locale): string {
  const key = `${of}|${inLocale}`;
  let name = languageNames.get(key);
  if (name === undefined) {
    name = new Intl.DisplayNames([inLocale], { type: 'language' }).of(of) ?? of;
    languageNames.set(key, name);
  }
  return name;
}
