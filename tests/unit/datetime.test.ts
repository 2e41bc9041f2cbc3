import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDuration, formatMonth, monthKey, zoneAbbreviation } from '../../src/lib/render/datetime.ts';
import { projectRoot } from './helpers.ts';

/*
 * Every expectation below was worked out from the calendar, not copied from output:
 * 2018-04-12 was a Thursday; the US changed to PDT on Sun 2018-03-11 at 10:00 UTC and back
 * to PST on Sun 2018-11-04 at 09:00 UTC; the UK changed to BST on Sun 2018-03-25 at 01:00 UTC
 * and back to GMT on Sun 2018-10-28 at 01:00 UTC; Japan has no DST (UTC+9 all year).
 */
const rows: [string, string, string, string, string, string, string, string][] = [
  // instant (UTC), zone, ja date-time, en date-time, ja date, en date, ja month, en month
  ['2018-04-12T09:00:00Z', 'Asia/Tokyo', '2018年4月12日(木) 18:00 JST', 'Thu, 12 Apr 2018 18:00 JST', '2018年4月12日(木)', 'Thu, 12 Apr 2018', '2018年4月', 'April 2018'],
  ['2018-07-01T19:05:00Z', 'Asia/Tokyo', '2018年7月2日(月) 04:05 JST', 'Mon, 2 Jul 2018 04:05 JST', '2018年7月2日(月)', 'Mon, 2 Jul 2018', '2018年7月', 'July 2018'],
  ['2018-04-30T15:30:00Z', 'Asia/Tokyo', '2018年5月1日(火) 00:30 JST', 'Tue, 1 May 2018 00:30 JST', '2018年5月1日(火)', 'Tue, 1 May 2018', '2018年5月', 'May 2018'],
  ['2018-12-31T23:59:00Z', 'Asia/Tokyo', '2019年1月1日(火) 08:59 JST', 'Tue, 1 Jan 2019 08:59 JST', '2019年1月1日(火)', 'Tue, 1 Jan 2019', '2019年1月', 'January 2019'],
  ['2018-04-12T09:00:00Z', 'America/Los_Angeles', '2018年4月12日(木) 02:00 PDT', 'Thu, 12 Apr 2018 02:00 PDT', '2018年4月12日(木)', 'Thu, 12 Apr 2018', '2018年4月', 'April 2018'],
  ['2018-01-15T20:30:00Z', 'America/Los_Angeles', '2018年1月15日(月) 12:30 PST', 'Mon, 15 Jan 2018 12:30 PST', '2018年1月15日(月)', 'Mon, 15 Jan 2018', '2018年1月', 'January 2018'],
  ['2018-03-11T09:59:00Z', 'America/Los_Angeles', '2018年3月11日(日) 01:59 PST', 'Sun, 11 Mar 2018 01:59 PST', '2018年3月11日(日)', 'Sun, 11 Mar 2018', '2018年3月', 'March 2018'],
  ['2018-03-11T10:00:00Z', 'America/Los_Angeles', '2018年3月11日(日) 03:00 PDT', 'Sun, 11 Mar 2018 03:00 PDT', '2018年3月11日(日)', 'Sun, 11 Mar 2018', '2018年3月', 'March 2018'],
  ['2018-11-04T08:30:00Z', 'America/Los_Angeles', '2018年11月4日(日) 01:30 PDT', 'Sun, 4 Nov 2018 01:30 PDT', '2018年11月4日(日)', 'Sun, 4 Nov 2018', '2018年11月', 'November 2018'],
  ['2018-11-04T09:30:00Z', 'America/Los_Angeles', '2018年11月4日(日) 01:30 PST', 'Sun, 4 Nov 2018 01:30 PST', '2018年11月4日(日)', 'Sun, 4 Nov 2018', '2018年11月', 'November 2018'],
  ['2018-07-01T00:00:00Z', 'America/Los_Angeles', '2018年6月30日(土) 17:00 PDT', 'Sat, 30 Jun 2018 17:00 PDT', '2018年6月30日(土)', 'Sat, 30 Jun 2018', '2018年6月', 'June 2018'],
  ['2018-04-12T09:00:00Z', 'UTC', '2018年4月12日(木) 09:00 UTC', 'Thu, 12 Apr 2018 09:00 UTC', '2018年4月12日(木)', 'Thu, 12 Apr 2018', '2018年4月', 'April 2018'],
  ['2018-04-30T23:30:00Z', 'UTC', '2018年4月30日(月) 23:30 UTC', 'Mon, 30 Apr 2018 23:30 UTC', '2018年4月30日(月)', 'Mon, 30 Apr 2018', '2018年4月', 'April 2018'],
  ['2018-01-15T20:30:00Z', 'Europe/London', '2018年1月15日(月) 20:30 GMT', 'Mon, 15 Jan 2018 20:30 GMT', '2018年1月15日(月)', 'Mon, 15 Jan 2018', '2018年1月', 'January 2018'],
  ['2018-07-01T19:05:00Z', 'Europe/London', '2018年7月1日(日) 20:05 BST', 'Sun, 1 Jul 2018 20:05 BST', '2018年7月1日(日)', 'Sun, 1 Jul 2018', '2018年7月', 'July 2018'],
  ['2018-03-25T00:59:00Z', 'Europe/London', '2018年3月25日(日) 00:59 GMT', 'Sun, 25 Mar 2018 00:59 GMT', '2018年3月25日(日)', 'Sun, 25 Mar 2018', '2018年3月', 'March 2018'],
  ['2018-03-25T01:00:00Z', 'Europe/London', '2018年3月25日(日) 02:00 BST', 'Sun, 25 Mar 2018 02:00 BST', '2018年3月25日(日)', 'Sun, 25 Mar 2018', '2018年3月', 'March 2018'],
  ['2018-10-28T00:30:00Z', 'Europe/London', '2018年10月28日(日) 01:30 BST', 'Sun, 28 Oct 2018 01:30 BST', '2018年10月28日(日)', 'Sun, 28 Oct 2018', '2018年10月', 'October 2018'],
  ['2018-10-28T01:30:00Z', 'Europe/London', '2018年10月28日(日) 01:30 GMT', 'Sun, 28 Oct 2018 01:30 GMT', '2018年10月28日(日)', 'Sun, 28 Oct 2018', '2018年10月', 'October 2018'],
];

describe.each(rows)('%s in %s', (instant, zone, jaDateTime, enDateTime, jaDate, enDate, jaMonth, enMonth) => {
  const epochMs = Date.parse(instant);
  it('formatDateTime ja', () => expect(formatDateTime(epochMs, 'ja', zone)).toBe(jaDateTime));
  it('formatDateTime en', () => expect(formatDateTime(epochMs, 'en', zone)).toBe(enDateTime));
  it('formatDate ja', () => expect(formatDate(epochMs, 'ja', zone)).toBe(jaDate));
  it('formatDate en', () => expect(formatDate(epochMs, 'en', zone)).toBe(enDate));
  it('formatMonth ja', () => expect(formatMonth(epochMs, 'ja', zone)).toBe(jaMonth));
  it('formatMonth en', () => expect(formatMonth(epochMs, 'en', zone)).toBe(enMonth));
  it('monthKey agrees with the month shown', () => {
    const [, year, month] = /^(\d{4})年(\d{1,2})月$/.exec(jaMonth)!;
    expect(monthKey(epochMs, zone)).toBe(`${year}-${month!.padStart(2, '0')}`);
  });
});

describe('zoneAbbreviation', () => {
  it.each([
    ['2018-04-12T09:00:00Z', 'Asia/Tokyo', 'JST'],
    ['2018-07-01T00:00:00Z', 'America/Los_Angeles', 'PDT'],
    ['2018-01-01T00:00:00Z', 'America/Los_Angeles', 'PST'],
    ['2018-07-01T00:00:00Z', 'Europe/London', 'BST'],
    ['2018-01-01T00:00:00Z', 'Europe/London', 'GMT'],
    ['2018-01-01T00:00:00Z', 'UTC', 'UTC'],
    ['2018-01-01T00:00:00Z', 'Asia/Kolkata', 'IST'],
    // No alphabetic abbreviation exists: an offset, never an empty string.
    ['2018-01-01T00:00:00Z', 'Etc/GMT-9', 'GMT+9'],
  ])('%s in %s → %s', (instant, zone, expected) => {
    expect(zoneAbbreviation(Date.parse(instant), zone)).toBe(expected);
  });

  // Adelaide moves from ACST (+9:30) to ACDT (+10:30) at 02:00 local, i.e. at half past a UTC hour.
  // Both instants of the same UTC hour must get their own name, whichever is asked first.
  it.each([
    ['before, then after', ['2024-10-05T16:15:00Z', '2024-10-05T16:45:00Z'], ['ACST', 'ACDT']],
    ['after, then before', ['2023-09-30T16:45:00Z', '2023-09-30T16:15:00Z'], ['ACDT', 'ACST']],
  ])('names both sides of a half-hour change in Australia/Adelaide, asked %s', (_order, instants, expected) => {
    expect(instants.map((instant) => zoneAbbreviation(Date.parse(instant), 'Australia/Adelaide'))).toEqual(expected);
  });
});

describe('formatDuration', () => {
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  it.each([
    [8 * day + 2 * hour, '8日2時間', '8 days, 2 hours'],
    [day, '1日', '1 day'],
    [2 * day, '2日', '2 days'],
    [hour, '1時間', '1 hour'],
    [90 * minute, '1時間30分', '1 hour, 30 minutes'],
    [35 * minute, '35分', '35 minutes'],
    [minute, '1分', '1 minute'],
    [day + minute, '1日1分', '1 day, 1 minute'],
    [2 * day + 3 * hour + 4 * minute, '2日3時間4分', '2 days, 3 hours, 4 minutes'],
    // Rounded to the nearest minute.
    [30_000, '1分', '1 minute'],
    [hour + 29_999, '1時間', '1 hour'],
    // Nothing, or less than half a minute, is "0 minutes" (the code means to show minutes when
    // there are no days or hours), never an empty string.
    [0, '0分', '0 minutes'],
    [29_999, '0分', '0 minutes'],
    [-5_000, '0分', '0 minutes'],
  ])('%i ms → %s / %s', (duration, ja, en) => {
    expect(formatDuration(duration, 'ja')).toBe(ja);
    expect(formatDuration(duration, 'en')).toBe(en);
  });
});

describe('output does not depend on the machine time zone or locale', () => {
  const moduleUrl = pathToFileURL(join(projectRoot, 'src/lib/render/datetime.ts')).href;
  const datesUrl = pathToFileURL(join(projectRoot, 'src/lib/core/dates.ts')).href;
  const instants = ['2018-04-12T09:00:00Z', '2018-11-04T09:30:00Z', '2018-04-30T15:30:00Z'].map((s) => Date.parse(s));
  const zones = ['Asia/Tokyo', 'America/Los_Angeles', 'UTC', 'Europe/London'];

  const compute = (fmt: { formatDateTime: typeof formatDateTime; formatDate: typeof formatDate; formatMonth: typeof formatMonth; formatDuration: typeof formatDuration }) =>
    zones.flatMap((zone) =>
      instants.flatMap((t) => [
        fmt.formatDateTime(t, 'ja', zone),
        fmt.formatDateTime(t, 'en', zone),
        fmt.formatDate(t, 'en', zone),
        fmt.formatMonth(t, 'en', zone),
      ]),
    ).concat([fmt.formatDuration(698_400_000, 'ja'), fmt.formatDuration(698_400_000, 'en')]);

  it('a child process with TZ=America/New_York and LANG=C prints the same strings', () => {
    const script = `
      const fmt = await import(${JSON.stringify(moduleUrl)});
      const dates = await import(${JSON.stringify(datesUrl)});
      const instants = ${JSON.stringify(instants)};
      const zones = ${JSON.stringify(zones)};
      const values = zones.flatMap((zone) => instants.flatMap((t) => [
        fmt.formatDateTime(t, 'ja', zone), fmt.formatDateTime(t, 'en', zone), fmt.formatDate(t, 'en', zone), fmt.formatMonth(t, 'en', zone),
      ])).concat([fmt.formatDuration(698400000, 'ja'), fmt.formatDuration(698400000, 'en')]);
      const parsed = dates.parseInstant('2018-04-13 12:00', 'Asia/Tokyo');
      console.log(JSON.stringify({
        machineZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        machineOffset: new Date(Date.UTC(2018, 3, 12)).getTimezoneOffset(),
        values,
        parsed,
        zoned: dates.toZonedIso(${Date.parse('2018-04-12T09:00:00Z')}, 'Asia/Tokyo'),
      }));
    `;
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('LC_')) env[key] = value;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...env, TZ: 'America/New_York', LANG: 'C' },
    });
    expect(child.stderr.replace(/^.*ExperimentalWarning.*\n?/gm, '').replace(/^\(Use `node --trace-warnings.*\n?/gm, '')).toBe('');
    expect(child.status).toBe(0);
    const out = JSON.parse(child.stdout) as { machineZone: string; machineOffset: number; values: string[]; parsed: unknown; zoned: string };
    // The child really runs in another zone (New York is UTC-4 on 2018-04-12)...
    expect(out.machineZone).toBe('America/New_York');
    expect(out.machineOffset).toBe(240);
    // ...and still formats exactly as this process does, and as the calendar says.
    expect(out.values).toEqual(compute({ formatDateTime, formatDate, formatMonth, formatDuration }));
    expect(out.values[0]).toBe('2018年4月12日(木) 18:00 JST');
    expect(out.values[1]).toBe('Thu, 12 Apr 2018 18:00 JST');
    expect(out.parsed).toEqual({ ok: false, problem: 'has no UTC offset; write 2018-04-13T12:00:00+09:00' });
    expect(out.zoned).toBe('2018-04-12T18:00:00+09:00');
  });
});
