import { describe, expect, it } from 'vitest';
import {
  buildNow,
  dateToDayNumber,
  dayNumberToDate,
  daysInMonth,
  formatOffset,
  isKnownTimeZone,
  parseInstant,
  startOfZonedDay,
  toUtcIso,
  toZonedIso,
  zonedDayNumber,
  zonedWallTimeToEpoch,
  zoneOffsetMinutes,
} from '../../src/lib/core/dates.ts';

/** UTC instant from calendar fields (month 1-based), so expectations read like the calendar. */
const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, msec = 0) => Date.UTC(y, mo - 1, d, h, mi, s, msec);
const HOUR = 3_600_000;

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
    // 01:30 happens twice on 4 November (PDT, then PST): the first. 02:30 on 11 March never happens: the clocks jump to 03:00.
    ['2018-11-04 01:30', 'America/Los_Angeles', 'has no UTC offset; write 2018-11-04T01:30:00-07:00'],
    ['2018-03-11 02:30', 'America/Los_Angeles', 'has no UTC offset; write 2018-03-11T03:00:00-07:00'],
    // The same east of UTC: 01:30 on 28 October 2018 is BST, then GMT; 01:30 on 25 March is skipped.
    ['2018-10-28 01:30', 'Europe/London', 'has no UTC offset; write 2018-10-28T01:30:00+01:00'],
    ['2018-03-25 01:30', 'Europe/London', 'has no UTC offset; write 2018-03-25T02:00:00+01:00'],
    // A date alone means the start of that day, which in Santiago on 2024-09-08 is 01:00.
    ['2024-09-08', 'America/Santiago', 'has no time of day; write 2024-09-08T01:00:00-03:00'],
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

  it('buildNow uses SOURCE_DATE_EPOCH seconds when set, and rejects anything but digits, and milliseconds', () => {
    expect(buildNow({ SOURCE_DATE_EPOCH: '1700000000' })).toBe(1_700_000_000_000);
    expect(() => buildNow({ SOURCE_DATE_EPOCH: '1.5' })).toThrow('SOURCE_DATE_EPOCH must be whole seconds since 1970, got "1.5"');
    // Digits only: what Number() would also read is refused.
    for (const lenient of ['0x6553F100', '1.7e9', ' 1700000000', '1700000000.0', '+5', '-86400']) {
      expect(() => buildNow({ SOURCE_DATE_EPOCH: lenient }), lenient).toThrow(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${lenient}"`);
    }
    // Milliseconds by mistake: the year 55 841.
    expect(() => buildNow({ SOURCE_DATE_EPOCH: '1700000000000' })).toThrow(/at most 253402300799: 9999-12-31\), got "1700000000000"; milliseconds\?/);
    expect(buildNow({ SOURCE_DATE_EPOCH: '253402300799' })).toBe(Date.UTC(9999, 11, 31, 23, 59, 59));
    const before = Date.now();
    const now = buildNow({});
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('zonedWallTimeToEpoch: a wall-clock time in a zone as an instant', () => {
  it.each([
    // zone, wall-clock time, instant
    ['Asia/Tokyo', utc(2018, 4, 12, 18), utc(2018, 4, 12, 9)],
    ['America/Los_Angeles', utc(2018, 7, 1, 12), utc(2018, 7, 1, 19)],
    // Happens twice: the first (PDT, BST).
    ['America/Los_Angeles', utc(2018, 11, 4, 1, 30), utc(2018, 11, 4, 8, 30)],
    ['Europe/London', utc(2018, 10, 28, 1, 30), utc(2018, 10, 28, 0, 30)],
    // Skipped: the instant the clocks jump over it.
    ['America/Los_Angeles', utc(2018, 3, 11, 2, 30), utc(2018, 3, 11, 10)],
    ['Europe/London', utc(2018, 3, 25, 1, 30), utc(2018, 3, 25, 1)],
  ])('%s %i → %i', (zone, wall, instant) => {
    expect(zonedWallTimeToEpoch(wall, zone)).toBe(instant);
  });
});

describe('calendar days in a zone', () => {
  it('numbers days from 1970-01-01 and back', () => {
    expect(dateToDayNumber('1970-01-01')).toBe(0);
    expect(dayNumberToDate(dateToDayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(() => dateToDayNumber('2024-2-29')).toThrow('not a date (YYYY-MM-DD): 2024-2-29');
    // 2024-01-10 15:00 UTC is already the 11th in Tokyo, still the 10th in Los Angeles.
    expect(dayNumberToDate(zonedDayNumber(utc(2024, 1, 10, 15), 'Asia/Tokyo'))).toBe('2024-01-11');
    expect(dayNumberToDate(zonedDayNumber(utc(2024, 1, 10, 15), 'America/Los_Angeles'))).toBe('2024-01-10');
  });
});

describe('startOfZonedDay: the first instant of a calendar day in a zone', () => {
  it.each([
    // zone, date, first instant of the day, length of the day in hours
    ['Asia/Tokyo', '2024-01-11', '2024-01-10T15:00:00.000Z', 24],
    ['UTC', '2024-01-11', '2024-01-11T00:00:00.000Z', 24],
    ['America/Los_Angeles', '2024-03-10', '2024-03-10T08:00:00.000Z', 23],
    ['America/Los_Angeles', '2024-03-11', '2024-03-11T07:00:00.000Z', 24],
    ['America/Los_Angeles', '2024-11-03', '2024-11-03T07:00:00.000Z', 25],
    ['America/Los_Angeles', '2024-11-04', '2024-11-04T08:00:00.000Z', 24],
    // Chile skips midnight: on 2024-09-08 the clock jumps from 00:00 to 01:00, so the day starts at 01:00 local (-03:00).
    ['America/Santiago', '2024-09-08', '2024-09-08T04:00:00.000Z', 23],
    // …and on 2024-04-07 it goes back from 00:00 to 23:00 the evening before: midnight happens once, an hour later.
    ['America/Santiago', '2024-04-07', '2024-04-07T04:00:00.000Z', 24],
    ['America/Santiago', '2024-04-06', '2024-04-06T03:00:00.000Z', 25],
    // Lebanon skips midnight east of UTC: on 2024-03-31 the clock jumps from 00:00 (+02:00) to 01:00 (+03:00).
    ['Asia/Beirut', '2024-03-31', '2024-03-30T22:00:00.000Z', 23],
    ['Asia/Beirut', '2024-03-30', '2024-03-29T22:00:00.000Z', 24],
    // Cuba skips midnight on 2024-03-10 and goes back from 01:00 to 00:00 on 2024-11-03: that midnight happens twice, the day starts at the first.
    ['America/Havana', '2024-03-10', '2024-03-10T05:00:00.000Z', 23],
    ['America/Havana', '2024-11-03', '2024-11-03T04:00:00.000Z', 25],
    ['Australia/Lord_Howe', '2024-10-06', '2024-10-05T13:30:00.000Z', 23.5],
  ])('%s %s starts at %s and lasts %d hours', (zone, date, start, hours) => {
    const day = dateToDayNumber(date);
    expect(new Date(startOfZonedDay(date, zone)).toISOString()).toBe(start);
    expect(startOfZonedDay(day, zone)).toBe(startOfZonedDay(date, zone));
    expect((startOfZonedDay(day + 1, zone) - startOfZonedDay(day, zone)) / HOUR).toBe(hours);
    // The instant before the start belongs to the day before.
    expect(zonedDayNumber(startOfZonedDay(day, zone), zone)).toBe(day);
    expect(zonedDayNumber(startOfZonedDay(day, zone) - 1, zone)).toBe(day - 1);
  });

  it('writes the Santiago day start as the first wall-clock time that exists that day', () => {
    expect(toZonedIso(startOfZonedDay('2024-09-08', 'America/Santiago'), 'America/Santiago')).toBe('2024-09-08T01:00:00-03:00');
  });
});
