import { describe, expect, it } from 'vitest';
import { ARCHIVE_PART_INCIDENTS, indexOrder, inIndexOrder, recentSince, searchParts, type SearchPart } from '../../src/lib/model/search-parts.ts';
import { makeIncident, ms } from './helpers.ts';

/**
 * The search index's parts: what a notice re-indexes depends on which part its incident is in, so the rule
 * decides how fast a new notice is searchable (docs/benchmarks.md, "the search index in parts").
 */

const NOW = ms('2026-12-02T10:00:00Z');

const resolved = (slug: string, started: string, ended: string) =>
  makeIncident(slug, { notices: { '1-start': { type: 'suspension', date: started }, '2-end': { type: 'resumption', date: ended } } });
const open = (slug: string, started: string) => makeIncident(slug, { notices: { '1-start': { type: 'suspension', date: started } } });

describe('recentSince', () => {
  it('is the first of the month two months back, in UTC, so the archive changes once a month', () => {
    expect(new Date(recentSince(NOW)).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(new Date(recentSince(ms('2026-12-31T23:59:59Z'))).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(new Date(recentSince(ms('2027-01-01T00:00:00Z'))).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    // Across the year: February looks back to December.
    expect(new Date(recentSince(ms('2026-02-15T00:00:00Z'))).toISOString()).toBe('2025-12-01T00:00:00.000Z');
  });
});

describe('searchParts', () => {
  it('keeps open incidents, however old, and incidents with a notice since the boundary in the recent part', () => {
    const incidents = [
      resolved('old', '2024-03-01T09:00:00Z', '2024-03-02T09:00:00Z'),
      open('forgotten', '2023-01-01T09:00:00Z'),
      resolved('ended-in-october', '2026-09-20T09:00:00Z', '2026-10-01T00:00:00Z'),
      resolved('ended-in-september', '2026-09-20T09:00:00Z', '2026-09-30T23:59:59Z'),
      makeIncident('upcoming', {
        notices: { '1-planned': { type: 'maintenance', date: '2025-01-01T00:00:00Z', window: ['2027-01-10T00:00:00Z', '2027-01-10T02:00:00Z'] } },
      }),
    ];
    const parts = searchParts(incidents, NOW);
    expect(parts.map((part) => [part.name, part.faq, part.incidents.map((incident) => incident.slug)])).toEqual([
      ['recent', true, ['forgotten', 'ended-in-october', 'upcoming']],
      ['archive-2024', false, ['old', 'ended-in-september']],
    ]);
  });

  it('moves an incident to the archive once its last notice is before the boundary, at the turn of a month', () => {
    const incident = resolved('payouts', '2026-12-01T09:00:00Z', '2026-12-01T18:00:00Z');
    const partOf = (now: string) => searchParts([incident], ms(now)).find((part) => part.incidents.includes(incident))!.name;
    expect(partOf('2027-02-28T23:59:59Z')).toBe('recent');
    expect(partOf('2027-03-01T00:00:00Z')).toBe('archive-2026');
  });

  it('has a recent part even with no incidents (the FAQ pages), and no archive part when nothing is old', () => {
    expect(searchParts([], NOW)).toEqual([{ name: 'recent', incidents: [], faq: true }]);
    expect(searchParts([open('now', '2026-12-02T09:00:00Z')], NOW).map((part) => part.name)).toEqual(['recent']);
  });

  it('cuts the archive into parts of whole years, oldest first, each up to ARCHIVE_PART_INCIDENTS incidents', () => {
    // 2016: 600, 2017: 300, 2018: 200 (2016 and 2017 fit in one part; 2018 would make it too big), 2019: 1 200 (a part
    // of its own, however big), 2020: 10.
    const years: [number, number][] = [[2016, 600], [2017, 300], [2018, 200], [2019, 1200], [2020, 10]];
    const incidents = years.flatMap(([year, count]) =>
      Array.from({ length: count }, (_, i) => resolved(`${year}-${i}`, `${year}-03-01T09:00:00Z`, `${year}-03-01T10:00:00Z`)),
    );
    // Content order is newest first; a part keeps it.
    const parts = searchParts([...incidents].reverse(), NOW);
    expect(parts.map((part) => [part.name, part.incidents.length])).toEqual([
      ['recent', 0],
      ['archive-2016', 900],
      ['archive-2018', 200],
      ['archive-2019', 1200],
      ['archive-2020', 10],
    ]);
    expect(ARCHIVE_PART_INCIDENTS).toBe(1000);
    expect(parts[1]!.incidents.slice(0, 2).map((incident) => incident.slug)).toEqual(['2017-299', '2017-298']);
    // A year's part is decided by the years before it: an incident of 2020 moving to recent changes no other part.
    const slugs = (part: SearchPart) => [part.name, part.incidents.map((incident) => incident.slug)];
    const later = searchParts([...incidents].reverse().filter((incident) => incident.slug !== '2020-0'), NOW);
    expect(later.slice(1, 4).map(slugs)).toEqual(parts.slice(1, 4).map(slugs));
    // Indexed (and written by the writer) with the primary part last: it holds the others' words.
    expect(inIndexOrder(parts).map((part) => part.name)).toEqual(['archive-2016', 'archive-2018', 'archive-2019', 'archive-2020', 'recent']);
  });

  it('orders the incidents as the writer writes them: part by part in index order, each in content order', () => {
    const incidents = [
      open('open-now', '2026-12-01T09:00:00Z'),
      resolved('old-2018', '2018-03-01T09:00:00Z', '2018-03-01T10:00:00Z'),
      resolved('old-2017-b', '2017-05-01T09:00:00Z', '2017-05-01T10:00:00Z'),
      resolved('old-2017-a', '2017-03-01T09:00:00Z', '2017-03-01T10:00:00Z'),
    ];
    const order = indexOrder(incidents, searchParts(incidents, NOW));
    // One archive part (2017 and 2018 fit in one), then recent; every incident once.
    expect(order.map((at) => incidents[at]!.slug)).toEqual(['old-2018', 'old-2017-b', 'old-2017-a', 'open-now']);
  });
});
