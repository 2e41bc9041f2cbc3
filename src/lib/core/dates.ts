/**
 * Instants as operators write them: ISO 8601 with an explicit UTC offset.
 * We never let a YAML library or the machine's time zone interpret a date:
 * the string is checked here, field by field, and turned into epoch ms.
 */

export type ParsedInstant = { ok: true; epochMs: number } | { ok: false; problem: string };

const FULL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
/** Looser shapes operators type by accident: space instead of T, no seconds, no offset, lower-case t/z. */
const LOOSE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC so no zone can shift it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses `2018-04-12T18:00:00+09:00` (seconds and fraction optional, `Z` allowed).
 * `zone` is only used to suggest the right offset when one is missing.
 */
export function parseInstant(value: string, zone: string): ParsedInstant {
  const full = FULL.exec(value);
  if (!full) return { ok: false, problem: explainMalformed(value, zone) };
  const [, y, mo, d, h, mi, s = '0', frac = '0', offset] = full;
  const wall = wallTime([y, mo, d, h, mi, s]);
  const calendar = checkCalendar(wall);
  if (calendar) return { ok: false, problem: calendar };
  const { year, month, day, hour, minute, second } = wall;
  let offsetMinutes = 0;
  if (offset !== 'Z') {
    const sign = offset!.startsWith('-') ? -1 : 1;
    const oh = Number(offset!.slice(1, 3));
    const om = Number(offset!.slice(4, 6));
    if (oh > (sign < 0 ? 12 : 14) || om > 59 || (oh === 14 && om > 0 && sign > 0))
      return { ok: false, problem: `has an impossible UTC offset ${offset}; offsets run from -12:00 to +14:00` };
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  return { ok: true, epochMs };
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The numbers of a written date and time, from the regular expression's groups (year first). */
function wallTime(parts: readonly (string | undefined)[]): WallTime {
  const [year, month, day, hour, minute, second] = parts.map((part) => Number(part ?? '0'));
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
}

function checkCalendar({ year, month, day, hour, minute, second }: WallTime): string | undefined {
  if (month < 1 || month > 12) return `has month ${month}, which does not exist; months run from 01 to 12`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${last} days`;
  if (hour > 23) return `has hour ${hour}; hours run from 00 to 23`;
  if (minute > 59) return `has minute ${minute}; minutes run from 00 to 59`;
  if (second > 59) return `has second ${second}; seconds run from 00 to 59`;
  return undefined;
}

function explainMalformed(value: string, zone: string): string {
  const loose = LOOSE.exec(value.trim());
  if (!loose) {
    return `is not a date and time; write it as ISO 8601 with a UTC offset, e.g. ${exampleFor(2018, 4, 12, 18, 0, 0, zone)}`;
  }
  const [, y, mo, d, h, mi, s, offset] = loose;
  const wall = wallTime([y, mo, d, h, mi, s]);
  const calendar = checkCalendar(wall);
  if (calendar) return calendar;
  const { year, month, day, hour, minute, second } = wall;
  const suggestion =
    offset && offset.toUpperCase() !== 'Z'
      ? `${isoLocal(year, month, day, hour, minute, second)}${offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`}`
      : offset
        ? `${isoLocal(year, month, day, hour, minute, second)}Z`
        : exampleFor(year, month, day, hour, minute, second, zone);
  if (loose[4] === undefined) return `has no time of day; write ${suggestion}`;
  if (!offset) return `has no UTC offset; write ${suggestion}`;
  return `is not in ISO 8601 form; write ${suggestion}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoLocal(year: number, month: number, day: number, hour: number, minute: number, second: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
}

/** The wall-clock time as an instant in `zone`, written with its offset (a time the clocks skip: the first that exists after it). */
function exampleFor(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string): string {
  return toZonedIso(zonedWallTimeToEpoch(Date.UTC(year, month - 1, day, hour, minute, second), zone), zone);
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC that `zone` is at `epochMs` (e.g. +540 for Asia/Tokyo). */
export function zoneOffsetMinutes(epochMs: number, zone: string): number {
  let formatter = offsetFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormatters.set(zone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(epochMs)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

/** `2018-04-12T18:00:00+09:00`: an instant written as wall-clock time in `zone`. */
export function toZonedIso(epochMs: number, zone: string): string {
  const offset = zoneOffsetMinutes(epochMs, zone);
  const local = new Date(epochMs + offset * 60_000);
  const wall = isoLocal(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds());
  return `${wall}${formatOffset(offset)}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The instant a wall-clock time happens in `zone`. `wallMs` is the wall-clock
 * time written as if it were UTC (`Date.UTC(year, month - 1, day, hour, …)`).
 * Where the clocks go back and the time happens twice, the earlier instant;
 * where they jump over it (a DST gap), the first instant that exists after
 * it, the instant of the jump. This is the one place a local time becomes an
 * instant: the start of a day, a suggested offset.
 */
export function zonedWallTimeToEpoch(wallMs: number, zone: string): number {
  let earliest: number | undefined;
  // The instant is within -14 h / +12 h of `wallMs`; the offsets a day either side cover both sides of any DST change.
  for (const probe of [wallMs - DAY, wallMs, wallMs + DAY]) {
    const offset = zoneOffsetMinutes(probe, zone) * MINUTE;
    const candidate = wallMs - offset;
    if (zoneOffsetMinutes(candidate, zone) * MINUTE === offset && (earliest === undefined || candidate < earliest)) earliest = candidate;
  }
  if (earliest !== undefined) return earliest;
  // The time does not exist: search for the first instant whose wall-clock time is at or after it.
  let before = wallMs - 15 * HOUR;
  let after = wallMs + 15 * HOUR;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (middle + zoneOffsetMinutes(middle, zone) * MINUTE >= wallMs) after = middle;
    else before = middle;
  }
  return after;
}

/** Days since 1970-01-01 of the calendar date `epochMs` falls on in `zone`. */
export function zonedDayNumber(epochMs: number, zone: string): number {
  return Math.floor((epochMs + zoneOffsetMinutes(epochMs, zone) * MINUTE) / DAY);
}

/** `YYYY-MM-DD` for a day number. */
export function dayNumberToDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Day number of a `YYYY-MM-DD` date. */
export function dateToDayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY;
}

/**
 * The first instant of a calendar day (a day number or `YYYY-MM-DD`) in
 * `zone`: local midnight (the first one, where the clocks go back over it),
 * or, where a DST change skips midnight (America/Santiago, Asia/Beirut), the
 * instant the clock jumps into the day. Days are 23 or 25 hours long across
 * DST changes.
 */
export function startOfZonedDay(day: number | string, zone: string): number {
  return zonedWallTimeToEpoch((typeof day === 'string' ? dateToDayNumber(day) : day) * DAY, zone);
}

// The same instants are written on many pages and feeds; making a Date and its ISO string each time showed in the build's profile.
const utcIsoCache = new Map<number, string>();

/** UTC ISO with seconds, for `<time datetime>` and machine outputs. */
export function toUtcIso(epochMs: number): string {
  let iso = utcIsoCache.get(epochMs);
  if (iso === undefined) {
    iso = new Date(epochMs).toISOString().replace('.000Z', 'Z');
    if (utcIsoCache.size > 200_000) utcIsoCache.clear();
    utcIsoCache.set(epochMs, iso);
  }
  return iso;
}

/** Whether an IANA zone name is known to this runtime. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * "Now" for anything time-dependent: SOURCE_DATE_EPOCH (seconds) in `env` when
 * set, so builds are reproducible. The entry points pass their environment:
 * nothing below them reads it.
 */
export function buildNow(env: Record<string, string | undefined>): number {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch.trim() !== '') {
    // Digits only, as reproducible-builds.org defines it: Number() would also take "0x1F", "1.7e9" or " +5 ".
    if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`);
    const seconds = Number(epoch);
    if (seconds > LAST_EPOCH_SECOND) {
      throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (at most ${LAST_EPOCH_SECOND}: 9999-12-31), got "${epoch}"; milliseconds?`);
    }
    return seconds * 1000;
  }
  return Date.now();
}

/** 9999-12-31T23:59:59Z: the last second a four-digit year can show. */
const LAST_EPOCH_SECOND = 253_402_300_799;
