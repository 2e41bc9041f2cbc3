import { describe, expect, it } from 'vitest';
import { deriveAvailability } from '../../src/lib/model/availability/components.ts';
import { AVAILABILITY_DAYS, dailyWorstStates } from '../../src/lib/model/availability/days.ts';
import { deriveAllStateIntervals, deriveStateIntervals, type StateInterval } from '../../src/lib/model/availability/intervals.ts';
import { formatUptimePercent, measureAvailability, uptime, uptimePeriod } from '../../src/lib/model/availability/uptime.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import type { Incident, SiteContent } from '../../src/lib/content/types.ts';
import { buildAvailabilityJson } from '../../src/lib/outputs/availability-json.ts';
import { COMPONENT_STATES, type ComponentState } from '../../src/lib/core/states.ts';
import { makeConfig, makeIncident, ms, projectRoot, type NoticeSpec } from './helpers.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An unplanned incident on one component: opens at `from` in `state`, closed by a resumption at `to` (open when omitted). */
function outage(slug: string, component: string, state: ComponentState, from: string, to?: string): Incident {
  const notices: Record<string, NoticeSpec> = { [`${slug}-open`]: { type: 'suspension', date: from, components: { [component]: state } } };
  if (to) notices[`${slug}-close`] = { type: 'resumption', date: to };
  return makeIncident(slug, { notices });
}

/** Planned maintenance on `payouts`: the notices are given in order. */
function maintenance(slug: string, notices: Record<string, NoticeSpec>): Incident {
  return makeIncident(slug, { notices });
}

/** Intervals as readable rows: [start ISO, end ISO or 'open', state, planned, incidents]. */
function rows(intervals: readonly StateInterval[]): [string, string, string, boolean, string][] {
  const iso = (t: number) => (Number.isFinite(t) ? new Date(t).toISOString() : 'open');
  return intervals.map((i) => [iso(i.start), iso(i.end), i.state, i.planned, i.incidents.join(',')]);
}

/** The days of a series that are not plain operational, as date → [state, minutes affected]. */
function affectedDays(days: ReturnType<typeof dailyWorstStates>): Record<string, [string, number]> {
  return Object.fromEntries(days.filter((d) => d.state !== 'operational').map((d) => [d.date, [d.state, d.affectedMs / MINUTE]]));
}

const utc = (iso: string) => new Date(ms(iso)).toISOString();

describe('deriveStateIntervals', () => {
  it.each<[string, Incident[], string, ReturnType<typeof rows>]>([
    [
      'a closed incident: from the opening notice to the resumption',
      [outage('a', 'payments', 'suspended', '2024-01-10T22:00:00+09:00', '2024-01-11T03:00:00+09:00')],
      'payments',
      [[utc('2024-01-10T22:00:00+09:00'), utc('2024-01-11T03:00:00+09:00'), 'suspended', false, 'a']],
    ],
    [
      'an open incident stays open',
      [outage('a', 'payments', 'major_outage', '2024-05-01T09:00:00+09:00')],
      'payments',
      [[utc('2024-05-01T09:00:00+09:00'), 'open', 'major_outage', false, 'a']],
    ],
    [
      'overlap across two incidents: the worse state wins for that time',
      [
        outage('a', 'payments', 'degraded', '2024-06-01T10:00:00+09:00', '2024-06-01T14:00:00+09:00'),
        outage('b', 'payments', 'major_outage', '2024-06-01T12:00:00+09:00', '2024-06-01T13:00:00+09:00'),
      ],
      'payments',
      [
        [utc('2024-06-01T10:00:00+09:00'), utc('2024-06-01T12:00:00+09:00'), 'degraded', false, 'a'],
        [utc('2024-06-01T12:00:00+09:00'), utc('2024-06-01T13:00:00+09:00'), 'major_outage', false, 'a,b'],
        [utc('2024-06-01T13:00:00+09:00'), utc('2024-06-01T14:00:00+09:00'), 'degraded', false, 'a'],
      ],
    ],
    [
      'overlap where the earlier incident is worse: the later one does not lower it',
      [
        outage('a', 'payments', 'suspended', '2024-06-01T10:00:00+09:00', '2024-06-01T14:00:00+09:00'),
        outage('b', 'payments', 'partial_outage', '2024-06-01T12:00:00+09:00', '2024-06-01T16:00:00+09:00'),
      ],
      'payments',
      [
        [utc('2024-06-01T10:00:00+09:00'), utc('2024-06-01T12:00:00+09:00'), 'suspended', false, 'a'],
        [utc('2024-06-01T12:00:00+09:00'), utc('2024-06-01T14:00:00+09:00'), 'suspended', false, 'a,b'],
        [utc('2024-06-01T14:00:00+09:00'), utc('2024-06-01T16:00:00+09:00'), 'partial_outage', false, 'b'],
      ],
    ],
    [
      'a state changes at an update and the resumption resets what it does not mention',
      [makeIncident('a', { notices: {
        s: { type: 'suspension', date: '2024-02-01T10:00:00+09:00', components: { payments: 'major_outage', dashboard: 'degraded' } },
        u: { type: 'update', date: '2024-02-01T11:00:00+09:00', components: { payments: 'partial_outage' } },
        r: { type: 'resumption', date: '2024-02-01T12:30:00+09:00', components: { dashboard: 'operational' } },
        pm: { type: 'postmortem', date: '2024-02-03T10:00:00+09:00' },
      } })],
      'payments',
      [
        [utc('2024-02-01T10:00:00+09:00'), utc('2024-02-01T11:00:00+09:00'), 'major_outage', false, 'a'],
        [utc('2024-02-01T11:00:00+09:00'), utc('2024-02-01T12:30:00+09:00'), 'partial_outage', false, 'a'],
      ],
    ],
    [
      'updates repeating a state do not split it',
      [makeIncident('a', { notices: {
        s: { type: 'suspension', date: '2024-02-01T10:00:00+09:00', components: { payouts: 'suspended' } },
        u1: { type: 'update', date: '2024-02-01T11:00:00+09:00', components: { payouts: 'suspended' } },
        u2: { type: 'update', date: '2024-02-01T12:00:00+09:00' },
        r: { type: 'resumption', date: '2024-02-01T13:00:00+09:00' },
      } })],
      'payouts',
      [[utc('2024-02-01T10:00:00+09:00'), utc('2024-02-01T13:00:00+09:00'), 'suspended', false, 'a']],
    ],
    [
      'maintenance announced in advance holds only from its window start: planned',
      [maintenance('m', {
        a: { type: 'maintenance', date: '2018-05-14T12:00:00+09:00', window: ['2018-05-20T02:00:00+09:00', '2018-05-20T05:00:00+09:00'], components: { payouts: 'maintenance' } },
        c: { type: 'completed', date: '2018-05-20T04:40:00+09:00', components: { payouts: 'operational' } },
      })],
      'payouts',
      [[utc('2018-05-20T02:00:00+09:00'), utc('2018-05-20T04:40:00+09:00'), 'maintenance', true, 'm']],
    ],
    [
      'maintenance that overruns its window: the overrun is not planned',
      [maintenance('m', {
        a: { type: 'maintenance', date: '2018-05-14T12:00:00+09:00', window: ['2018-05-20T02:00:00+09:00', '2018-05-20T05:00:00+09:00'], components: { payouts: 'maintenance' } },
        s: { type: 'update', date: '2018-05-20T02:00:00+09:00', components: { payouts: 'maintenance' } },
        c: { type: 'completed', date: '2018-05-20T06:00:00+09:00' },
      })],
      'payouts',
      [
        [utc('2018-05-20T02:00:00+09:00'), utc('2018-05-20T05:00:00+09:00'), 'maintenance', true, 'm'],
        [utc('2018-05-20T05:00:00+09:00'), utc('2018-05-20T06:00:00+09:00'), 'maintenance', false, 'm'],
      ],
    ],
    [
      'a window extended once it has begun stays planned (its start was announced in advance)',
      [maintenance('m', {
        a: { type: 'maintenance', date: '2018-05-14T12:00:00+09:00', window: ['2018-05-20T02:00:00+09:00', '2018-05-20T05:00:00+09:00'], components: { payouts: 'maintenance' } },
        x: { type: 'update', date: '2018-05-20T04:30:00+09:00', window: ['2018-05-20T02:00:00+09:00', '2018-05-20T06:00:00+09:00'], components: { payouts: 'maintenance' } },
        c: { type: 'completed', date: '2018-05-20T05:30:00+09:00' },
      })],
      'payouts',
      [[utc('2018-05-20T02:00:00+09:00'), utc('2018-05-20T05:30:00+09:00'), 'maintenance', true, 'm']],
    ],
    [
      'a window postponed in advance: only the new window counts',
      [maintenance('m', {
        a: { type: 'maintenance', date: '2018-05-14T12:00:00+09:00', window: ['2018-05-20T02:00:00+09:00', '2018-05-20T05:00:00+09:00'], components: { payouts: 'maintenance' } },
        p: { type: 'update', date: '2018-05-19T12:00:00+09:00', window: ['2018-05-27T02:00:00+09:00', '2018-05-27T05:00:00+09:00'], components: { payouts: 'maintenance' } },
        c: { type: 'completed', date: '2018-05-27T04:00:00+09:00' },
      })],
      'payouts',
      [[utc('2018-05-27T02:00:00+09:00'), utc('2018-05-27T04:00:00+09:00'), 'maintenance', true, 'm']],
    ],
    [
      'maintenance announced after its window began: counted as down from the notice',
      [maintenance('m', {
        a: { type: 'maintenance', date: '2018-05-20T02:30:00+09:00', window: ['2018-05-20T02:00:00+09:00', '2018-05-20T05:00:00+09:00'], components: { payouts: 'maintenance' } },
        c: { type: 'completed', date: '2018-05-20T04:00:00+09:00' },
      })],
      'payouts',
      [[utc('2018-05-20T02:30:00+09:00'), utc('2018-05-20T04:00:00+09:00'), 'maintenance', false, 'm']],
    ],
    [
      'maintenance called off before its window: nothing',
      [maintenance('m', {
        a: { type: 'maintenance', date: '2018-05-14T12:00:00+09:00', window: ['2018-05-20T02:00:00+09:00', '2018-05-20T05:00:00+09:00'], components: { payouts: 'maintenance' } },
        c: { type: 'completed', date: '2018-05-19T12:00:00+09:00', cancelled: true },
      })],
      'payouts',
      [],
    ],
    [
      'a maintenance state in an unplanned incident is not planned',
      [outage('a', 'payouts', 'maintenance', '2024-02-01T10:00:00+09:00', '2024-02-01T11:00:00+09:00')],
      'payouts',
      [[utc('2024-02-01T10:00:00+09:00'), utc('2024-02-01T11:00:00+09:00'), 'maintenance', false, 'a']],
    ],
    [
      'a component an incident never touched has no intervals',
      [outage('a', 'payments', 'suspended', '2024-02-01T10:00:00+09:00', '2024-02-01T11:00:00+09:00')],
      'payouts',
      [],
    ],
  ])('%s', (_name, incidents, component, expected) => {
    expect(rows(deriveStateIntervals(incidents, component))).toEqual(expected);
    expect(rows(deriveAllStateIntervals(incidents).get(component) ?? [])).toEqual(expected);
  });
});

describe('dailyWorstStates: days in the display zone', () => {
  const midnightTokyo = outage('a', 'payments', 'suspended', '2024-01-10T22:00:00+09:00', '2024-01-11T03:00:00+09:00');
  const springForward = outage('a', 'payments', 'major_outage', '2024-03-09T23:00:00-08:00', '2024-03-11T01:00:00-07:00');
  const fallBack = outage('a', 'payments', 'major_outage', '2024-11-02T23:00:00-07:00', '2024-11-04T01:00:00-08:00');
  const open = outage('a', 'payments', 'suspended', '2024-05-01T09:00:00+09:00');
  const overlapping = [
    outage('a', 'payments', 'degraded', '2024-06-01T10:00:00+09:00', '2024-06-01T14:00:00+09:00'),
    outage('b', 'payments', 'major_outage', '2024-06-01T12:00:00+09:00', '2024-06-01T13:00:00+09:00'),
  ];
  const santiago = outage('a', 'payments', 'suspended', '2024-09-07T22:00:00-04:00', '2024-09-08T02:00:00-03:00');

  it.each<[string, Incident[], string, string, Record<string, [string, number]>]>([
    ['crossing midnight in Asia/Tokyo', [midnightTokyo], 'Asia/Tokyo', '2024-01-20T12:00:00+09:00', { '2024-01-10': ['suspended', 120], '2024-01-11': ['suspended', 180] }],
    ['the same instants in UTC fall on one day', [midnightTokyo], 'UTC', '2024-01-20T12:00:00Z', { '2024-01-10': ['suspended', 300] }],
    ['the same instants in Los Angeles fall on one day', [midnightTokyo], 'America/Los_Angeles', '2024-01-20T12:00:00-08:00', { '2024-01-10': ['suspended', 300] }],
    ['across the spring-forward day (23 hours) in Los Angeles', [springForward], 'America/Los_Angeles', '2024-03-20T12:00:00-07:00', { '2024-03-09': ['major_outage', 60], '2024-03-10': ['major_outage', 23 * 60], '2024-03-11': ['major_outage', 60] }],
    ['across the fall-back day (25 hours) in Los Angeles', [fallBack], 'America/Los_Angeles', '2024-11-20T12:00:00-08:00', { '2024-11-02': ['major_outage', 60], '2024-11-03': ['major_outage', 25 * 60], '2024-11-04': ['major_outage', 60] }],
    ['open at "today": counted up to now', [open], 'Asia/Tokyo', '2024-05-02T12:00:00+09:00', { '2024-05-01': ['suspended', 15 * 60], '2024-05-02': ['suspended', 12 * 60] }],
    ['overlapping incidents: the worst state of the day, time affected counted once', overlapping, 'Asia/Tokyo', '2024-06-10T00:00:00+09:00', { '2024-06-01': ['major_outage', 240] }],
    ['where midnight does not exist (America/Santiago)', [santiago], 'America/Santiago', '2024-09-20T12:00:00-03:00', { '2024-09-07': ['suspended', 120], '2024-09-08': ['suspended', 60] }],
  ])('%s', (_name, incidents, zone, now, expected) => {
    const intervals = deriveStateIntervals(incidents, 'payments');
    const days = dailyWorstStates(intervals, { now: ms(now), days: 30, timeZone: zone });
    expect(days).toHaveLength(30);
    expect(affectedDays(days)).toEqual(expected);
    // The day series and the intervals agree on the total time affected.
    const total = days.reduce((sum, d) => sum + d.affectedMs, 0);
    const measured = intervals.reduce((sum, i) => sum + Math.max(0, Math.min(i.end, ms(now)) - i.start), 0);
    expect(total).toBe(measured);
  });

  it('lists the incidents of each day in the order they began', () => {
    const days = dailyWorstStates(deriveStateIntervals(overlapping, 'payments'), { now: ms('2024-06-10T00:00:00+09:00'), days: 30, timeZone: 'Asia/Tokyo' });
    expect(days.find((d) => d.date === '2024-06-01')!.incidents).toEqual(['a', 'b']);
    expect(days.filter((d) => d.date !== '2024-06-01').every((d) => d.incidents.length === 0)).toBe(true);
  });

  it('ends with today, the day containing now, and counts today only up to now', () => {
    const days = dailyWorstStates(deriveStateIntervals([open], 'payments'), { now: ms('2024-05-02T12:00:00+09:00'), days: 90, timeZone: 'Asia/Tokyo' });
    expect(days).toHaveLength(90);
    expect(days.at(-1)).toEqual({ date: '2024-05-02', state: 'suspended', affectedMs: 12 * HOUR, incidents: ['a'] });
    expect(days[0]!.date).toBe('2024-02-03');
  });

  it('a build at exactly midnight shows the state in force at that instant for today', () => {
    const days = dailyWorstStates(deriveStateIntervals([open], 'payments'), { now: ms('2024-05-03T00:00:00+09:00'), days: 3, timeZone: 'Asia/Tokyo' });
    expect(days.map((d) => [d.date, d.state, d.affectedMs / HOUR])).toEqual([['2024-05-01', 'suspended', 15], ['2024-05-02', 'suspended', 24], ['2024-05-03', 'suspended', 0]]);
    // A resumption at that very midnight ends it: today is operational.
    const closed = outage('a', 'payments', 'suspended', '2024-05-01T09:00:00+09:00', '2024-05-03T00:00:00+09:00');
    const after = dailyWorstStates(deriveStateIntervals([closed], 'payments'), { now: ms('2024-05-03T00:00:00+09:00'), days: 3, timeZone: 'Asia/Tokyo' });
    expect(after.map((d) => d.state)).toEqual(['suspended', 'suspended', 'operational']);
  });

  it('ignores what happens after now', () => {
    const days = dailyWorstStates(deriveStateIntervals([midnightTokyo], 'payments'), { now: ms('2024-01-10T23:00:00+09:00'), days: 2, timeZone: 'Asia/Tokyo' });
    expect(days).toEqual([
      { date: '2024-01-09', state: 'operational', affectedMs: 0, incidents: [] },
      { date: '2024-01-10', state: 'suspended', affectedMs: HOUR, incidents: ['a'] },
    ]);
  });

  it.each([
    // The five days are 8–12 January.
    ['2024-01-09', ['no_data', 'operational', 'suspended', 'suspended', 'operational']],
    ['2024-01-11', ['no_data', 'no_data', 'no_data', 'suspended', 'operational']],
    ['2030-01-01', ['no_data', 'no_data', 'no_data', 'no_data', 'no_data']],
  ])('days before since %s are no data', (since, states) => {
    const days = dailyWorstStates(deriveStateIntervals([midnightTokyo], 'payments'), { now: ms('2024-01-12T12:00:00+09:00'), days: 5, timeZone: 'Asia/Tokyo', since });
    expect(days.map((d) => d.state)).toEqual(states);
    expect(days.filter((d) => d.state === 'no_data').every((d) => d.affectedMs === 0 && d.incidents.length === 0)).toBe(true);
  });
});

describe('uptime', () => {
  const now = ms('2024-07-01T00:00:00+09:00');
  const oneDay = (state: ComponentState) => outage('a', 'payments', state, '2024-06-10T00:00:00+09:00', '2024-06-11T00:00:00+09:00');

  it.each<[ComponentState, number]>([
    ['suspended', 1 - 1 / 30],
    ['major_outage', 1 - 1 / 30],
    ['partial_outage', 1 - 0.5 / 30],
    ['degraded', 1],
    ['maintenance', 1 - 1 / 30],
  ])('a day of %s over 30 days: %f', (state, expected) => {
    const intervals = deriveStateIntervals([oneDay(state)], 'payments');
    expect(uptime(intervals, { now, days: 30, timeZone: 'Asia/Tokyo' })).toBeCloseTo(expected, 12);
  });

  it('planned maintenance is left out of the period, not counted as down', () => {
    const planned = maintenance('m', {
      a: { type: 'maintenance', date: '2024-06-01T12:00:00+09:00', window: ['2024-06-10T00:00:00+09:00', '2024-06-11T00:00:00+09:00'], components: { payments: 'maintenance' } },
      c: { type: 'completed', date: '2024-06-11T00:00:00+09:00' },
    });
    const down = oneDay('suspended');
    const shifted = outage('b', 'payments', 'suspended', '2024-06-20T00:00:00+09:00', '2024-06-20T12:00:00+09:00');
    const intervals = deriveStateIntervals([planned, shifted], 'payments');
    expect(measureAvailability(intervals, now - 30 * DAY, now)).toEqual({ periodMs: 30 * DAY, excludedMs: DAY, downMs: 12 * HOUR });
    expect(uptime(intervals, { now, days: 30, timeZone: 'Asia/Tokyo' })).toBeCloseTo(1 - 0.5 / 29, 12);
    expect(uptime(deriveStateIntervals([planned], 'payments'), { now, days: 30, timeZone: 'Asia/Tokyo' })).toBe(1);
    expect(uptime(deriveStateIntervals([down], 'payments'), { now, days: 1, timeZone: 'Asia/Tokyo' })).toBe(1);
  });

  it('is null when the whole period is planned maintenance', () => {
    const planned = maintenance('m', {
      a: { type: 'maintenance', date: '2024-06-01T12:00:00+09:00', window: ['2024-06-29T00:00:00+09:00', '2024-07-02T00:00:00+09:00'], components: { payments: 'maintenance' } },
    });
    expect(uptime(deriveStateIntervals([planned], 'payments'), { now, days: 1, timeZone: 'Asia/Tokyo' })).toBeNull();
  });

  it('overlapping incidents are not counted twice', () => {
    const a = outage('a', 'payments', 'major_outage', '2024-06-10T00:00:00+09:00', '2024-06-11T00:00:00+09:00');
    const b = outage('b', 'payments', 'suspended', '2024-06-10T12:00:00+09:00', '2024-06-11T12:00:00+09:00');
    expect(measureAvailability(deriveStateIntervals([a, b], 'payments'), now - 30 * DAY, now).downMs).toBe(36 * HOUR);
  });

  it('an open incident counts up to now', () => {
    const open = outage('a', 'payments', 'suspended', '2024-06-30T18:00:00+09:00');
    expect(uptime(deriveStateIntervals([open], 'payments'), { now, days: 1, timeZone: 'Asia/Tokyo' })).toBeCloseTo(1 - 6 / 24, 12);
  });

  it.each<[string | undefined, number | null]>([
    [undefined, 1 - 1 / 30],
    // Counted from midnight 2024-06-06 in Tokyo: 25 days, one of them down.
    ['2024-06-06', 1 - 1 / 25],
    ['2024-06-11', 1],
    ['2024-07-02', null],
  ])('since %s: %s', (since, expected) => {
    const intervals = deriveStateIntervals([oneDay('suspended')], 'payments');
    const result = uptime(intervals, { now, days: 30, since, timeZone: 'Asia/Tokyo' });
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected, 12);
  });

  it('since a day whose midnight the clocks skip counts from the first instant of that day (Santiago 2024-09-08, 01:00-03:00)', () => {
    // Suspended from 22:00 on the 7th until 02:00 on the 8th: of that, only 01:00–02:00 is on or after the start of the 8th.
    const intervals = deriveStateIntervals([outage('a', 'payments', 'suspended', '2024-09-07T22:00:00-04:00', '2024-09-08T02:00:00-03:00')], 'payments');
    const options = { now: ms('2024-09-09T01:00:00-03:00'), days: 30, since: '2024-09-08', timeZone: 'America/Santiago' };
    expect(uptimePeriod(options)).toEqual({ from: ms('2024-09-08T01:00:00-03:00'), to: ms('2024-09-09T01:00:00-03:00') });
    expect(uptime(intervals, options)).toBeCloseTo(1 - 1 / 24, 12);
    const days = dailyWorstStates(intervals, { ...options, days: 3 });
    expect(days.map((d) => [d.date, d.state, d.affectedMs / HOUR])).toEqual([['2024-09-07', 'no_data', 0], ['2024-09-08', 'suspended', 1], ['2024-09-09', 'operational', 0]]);
  });

  it.each([
    [1, '100.00'],
    [0.99995, '99.99'],
    [1 - 1e-9, '99.99'],
    [0.9999, '99.99'],
    [0.730555, '73.05'],
    [0, '0.00'],
  ])('formatUptimePercent(%f) is %s (rounded down, never 100 with any down time)', (ratio, text) => {
    expect(formatUptimePercent(ratio)).toBe(text);
  });
});

describe('the example site: the 2018 suspension', () => {
  const content = loadSiteContentOrThrow(projectRoot);
  const start = ms('2018-04-12T18:00:00+09:00');
  const end = ms('2018-04-20T20:00:00+09:00');
  const now = ms('2018-05-01T00:00:00+09:00');
  // 18:00 on 12 April to 20:00 on 20 April: 8 days and 2 hours.
  const DOWN_MINUTES = 8 * 1440 + 2 * 60;

  it('is 11 640 minutes by hand', () => {
    expect(DOWN_MINUTES).toBe(11_640);
    expect((end - start) / MINUTE).toBe(DOWN_MINUTES);
  });

  describe.each(['registration', 'payments', 'payouts'])('%s', (component) => {
    const intervals = deriveStateIntervals(content.incidents, component);

    it('was suspended from the suspension notice to the resumption', () => {
      expect(intervals[0]).toEqual({ start, end, state: 'suspended', planned: false, incidents: ['2018-04-12-payouts-suspended'] });
    });

    it.each([30, 90, 365])('has exactly 11 640 minutes of down time in the %d days before 1 May 2018', (days) => {
      expect(measureAvailability(intervals, now - days * DAY, now).downMs / MINUTE).toBe(DOWN_MINUTES);
      expect(uptime(intervals, { now, days, timeZone: 'Asia/Tokyo' })).toBeCloseTo(1 - DOWN_MINUTES / (days * 1440), 12);
    });

    it('shows the suspension on the bars day by day in Japan time', () => {
      const days = dailyWorstStates(intervals, { now, days: AVAILABILITY_DAYS, timeZone: 'Asia/Tokyo' });
      expect(days).toHaveLength(90);
      expect([days[0]!.date, days.at(-1)!.date]).toEqual(['2018-02-01', '2018-05-01']);
      expect(affectedDays(days)).toEqual({
        '2018-04-12': ['suspended', 360],
        '2018-04-13': ['suspended', 1440],
        '2018-04-14': ['suspended', 1440],
        '2018-04-15': ['suspended', 1440],
        '2018-04-16': ['suspended', 1440],
        '2018-04-17': ['suspended', 1440],
        '2018-04-18': ['suspended', 1440],
        '2018-04-19': ['suspended', 1440],
        '2018-04-20': ['suspended', 1200],
      });
      expect(days.reduce((sum, d) => sum + d.affectedMs, 0) / MINUTE).toBe(DOWN_MINUTES);
    });
  });

  it('the dashboard was only degraded: on the bars, but 100% uptime', () => {
    const intervals = deriveStateIntervals(content.incidents, 'dashboard');
    const days = dailyWorstStates(intervals, { now, days: AVAILABILITY_DAYS, timeZone: 'Asia/Tokyo' });
    expect(Object.keys(affectedDays(days))).toEqual(['2018-04-12', '2018-04-13', '2018-04-14', '2018-04-15', '2018-04-16']);
    expect(days.find((d) => d.date === '2018-04-16')!.affectedMs).toBe(12 * HOUR);
    expect(uptime(intervals, { now, days: 90, timeZone: 'Asia/Tokyo' })).toBe(1);
  });

  it('the May 2018 payouts maintenance was announced in advance and is left out', () => {
    const intervals = deriveStateIntervals(content.incidents, 'payouts');
    const maintenanceInterval = intervals.find((i) => i.state === 'maintenance')!;
    expect(maintenanceInterval).toMatchObject({ start: ms('2018-05-20T02:00:00+09:00'), end: ms('2018-05-20T04:40:00+09:00'), planned: true });
    const june = ms('2018-06-01T00:00:00+09:00');
    expect(measureAvailability(intervals, june - 30 * DAY, june)).toEqual({ periodMs: 30 * DAY, excludedMs: 160 * MINUTE, downMs: 0 });
  });

  it('deriveAvailability gives every component, in configuration order, with 30/90/365-day uptime', () => {
    const availability = deriveAvailability(content, now);
    expect(availability.map((a) => a.id)).toEqual(content.config.components.map((c) => c.id));
    const payouts = availability.find((a) => a.id === 'payouts')!;
    expect(payouts.uptime30).toBeCloseTo(1 - DOWN_MINUTES / (30 * 1440), 12);
    expect(payouts.uptime90).toBeCloseTo(1 - DOWN_MINUTES / (90 * 1440), 12);
    expect(payouts.uptime365).toBeCloseTo(1 - DOWN_MINUTES / (365 * 1440), 12);
    expect(payouts.days).toHaveLength(AVAILABILITY_DAYS);
    expect(deriveAvailability(content, now)).toBe(availability);
  });

  it('a component with a since date has no data before it', () => {
    const config = { ...content.config, components: content.config.components.map((c) => (c.id === 'payouts' ? { ...c, since: '2018-04-16' } : c)) };
    const later: SiteContent = { ...content, config };
    const payouts = deriveAvailability(later, now).find((a) => a.id === 'payouts')!;
    expect(payouts.days.filter((d) => d.state === 'no_data').map((d) => d.date).at(-1)).toBe('2018-04-15');
    expect(payouts.days.find((d) => d.date === '2018-04-16')!.state).toBe('suspended');
    // Counted from midnight 16 April: 15 days, of which 4 days 20 hours down.
    expect(payouts.uptime30).toBeCloseTo(1 - (4 * 24 + 20) / (15 * 24), 12);
  });
});

describe('buildAvailabilityJson', () => {
  const content = loadSiteContentOrThrow(projectRoot);
  const now = ms('2018-05-01T00:00:00+09:00');
  const json = buildAvailabilityJson(content, now);

  it('is deterministic and carries no timestamp of its own', () => {
    expect(JSON.stringify(buildAvailabilityJson(content, now))).toBe(JSON.stringify(json));
    expect(JSON.stringify(json)).not.toMatch(/generated|updated/);
  });

  it('gives each component its uptime and 90 dated states', () => {
    expect(json.time_zone).toBe('Asia/Tokyo');
    expect(json.components.map((c) => c.id)).toEqual(['registration', 'payments', 'payouts', 'dashboard']);
    const payouts = json.components.find((c) => c.id === 'payouts')!;
    expect(payouts.uptime_30d).toBe(0.730555);
    expect(payouts.uptime_90d).toBe(0.910185);
    expect(payouts.uptime_365d).toBe(0.977853);
    expect(payouts.days).toHaveLength(90);
    expect(payouts.days.find((d) => d.date === '2018-04-12')).toEqual({ date: '2018-04-12', state: 'suspended' });
    for (const component of json.components) {
      for (const day of component.days) expect([...COMPONENT_STATES, 'no_data']).toContain(day.state);
    }
  });

  it('an empty site: every day operational, uptime 1', () => {
    const empty: SiteContent = { config: makeConfig(), incidents: [], faq: [] };
    const result = buildAvailabilityJson(empty, now);
    expect(result.components.every((c) => c.uptime_30d === 1 && c.uptime_365d === 1 && c.days.every((d) => d.state === 'operational'))).toBe(true);
  });
});

describe('cost: linear in the notices', () => {
  it('builds 90 days for 5 000 incidents quickly, scanning each notice once', () => {
    const incidents: Incident[] = [];
    const base = ms('2020-01-01T00:00:00Z');
    for (let i = 0; i < 5000; i++) {
      const from = new Date(base + i * 7 * HOUR).toISOString();
      const to = new Date(base + i * 7 * HOUR + 3 * HOUR).toISOString();
      incidents.push(outage(`i${i}`, i % 2 ? 'payments' : 'payouts', 'major_outage', from, to));
    }
    const content: SiteContent = { config: makeConfig(), incidents, faq: [] };
    const now = base + 5000 * 7 * HOUR;
    const started = performance.now();
    const availability = deriveAvailability(content, now);
    expect(performance.now() - started).toBeLessThan(2000);
    const payouts = availability.find((a) => a.id === 'payouts')!;
    expect(payouts.uptime30).toBeCloseTo(1 - 3 / 14, 2);
  });
});
