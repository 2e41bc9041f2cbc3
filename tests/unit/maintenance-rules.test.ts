import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSiteContent } from '../../src/lib/content/load.ts';
import { projectRoot } from '../support/build.ts';

const DIR = 'incidents/2018-05-20-payouts-maintenance';

/** The example site's maintenance incident with one extra notice. */
function withNotice(name: string, text: string) {
  const root = mkdtempSync(join(tmpdir(), 'shirase-maint-'));
  cpSync(join(projectRoot, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(projectRoot, DIR), join(root, DIR), { recursive: true });
  writeFileSync(join(root, DIR, name), text);
  return loadSiteContent(root);
}

describe('maintenance notices', () => {
  it.each([
    ['window_start only', 'window_start: "2018-05-27T02:00:00+09:00"', 'window_end', 'window_start'],
    ['window_end only', 'window_end: "2018-05-27T05:00:00+09:00"', 'window_start', 'window_end'],
  ])('reject an update that moves the window with %s', (_label, line, missing, present) => {
    const result = withNotice('2018-05-20-moved.md', `---\ntype: update\ndate: "2018-05-20T03:00:00+09:00"\n${line}\n---\nMoved.\n`);
    expect(result.content).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      { file: `${DIR}/2018-05-20-moved.md`, line: 4, column: 1 + present.length + 2, severity: 'error', message: `window_start and window_end go together; add ${missing} too (a window moves as a whole)` },
    ]);
  });

  it('accept an update that moves the whole window, and the timeline takes the new one', () => {
    const result = withNotice('2018-05-20-moved.md', '---\ntype: update\ndate: "2018-05-20T03:00:00+09:00"\nwindow_start: "2018-05-27T02:00:00+09:00"\nwindow_end: "2018-05-27T05:00:00+09:00"\n---\nMoved.\n');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reject "completed" in an incident that opened with a suspension', () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-maint-'));
    cpSync(join(projectRoot, 'src'), join(root, 'src'), { recursive: true });
    cpSync(join(projectRoot, 'incidents/2018-06-05-dashboard-slow'), join(root, 'incidents/2018-06-05-dashboard-slow'), { recursive: true });
    writeFileSync(join(root, 'incidents/2018-06-05-dashboard-slow/2018-06-05-resumption.md'), '---\ntype: completed\ndate: "2018-06-05T10:55:00+09:00"\n---\nDone.\n');
    const errors = loadSiteContent(root).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.message)).toContain('type is "completed", which closes a planned maintenance, but this incident opened with a suspension; use "type: resumption"');
  });
});
