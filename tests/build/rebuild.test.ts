import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite, differingFiles, projectRoot, readOutput } from '../support/build.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';

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
    expect(second.stdout).toMatch(/; \d+ written because they changed, /);
    // Only the changed incident was rendered again, once per language; everything else was kept as it was.
    const { incidents, config } = loadSiteContentOrThrow(root);
    const units = incidents.length * config.locales.length;
    expect(second.stdout).toContain(`${units - config.locales.length} of ${units} incident × language units reused without rendering`);
    // And what the rebuild left is exactly what a cold build of the same content writes.
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);

    rmSync(added);
    const third = buildSite(root, { env: { SHIRASE_OUT_DIR: outDir } });
    expect(third.status, third.stderr).toBe(0);
    expect(existsSync(removedShare)).toBe(false);
    expect(readOutput(outDir, 'incidents/2024-02-01-login-slow/index.html')).not.toContain('2024-02-01-update');
    expect(statSync(untouched).mtimeMs).toBe(before);
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);
    expect(existsSync(`${outDir.replace(/\/+$/, '')}.shirase-staging`)).toBe(false);

    // Another base path changes every page: nothing is kept, and the result is again what a cold build writes.
    const fourth = buildSite(root, { args: ['--base', '/status'], env: { SHIRASE_OUT_DIR: outDir } });
    expect(fourth.status, fourth.stderr).toBe(0);
    expect(fourth.stdout).toContain(`0 of ${units} incident × language units reused without rendering`);
    expect(differingFiles(outDir, buildSite(root, { args: ['--base', '/status'] }).outDir)).toEqual([]);
  });
});

describe('a rebuild after a file beside a notice changed', () => {
  it('copies the changed image again, and removes a file no notice refers to any more', () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-rebuild-'));
    cpSync(join(projectRoot, 'tests/fixtures/sites/media'), root, { recursive: true });
    const folder = 'incidents/2024-07-01-payouts-failed';
    const first = buildSite(root);
    expect(first.status, first.stderr).toBe(0);
    const outDir = first.outDir;
    const { incidents, config } = loadSiteContentOrThrow(root);
    const units = incidents.length * config.locales.length;

    // Same name, other bytes: only the render key (which holds the bytes' hash) can tell.
    const changed = readFileSync(join(root, folder, 'chart@2x.png'));
    writeFileSync(join(root, folder, 'chart.png'), changed);
    const second = buildSite(root, { env: { SHIRASE_OUT_DIR: outDir } });
    expect(second.status, second.stderr).toBe(0);
    expect(readFileSync(join(outDir, folder, 'chart.png')).equals(changed)).toBe(true);
    expect(second.stdout).toContain(`${units - config.locales.length} of ${units} incident × language units reused without rendering`);

    // The text file loses its last link: it is not published any more, and the rebuild removes it.
    for (const notice of ['2024-07-01-suspension.md', '2024-07-01-suspension.ja.md']) {
      const path = join(root, folder, notice);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/\n[^\n]*error-summary\.txt[^\n]*\n/, '\n'));
    }
    const third = buildSite(root, { env: { SHIRASE_OUT_DIR: outDir } });
    expect(third.status, third.stderr).toBe(0);
    expect(third.stderr).toContain(`${folder}/error-summary.txt: warning: is not a notice (.md), and no notice refers to it, so it is not published`);
    expect(existsSync(join(outDir, folder, 'error-summary.txt'))).toBe(false);
    expect(readFileSync(join(outDir, folder, 'chart.png')).equals(changed)).toBe(true);
    // Both rebuilds together left exactly what a cold build of the final content writes.
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);
  });
});

describe('the record of what a build rendered', () => {
  const siteWithoutDrafts = () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-rebuild-'));
    cpSync(join(projectRoot, 'tests/fixtures/sites/basic'), root, { recursive: true });
    // Without drafts, a draft preview and a public build load the same content: only the record can tell them apart.
    for (const draft of ['src/content/faq/draft-answer.md', 'incidents/2024-03-05-draft-incident', 'incidents/2024-01-10-payouts-stopped/2024-01-12-draft-update.md']) rmSync(join(root, draft), { recursive: true });
    return root;
  };

  it('is not reused between a draft preview and a public build into the same folder', () => {
    const root = siteWithoutDrafts();
    const preview = buildSite(root, { env: { SHIRASE_DRAFTS: '1' } });
    expect(preview.status, preview.stderr).toBe(0);
    expect(readOutput(preview.outDir, 'incidents/2024-02-01-login-slow/index.html')).toMatch(/noindex/);
    const published = buildSite(root, { env: { SHIRASE_OUT_DIR: preview.outDir } });
    expect(published.status, published.stderr).toBe(0);
    expect(readOutput(preview.outDir, 'incidents/2024-02-01-login-slow/index.html')).not.toMatch(/noindex/);
    expect(differingFiles(preview.outDir, buildSite(root).outDir)).toEqual([]);
  });

  it('renders a unit again when one of its files was deleted from the output folder', () => {
    const root = siteWithoutDrafts();
    const first = buildSite(root);
    expect(first.status, first.stderr).toBe(0);
    const deleted = join(first.outDir, 'incidents/2024-01-10-payouts-stopped/2024-01-11-update/index.html');
    rmSync(deleted);
    const second = buildSite(root, { env: { SHIRASE_OUT_DIR: first.outDir } });
    expect(second.status, second.stderr).toBe(0);
    const { incidents, config } = loadSiteContentOrThrow(root);
    const units = incidents.length * config.locales.length;
    expect(second.stdout).toContain(`${units - 1} of ${units} incident × language units reused without rendering`);
    expect(existsSync(deleted)).toBe(true);
    expect(differingFiles(first.outDir, buildSite(root).outDir)).toEqual([]);
  });
});

describe('the preview images in a rebuild', () => {
  it('are kept when what they show did not change, and drawn again when their file is gone', () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-rebuild-'));
    cpSync(join(projectRoot, 'tests/fixtures/sites/basic'), root, { recursive: true });
    const first = buildSite(root);
    expect(first.status, first.stderr).toBe(0);
    const drawnAtFirst = /preview images in \d+ms \((\d+) drawn, 0 unchanged\)/.exec(first.stdout);
    expect(Number(drawnAtFirst?.[1])).toBeGreaterThan(1);
    const site = join(first.outDir, 'og.png');
    const before = statSync(site).mtimeMs;

    const unchanged = buildSite(root, { env: { SHIRASE_OUT_DIR: first.outDir } });
    expect(unchanged.status, unchanged.stderr).toBe(0);
    expect(unchanged.stdout).toContain(`(0 drawn, ${drawnAtFirst![1]} unchanged)`);
    expect(statSync(site).mtimeMs).toBe(before);

    rmSync(site);
    const redrawn = buildSite(root, { env: { SHIRASE_OUT_DIR: first.outDir } });
    expect(redrawn.status, redrawn.stderr).toBe(0);
    expect(redrawn.stdout).toContain(`(1 drawn, ${Number(drawnAtFirst![1]) - 1} unchanged)`);
    expect(differingFiles(first.outDir, buildSite(root).outDir)).toEqual([]);
  });
});

/** Writes a valid update an hour after the suspension of the basic fixture's login incident. */
function writeUpdate(path: string): void {
  const text = '---\ntype: update\ndate: "2024-02-01T09:00:00-08:00"\ncomponents:\n  login: degraded\nnext_update: "2024-02-01T11:00:00-08:00"\n---\nStill slow.\n';
  writeFileSync(path, text);
}
