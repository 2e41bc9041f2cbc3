import { describe, expect, it } from 'vitest';
import type { DayAvailability } from '../../src/lib/model/availability/days.ts';
import { affectedRuns, barRuns } from '../../src/lib/model/day-runs.ts';

const HOUR = 3_600_000;

/** Consecutive days from 2024-01-01, one per spec: a state, or a state with hours affected and incidents. */
function days(...specs: (DayAvailability['state'] | [DayAvailability['state'], number, string[]?])[]): DayAvailability[] {
  return specs.map((spec, i) => {
    const [state, hours, incidents] = typeof spec === 'string' ? [spec, 0, []] : [spec[0], spec[1], spec[2] ?? ['inc']];
    return { date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10), state, affectedMs: hours * HOUR, incidents };
  });
}

/** Runs as `state first-last`, to read the grouping at a glance. */
const spans = (list: DayAvailability[]) => barRuns(list).map((run) => `${run.state} ${run.first}-${run.last}`);

describe('barRuns', () => {
  it('draws no run for no days', () => {
    expect(barRuns([])).toEqual([]);
    expect(affectedRuns([])).toEqual([]);
  });

  it('makes 90 operational days one run', () => {
    const all = days(...Array.from({ length: 90 }, () => 'operational' as const));
    expect(barRuns(all)).toEqual([{ first: 0, last: 89, state: 'operational', affectedMs: 0 }]);
    expect(affectedRuns(all)).toEqual([]);
  });

  it('keeps alternating days apart', () => {
    const list = days('operational', ['degraded', 2], 'operational', ['degraded', 2], 'operational');
    expect(spans(list)).toEqual(['operational 0-0', 'degraded 1-1', 'operational 2-2', 'degraded 3-3', 'operational 4-4']);
    // An unaffected day in between ends a row of the list, too.
    expect(affectedRuns(list).map((row) => [row.from, row.to])).toEqual([
      ['2024-01-02', '2024-01-02'],
      ['2024-01-04', '2024-01-04'],
    ]);
  });

  it('groups the days before the component existed apart from the operational ones', () => {
    expect(spans(days('no_data', 'no_data', 'no_data', 'operational', 'operational'))).toEqual(['no_data 0-2', 'operational 3-4']);
  });

  it('ends with a run reaching today, split where the time affected changes', () => {
    // Down all day for two days, and today only the hours so far.
    const list = days('operational', 'operational', ['suspended', 24], ['suspended', 24], ['suspended', 5]);
    expect(barRuns(list)).toEqual([
      { first: 0, last: 1, state: 'operational', affectedMs: 0 },
      { first: 2, last: 3, state: 'suspended', affectedMs: 24 * HOUR },
      { first: 4, last: 4, state: 'suspended', affectedMs: 5 * HOUR },
    ]);
    // The list does not care how long each day was affected: one row, with the total.
    expect(affectedRuns(list)).toEqual([
      { from: '2024-01-03', to: '2024-01-05', state: 'suspended', dayCount: 3, affectedMs: 53 * HOUR, incidents: ['inc'] },
    ]);
  });

  it('splits affected days by state', () => {
    const list = days(['major_outage', 3], ['partial_outage', 3], ['partial_outage', 3]);
    expect(spans(list)).toEqual(['major_outage 0-0', 'partial_outage 1-2']);
    expect(affectedRuns(list).map((row) => `${row.state} ${row.from}/${row.to} ${row.dayCount}`)).toEqual([
      'major_outage 2024-01-01/2024-01-01 1',
      'partial_outage 2024-01-02/2024-01-03 2',
    ]);
  });

  it('covers every day exactly once, in order', () => {
    const list = days('no_data', 'operational', ['degraded', 1], ['degraded', 1], ['degraded', 2], 'operational', ['maintenance', 3]);
    const runs = barRuns(list);
    expect(runs[0]!.first).toBe(0);
    expect(runs.at(-1)!.last).toBe(list.length - 1);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.first).toBe(runs[i - 1]!.last + 1);
  });
});

describe('affectedRuns', () => {
  it('starts a new row when the incidents change, though the state stays', () => {
    const list = days(['degraded', 4, ['a']], ['degraded', 4, ['a', 'b']], ['degraded', 4, ['a', 'b']], ['degraded', 4, ['b']]);
    expect(barRuns(list)).toHaveLength(1);
    expect(affectedRuns(list).map((row) => ({ from: row.from, to: row.to, incidents: row.incidents, affectedMs: row.affectedMs }))).toEqual([
      { from: '2024-01-01', to: '2024-01-01', incidents: ['a'], affectedMs: 4 * HOUR },
      { from: '2024-01-02', to: '2024-01-03', incidents: ['a', 'b'], affectedMs: 8 * HOUR },
      { from: '2024-01-04', to: '2024-01-04', incidents: ['b'], affectedMs: 4 * HOUR },
    ]);
  });

  it('does not join affected days that are not consecutive dates', () => {
    const list = [...days(['degraded', 1])];
    list.push({ ...list[0]!, date: '2024-01-03' });
    expect(affectedRuns(list).map((row) => row.dayCount)).toEqual([1, 1]);
  });
});
