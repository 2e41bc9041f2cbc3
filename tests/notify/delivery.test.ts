/**
 * `npm run notify` end to end: the real CLI, as a child process, against a
 * real SMTP server and real HTTP receivers on 127.0.0.1. What merchants
 * receive (headers, threading, both languages, links, no draft, signed
 * webhooks), adopting with --baseline, refusing without a ledger, the age
 * limit, --dry-run, --resend, and bad usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressObject } from 'mailparser';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addNotices, EXAMPLE_INCIDENT, keyOfPermalink, makeSite, removeSite, runCli, SMTP_PASSWORD, SMTP_USER, startHttpReceiver, startSmtpReceiver,
  WEBHOOK_SECRET, type HttpReceiver, type SmtpReceiver,
} from './support.ts';

const CHANNELS = `
notify:
  maxAgeHours: 100
  timeoutSeconds: 2
  retries: 1
  channels:
    - id: mail-ja
      type: email
      smtpUrlEnv: SHIRASE_SMTP_URL
      from: "カケルペイ ステータス <status@kakeru-pay.example>"
      toEnv: SHIRASE_MAIL_TO_JA
    - id: mail-en
      type: email
      locale: en
      smtpUrlEnv: SHIRASE_SMTP_URL
      from: "Kakeru Pay Status <status@kakeru-pay.example>"
      toEnv: SHIRASE_MAIL_TO_EN
      unsubscribe: https://kakeru-pay.example/settings/notices
    - id: support-slack
      type: slack
      urlEnv: SHIRASE_SLACK_WEBHOOK_URL
    - id: partners-discord
      type: discord
      locale: en
      urlEnv: SHIRASE_DISCORD_WEBHOOK_URL
    - id: ops-teams
      type: teams
      urlEnv: SHIRASE_TEAMS_WEBHOOK_URL
    - id: partners
      type: webhook
      locale: en
      urlEnv: SHIRASE_WEBHOOK_URL
      secretEnv: SHIRASE_WEBHOOK_SECRET
`;

const SLACK_TOKEN = 'T0SLACK01/B0SLACK01/sl4ckS3cr3tT0kenValue';
const NOW = ['--now', '2018-04-15T13:00:00+09:00'];
const NOTICES = ['2018-04-12-suspension', '2018-04-13-update', '2018-04-14-update', '2018-04-15-update'].map((id) => `${EXAMPLE_INCIDENT}/${id}`);
const DRAFT = `---
type: update
date: "2018-04-15T15:00:00+09:00"
title: "DRAFT-NOT-FOR-MERCHANTS"
components:
  payouts: suspended
draft: true
---
This draft must never leave the repository.
`;

let smtp: SmtpReceiver;
let http: HttpReceiver;
let env: Record<string, string>;
const sites: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  http = await startHttpReceiver();
  env = {
    SHIRASE_SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
    SHIRASE_MAIL_TO_JA: 'merchants-ja@lists.kakeru-pay.example',
    SHIRASE_MAIL_TO_EN: 'shop-one@merchant.example, shop-two@merchant.example',
    SHIRASE_SLACK_WEBHOOK_URL: `${http.origin}/slack/services/${SLACK_TOKEN}`,
    SHIRASE_DISCORD_WEBHOOK_URL: `${http.origin}/discord/api/webhooks/1234567890/d1sc0rdT0ken`,
    SHIRASE_TEAMS_WEBHOOK_URL: `${http.origin}/teams/workflows/abc/triggers/manual/paths/invoke?sig=t3amsSig`,
    SHIRASE_WEBHOOK_URL: `${http.origin}/webhook/incoming`,
    SHIRASE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
});

afterAll(async () => {
  await http.close();
  await smtp.close();
  for (const root of sites) removeSite(root);
});

function site(yaml: string, incidents: Parameters<typeof makeSite>[1]): string {
  const root = makeSite(yaml, incidents);
  sites.push(root);
  return root;
}

const json = (body: string) => JSON.parse(body) as Record<string, any>;
const addressesOf = (field: AddressObject | AddressObject[] | undefined) => (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address));

describe('adopting notify and sending new notices', () => {
  let root: string;
  let ledger: string;
  const run = (...args: string[]) => runCli(['--root', root, '--ledger', ledger, ...NOW, ...args], env);

  beforeAll(() => {
    // The site already has years of history: here, the September incident.
    root = site(CHANNELS, [{ slug: '2018-09-03-payments-degraded' }]);
    ledger = join(root, 'state/ledger.json');
  });

  it('refuses without a ledger (exit 5), explains --baseline and sends nothing', async () => {
    const result = await run();
    expect(result.status).toBe(5);
    expect(result.stderr).toContain('there is no ledger at');
    expect(result.stderr).toContain('npm run notify -- --baseline');
    expect(existsSync(ledger)).toBe(false);
    expect(http.requests).toHaveLength(0);
    expect(smtp.accepted).toHaveLength(0);
  });

  it('--baseline records every published notice as already sent, for every channel, and sends nothing', async () => {
    const result = await run('--baseline');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('--baseline recorded 2 published notices');
    const written = json(readFileSync(ledger, 'utf8'));
    expect(Object.keys(written.channels)).toEqual(['mail-en', 'mail-ja', 'ops-teams', 'partners', 'partners-discord', 'support-slack']);
    for (const entries of Object.values(written.channels)) {
      expect(entries).toEqual({
        '2018-09-03-payments-degraded/2018-09-03-suspension': { status: 'skipped', at: '2018-04-15T04:00:00Z', reason: 'baseline' },
        '2018-09-03-payments-degraded/2018-09-03-update': { status: 'skipped', at: '2018-04-15T04:00:00Z', reason: 'baseline' },
      });
    }
    expect(http.requests).toHaveLength(0);
    expect(smtp.accepted).toHaveLength(0);
  });

  it('sends each new notice to every channel once, oldest first; never a draft', async () => {
    addNotices(root, EXAMPLE_INCIDENT, NOTICES.map((key) => key.split('/')[1]!));
    writeFileSync(join(root, 'incidents', EXAMPLE_INCIDENT, '2018-04-15-draft.md'), DRAFT);
    const result = await run();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('notify: 24 sent; ledger:');
    for (const channel of ['mail-ja', 'mail-en', 'support-slack', 'partners-discord', 'ops-teams', 'partners']) {
      expect(result.stdout.match(new RegExp(`^notify: ${channel}: sent .*$`, 'gm'))?.map((line) => line.split(' ').at(-1))).toEqual(NOTICES);
    }
    const everything = [...http.requests.map((r) => r.body), ...smtp.accepted.map((m) => m.raw)].join('\n');
    expect(everything).not.toContain('DRAFT-NOT-FOR-MERCHANTS');
    expect(everything).not.toContain('2018-04-15-draft');
  });

  it('e-mail: subject, both parts, threading, list headers, recipients kept apart (ja)', () => {
    const mails = smtp.acceptedFor('merchants-ja@lists.kakeru-pay.example');
    expect(mails.map((m) => m.parsed.subject)).toEqual([
      '[カケルペイ ステータス] 新規登録・決済・出金の一時停止 — 停止のお知らせ',
      '[カケルペイ ステータス] 新規登録・決済・出金の一時停止 — 続報',
      '[カケルペイ ステータス] 新規登録・決済・出金の一時停止 — 続報',
      '[カケルペイ ステータス] 新規登録・決済・出金の一時停止 — 続報',
    ]);
    const ids = mails.map((m) => m.parsed.messageId);
    expect(ids).toEqual(NOTICES.map((key) => `<${key.split('/')[1]}.${EXAMPLE_INCIDENT}.ja@status.kakeru-pay.example>`));
    expect(mails[0]!.parsed.inReplyTo).toBeUndefined();
    for (const mail of mails.slice(1)) {
      expect(mail.parsed.inReplyTo).toBe(ids[0]);
      expect(mail.parsed.references).toBe(ids[0]);
    }
    const second = mails[1]!.parsed;
    const permalink = `https://status.kakeru-pay.example/incidents/${EXAMPLE_INCIDENT}/#2018-04-13-update`;
    expect(second.text).toContain('カード決済代行会社による確認が始まりました');
    expect(second.text).toContain('掲載: 2018年4月13日(金) 12:00 JST');
    expect(second.text).toContain('次回の更新予定: 2018年4月14日(土) 12:00 JST');
    expect(second.text).toContain('- 出金: ■ 一時停止中');
    expect(second.text).toContain(permalink);
    expect(second.text).toContain('RSSフィード: https://status.kakeru-pay.example/rss.xml');
    const html = String(second.html);
    expect(html).toContain(`href="${permalink}"`);
    expect(html).toContain('<time datetime="2018-04-13T03:00:00Z">2018年4月13日(金) 12:00 JST</time>');
    expect(html).toContain('href="https://status.kakeru-pay.example/rss.xml"');
    expect(html).toContain('一時停止中</span>');
    expect(second.headers.get('list')).toMatchObject({ unsubscribe: { mail: 'support@kakeru-pay.example?subject=unsubscribe' } });
    expect(second.headers.get('auto-submitted')).toBe('auto-generated');
    expect(second.headers.get('content-language')).toBe('ja');
    expect(addressesOf(second.from)).toEqual(['status@kakeru-pay.example']);
    expect(addressesOf(second.replyTo)).toEqual(['support@kakeru-pay.example']);
    expect(addressesOf(second.to)).toEqual(['merchants-ja@lists.kakeru-pay.example']);
  });

  it('e-mail in English: English text and links, the untranslated notice marked, several recipients never see each other', () => {
    const one = smtp.acceptedFor('shop-one@merchant.example');
    expect(one).toHaveLength(4);
    // One message per notice, addressed to both shops through the envelope only.
    for (const mail of one) {
      expect(mail.envelopeTo).toEqual(['shop-one@merchant.example', 'shop-two@merchant.example']);
      expect(mail.raw).not.toMatch(/shop-(one|two)@/);
      // An empty group: the To line names no one.
      expect(mail.raw).toMatch(/^To: "?undisclosed-recipients"?:;\r?$/m);
    }
    expect(one[1]!.parsed.subject).toBe('[Kakeru Pay Status] Registration, payments and payouts suspended — Update');
    expect(one[1]!.parsed.messageId).toBe(`<2018-04-13-update.${EXAMPLE_INCIDENT}.en@status.kakeru-pay.example>`);
    expect(one[1]!.parsed.inReplyTo).toBe(`<2018-04-12-suspension.${EXAMPLE_INCIDENT}.en@status.kakeru-pay.example>`);
    expect(one[1]!.parsed.text).toContain('Posted: Fri, 13 Apr 2018 12:00 JST');
    expect(one[1]!.parsed.text).toContain(`https://status.kakeru-pay.example/en/incidents/${EXAMPLE_INCIDENT}/#2018-04-13-update`);
    expect(one[1]!.parsed.headers.get('list')).toMatchObject({ unsubscribe: { url: 'https://kakeru-pay.example/settings/notices' } });
    // 2018-04-15-update has no English translation: the Japanese original, marked as such.
    const untranslated = one[3]!.parsed;
    expect(untranslated.text).toContain('(This notice is available in Japanese only)');
    expect(untranslated.text).toContain('新規登録・決済・出金は、引き続き停止しています');
    expect(String(untranslated.html)).toContain('<div lang="ja">');
  });

  it('Slack, Discord and Teams each get their own format, with the same facts and the link', () => {
    const slack = http.accepted('/slack/').map((r) => json(r.body));
    expect(slack).toHaveLength(4);
    expect(slack[1]!.text).toBe('[カケルペイ ステータス] 新規登録・決済・出金の一時停止 — 続報');
    expect(slack[1]!.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '新規登録・決済・出金の一時停止 — 続報', emoji: false } });
    expect(JSON.stringify(slack[1]!.blocks)).toContain('• 出金: ■ 一時停止中');
    expect(slack[1]!.blocks.at(-1).text.text).toBe(`<https://status.kakeru-pay.example/incidents/${EXAMPLE_INCIDENT}/#2018-04-13-update|ステータスページでこのお知らせを見る>`);

    const discord = http.accepted('/discord/').map((r) => json(r.body));
    expect(discord.map((d) => keyOfPermalink(d.embeds[0].url))).toEqual(NOTICES);
    expect(discord[1]!.allowed_mentions).toEqual({ parse: [] });
    expect(discord[1]!.embeds[0]).toMatchObject({ title: 'Registration, payments and payouts suspended — Update', timestamp: '2018-04-13T03:00:00.000Z', color: 0xa4161a });
    expect(discord[1]!.embeds[0].url).toBe(`https://status.kakeru-pay.example/en/incidents/${EXAMPLE_INCIDENT}/#2018-04-13-update`);

    const teams = http.accepted('/teams/').map((r) => json(r.body));
    const card = teams[1]!.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.content.body[1]).toMatchObject({ text: '新規登録・決済・出金の一時停止 — 続報', color: 'Attention' });
    expect(card.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'ステータスページでこのお知らせを見る', url: `https://status.kakeru-pay.example/incidents/${EXAMPLE_INCIDENT}/#2018-04-13-update` }]);
  });

  it('webhooks are in the Statuspage shape and signed per Standard Webhooks (verified with the standardwebhooks library)', () => {
    const hooks = http.accepted('/webhook/');
    expect(hooks).toHaveLength(4);
    const verifier = new Webhook(WEBHOOK_SECRET);
    const headers = (r: (typeof hooks)[number]) => ({ 'webhook-id': String(r.headers['webhook-id']), 'webhook-timestamp': String(r.headers['webhook-timestamp']), 'webhook-signature': String(r.headers['webhook-signature']) });
    for (const [index, request] of hooks.entries()) {
      const payload = verifier.verify(request.body, headers(request)) as Record<string, any>;
      expect(payload.shirase.notice_id).toBe(NOTICES[index]);
      expect(payload.incident.incident_updates[0].id).toBe(NOTICES[index]);
      expect(payload.incident.incident_updates).toHaveLength(index + 1);
    }
    // A body changed on the way no longer verifies, and neither does another secret.
    expect(() => verifier.verify(hooks[0]!.body.replace('investigating', 'resolved'), headers(hooks[0]!))).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.from('another secret of 32 bytes long!').toString('base64')}`).verify(hooks[0]!.body, headers(hooks[0]!))).toThrow();
    const last = json(hooks[3]!.body);
    expect(last.page).toMatchObject({ status_indicator: 'critical' });
    expect(last.incident).toMatchObject({ id: EXAMPLE_INCIDENT, name: 'Registration, payments and payouts suspended', status: 'identified', impact: 'critical' });
    expect(last.incident.components.map((c: { id: string }) => c.id)).toEqual(['registration', 'payments', 'payouts', 'dashboard']);
    expect(last.shirase).toMatchObject({ locale: 'en', lang: 'ja', permalink: `https://status.kakeru-pay.example/en/incidents/${EXAMPLE_INCIDENT}/#2018-04-15-update` });
  });

  it('a second run sends nothing; a new notice goes out alone; --resend sends one notice again to one channel on purpose', async () => {
    const before = { http: http.requests.length, smtp: smtp.accepted.length };
    const again = await run();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing new to send');
    expect({ http: http.requests.length, smtp: smtp.accepted.length }).toEqual(before);

    addNotices(root, EXAMPLE_INCIDENT, ['2018-04-16-update']);
    const next = await runCli(['--root', root, '--ledger', ledger, '--now', '2018-04-16T13:00:00+09:00'], env);
    expect(next.status, next.stderr).toBe(0);
    expect(next.stdout).toContain('notify: 6 sent');
    expect(http.requests.length - before.http).toBe(4);
    expect(smtp.accepted.length - before.smtp).toBe(2);
    expect(keyOfPermalink(json(http.accepted('/discord/').at(-1)!.body).embeds[0].url)).toBe(`${EXAMPLE_INCIDENT}/2018-04-16-update`);

    const resend = await run('--resend', NOTICES[1]!, '--channel', 'support-slack');
    expect(resend.status, resend.stderr).toBe(0);
    expect(resend.stdout).toContain(`notify: support-slack: sent ${NOTICES[1]}`);
    expect(http.requests.length - before.http).toBe(5);
    expect(smtp.accepted.length - before.smtp).toBe(2);
  });
});

describe('--dry-run, the age limit, invalid content and usage', () => {
  it('--dry-run prints every message as it would be sent, masks every secret, and changes nothing', async () => {
    const root = site(CHANNELS, [{ slug: EXAMPLE_INCIDENT, only: NOTICES.slice(0, 2).map((key) => key.split('/')[1]!) }]);
    const ledger = join(root, 'ledger.json');
    writeFileSync(ledger, '{"version": 1, "channels": {}}\n');
    const before = { http: http.requests.length, smtp: smtp.accepted.length };
    const result = await runCli(['--root', root, '--ledger', ledger, ...NOW, '--dry-run'], env);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toBe('{"version": 1, "channels": {}}\n');
    expect({ http: http.requests.length, smtp: smtp.accepted.length }).toEqual(before);
    expect(result.stdout).toContain('--- mail-ja (email, ja) → smtp://127.0.0.1:');
    expect(result.stdout).toContain('Subject: [カケルペイ ステータス] 新規登録・決済・出金の一時停止 — 続報');
    expect(result.stdout).toContain(`--- support-slack (slack, ja) → ${http.origin}/…`);
    expect(result.stdout).toContain('"type": "AdaptiveCard"');
    expect(result.stdout).toContain('webhook-signature: v1,(HMAC-SHA256 with the secret in SHIRASE_WEBHOOK_SECRET)');
    expect(result.stdout).toContain('notify: dry run: 12 would be sent; nothing was sent');
    const output = result.stdout + result.stderr;
    for (const secret of [SMTP_PASSWORD, SLACK_TOKEN, 'sl4ckS3cr3tT0kenValue', 'd1sc0rdT0ken', 't3amsSig', WEBHOOK_SECRET, 'merchants-ja@lists', 'shop-one@merchant.example']) {
      expect(output).not.toContain(secret);
    }
  });

  it('a long --dry-run reaches a slow reader whole: notify waits for its output to drain before it exits', async () => {
    const root = site(CHANNELS, [{ slug: EXAMPLE_INCIDENT, only: NOTICES.map((key) => key.split('/')[1]!) }]);
    const ledger = join(root, 'ledger.json');
    writeFileSync(ledger, '{"version": 1, "channels": {}}\n');
    const result = await runCli(['--root', root, '--ledger', ledger, ...NOW, '--dry-run'], env, undefined, 500);
    expect(result.stdout.length).toBeGreaterThan(64 * 1024);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^notify: dry run: 24 would be sent; nothing was sent/);
  });

  it('notices older than maxAgeHours are recorded as skipped and never sent', async () => {
    const root = site(CHANNELS.replace('maxAgeHours: 100', 'maxAgeHours: 48').replace(/    - id: mail-en[\s\S]*$/, ''), [{ slug: EXAMPLE_INCIDENT, only: ['2018-04-12-suspension', '2018-04-14-update'] }]);
    const ledger = join(root, 'ledger.json');
    writeFileSync(ledger, '{"version": 1, "channels": {}}\n');
    const before = smtp.accepted.length;
    // 2018-04-12 18:00 JST is 67 hours before; 2018-04-14 12:00 JST is 25 hours before.
    const result = await runCli(['--root', root, '--ledger', ledger, ...NOW], env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`notify: mail-ja: skipped 1 notice posted more than notify.maxAgeHours (48 h) ago, the newest 2 days, 19 hours ago; they are recorded as skipped and never sent: ${EXAMPLE_INCIDENT}/2018-04-12-suspension`);
    expect(smtp.accepted.slice(before).map((m) => m.parsed.headers.get('x-shirase-notice'))).toEqual([`${EXAMPLE_INCIDENT}/2018-04-14-update`]);
    expect(json(readFileSync(ledger, 'utf8')).channels['mail-ja']).toEqual({
      [`${EXAMPLE_INCIDENT}/2018-04-12-suspension`]: { status: 'skipped', at: '2018-04-15T04:00:00Z', reason: 'older than 48 h' },
      [`${EXAMPLE_INCIDENT}/2018-04-14-update`]: { status: 'delivered', at: '2018-04-15T04:00:00Z' },
    });
  });

  it('invalid content or config exits 1 with file:line:col, before anything is sent; a literal webhook URL is such an error', async () => {
    const root = site(CHANNELS.replace('urlEnv: SHIRASE_SLACK_WEBHOOK_URL', `url: ${http.origin}/slack/services/${SLACK_TOKEN}`), [{ slug: EXAMPLE_INCIDENT, only: ['2018-04-12-suspension'] }]);
    const before = http.requests.length;
    const result = await runCli(['--root', root, '--baseline'], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^src\/site\.config\.yaml:\d+:\d+: error: "url" would put a webhook URL in the repository, and a webhook URL is a secret/m);
    expect(result.stderr).toContain('"urlEnv: SHIRASE_SLACK_WEBHOOK_URL"');
    expect(result.stderr).toContain('nothing was sent');
    expect(result.stderr).not.toContain(SLACK_TOKEN);
    expect(http.requests.length).toBe(before);
  });

  it('bad usage exits 2 with one line and the usage, never a stack trace', async () => {
    const root = site(CHANNELS, [{ slug: EXAMPLE_INCIDENT, only: ['2018-04-12-suspension'] }]);
    const cases: [string[], RegExp][] = [
      [['--bogus'], /^notify: unknown option "--bogus"\. Options are --help, --dry-run, --baseline/],
      [['--dry-rn'], /^notify: unknown option "--dry-rn"\. Did you mean "--dry-run"\?/],
      [['--now', 'yesterday'], /^notify: --now "yesterday" is not a date and time/],
      [['--channel'], /^notify: --channel needs a value/],
      [['--baseline', '--resend', `${EXAMPLE_INCIDENT}/2018-04-12-suspension`], /^notify: --baseline records notices as sent without sending/],
      [['--root', join(root, 'missing')], /^notify: --root ".*missing" is not a folder/],
      [['--site', 'status.example.com'], /^notify: --site "status.example.com" is not an absolute http\(s\) URL/],
      [['--channel', 'suport-slack'], /^notify: --channel "suport-slack" is not a channel in src\/site\.config\.yaml; the channels are mail-ja, .*Did you mean "support-slack"\?/],
      [['--resend', 'nope/2018-04-12-suspension'], /^notify: --resend "nope\/2018-04-12-suspension" is not a published notice/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(['--root', root, ...args], env);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr).toContain('usage: npm run notify --');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
