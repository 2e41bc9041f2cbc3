import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSite, projectRoot, readOutput, type BuildResult } from '../support/build.ts';

/**
 * One "now" per build, also without SOURCE_DATE_EPOCH. The build runs with a
 * clock that moves a whole day every time the build's clock (`buildNow`) is
 * read, and a maintenance window that is ahead at the first reading and under
 * way at any later one. If any part of the build (Astro's routes, the writer
 * thread, the preview images) took an instant of its own, its pages would say
 * the maintenance is in progress while the others say it is scheduled.
 */

const DAY = 86_400_000;
const SLUG = '2024-06-01-ledger-window';
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00');

describe('one "now" per build without SOURCE_DATE_EPOCH', () => {
  let site: string;
  let clockLog: string;
  let build: BuildResult;
  const t0 = Math.floor(Date.now() / 1000) * 1000;

  beforeAll(() => {
    site = mkdtempSync(join(tmpdir(), 'shirase-one-now-'));
    cpSync(join(projectRoot, 'tests/fixtures/sites/basic'), site, { recursive: true });
    const folder = join(site, 'incidents', SLUG);
    mkdirSync(folder);
    writeFileSync(join(folder, 'incident.md'), ['---', 'title: Ledger upgrade', 'summary: Payouts pause for the upgrade.', 'impact: minor', '---', 'Planned work.', ''].join('\n'));
    writeFileSync(
      join(folder, '2024-06-01-maintenance.md'),
      ['---', 'type: maintenance', `date: "${iso(t0 - 2 * 3_600_000)}"`, `window_start: "${iso(t0 + 12 * 3_600_000)}"`, `window_end: "${iso(t0 + 13 * 3_600_000)}"`,
        'components:', '  payouts: maintenance', '---', 'Payout files wait until the upgrade is done.', ''].join('\n'),
    );
    clockLog = join(site, 'clock.log');
    writeFileSync(clockLog, '');
    const preload = join(site, 'clock.mjs');
    writeFileSync(
      preload,
      [
        "import { appendFileSync } from 'node:fs';",
        'const realNow = Date.now;',
        'let readings = 0;',
        'Date.now = function now() {',
        "  if (!/\\bbuildNow\\b/.test(new Error().stack ?? '')) return realNow();",
        `  const t = ${t0} + readings++ * ${DAY};`,
        `  appendFileSync(${JSON.stringify(clockLog)}, t + '\\n');`,
        '  return t;',
        '};',
      ].join('\n'),
    );
    build = buildSite(site, { env: { SOURCE_DATE_EPOCH: '', NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` } });
  });

  afterAll(() => {
    rmSync(site, { recursive: true, force: true });
    rmSync(build.outDir, { recursive: true, force: true });
  });

  it('builds, reading the clock once', () => {
    expect(build.status, build.stderr).toBe(0);
    expect(readFileSync(clockLog, 'utf8').trim().split('\n')).toEqual([String(t0)]);
  });

  it('the writer thread\'s incident page and Astro\'s pages and endpoints agree the window is still ahead', () => {
    // Written by the build's own writer.
    const page = readOutput(build.outDir, `incidents/${SLUG}/index.html`);
    expect(page).toContain('Scheduled');
    expect(page).not.toContain('Maintenance in progress');
    // Rendered by Astro's routes.
    const history = readOutput(build.outDir, 'history/index.html');
    const item = history.slice(history.indexOf(`/incidents/${SLUG}/`));
    expect(item.slice(0, item.indexOf('</li>'))).toContain('Scheduled');
    const status = JSON.parse(readOutput(build.outDir, 'status.json')) as { components: { id: string; state: string }[] };
    expect(status.components.find((c) => c.id === 'payouts')?.state).toBe('operational');
    const names = (path: string) =>
      (JSON.parse(readOutput(build.outDir, path)) as { scheduled_maintenances: { name: string }[] }).scheduled_maintenances.map((m) => m.name);
    expect(names('api/v2/scheduled-maintenances/upcoming.json')).toEqual(['Ledger upgrade']);
    expect(names('api/v2/scheduled-maintenances/active.json')).toEqual([]);
  });
});
