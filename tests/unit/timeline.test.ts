import { describe, expect, it } from 'vitest';
import {
  deriveComponentStates,
  deriveIncidentTimeline,
  incidentPhase,
  isActive,
  noticeStates,
  partitionIncidents,
} from '../../src/lib/model/timeline.ts';
import type { Incident } from '../../src/lib/content/types.ts';
import { makeConfig, makeIncident, ms } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The long suspension: opens, worsens, one component recovers and relapses, resumption, postmortem. */
function longIncident(options: { closed: boolean }): Incident {
  return makeIncident('2018-04-12-payouts', {
    notices: {
      's1': { type: 'suspension', date: '2018-04-12T18:00:00+09:00', components: { payouts: 'suspended', payments: 'degraded' }, nextUpdate: '2018-04-13T12:00:00+09:00' },
      'u1': { type: 'update', date: '2018-04-13T12:00:00+09:00', components: { payouts: 'suspended', payments: 'major_outage', dashboard: 'degraded' } },
      'u2': { type: 'update', date: '2018-04-14T12:00:00+09:00', components: { payouts: 'suspended', payments: 'degraded', dashboard: 'operational' } },
      'u3': { type: 'update', date: '2018-04-15T12:00:00+09:00', components: { payouts: 'suspended', payments: 'degraded', dashboard: 'degraded' }, nextUpdate: '2018-04-16T12:00:00+09:00' },
      ...(options.closed
        ? {
            'r': { type: 'resumption' as const, date: '2018-04-20T20:00:00+09:00', components: { payouts: 'operational' as const }, nextUpdate: '2018-04-21T12:00:00+09:00' },
            'pm': { type: 'postmortem' as const, date: '2018-04-27T18:00:00+09:00' },
          }
        : {}),
    },
  });
}

describe('deriveIncidentTimeline: a resolved incident', () => {
  const incident = longIncident({ closed: true });
  const timeline = deriveIncidentTimeline(incident);

  it('starts at the opening notice and ends at the resumption', () => {
    expect(timeline.kind).toBe('incident');
    expect(timeline.startedAt).toBe(ms('2018-04-12T18:00:00+09:00'));
    expect(timeline.resolvedAt).toBe(ms('2018-04-20T20:00:00+09:00'));
    expect(timeline.open).toBe(false);
  });

  it('lasted 8 days and 2 hours', () => {
    expect(timeline.durationMs).toBe(8 * DAY + 2 * HOUR);
  });

  it('has the postmortem as its latest notice and no next update once closed', () => {
    expect(timeline.latest.id).toBe('pm');
    expect(timeline.nextUpdate).toBeUndefined();
  });

  it('lists affected components in first-touched order', () => {
    expect(timeline.affected).toEqual(['payouts', 'payments', 'dashboard']);
  });

  it('records the states in force after every notice; the resumption resets what it does not mention', () => {
    expect(Object.fromEntries(timeline.statesAfter)).toEqual({
      s1: { payouts: 'suspended', payments: 'degraded' },
      u1: { payouts: 'suspended', payments: 'major_outage', dashboard: 'degraded' },
      u2: { payouts: 'suspended', payments: 'degraded', dashboard: 'operational' },
      u3: { payouts: 'suspended', payments: 'degraded', dashboard: 'degraded' },
      r: { payouts: 'operational', payments: 'operational', dashboard: 'operational' },
      pm: { payouts: 'operational', payments: 'operational', dashboard: 'operational' },
    });
  });

  it('ends with everything operational and nothing degraded', () => {
    expect(timeline.current).toEqual({ payouts: 'operational', payments: 'operational', dashboard: 'operational' });
    expect(timeline.degradedSince).toEqual({});
  });

  it('noticeStates gives a notice its declared states, and a resumption its implied resets', () => {
    expect(noticeStates(incident, incident.notices[0]!)).toEqual({ payouts: 'suspended', payments: 'degraded' });
    expect(noticeStates(incident, incident.notices[4]!)).toEqual({ payouts: 'operational', payments: 'operational', dashboard: 'operational' });
    expect(noticeStates(incident, incident.notices[5]!)).toEqual({});
  });
});

describe('deriveIncidentTimeline: an open incident', () => {
  const timeline = deriveIncidentTimeline(longIncident({ closed: false }));

  it('is open with no end or duration', () => {
    expect(timeline.open).toBe(true);
    expect(timeline.resolvedAt).toBeUndefined();
    expect(timeline.durationMs).toBeUndefined();
  });

  it('promises what the latest notice promises', () => {
    expect(timeline.latest.id).toBe('u3');
    expect(timeline.nextUpdate).toEqual({ written: '2018-04-16T12:00:00+09:00', at: ms('2018-04-16T12:00:00+09:00') });
  });

  it('keeps degradedSince through a change of state, and restarts it after a recovery', () => {
    expect(timeline.degradedSince).toEqual({
      // degraded → major_outage → degraded: still the same stretch since the opening notice.
      payouts: ms('2018-04-12T18:00:00+09:00'),
      payments: ms('2018-04-12T18:00:00+09:00'),
      // degraded at u1, operational at u2, degraded again at u3.
      dashboard: ms('2018-04-15T12:00:00+09:00'),
    });
    expect(timeline.current).toEqual({ payouts: 'suspended', payments: 'degraded', dashboard: 'degraded' });
  });
});

describe('deriveIncidentTimeline: edge cases', () => {
  it('a component only ever declared operational is not affected', () => {
    const timeline = deriveIncidentTimeline(makeIncident('x', {
      notices: { s: { type: 'suspension', date: '2018-04-12T18:00:00+09:00', components: { payments: 'operational', payouts: 'suspended' } } },
    }));
    expect(timeline.affected).toEqual(['payouts']);
    expect(timeline.degradedSince).toEqual({ payouts: ms('2018-04-12T18:00:00+09:00') });
  });

  it('a resumption may keep a component it names out of normal operation', () => {
    const timeline = deriveIncidentTimeline(makeIncident('x', {
      notices: {
        s: { type: 'suspension', date: '2018-04-12T18:00:00+09:00', components: { payouts: 'suspended', payments: 'suspended', dashboard: 'degraded' } },
        r: { type: 'resumption', date: '2018-04-13T18:00:00+09:00', components: { payouts: 'operational', dashboard: 'degraded' } },
      },
    }));
    expect(timeline.statesAfter.get('r')).toEqual({ payouts: 'operational', payments: 'operational', dashboard: 'degraded' });
    expect(timeline.durationMs).toBe(DAY);
  });

  it('a suspension immediately followed by a resumption has the exact duration', () => {
    const timeline = deriveIncidentTimeline(makeIncident('x', {
      notices: {
        s: { type: 'suspension', date: '2018-06-05T10:20:00+09:00', components: { dashboard: 'degraded' } },
        r: { type: 'resumption', date: '2018-06-05T01:55:00Z' },
      },
    }));
    expect(timeline.durationMs).toBe(35 * 60_000);
    expect(timeline.current).toEqual({ dashboard: 'operational' });
  });

  it('a closed incident promises no next update even when its resumption has one', () => {
    const timeline = deriveIncidentTimeline(makeIncident('x', {
      notices: {
        s: { type: 'suspension', date: '2018-04-12T18:00:00+09:00', components: { payouts: 'suspended' } },
        r: { type: 'resumption', date: '2018-04-13T18:00:00+09:00', nextUpdate: '2018-04-14T18:00:00+09:00' },
      },
    }));
    expect(timeline.latest.id).toBe('r');
    expect(timeline.latest.nextUpdate).toBeDefined();
    expect(timeline.nextUpdate).toBeUndefined();
  });

  it('an incident with no notices is a programming error', () => {
    expect(() => deriveIncidentTimeline(makeIncident('empty', { notices: {} }))).toThrow('incident empty has no notices');
  });

  it('statesAfter snapshots are independent of later notices', () => {
    const timeline = deriveIncidentTimeline(longIncident({ closed: true }));
    const first = timeline.statesAfter.get('s1')!;
    expect(first).not.toBe(timeline.statesAfter.get('u1'));
    expect(first).toEqual({ payouts: 'suspended', payments: 'degraded' });
  });
});

describe('deriveIncidentTimeline: planned maintenance', () => {
  const maintenance = (closing: 'completed' | 'cancelled' | 'open') =>
    makeIncident('2018-05-20-maintenance', {
      notices: {
        m: { type: 'maintenance', date: '2018-05-10T12:00:00+09:00', window: ['2018-05-20T02:00:00+09:00', '2018-05-20T04:00:00+09:00'], components: { payouts: 'maintenance' } },
        u: { type: 'update', date: '2018-05-15T12:00:00+09:00', window: ['2018-05-20T03:00:00+09:00', '2018-05-20T05:00:00+09:00'], components: { payouts: 'maintenance' } },
        ...(closing === 'open' ? {} : { c: { type: 'completed' as const, date: '2018-05-20T05:10:00+09:00', cancelled: closing === 'cancelled' } }),
      },
    });

  it('tracks every window, the latest one winning, and measures the duration from the window start', () => {
    const timeline = deriveIncidentTimeline(maintenance('completed'));
    expect(timeline.kind).toBe('maintenance');
    expect(timeline.windows).toEqual([
      { start: ms('2018-05-20T02:00:00+09:00'), end: ms('2018-05-20T04:00:00+09:00') },
      { start: ms('2018-05-20T03:00:00+09:00'), end: ms('2018-05-20T05:00:00+09:00') },
    ]);
    expect(timeline.window).toEqual({ start: ms('2018-05-20T03:00:00+09:00'), end: ms('2018-05-20T05:00:00+09:00') });
    expect(timeline.cancelled).toBe(false);
    expect(timeline.durationMs).toBe(2 * HOUR + 10 * 60_000);
    expect(timeline.current).toEqual({ payouts: 'operational' });
  });

  it('a cancelled maintenance has no duration', () => {
    const timeline = deriveIncidentTimeline(maintenance('cancelled'));
    expect(timeline.cancelled).toBe(true);
    expect(timeline.durationMs).toBeUndefined();
  });

  it.each([
    ['open', '2018-05-16T00:00:00+09:00', 'upcoming', false],
    ['open', '2018-05-20T02:30:00+09:00', 'upcoming', false],
    ['open', '2018-05-20T03:00:00+09:00', 'in_progress', true],
    ['open', '2018-05-20T06:00:00+09:00', 'in_progress', true],
    ['completed', '2018-05-20T05:10:00+09:00', 'resolved', false],
  ] as const)('a %s maintenance at %s is %s', (closing, now, phase, active) => {
    const incident = maintenance(closing);
    expect(incidentPhase(incident, ms(now))).toBe(phase);
    expect(isActive(incident, ms(now))).toBe(active);
  });

  it('an upcoming maintenance does not change component states yet; one in progress does', () => {
    const config = makeConfig();
    const incident = maintenance('open');
    const at = (now: string) => deriveComponentStates(config.components, [incident], ms(now), 'en', 'en').find((s) => s.id === 'payouts')!.state;
    expect(at('2018-05-16T00:00:00+09:00')).toBe('operational');
    expect(at('2018-05-20T03:30:00+09:00')).toBe('maintenance');
  });

  it('partitionIncidents lists it as upcoming before the window', () => {
    const incident = maintenance('open');
    expect(partitionIncidents([incident], ms('2018-05-16T00:00:00+09:00'))).toEqual({ open: [], upcoming: [incident], resolved: [] });
    expect(partitionIncidents([incident], ms('2018-05-20T03:30:00+09:00'))).toEqual({ open: [incident], upcoming: [], resolved: [] });
  });
});

describe('deriveComponentStates', () => {
  const config = makeConfig();
  const a = makeIncident('a-payouts', {
    notices: { s: { type: 'suspension', date: '2018-04-12T18:00:00+09:00', components: { payments: 'degraded', payouts: 'suspended' } } },
  });
  const b = makeIncident('b-payments', {
    notices: {
      s: { type: 'suspension', date: '2018-04-13T09:00:00+09:00', components: { payments: 'major_outage' } },
      u: { type: 'update', date: '2018-04-13T10:00:00+09:00', components: { payments: 'major_outage', dashboard: 'partial_outage' } },
    },
  });
  const resolved = makeIncident('c-registration', {
    notices: {
      s: { type: 'suspension', date: '2018-04-01T09:00:00+09:00', components: { registration: 'suspended' } },
      r: { type: 'resumption', date: '2018-04-02T09:00:00+09:00' },
    },
  });
  const now = ms('2018-04-14T00:00:00+09:00');

  it('takes the worst state over two overlapping open incidents, since the earliest of them', () => {
    expect(deriveComponentStates(config.components, [a, b, resolved], now, 'en', 'en')).toEqual([
      { id: 'registration', name: 'Registration', description: '', state: 'operational', since: undefined, incidents: [] },
      { id: 'payments', name: 'Payments', description: '', state: 'major_outage', since: ms('2018-04-12T18:00:00+09:00'), incidents: ['a-payouts', 'b-payments'] },
      { id: 'payouts', name: 'Payouts', description: '', state: 'suspended', since: ms('2018-04-12T18:00:00+09:00'), incidents: ['a-payouts'] },
      { id: 'dashboard', name: 'Dashboard', description: '', state: 'partial_outage', since: ms('2018-04-13T10:00:00+09:00'), incidents: ['b-payments'] },
    ]);
  });

  it('does not depend on the order of the incidents', () => {
    const forward = deriveComponentStates(config.components, [a, b], now, 'en', 'en');
    const backward = deriveComponentStates(config.components, [b, a], now, 'en', 'en');
    expect(backward.map((s) => [s.id, s.state, s.since])).toEqual(forward.map((s) => [s.id, s.state, s.since]));
  });

  it('names components in the requested locale', () => {
    expect(deriveComponentStates(config.components, [a], now, 'ja', 'en').map((s) => s.name)).toEqual(['新規登録', '決済', '出金', '管理画面']);
  });

  it('is all operational when every incident is resolved', () => {
    const statuses = deriveComponentStates(config.components, [resolved], now, 'en', 'en');
    expect(statuses.map((s) => s.state)).toEqual(['operational', 'operational', 'operational', 'operational']);
    expect(statuses.every((s) => s.since === undefined && s.incidents.length === 0)).toBe(true);
  });
});

describe('partitionIncidents', () => {
  const open1 = makeIncident('open-older', { notices: { s: { type: 'suspension', date: '2018-04-12T18:00:00+09:00', components: { payouts: 'suspended' } } } });
  const open2 = makeIncident('open-newer', { notices: { s: { type: 'suspension', date: '2018-04-13T18:00:00+09:00', components: { payments: 'degraded' } } } });
  const closed = (slug: string, start: string, end: string) =>
    makeIncident(slug, { notices: { s: { type: 'suspension', date: start, components: { dashboard: 'degraded' } }, r: { type: 'resumption', date: end } } });
  const r1 = closed('resolved-b', '2018-03-01T10:00:00+09:00', '2018-03-05T10:00:00+09:00');
  const r2 = closed('resolved-a', '2018-03-02T10:00:00+09:00', '2018-03-05T10:00:00+09:00');
  const r3 = closed('resolved-latest', '2018-01-01T10:00:00+09:00', '2018-03-10T10:00:00+09:00');
  const now = ms('2018-04-14T00:00:00+09:00');

  it('puts open incidents newest first and resolved ones most recently resolved first (ties by slug)', () => {
    const { open, upcoming, resolved } = partitionIncidents([r1, open1, r2, open2, r3], now);
    expect(open.map((i) => i.slug)).toEqual(['open-newer', 'open-older']);
    expect(upcoming).toEqual([]);
    expect(resolved.map((i) => i.slug)).toEqual(['resolved-latest', 'resolved-a', 'resolved-b']);
  });

  it('handles no incidents', () => {
    expect(partitionIncidents([], now)).toEqual({ open: [], upcoming: [], resolved: [] });
  });
});
