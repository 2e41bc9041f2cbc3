import { describe, expect, it } from 'vitest';
import { byNewestStart } from '../../src/lib/content/order.ts';
import type { Incident, SiteContent } from '../../src/lib/content/types.ts';
import { compareText, newestFirst, oldestFirst } from '../../src/lib/core/order.ts';
import { partitionIncidents } from '../../src/lib/model/timeline.ts';
import { noticesNewestFirst } from '../../src/lib/outputs/feeds.ts';
import { calendarEntries } from '../../src/lib/outputs/ics.ts';
import { buildStatuspageApi } from '../../src/lib/outputs/statuspage.ts';
import { incidentsWithPreview } from '../../src/lib/render/preview.ts';
import { groupIncidentsByMonth, incidentsAffectingComponent } from '../../src/lib/render/view.ts';
import { makeConfig, makeIncident, ms } from './helpers.ts';

describe('compareText', () => {
  it('orders by code unit, the same on every machine (not by the runtime locale)', () => {
    expect(['b', 'a', 'Z', 'é', 'z', 'a-b', 'a'].sort(compareText)).toEqual(['Z', 'a', 'a', 'a-b', 'b', 'z', 'é']);
    expect(compareText('x', 'x')).toBe(0);
  });
});

describe('newestFirst / oldestFirst', () => {
  const rows = [
    { at: 2, slug: 'b', id: 'y' },
    { at: 3, slug: 'a', id: 'x' },
    { at: 2, slug: 'a', id: 'z' },
    { at: 2, slug: 'b', id: 'x' },
    { at: 1, slug: 'c', id: 'x' },
  ];
  const label = (list: readonly { at: number; slug: string; id: string }[]) => list.map((r) => `${r.at}${r.slug}${r.id}`);

  it('put the latest time first, then break ties by each key in turn, whatever the input order', () => {
    const order = newestFirst((r: (typeof rows)[number]) => r.at, (r) => r.slug, (r) => r.id);
    expect(label([...rows].sort(order))).toEqual(['3ax', '2az', '2bx', '2by', '1cx']);
    expect(label([...rows].reverse().sort(order))).toEqual(['3ax', '2az', '2bx', '2by', '1cx']);
  });

  it('oldestFirst is the same with the times the other way round; ties still ascend', () => {
    const order = oldestFirst((r: (typeof rows)[number]) => r.at, (r) => r.slug, (r) => r.id);
    expect(label([...rows].sort(order))).toEqual(['1cx', '2az', '2bx', '2by', '3ax']);
    expect(label([...rows].reverse().sort(order))).toEqual(['1cx', '2az', '2bx', '2by', '3ax']);
  });
});

describe('byNewestStart: one order for every list of incidents', () => {
  const opened = (slug: string, date: string, state: 'suspended' | 'degraded' = 'suspended') =>
    makeIncident(slug, { notices: { s: { type: 'suspension', date, components: { payments: state } }, r: { type: 'resumption', date: '2024-05-01T00:00:00Z' } } });
  // Three incidents opened at the same instant (only the slug decides) and one earlier and one later.
  const incidents: Incident[] = [
    opened('b-same', '2024-03-01T10:00:00Z'),
    opened('later', '2024-03-02T10:00:00Z'),
    opened('a-same', '2024-03-01T10:00:00Z'),
    opened('earlier', '2024-02-01T10:00:00Z', 'degraded'),
    opened('c-same', '2024-03-01T10:00:00Z'),
  ];
  const expected = ['later', 'a-same', 'b-same', 'c-same', 'earlier'];
  const slugs = (list: readonly Incident[]) => list.map((incident) => incident.slug);
  const content = (list: readonly Incident[]): SiteContent => ({ config: makeConfig(), incidents: [...list], faq: [] });
  const NOW = ms('2024-06-01T00:00:00Z');

  it.each([
    ['as given', incidents],
    ['reversed', [...incidents].reverse()],
  ])('orders incidents by their opening notice, newest first, then by slug (input %s)', (_how, input) => {
    expect(slugs([...input].sort(byNewestStart))).toEqual(expected);
    // The lists built from it agree, whatever order the content came in.
    expect(groupIncidentsByMonth(input, 'en', 'UTC').flatMap((month) => slugs(month.incidents))).toEqual(expected);
    expect(slugs(incidentsAffectingComponent(input, 'payments'))).toEqual(expected);
    expect(slugs(incidentsWithPreview(content(input), NOW))).toEqual(expected);
    expect(buildStatuspageApi(content(input), { site: 'https://status.example.com', base: '/', now: NOW })['/api/v2/incidents.json'].incidents.map((i) => i.id))
      .toEqual(expected);
  });

  it('orders open incidents the same way on the home page', () => {
    const open = incidents.map((incident) => ({ ...incident, notices: incident.notices.slice(0, 1) }));
    expect(slugs(partitionIncidents([...open].reverse(), NOW).open)).toEqual(expected);
  });

  it('feeds list notices newest first, ties by incident then notice id; the calendar by window start then slug', () => {
    const same = '2024-03-01T10:00:00Z';
    const a = makeIncident('a', { notices: { y: { type: 'suspension', date: same }, x: { type: 'update', date: same } } });
    const b = makeIncident('b', { notices: { x: { type: 'suspension', date: same } } });
    expect(noticesNewestFirst([b, a]).map(({ incident, notice }) => `${incident.slug}/${notice.id}`)).toEqual(['a/x', 'a/y', 'b/x']);
    const window: [string, string] = ['2024-03-10T02:00:00Z', '2024-03-10T04:00:00Z'];
    const maintenance = (slug: string) => makeIncident(slug, { notices: { m: { type: 'maintenance', date: same, window, components: { payouts: 'maintenance' } } } });
    const entries = calendarEntries(content([maintenance('m-2'), maintenance('m-1')]), NOW);
    expect(entries.map((entry) => entry.incident.slug)).toEqual(['m-1', 'm-2']);
  });
});
