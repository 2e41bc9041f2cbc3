import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, listFiles, projectRoot, readOutput } from '../support/build.ts';
import { KEY, Terminal } from '../support/terminal.ts';
import { PLACEHOLDER_MARKER } from '../../src/lib/content/placeholder.ts';

/**
 * `npm run new` asked question by question, in a real pseudo-terminal, in a
 * copy of the example site (Asia/Tokyo, ja + en, with its templates). Each
 * run pins the notice time with --date; the notices written are published at
 * the end and must pass check and appear in a build.
 */

const node = join(projectRoot, 'node_modules/.bin/node');
let root: string;
let terminal: Terminal | undefined;

function guided(...args: string[]): Terminal {
  terminal = new Terminal(node, [join(projectRoot, 'src/cli/new.ts'), '--root', root, ...args], { cwd: root });
  return terminal;
}

const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Every file under incidents/, to see that nothing was written. */
const incidentFiles = () => listFiles(join(root, 'incidents'));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'shirase-guided-'));
  cpSync(join(projectRoot, 'incidents'), join(root, 'incidents'), { recursive: true });
  cpSync(join(projectRoot, 'src'), join(root, 'src'), { recursive: true });
});

afterEach(() => {
  terminal?.kill();
  terminal = undefined;
});

/** Written notices, published at the end as an operator would. */
const written: { slug: string; id: string; files: string[] }[] = [];

describe('npm run new in a terminal', () => {
  it('writes a whole suspension from a template, asking for each value', async () => {
    const t = guided('--date', '2026-11-25T09:30:00Z');
    await t.choose('Which notice?', 'suspension');
    await t.choose('Start from a template?', 'payments-suspended');
    // Pre-selected from the template; the dashboard is added.
    await t.selectOnly('Which components are affected?', ['registration', 'payments', 'payouts', 'dashboard']);
    await t.choose('State of registration', 'suspended');
    await t.choose('State of payments', 'suspended');
    await t.choose('State of payouts', 'suspended');
    await t.choose('State of dashboard', 'degraded');
    await t.type('Incident title', '新規登録・決済・出金の停止');
    await t.waitFor('◇  Incident title');
    await t.choose('When is the next update promised?', 'in 2 h');
    expect(await t.exited).toBe(0);

    const slug = '2026-11-25-registration-payments-payouts';
    const notice = read(`incidents/${slug}/2026-11-25-suspension.md`);
    // 09:30 UTC is 18:30 in Tokyo; "in 2 h" promises 20:30.
    expect(notice).toContain('date: "2026-11-25T18:30:00+09:00"');
    expect(notice).toContain('next_update: "2026-11-25T20:30:00+09:00"');
    expect(notice).toMatch(/components:\n {2}registration: "suspended"\n {2}payments: "suspended"\n {2}payouts: "suspended"\n {2}dashboard: "degraded"\n/);
    // The template's text with its placeholders filled in the site's language and zone.
    expect(notice).toContain('2026年11月25日(水) 18:30 JSTをもって、カケルペイの新規登録、決済、出金、管理画面を一時停止しました。');
    expect(notice).toContain('次のお知らせは、2026年11月25日(水) 20:30 JSTまでに');
    const english = read(`incidents/${slug}/2026-11-25-suspension.en.md`);
    expect(english).toContain('As of Wed, 25 Nov 2026 18:30 JST, we have temporarily suspended the following on Kakeru Pay: Registration, Payments, Payouts, Dashboard.');
    expect(read(`incidents/${slug}/incident.md`)).toContain('title: "新規登録・決済・出金の停止"');
    expect(t.text).toContain(`wrote incidents/${slug}/2026-11-25-suspension.en.md`);
    expect(t.text).toContain(`http://localhost:4321/incidents/${slug}/#2026-11-25-suspension`);
    written.push({ slug, id: '2026-11-25-suspension', files: ['2026-11-25-suspension.md', '2026-11-25-suspension.en.md'] });
  });

  it('writes an update to an incident picked from the open ones, its states pre-filled', async () => {
    const t = guided('--date', '2026-11-26T03:00:00Z');
    await t.choose('Which notice?', 'update');
    // The list shows each open incident's states and the age of its last notice.
    const list = await t.waitFor('another incident…');
    expect(list).toContain('一部カードブランドで決済エラーが増加 · payments: partial_outage · last notice 3,006 days, 1 hour ago');
    await t.choose('Which open incident?', '一部カードブランドで決済エラーが増加');
    await t.choose('Start from a template?', 'daily-update');
    const components = await t.waitFor('Space: select');
    expect(components).toContain('◼ payments: partial_outage');
    await t.selectOnly('Components in this update', ['payments']);
    await t.choose('State of payments', 'degraded');
    // The template's cadence (24 h) is the first choice.
    await t.choose('When is the next update promised?', "in 24 h, the template's cadence (Fri, 27 Nov 2026 12:00 JST)");
    expect(await t.exited).toBe(0);

    const notice = read('incidents/2018-09-03-payments-degraded/2026-11-26-update.md');
    expect(notice).toContain('payments: "degraded"');
    expect(notice).toContain('next_update: "2026-11-27T12:00:00+09:00"');
    expect(notice).toContain('現在の状況: 決済: 性能低下');
    written.push({ slug: '2018-09-03-payments-degraded', id: '2026-11-26-update', files: ['2026-11-26-update.md', '2026-11-26-update.en.md'] });
  });

  it('asks again after a bad answer, with the check message, and keeps the earlier answers', async () => {
    const t = guided('--date', '2026-11-27T01:00:00Z');
    await t.choose('Which notice?', 'suspension');
    await t.choose('Start from a template?', 'no template');
    await t.selectOnly('Which components are affected?', ['payouts']);
    await t.choose('State of payouts', 'suspended');
    // An empty title is refused as check refuses it, and asked again.
    await t.type('Incident title', '');
    await t.waitFor('title is empty; write some text');
    t.press('出金の停止', KEY.enter);
    await t.waitFor('◇  Incident title');
    await t.choose('When is the next update promised?', 'another time…');
    // A time without its offset: the message check prints, then the same question with the typed text kept.
    await t.type('Next update', '2026-11-27 15:00');
    await t.waitFor('next_update "2026-11-27 15:00" has no UTC offset; write 2026-11-27T15:00:00+09:00');
    t.press(...Array<string>('2026-11-27 15:00'.length).fill(KEY.backspace), '2026-11-27T15:00:00+09:00', KEY.enter);
    expect(await t.exited).toBe(0);

    const slug = '2026-11-27-payouts';
    const notice = read(`incidents/${slug}/2026-11-27-suspension.md`);
    expect(notice).toContain('payouts: "suspended"');
    expect(notice).toContain('next_update: "2026-11-27T15:00:00+09:00"');
    expect(read(`incidents/${slug}/incident.md`)).toContain('title: "出金の停止"');
    written.push({ slug, id: '2026-11-27-suspension', files: ['2026-11-27-suspension.md'] });
  });

  it('writes nothing and says so on Ctrl-C', async () => {
    const before = incidentFiles();
    const t = guided('--date', '2026-11-28T01:00:00Z');
    await t.choose('Which notice?', 'suspension');
    await t.choose('Start from a template?', 'payouts-held');
    await t.selectOnly('Which components are affected?', ['payouts']);
    await t.choose('State of payouts', 'suspended');
    await t.type('Incident title', '出金の保留');
    await t.waitFor('◇  Incident title');
    await t.waitFor('When is the next update promised?');
    t.press(KEY.ctrlC);
    await t.waitFor('Cancelled: nothing was written.');
    expect(await t.exited).toBe(130);
    expect(incidentFiles()).toEqual(before);
  });

  it('asks nothing when the flags say everything, as before', async () => {
    const t = guided('postmortem', '2018-06-05-dashboard-slow', '--date', '2026-11-28T02:00:00Z');
    expect(await t.exited).toBe(0);
    expect(t.text).not.toContain('◆');
    expect(t.text).toContain('wrote incidents/2018-06-05-dashboard-slow/2026-11-28-postmortem.md');
    written.push({ slug: '2018-06-05-dashboard-slow', id: '2026-11-28-postmortem', files: ['2026-11-28-postmortem.md'] });
  });

  it('leaves notices that pass check once written, and appear in a build; templates never do', () => {
    // Publish every written notice (and new incident) as an operator would: the text written, draft: false.
    for (const { slug, files } of written) {
      for (const name of files) {
        const path = join(root, 'incidents', slug, name);
        writeFileSync(path, readFileSync(path, 'utf8').replace(/^draft: true$/m, 'draft: false').replace(`${PLACEHOLDER_MARKER}\n`, ''));
      }
    }
    const check = spawnSync(node, [join(projectRoot, 'src/cli/check.ts'), '--root', root], { encoding: 'utf8' });
    expect(check.status, check.stdout).toBe(0);
    expect(check.stdout).not.toContain('error');

    const build = buildSite(root);
    expect(build.status, build.stderr).toBe(0);
    for (const { slug, id } of written) {
      expect(readOutput(build.outDir, `incidents/${slug}/index.html`)).toContain(`<article id="${id}"`);
      expect(readdirSync(join(build.outDir, 'incidents', slug))).toContain(id);
    }
    // Nothing of the templates reaches the site: no label, no placeholder.
    const built = listFiles(build.outDir).filter((file) => /\.(html|xml|json|txt|ics)$/.test(file)).map((file) => readOutput(build.outDir, file)).join('\n');
    expect(built).not.toContain('{{');
    expect(built).not.toContain('毎日のお知らせ(進展がない日も、約束の時刻に)');
  });
});
