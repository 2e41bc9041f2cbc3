import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../support/build.ts';
import { loadSiteContent } from '../../src/lib/content/load.ts';
import { PLACEHOLDER_MARKER } from '../../src/lib/content/placeholder.ts';

function run(script: 'new' | 'check', root: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, `src/cli/${script}.ts`), '--root', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the example site (Asia/Tokyo, ja + en, with its templates). */
function exampleCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'shirase-templates-'));
  cpSync(join(projectRoot, 'incidents'), join(root, 'incidents'), { recursive: true });
  cpSync(join(projectRoot, 'src'), join(root, 'src'), { recursive: true });
  return root;
}

describe('notice templates', () => {
  let root: string;
  beforeAll(() => {
    root = exampleCopy();
  });

  it('are part of the example and valid: check passes with them, the loader returns them beside the content', () => {
    const loaded = loadSiteContent(projectRoot);
    expect(loaded.templates.map((t) => [t.name, t.type, Object.keys(t.translations)])).toEqual([
      ['daily-update', 'update', ['en']],
      ['payments-suspended', 'suspension', ['en']],
      ['payouts-held', 'suspension', ['en']],
      ['postmortem', 'postmortem', ['en']],
      ['resumption-payouts', 'resumption', ['en']],
    ]);
    expect(Object.keys(loaded.content!)).toEqual(['config', 'incidents', 'faq']);
  });

  it('fill their placeholders in each language and the site zone, in the notice and its translation', () => {
    const result = run('new', root, ['update', '2018-09-03-payments-degraded', '--template', 'daily-update', '--date', '2018-09-04T03:00:00Z']);
    expect(result.status, result.stderr).toBe(0);
    const folder = join(root, 'incidents/2018-09-03-payments-degraded');
    const ja = readFileSync(join(folder, '2018-09-04-update.md'), 'utf8');
    const en = readFileSync(join(folder, '2018-09-04-update.en.md'), 'utf8');
    // The template's cadence (24 h) from 12:00 JST; the incident opened 2018-09-03 09:40 JST.
    expect(ja).toContain('next_update: "2018-09-05T12:00:00+09:00"');
    expect(ja).toContain('title: "停止中のサービスの状況(続報)"');
    expect(ja).toContain('現在の状況: 決済: 一部停止(停止から1日2時間20分)');
    expect(ja).toContain('次のお知らせは、2018年9月5日(水) 12:00 JSTに掲載します。');
    // The translation carries only its title and draft; the facts stay in the original.
    expect(en.split('\n').slice(0, 7)).toEqual([
      '---',
      'title: "Status of the suspended services (update)"',
      'draft: true',
      '---',
      '',
      PLACEHOLDER_MARKER,
      'Where things stand: Payments: Partial outage (1 day, 2 hours, 20 minutes since the suspension began).',
    ]);
    expect(en).toContain('We will post the next update by Wed, 5 Sep 2018 12:00 JST.');
    for (const text of [ja, en]) expect(text).not.toContain('{{');
    // Drafts holding the placeholder marker: warnings, as for any draft from npm run new.
    const checked = run('check', root, []);
    expect(checked.status).toBe(0);
    expect(checked.stdout).toContain('incidents/2018-09-03-payments-degraded/2018-09-04-update.md:11:1: warning: draft notice still holds the placeholder text');
    expect(checked.stdout).toContain('incidents/2018-09-03-payments-degraded/2018-09-04-update.en.md:6:1: warning: draft translated notice still holds the placeholder text');
  });

  it('fill a list of components with the language\'s separator', () => {
    const result = run('new', root, ['suspension', '--title', '決済と出金の停止', '--template', 'payments-suspended', '--date', '2018-10-01T00:00:00Z']);
    expect(result.status, result.stderr).toBe(0);
    const folder = join(root, 'incidents/2018-10-01-registration-payments-payouts');
    expect(readFileSync(join(folder, '2018-10-01-suspension.md'), 'utf8')).toContain('2018年10月1日(月) 09:00 JSTをもって、カケルペイの新規登録、決済、出金を一時停止しました。');
    expect(readFileSync(join(folder, '2018-10-01-suspension.en.md'), 'utf8')).toContain('As of Mon, 1 Oct 2018 09:00 JST, we have temporarily suspended the following on Kakeru Pay: Registration, Payments, Payouts.');
  });

  it('refuse an unknown template name with the list of names, and a template of another notice type', () => {
    const before = readdirSync(join(root, 'incidents/2018-09-03-payments-degraded')).sort();
    const unknown = run('new', root, ['update', '2018-09-03-payments-degraded', '--template', 'daily']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe(
      'new: --template "daily" is not a template; templates are daily-update, payments-suspended, payouts-held, postmortem, resumption-payouts.',
    );
    expect(unknown.stderr).toContain('usage:');
    const wrongType = run('new', root, ['resumption', '2018-09-03-payments-degraded', '--template', 'daily-update']);
    expect(wrongType.status).toBe(2);
    expect(wrongType.stderr).toContain('new: --template "daily-update" is for update notices, not resumption notices; use it with "npm run new -- update …"');
    expect(readdirSync(join(root, 'incidents/2018-09-03-payments-degraded')).sort()).toEqual(before);
  });

  it('are checked like notices: fields, components and placeholders at file:line:col', () => {
    const broken = exampleCopy();
    writeFileSync(join(broken, 'src/content/templates/daily-update.md'), [
      '---',
      'type: update',
      'label: 毎日',
      'components:',
      '  payout: suspended',
      '---',
      '{{since}}から停止しています。',
      '次は{{next_updat}}です。',
      '',
    ].join('\n'));
    writeFileSync(join(broken, 'src/content/templates/resumption-payouts.en.md'), '---\ntitle: Resumed\n---\nNext update: {{next_update}}\n');
    const result = run('check', broken, []);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('src/content/templates/daily-update.md:5:3: error: components has unknown component "payout"; known components are registration, payments, payouts, dashboard. Did you mean "payouts"?');
    expect(result.stdout).toContain('src/content/templates/resumption-payouts.en.md:4:14: error: {{next_update}} cannot be filled in a resumption notice; it is for suspension, update notices only');
    // Once the front matter is valid, the unknown placeholder is found too.
    writeFileSync(join(broken, 'src/content/templates/daily-update.md'), readFileSync(join(broken, 'src/content/templates/daily-update.md'), 'utf8').replace('payout:', 'payouts:'));
    expect(run('check', broken, []).stdout).toContain('src/content/templates/daily-update.md:8:3: error: unknown placeholder {{next_updat}}. Did you mean {{next_update}}?');
  });
});
