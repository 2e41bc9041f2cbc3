import { describe, expect, it } from 'vitest';
import {
  buildNow,
  daysInMonth,
  formatOffset,
  isKnownTimeZone,
  parseInstant,
  toUtcIso,
  toZonedIso,
  zoneOffsetMinutes,
} from '../../src/lib/core/dates.ts';

/** UTC instant from calendar fields (month 1-based), so expectations read like the calendar. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, msec = 0) => Date.UTC(y, mo - 1, d, h, mi, s, msec);

describe('parseInstant: valid ISO 8601 with an explicit offset', () => {
  it.each([
    // input, zone, expected instant
    ['2018-04-12T18:00:00+09:00', 'Asia/Tokyo', utc(2018, 4, 12, 9)],
    ['2018-04-12T18:00+09:00', 'Asia/Tokyo', utc(2018, 4, 12, 9)],
    ['2018-04-12T09:00:00Z', 'Asia/Tokyo', utc(2018, 4, 12, 9)],
    ['2018-04-12T09:00Z', 'UTC', utc(2018, 4, 12, 9)],
    ['2018-04-12T09:00:00+00:00', 'UTC', utc(2018, 4, 12, 9)],
    ['2018-04-12T02:00:00-07:00', 'America/Los_Angeles', utc(2018, 4, 12, 9)],
    ['2018-01-15T12:00:00-08:00', 'America/Los_Angeles', utc(2018, 1, 15, 20)],
    ['2018-04-12T14:30:00+05:30', 'Asia/Kolkata', utc(2018, 4, 12, 9)],
    ['2018-04-12T14:45:00+05:45', 'Asia/Kathmandu', utc(2018, 4, 12, 9)],
    ['2018-04-12T18:00:00.250+09:00', 'Asia/Tokyo', utc(2018, 4, 12, 9, 0, 0, 250)],
    ['2018-04-12T18:00:00.123456789+09:00', 'Asia/Tokyo', utc(2018, 4, 12, 9, 0, 0, 123)],
    ['2018-01-01T00:30:00+09:00', 'Asia/Tokyo', utc(2017, 12, 31, 15, 30)],
    ['2018-12-31T23:59:59+14:00', 'Pacific/Kiritimati', utc(2018, 12, 31, 9, 59, 59)],
    ['2020-02-29T12:00:00+09:00', 'Asia/Tokyo', utc(2020, 2, 29, 3)],
    ['2000-02-29T00:00:00Z', 'UTC', utc(2000, 2, 29)],
  ])('%s (zone %s)', (input, zone, expected) => {
    expect(parseInstant(input, zone)).toEqual({ ok: true, epochMs: expected });
  });

  it('ignores the zone argument when the offset is written', () => {
    const zones = ['Asia/Tokyo', 'America/Los_Angeles', 'UTC', 'Europe/London'];
    const results = zones.map((zone) => parseInstant('2018-07-01T12:00:00+09:00', zone));
    for (const result of results) expect(result).toEqual({ ok: true, epochMs: utc(2018, 7, 1, 3) });
  });
});

describe('parseInstant: a missing offset suggests the offset the display zone has at that time', () => {
  it.each([
    ['2018-04-13 12:00', 'Asia/Tokyo', 'has no UTC offset; write 2018-04-13T12:00:00+09:00'],
    ['2018-04-13T12:00:00', 'Asia/Tokyo', 'has no UTC offset; write 2018-04-13T12:00:00+09:00'],
    ['2018-04-13T12:00', 'Asia/Tokyo', 'has no UTC offset; write 2018-04-13T12:00:00+09:00'],
    ['2018-4-2 9:05', 'Asia/Tokyo', 'has no UTC offset; write 2018-04-02T09:05:00+09:00'],
    // Los Angeles: PDT (-07:00) in summer, PST (-08:00) in winter.
    ['2018-07-01 12:00', 'America/Los_Angeles', 'has no UTC offset; write 2018-07-01T12:00:00-07:00'],
    ['2018-01-15 12:00', 'America/Los_Angeles', 'has no UTC offset; write 2018-01-15T12:00:00-08:00'],
    // Either side of the 2018 changes (11 March 02:00 PST → PDT, 4 November 02:00 PDT → PST).
    ['2018-03-11 01:59', 'America/Los_Angeles', 'has no UTC offset; write 2018-03-11T01:59:00-08:00'],
    ['2018-03-11 03:00', 'America/Los_Angeles', 'has no UTC offset; write 2018-03-11T03:00:00-07:00'],
    ['2018-11-04 00:30', 'America/Los_Angeles', 'has no UTC offset; write 2018-11-04T00:30:00-07:00'],
    ['2018-11-04 02:30', 'America/Los_Angeles', 'has no UTC offset; write 2018-11-04T02:30:00-08:00'],
    ['2018-07-01 12:00', 'Europe/London', 'has no UTC offset; write 2018-07-01T12:00:00+01:00'],
    ['2018-01-15 12:00', 'Europe/London', 'has no UTC offset; write 2018-01-15T12:00:00+00:00'],
    ['2018-04-13 12:00', 'Asia/Kolkata', 'has no UTC offset; write 2018-04-13T12:00:00+05:30'],
    ['2018-04-13 12:00', 'UTC', 'has no UTC offset; write 2018-04-13T12:00:00+00:00'],
  ])('%s in %s', (input, zone, problem) => {
    expect(parseInstant(input, zone)).toEqual({ ok: false, problem });
  });
});

describe('parseInstant: other malformed values explain the fix', () => {
  it.each([
    ['2018-04-12', 'Asia/Tokyo', 'has no time of day; write 2018-04-12T00:00:00+09:00'],
    ['2018-07-01', 'America/Los_Angeles', 'has no time of day; write 2018-07-01T00:00:00-07:00'],
    ['2018-04-12 18:00+09:00', 'Asia/Tokyo', 'is not in ISO 8601 form; write 2018-04-12T18:00:00+09:00'],
    ['2018-04-12T18:00:00+0900', 'Asia/Tokyo', 'is not in ISO 8601 form; write 2018-04-12T18:00:00+09:00'],
    ['2018-04-12T9:00:00+09:00', 'Asia/Tokyo', 'is not in ISO 8601 form; write 2018-04-12T09:00:00+09:00'],
    // Lower-case t and z, or Z after a space, are not the strict form.
    ['2018-04-12t09:00:00z', 'Asia/Tokyo', 'is not in ISO 8601 form; write 2018-04-12T09:00:00Z'],
    ['2018-04-12 09:00Z', 'Asia/Tokyo', 'is not in ISO 8601 form; write 2018-04-12T09:00:00Z'],
    ['yesterday', 'Asia/Tokyo', 'is not a date and time; write it as ISO 8601 with a UTC offset, e.g. 2018-04-12T18:00:00+09:00'],
    ['', 'Asia/Tokyo', 'is not a date and time; write it as ISO 8601 with a UTC offset, e.g. 2018-04-12T18:00:00+09:00'],
    ['12/04/2018 18:00', 'America/Los_Angeles', 'is not a date and time; write it as ISO 8601 with a UTC offset, e.g. 2018-04-12T18:00:00-07:00'],
  ])('%j in %s', (input, zone, problem) => {
    expect(parseInstant(input, zone)).toEqual({ ok: false, problem });
  });
});

describe('parseInstant: impossible calendar values', () => {
  it.each([
    ['2018-02-30T12:00:00+09:00', 'is not a real date: February 2018 has 28 days'],
    ['2018-02-29T12:00:00+09:00', 'is not a real date: February 2018 has 28 days'],
    ['2016-02-30T12:00:00+09:00', 'is not a real date: February 2016 has 29 days'],
    ['1900-02-29T12:00:00Z', 'is not a real date: February 1900 has 28 days'],
    ['2018-04-31T12:00:00+09:00', 'is not a real date: April 2018 has 30 days'],
    ['2018-04-00T12:00:00Z', 'is not a real date: April 2018 has 30 days'],
    // A calendar error wins over a missing offset: no point suggesting an offset for 30 February.
    ['2018-02-30 12:00', 'is not a real date: February 2018 has 28 days'],
    ['2018-13-01T12:00:00+09:00', 'has month 13, which does not exist; months run from 01 to 12'],
    ['2018-00-10T12:00:00Z', 'has month 0, which does not exist; months run from 01 to 12'],
    ['2018-04-12T24:00:00+09:00', 'has hour 24; hours run from 00 to 23'],
    ['2018-04-12 25:00', 'has hour 25; hours run from 00 to 23'],
    ['2018-04-12T12:60:00+09:00', 'has minute 60; minutes run from 00 to 59'],
    ['2018-04-12T12:00:60+09:00', 'has second 60; seconds run from 00 to 59'],
    ['2018-04-12T12:00:00+15:00', 'has an impossible UTC offset +15:00; offsets run from -12:00 to +14:00'],
    ['2018-04-12T12:00:00+09:60', 'has an impossible UTC offset +09:60; offsets run from -12:00 to +14:00'],
    // The message itself says offsets stop at -12:00, so -13:00 must be rejected too.
    ['2018-04-12T12:00:00-13:00', 'has an impossible UTC offset -13:00; offsets run from -12:00 to +14:00'],
  ])('%s', (input, problem) => {
    expect(parseInstant(input, 'Asia/Tokyo')).toEqual({ ok: false, problem });
  });

  it.each([
    ['2018-04-12T12:00:00+14:00', utc(2018, 4, 11, 22)],
    ['2018-04-12T12:00:00-12:00', utc(2018, 4, 13, 0)],
  ])('accepts the extreme real offsets: %s', (input, expected) => {
    expect(parseInstant(input, 'UTC')).toEqual({ ok: true, epochMs: expected });
  });
});

describe('toUtcIso', () => {
  it.each([
    [0, '1970-01-01T00:00:00Z'],
    [utc(2018, 4, 12, 9), '2018-04-12T09:00:00Z'],
    [utc(2018, 4, 12, 9, 0, 0, 500), '2018-04-12T09:00:00.500Z'],
    [utc(2017, 12, 31, 23, 59, 59), '2017-12-31T23:59:59Z'],
  ])('%i → %s', (epochMs, expected) => {
    expect(toUtcIso(epochMs)).toBe(expected);
  });
});

describe('toZonedIso', () => {
  it.each([
    [utc(2018, 4, 12, 9), 'Asia/Tokyo', '2018-04-12T18:00:00+09:00'],
    [utc(2018, 4, 30, 15, 30), 'Asia/Tokyo', '2018-05-01T00:30:00+09:00'],
    [utc(2018, 7, 1, 19), 'America/Los_Angeles', '2018-07-01T12:00:00-07:00'],
    [utc(2018, 1, 15, 20), 'America/Los_Angeles', '2018-01-15T12:00:00-08:00'],
    [utc(2018, 1, 1, 5), 'America/Los_Angeles', '2017-12-31T21:00:00-08:00'],
    [utc(2018, 11, 4, 8, 59, 59), 'America/Los_Angeles', '2018-11-04T01:59:59-07:00'],
    [utc(2018, 11, 4, 9), 'America/Los_Angeles', '2018-11-04T01:00:00-08:00'],
    [utc(2018, 4, 12, 9), 'Asia/Kolkata', '2018-04-12T14:30:00+05:30'],
    [utc(2018, 4, 12, 9), 'UTC', '2018-04-12T09:00:00+00:00'],
    [utc(2018, 7, 1, 9), 'Europe/London', '2018-07-01T10:00:00+01:00'],
    [utc(2018, 1, 1, 0), 'Pacific/Chatham', '2018-01-01T13:45:00+13:45'],
  ])('%i in %s → %s', (epochMs, zone, expected) => {
    expect(toZonedIso(epochMs, zone)).toBe(expected);
  });

  it.each(['Asia/Tokyo', 'America/Los_Angeles', 'Europe/London', 'UTC', 'Asia/Kathmandu'])('round-trips through parseInstant in %s', (zone) => {
    for (const instant of [utc(2018, 3, 11, 9, 59), utc(2018, 3, 11, 10), utc(2018, 11, 4, 8, 30), utc(2018, 11, 4, 9, 30), utc(2018, 6, 30, 23, 59, 59)]) {
      expect(parseInstant(toZonedIso(instant, zone), zone)).toEqual({ ok: true, epochMs: instant });
    }
  });
});

describe('zoneOffsetMinutes', () => {
  it.each([
    [utc(2018, 4, 12, 9), 'Asia/Tokyo', 540],
    [utc(2018, 7, 1), 'America/Los_Angeles', -420],
    [utc(2018, 1, 1), 'America/Los_Angeles', -480],
    // US spring-forward 2018-03-11 10:00 UTC, fall-back 2018-11-04 09:00 UTC.
    [utc(2018, 3, 11, 9, 59, 59), 'America/Los_Angeles', -480],
    [utc(2018, 3, 11, 10), 'America/Los_Angeles', -420],
    [utc(2018, 11, 4, 8, 59, 59), 'America/Los_Angeles', -420],
    [utc(2018, 11, 4, 9), 'America/Los_Angeles', -480],
    // EU summer time 2018-03-25 01:00 UTC.
    [utc(2018, 3, 25, 0, 59, 59), 'Europe/London', 0],
    [utc(2018, 3, 25, 1), 'Europe/London', 60],
    [utc(2018, 4, 12), 'UTC', 0],
    [utc(2018, 4, 12), 'Asia/Kolkata', 330],
    [utc(2018, 4, 12), 'Asia/Kathmandu', 345],
    [utc(2018, 1, 1), 'Pacific/Chatham', 825],
    [utc(2018, 1, 1), 'Pacific/Kiritimati', 840],
    // Milliseconds and instants before 1970 do not disturb the arithmetic.
    [utc(2018, 4, 12, 9, 0, 0, 999), 'Asia/Tokyo', 540],
    [-1500, 'Asia/Tokyo', 540],
    [-1500, 'America/Los_Angeles', -480],
  ])('%i in %s → %i', (epochMs, zone, expected) => {
    expect(zoneOffsetMinutes(epochMs, zone)).toBe(expected);
  });
});

describe('small helpers', () => {
  it.each([
    [2018, 2, 28],
    [2016, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2018, 4, 30],
    [2018, 12, 31],
  ])('daysInMonth(%i, %i) = %i', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    [540, '+09:00'],
    [-420, '-07:00'],
    [0, '+00:00'],
    [330, '+05:30'],
    [-570, '-09:30'],
  ])('formatOffset(%i) = %s', (minutes, expected) => {
    expect(formatOffset(minutes)).toBe(expected);
  });

  it.each([
    ['Asia/Tokyo', true],
    ['America/Los_Angeles', true],
    ['UTC', true],
    ['Tokyo', false],
    ['Asia/Osaka', false],
    ['', false],
  ])('isKnownTimeZone(%j) = %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });

  it('buildNow uses SOURCE_DATE_EPOCH seconds when set, and rejects fractions', () => {
    expect(buildNow({ SOURCE_DATE_EPOCH: '1700000000' })).toBe(1_700_000_000_000);
    expect(() => buildNow({ SOURCE_DATE_EPOCH: '1.5' })).toThrow('SOURCE_DATE_EPOCH must be whole seconds since 1970, got "1.5"');
    const before = Date.now();
    const now = buildNow({});
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
