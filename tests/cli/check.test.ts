import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build.ts';

const fixtures = join(projectRoot, 'tests/fixtures/sites');

function check(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'src/cli/check.ts'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A site with one open incident whose latest notice (2024-02-01 08:00 PST) promises the next update for 10:00 PST. */
const openSite = join(fixtures, 'basic');

describe('npm run check', () => {
  it('exits 0 on valid content and 1 on errors, listing every error as path:line:col', () => {
    expect(check(['--root', openSite]).status).toBe(0);
    const bad = check(['--root', join(fixtures, 'invalid')]);
    expect(bad.status).toBe(1);
    expect(bad.stdout.trim().split('\n')).toEqual([
      'incidents/2024-01-10-bad/2024-01-10-suspension.md:3:7: error: date "2024-01-10 18:00" has no UTC offset; write 2024-01-10T18:00:00-08:00',
      'incidents/2024-01-10-bad/2024-01-10-suspension.md:6:1: error: unknown field "nxt_update". Did you mean "next_update"? Allowed fields: type, date, components, next_update, window_start, window_end, cancelled, title, lang, draft',
    ]);
    expect(bad.stderr).toContain('2 errors, 0 warnings');
  });

  it('lists an image without a text alternative and a relative link to nothing at their line and column', () => {
    const result = check(['--root', join(projectRoot, 'tests/fixtures/unit/image-without-alt')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('incidents/2018-04-12-payouts/2018-04-12-suspension.md:11:15: error: image "chart.png" has no alt attribute');
    const broken = check(['--root', join(projectRoot, 'tests/fixtures/unit/broken-reference')]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('incidents/2018-04-12-payouts/2018-04-12-suspension.md:7:1: error: image "chrat.png" refers to '
      + 'incidents/2018-04-12-payouts/chrat.png, which does not exist');
  });

  it('exits 2 on bad usage', () => {
    expect(check(['--bogus']).status).toBe(2);
    expect(check(['--format', 'xml', '--root', openSite]).status).toBe(2);
    expect(check(['--now', '2024-01-01T00:00:00Z', '--root', openSite]).status).toBe(2);
    expect(check(['--root', join(fixtures, 'does-not-exist')]).status).toBe(2);
  });

  it('reports in JSON for editors and CI annotations', () => {
    const result = check(['--root', join(fixtures, 'invalid'), '--format', 'json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.errors).toBe(2);
    expect(report.diagnostics[0]).toEqual({
      file: 'incidents/2024-01-10-bad/2024-01-10-suspension.md',
      line: 3,
      column: 7,
      severity: 'error',
      message: 'date "2024-01-10 18:00" has no UTC offset; write 2024-01-10T18:00:00-08:00',
    });
  });
});

describe('npm run check -- --overdue', () => {
  // The promise is 2024-02-01T10:00:00-08:00 = 18:00Z.
  it.each([
    ['before the promise', '2024-02-01T17:59:00Z', 0],
    ['at the promise', '2024-02-01T18:00:00Z', 0],
    ['after the promise', '2024-02-01T18:01:00Z', 3],
  ])('%s (%s) exits %i', (_label, now, status) => {
    const result = check(['--root', openSite, '--overdue', '--now', now]);
    expect(result.status).toBe(status);
  });

  it('says which incident is late, by how much, and how to fix it', () => {
    const result = check(['--root', openSite, '--overdue', '--now', '2024-02-01T20:30:00Z']);
    expect(result.status).toBe(3);
    expect(result.stdout).toContain('incidents/2024-02-01-login-slow/2024-02-01-suspension.md: overdue: "Slow logins": the next update was promised for Thu, 1 Feb 2024 10:00 PST, 2 hours, 30 minutes ago. Post an update: npm run new -- update 2024-02-01-login-slow');
  });

  it('flags an incident silent longer than the configured limit', () => {
    // 24 h after the latest notice + 1 minute; its promise (10:00 PST) has long passed too.
    const result = check(['--root', openSite, '--overdue', '--now', '2024-02-02T16:01:00Z', '--format', 'json']);
    expect(result.status).toBe(3);
    const report = JSON.parse(result.stdout);
    expect(report.overdue).toHaveLength(1);
    expect(report.overdue[0].reasons).toEqual(['next-update-passed', 'silent-too-long']);
  });

  it('flags an open incident whose latest notice promises no next update', () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-overdue-'));
    cpSync(openSite, root, { recursive: true });
    writeFileSync(join(root, 'incidents/2024-02-01-login-slow/2024-02-01-update.md'), '---\ntype: update\ndate: "2024-02-01T09:00:00-08:00"\ncomponents:\n  login: degraded\n---\nStill slow.\n');
    const result = check(['--root', root, '--overdue', '--now', '2024-02-01T17:30:00Z', '--format', 'json']);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout).overdue[0].reasons).toEqual(['no-next-update']);
  });

  it('does not count a maintenance before its window as open', () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-overdue-'));
    cpSync(join(fixtures, 'basic/src'), join(root, 'src'), { recursive: true });
    const dir = join(root, 'incidents/2024-05-01-upgrade');
    cpSync(join(fixtures, 'basic/incidents/2024-01-10-payouts-stopped/incident.md'), join(dir, 'incident.md'));
    writeFileSync(join(dir, 'incident.md'), '---\ntitle: Payout system upgrade\nsummary: Payouts pause during the upgrade.\n---\n');
    writeFileSync(join(dir, '2024-04-20-maintenance.md'), '---\ntype: maintenance\ndate: "2024-04-20T10:00:00-07:00"\nwindow_start: "2024-05-01T01:00:00-07:00"\nwindow_end: "2024-05-01T03:00:00-07:00"\ncomponents:\n  payouts: maintenance\n---\nWe will upgrade the payout system.\n');
    // Ten days later, still before the window: nothing is overdue although no next_update was promised.
    expect(check(['--root', root, '--overdue', '--now', '2024-04-30T12:00:00Z']).status).toBe(0);
    // Past the window's end with no completed notice: the window's end was the promise.
    expect(check(['--root', root, '--overdue', '--now', '2024-05-01T11:00:00Z']).status).toBe(3);
  });
});
