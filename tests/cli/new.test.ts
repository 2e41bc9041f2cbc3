import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, projectRoot, readOutput } from '../support/build.ts';
import { loadSiteContent } from '../../src/lib/content/load.ts';
import { PLACEHOLDER_MARKER } from '../../src/lib/content/placeholder.ts';

function run(script: 'new' | 'check', root: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, `src/cli/${script}.ts`), '--root', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Publishes a scaffolded file as an operator would: write the text, drop the placeholder, set draft: false. */
function publish(root: string, path: string, text: string): void {
  const file = join(root, path);
  const body = readFileSync(file, 'utf8').replace(/^draft: true$/m, 'draft: false').replace(new RegExp(`${PLACEHOLDER_MARKER}\\n[^\\n]*\\n`), `${text}\n`);
  writeFileSync(file, body);
}

describe('npm run new, end to end in a copy of the example site', () => {
  let root: string;
  const slug = '2026-11-25-payouts-payments';

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'shirase-new-'));
    cpSync(join(projectRoot, 'incidents'), join(root, 'incidents'), { recursive: true });
    cpSync(join(projectRoot, 'src'), join(root, 'src'), { recursive: true });
  });

  it('scaffolds a suspension as a draft with the time in the site zone and the next update from the cadence', () => {
    const result = run('new', root, ['suspension', '--title', '出金と決済の停止', '--components', 'payouts=suspended,payments=partial_outage', '--date', '2026-11-25T09:30:00Z']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`wrote incidents/${slug}/incident.md`);
    expect(result.stdout).toContain(`wrote incidents/${slug}/2026-11-25-suspension.md`);
    const notice = readFileSync(join(root, `incidents/${slug}/2026-11-25-suspension.md`), 'utf8');
    // 09:30 UTC is 18:30 in Tokyo; the example's cadence is 24 hours.
    expect(notice).toContain('date: "2026-11-25T18:30:00+09:00"');
    expect(notice).toContain('next_update: "2026-11-26T18:30:00+09:00"');
    expect(notice).toContain('draft: true');
    expect(notice).toContain(PLACEHOLDER_MARKER);
    // A draft with its placeholder passes check with a warning, and publishes nothing.
    const checked = run('check', root, []);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain(`incidents/${slug}/2026-11-25-suspension.md:11:1: warning: draft notice still holds the placeholder text`);
    publish(root, `incidents/${slug}/2026-11-25-suspension.md`, '出金と決済を停止しています。');
    expect(run('check', root, []).status).toBe(0);
  });

  it('carries the current component states forward into an update', () => {
    const result = run('new', root, ['update', slug, '--date', '2026-11-26T03:00:00Z']);
    expect(result.status, result.stderr).toBe(0);
    const notice = readFileSync(join(root, `incidents/${slug}/2026-11-26-update.md`), 'utf8');
    expect(notice).toContain('payouts: "suspended"');
    expect(notice).toContain('payments: "partial_outage"');
    expect(notice).toContain('next_update: "2026-11-27T12:00:00+09:00"');
    publish(root, `incidents/${slug}/2026-11-26-update.md`, '調査を続けています。');
  });

  it('refuses, writing nothing, what check would reject: a second notice at the same minute', () => {
    const before = readdirSync(join(root, `incidents/${slug}`)).sort();
    const result = run('new', root, ['update', slug, '--date', '2026-11-26T03:00:00Z']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is the same instant as');
    expect(result.stderr).toContain('Nothing was written.');
    expect(readdirSync(join(root, `incidents/${slug}`)).sort()).toEqual(before);
  });

  it('refuses a postmortem before the resumption, and an unknown incident or component', () => {
    const before = readdirSync(join(root, `incidents/${slug}`)).sort();
    const postmortem = run('new', root, ['postmortem', slug, '--date', '2026-11-26T05:00:00Z']);
    expect(postmortem.status).toBe(1);
    expect(postmortem.stderr).toContain('type is "postmortem" but the incident is not closed yet; publish the resumption first');
    expect(readdirSync(join(root, `incidents/${slug}`)).sort()).toEqual(before);
    const unknown = run('new', root, ['update', '2026-11-25-payouts-paymnts']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`Did you mean "${slug}"?`);
    const badComponent = run('new', root, ['suspension', '--title', 'x', '--components', 'payout=suspended']);
    expect(badComponent.status).toBe(2);
    expect(badComponent.stderr).toContain('unknown component "payout"');
    expect(badComponent.stderr).toContain('Did you mean "payouts"?');
  });

  it('writes a resumption that sets every affected component back to operational, then a postmortem', () => {
    expect(run('new', root, ['resumption', slug, '--date', '2026-11-26T09:00:00Z']).status).toBe(0);
    const resumption = readFileSync(join(root, `incidents/${slug}/2026-11-26-resumption.md`), 'utf8');
    expect(resumption).toContain('payouts: "operational"');
    expect(resumption).toContain('payments: "operational"');
    expect(resumption).not.toContain('next_update');
    publish(root, `incidents/${slug}/2026-11-26-resumption.md`, '再開しました。');
    expect(run('new', root, ['postmortem', slug, '--date', '2026-11-27T09:00:00Z']).status).toBe(0);
    publish(root, `incidents/${slug}/2026-11-27-postmortem.md`, '事後報告です。');
  });

  it('leaves a site that passes check and builds, with every new notice published', () => {
    const checked = run('check', root, []);
    expect(checked.status, checked.stdout).toBe(0);
    const result = loadSiteContent(root);
    const incident = result.content!.incidents.find((i) => i.slug === slug)!;
    expect(incident.notices.map((n) => n.type)).toEqual(['suspension', 'update', 'resumption', 'postmortem']);
    const build = buildSite(root);
    expect(build.status, build.stderr).toBe(0);
    const page = readOutput(build.outDir, `incidents/${slug}/index.html`);
    for (const notice of incident.notices) expect(page).toContain(`<article id="${notice.id}"`);
    expect(existsSync(join(build.outDir, `en/incidents/${slug}/index.html`))).toBe(true);
  });
});
