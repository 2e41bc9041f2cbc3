import { cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite, projectRoot, readOutput } from '../support/build.ts';

describe('a rebuild into the same output folder', () => {
  it('leaves unchanged incident files untouched, updates changed ones and deletes pages of removed notices', () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-rebuild-'));
    cpSync(join(projectRoot, 'tests/fixtures/sites/basic'), root, { recursive: true });
    const first = buildSite(root);
    expect(first.status, first.stderr).toBe(0);
    const outDir = first.outDir;
    const untouched = join(outDir, 'incidents/2024-01-10-payouts-stopped/index.html');
    const removedShare = join(outDir, 'incidents/2024-02-01-login-slow/2024-02-01-update/index.html');
    const before = statSync(untouched).mtimeMs;

    // Add a notice to one incident, then remove it again: its share page must come and go.
    const added = join(root, 'incidents/2024-02-01-login-slow/2024-02-01-update.md');
    writeUpdate(added);
    const second = buildSite(root, { env: { SHIRASE_OUT_DIR: outDir } });
    expect(second.status, second.stderr).toBe(0);
    expect(existsSync(removedShare)).toBe(true);
    expect(readOutput(outDir, 'incidents/2024-02-01-login-slow/index.html')).toContain('<article id="2024-02-01-update"');
    expect(statSync(untouched).mtimeMs).toBe(before);
    expect(second.stdout).toMatch(/\(\d+ changed since the last build\)/);

    rmSync(added);
    const third = buildSite(root, { env: { SHIRASE_OUT_DIR: outDir } });
    expect(third.status, third.stderr).toBe(0);
    expect(existsSync(removedShare)).toBe(false);
    expect(readOutput(outDir, 'incidents/2024-02-01-login-slow/index.html')).not.toContain('2024-02-01-update');
    expect(statSync(untouched).mtimeMs).toBe(before);
    expect(existsSync(`${outDir.replace(/\/+$/, '')}.shirase-previous`)).toBe(false);
  });
});

function writeUpdate(path: string): void {
  // A valid update an hour after the suspension.
  const text = '---\ntype: update\ndate: "2024-02-01T09:00:00-08:00"\ncomponents:\n  login: degraded\nnext_update: "2024-02-01T11:00:00-08:00"\n---\nStill slow.\n';
  writeFileSync(path, text);
}
