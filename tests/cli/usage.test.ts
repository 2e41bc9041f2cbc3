import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build.ts';

const fixtures = join(projectRoot, 'tests/fixtures/sites');

/** Runs a CLI without a terminal, with only the colour settings given. */
function cli(script: 'check' | 'new' | 'bench', args: string[], colour: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, NODE_DISABLE_COLORS: undefined, ...colour };
  const result = spawnSync(process.execPath, [join(projectRoot, `src/cli/${script}.ts`), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a bad flag, in every CLI', () => {
  it.each([
    ['check', ['--bogus'], 'check: unknown option "--bogus". Options are --help, --format, --root, --overdue, --now, --watch.'],
    ['check', ['--wacth'], 'check: unknown option "--wacth". Did you mean "--watch"?'],
    ['check', ['--root'], 'check: --root needs a value'],
    ['check', ['--overdue=yes'], "check: Option '--overdue' does not take an argument"],
    ['check', ['extra'], 'check: unexpected argument "extra"'],
    ['new', ['--titel', 'x'], 'new: unknown option "--titel". Did you mean "--title"?'],
    ['new', ['suspension', '--template'], 'new: --template needs a value'],
    ['bench', ['--bogus'], 'bench: unknown option "--bogus". Options are --help, --incidents, --runs, --changed-files, --per-year, --open, --keep.'],
    ['bench', ['--run', '3'], 'bench: unknown option "--run". Did you mean "--runs"?'],
  ] as const)('%s %s: one line, the usage, exit 2, no stack trace', (script, args, line) => {
    const result = cli(script, [...args]);
    expect(result.status).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(line);
    expect(lines[1]).toMatch(new RegExp(`^usage:( npm run ${script} --|$)`));
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe('');
  });

  it('--help prints the usage and exits 0', () => {
    for (const script of ['check', 'new', 'bench'] as const) {
      const result = cli(script, ['--help']);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^usage:/);
    }
  });
});

describe('npm run new without a terminal', () => {
  const root = join(fixtures, 'basic');
  it.each([
    [[], 'new: missing the notice type (npm run new -- <suspension|maintenance|update|resumption|completed|postmortem> …); pass it, or run it in a terminal to be asked'],
    [['suspension'], 'new: missing --title, --components; pass them, or run it in a terminal to be asked'],
    [['suspension', '--title', 'Payouts stopped'], 'new: missing --components; pass it, or run it in a terminal to be asked'],
    [['maintenance', '--title', 'Upgrade', '--components', 'payouts=maintenance'], 'new: missing --window-start, --window-end; pass them, or run it in a terminal to be asked'],
    [['update'], "new: missing the incident's slug (npm run new -- update <slug>); pass it, or run it in a terminal to be asked"],
  ])('%j names each missing flag, exit 2', (args, line) => {
    const result = cli('new', ['--root', root, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(line);
  });
});

describe('check colours', () => {
  const invalid = ['--root', join(fixtures, 'invalid')];
  it('colours errors, warnings and the summary when forced (FORCE_COLOR), as on a terminal', () => {
    const result = cli('check', invalid, { FORCE_COLOR: '1' });
    expect(result.status).toBe(1);
    // Red bold "error", bold location; a red summary.
    expect(result.stdout).toContain('\x1b[1mincidents/2024-01-10-bad/2024-01-10-suspension.md:3:7\x1b[22m: \x1b[31m\x1b[1merror\x1b[22m\x1b[39m: date "2024-01-10 18:00" has no UTC offset');
    expect(result.stderr).toContain('\x1b[31m\x1b[1m2 errors, 0 warnings\x1b[22m\x1b[39m');
    const warning = cli('check', ['--root', projectRoot], { FORCE_COLOR: '1' });
    expect(warning.stdout).toContain(': \x1b[33mwarning\x1b[39m: ');
  });

  it('prints no colour into a pipe, nor with NO_COLOR', () => {
    for (const colour of [{}, { NO_COLOR: '1' }]) {
      const result = cli('check', invalid, colour);
      expect(result.status).toBe(1);
      expect(result.stdout + result.stderr).not.toContain('\x1b');
      expect(result.stdout).toContain('incidents/2024-01-10-bad/2024-01-10-suspension.md:3:7: error: date "2024-01-10 18:00" has no UTC offset');
    }
  });

  it('refuses --watch with --format json', () => {
    const result = cli('check', ['--watch', '--format', 'json']);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('check: --watch prints for people; use --format json without --watch');
  });
});
