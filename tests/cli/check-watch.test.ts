import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build.ts';
import { waitForOutput } from '../support/wait.ts';

/** A running `check --watch`, its output collected; waits look only at what came after the last edit. */
class Watcher {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  private from = { stdout: 0, stderr: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(root: string) {
    this.child = spawn(process.execPath, [join(projectRoot, 'src/cli/check.ts'), '--watch', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.received('stdout', chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.received('stderr', chunk));
  }

  private received(stream: 'stdout' | 'stderr', chunk: string) {
    this[stream] += chunk;
    for (const listener of this.listeners) listener();
  }

  /** Output since the last edit. */
  get recent() {
    return { stdout: this.stdout.slice(this.from.stdout), stderr: this.stderr.slice(this.from.stderr) };
  }

  /** Makes a change; only output after it counts for the next wait. */
  edit(change: () => void) {
    this.from = { stdout: this.stdout.length, stderr: this.stderr.length };
    change();
  }

  /**
   * Waits until the newest whole check after the last edit (its stdout up to the
   * "watching" line, its summary line on stderr) satisfies `test`, and returns it.
   * An edit may be seen as more than one change, so earlier checks may come first.
   */
  until(test: (run: { stdout: string; summary: string }) => boolean, timeoutMs = 60_000): Promise<{ stdout: string; summary: string }> {
    const latest = () => {
      const runs = this.recent.stdout.split(/^watching .*$/m);
      const summaries = this.recent.stderr.match(/^\d+ errors?, \d+ warnings?.*$/gm) ?? [];
      // Both streams of the newest run must have arrived.
      if (runs.length < 2 || summaries.length < runs.length - 1) return undefined;
      return { stdout: runs[runs.length - 2]!, summary: summaries[runs.length - 2]! };
    };
    return waitForOutput(
      this.listeners,
      () => {
        const run = latest();
        return run && test(run) ? run : undefined;
      },
      timeoutMs,
      () => `no such check result within ${timeoutMs} ms; output so far:\n${this.stdout}\n${this.stderr}`,
    );
  }
}

let watcher: Watcher | undefined;
afterEach(() => {
  watcher?.child.kill();
  watcher = undefined;
});

describe('npm run check -- --watch', () => {
  it('checks again on every change: a broken file is reported, the fix clears it, a new folder is seen', async () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-watch-'));
    cpSync(join(projectRoot, 'tests/fixtures/sites/basic'), root, { recursive: true });
    const notice = join(root, 'incidents/2024-02-01-login-slow/2024-02-01-suspension.md');
    const original = readFileSync(notice, 'utf8');
    watcher = new Watcher(root);
    const first = await watcher.until(() => true);
    expect(first.summary).toMatch(/^0 errors/);
    // Not a terminal: no colour and no screen clearing, one result after the other.
    expect(watcher.stdout + watcher.stderr).not.toContain('\x1b');

    const error = 'incidents/2024-02-01-login-slow/2024-02-01-suspension.md:3:7: error: date "2024-02-01 08:00" has no UTC offset; write 2024-02-01T08:00:00-08:00';
    watcher.edit(() => writeFileSync(notice, original.replace(/^date: .*$/m, 'date: "2024-02-01 08:00"')));
    const broken = await watcher.until((run) => run.stdout.includes(error));
    expect(broken.stdout).toContain('incidents/2024-02-01-login-slow/2024-02-01-suspension.md changed; checked again');
    expect(broken.summary).toMatch(/^1 error, /);

    watcher.edit(() => writeFileSync(notice, original));
    const fixed = await watcher.until((run) => run.summary.startsWith('0 errors'));
    expect(fixed.stdout).not.toContain('error:');

    // A folder created while watching is watched too.
    const folder = join(root, 'incidents/2024-04-01-new');
    watcher.edit(() => {
      mkdirSync(folder);
      writeFileSync(join(folder, 'incident.md'), '---\ntitle: New\nsummary: New.\n---\n');
    });
    await watcher.until((run) => run.stdout.includes('incidents/2024-04-01-new/incident.md: error: incident has no notices'));
    watcher.edit(() => rmSync(folder, { recursive: true }));
    await watcher.until((run) => run.summary.startsWith('0 errors'));

    // And the config.
    const config = join(root, 'src/site.config.yaml');
    watcher.edit(() => writeFileSync(config, readFileSync(config, 'utf8').replace('timeZone: America/Los_Angeles', 'timeZone: Mars/Base')));
    await watcher.until((run) => /^src\/site\.config\.yaml:\d+:\d+: error: /m.test(run.stdout));
  });
});
