/**
 * `npm run notify` when receivers fail: HTTP 500, 429 with Retry-After, a
 * receiver that never answers, a refused connection, SMTP 4xx and 5xx, a
 * missing environment variable. The run exits 4 and names each channel,
 * notice and reason; the other channels still deliver; the next run delivers
 * exactly the missing messages. And a process killed while a message is in
 * flight: the next run sends that one message again, nothing else.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLE_INCIDENT, keyOfPermalink, makeSite, refusedPort, removeSite, runCli, SMTP_PASSWORD, SMTP_USER, startHttpReceiver, startSmtpReceiver, until,
  WEBHOOK_SECRET, type HttpReceiver, type SmtpReceiver,
} from './support.ts';

const NOTICES = ['2018-04-12-suspension', '2018-04-13-update', '2018-04-14-update'];
const KEYS = NOTICES.map((id) => `${EXAMPLE_INCIDENT}/${id}`);
const NOW = ['--now', '2018-04-15T13:00:00+09:00'];

const CHANNELS = `
notify:
  maxAgeHours: 100
  timeoutSeconds: 0.5
  retries: 1
  channels:
    - id: mail-ja
      type: email
      smtpUrlEnv: SHIRASE_SMTP_URL
      from: status@kakeru-pay.example
      toEnv: SHIRASE_MAIL_TO_JA
    - id: mail-en
      type: email
      locale: en
      smtpUrlEnv: SHIRASE_SMTP_URL
      from: status@kakeru-pay.example
      toEnv: SHIRASE_MAIL_TO_EN
    - id: support-slack
      type: slack
      urlEnv: SHIRASE_SLACK_WEBHOOK_URL
    - id: partners-discord
      type: discord
      urlEnv: SHIRASE_DISCORD_WEBHOOK_URL
    - id: ops-teams
      type: teams
      urlEnv: SHIRASE_TEAMS_WEBHOOK_URL
    - id: partners
      type: webhook
      urlEnv: SHIRASE_WEBHOOK_URL
      secretEnv: SHIRASE_WEBHOOK_SECRET
    - id: backup-slack
      type: slack
      urlEnv: SHIRASE_BACKUP_SLACK_URL
`;

let smtp: SmtpReceiver;
let http: HttpReceiver;
const sites: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  http = await startHttpReceiver();
});
afterAll(async () => {
  await http.close();
  await smtp.close();
  for (const root of sites) removeSite(root);
});

function emptyLedger(root: string): string {
  const ledger = join(root, 'ledger.json');
  writeFileSync(ledger, '{"version": 1, "channels": {}}\n');
  return ledger;
}

describe('failing receivers', () => {
  it('exit 4, every failure named; the other channels deliver; the next run delivers exactly the missing messages', async () => {
    const root = makeSite(CHANNELS, [{ slug: EXAMPLE_INCIDENT, only: NOTICES }]);
    sites.push(root);
    const ledger = emptyLedger(root);
    const env = {
      SHIRASE_SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
      SHIRASE_MAIL_TO_JA: 'merchants-ja@lists.kakeru-pay.example',
      SHIRASE_MAIL_TO_EN: 'merchants-en@lists.kakeru-pay.example',
      SHIRASE_SLACK_WEBHOOK_URL: `${http.origin}/slack/services/T0/B0/slackToken000`,
      SHIRASE_DISCORD_WEBHOOK_URL: `${http.origin}/discord/api/webhooks/1/discordToken000`,
      SHIRASE_TEAMS_WEBHOOK_URL: `${http.origin}/teams/invoke`,
      SHIRASE_WEBHOOK_URL: `http://127.0.0.1:${await refusedPort()}/webhook`,
      SHIRASE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
    let discordCalls = 0;
    smtp.answer = (to) =>
      to.includes('merchants-ja@lists.kakeru-pay.example') ? { code: 451, message: '4.7.1 Greylisted, please try again later' } : { code: 550, message: '5.7.1 Relaying denied' };
    http.answer = ({ path }) => {
      if (path.startsWith('/slack/')) return { status: 500, body: 'internal error' };
      if (path.startsWith('/teams/')) return 'hang';
      if (path.startsWith('/discord/')) return ++discordCalls === 1 ? { status: 429, headers: { 'retry-after': '1' }, body: '{"retry_after": 1}' } : { status: 204 };
      return { status: 404 };
    };

    const failing = await runCli(['--root', root, '--ledger', ledger, ...NOW], env);
    expect(failing.status, failing.stdout + failing.stderr).toBe(4);
    const [first, second, third] = KEYS;
    const lines = failing.stderr.trim().split('\n');
    const held = `2 later notices held back to keep the order (${second}, ${third}); the next run sends them after ${first}.`;
    expect(lines).toEqual(expect.arrayContaining([
      `notify: mail-ja: ${first} was not sent: SMTP 451 4.7.1 Greylisted, please try again later (2 attempts). The next run tries again.`,
      `notify: mail-ja: ${held}`,
      `notify: mail-en: ${first} was not sent: SMTP 550 5.7.1 Relaying denied (1 attempt; not tried again in this run). The next run tries again.`,
      `notify: support-slack: ${first} was not sent: HTTP 500 Internal Server Error (2 attempts). The next run tries again.`,
      `notify: ops-teams: ${first} was not sent: no answer within 0.5 s (2 attempts). The next run tries again.`,
      `notify: partners: ${first} was not sent: connection failed (ECONNREFUSED) (2 attempts). The next run tries again.`,
      `notify: backup-slack: 3 notices not sent (${KEYS.join(', ')}): SHIRASE_BACKUP_SLACK_URL is not set; it must hold the slack webhook URL (on CI: a repository secret passed to the notify step)`,
    ]));
    expect(lines.filter((line) => line.includes('held back'))).toHaveLength(5);
    // Discord was asked to wait a second, waited, and delivered everything, in order.
    expect(failing.stdout).toContain(`notify: partners-discord: sent ${first} (after 2 attempts)`);
    const discord = http.requests.filter((r) => r.path.startsWith('/discord/'));
    expect(discord[1]!.at - discord[0]!.at).toBeGreaterThanOrEqual(950);
    expect(http.accepted('/discord/').map((r) => keyOfPermalink(JSON.parse(r.body).embeds[0].url))).toEqual(KEYS);
    expect(failing.stdout).toContain('notify: 3 sent, 18 not sent (see above; the next run tries again); ledger:');
    expect(Object.keys(JSON.parse(readFileSync(ledger, 'utf8')).channels)).toEqual(['partners-discord']);
    expect(failing.stderr).not.toContain(SMTP_PASSWORD);
    expect(failing.stderr).not.toContain('slackToken000');

    // Everything answers again; the webhook consumer is back; the missing variable is set.
    smtp.answer = () => undefined;
    http.answer = () => ({ status: 200, body: 'ok' });
    const healthy = await runCli(['--root', root, '--ledger', ledger, ...NOW], {
      ...env, SHIRASE_WEBHOOK_URL: `${http.origin}/webhook/in`, SHIRASE_BACKUP_SLACK_URL: `${http.origin}/backup/services/T1/B1/backupToken0`,
    });
    expect(healthy.status, healthy.stderr).toBe(0);
    expect(healthy.stdout).toContain('notify: 18 sent; ledger:');
    const keysOf = (prefix: string, key: (body: Record<string, any>) => string) => http.accepted(prefix).map((r) => keyOfPermalink(key(JSON.parse(r.body))));
    expect(keysOf('/slack/', (b) => /<([^|]+)\|/.exec(b.blocks.at(-1).text.text)![1]!)).toEqual(KEYS);
    expect(keysOf('/backup/', (b) => /<([^|]+)\|/.exec(b.blocks.at(-1).text.text)![1]!)).toEqual(KEYS);
    expect(keysOf('/teams/', (b) => b.attachments[0].content.actions[0].url)).toEqual(KEYS);
    expect(keysOf('/webhook/', (b) => b.shirase.permalink)).toEqual(KEYS);
    expect(keysOf('/discord/', (b) => b.embeds[0].url)).toEqual(KEYS);
    for (const address of ['merchants-ja@lists.kakeru-pay.example', 'merchants-en@lists.kakeru-pay.example']) {
      expect(smtp.acceptedFor(address).map((m) => m.parsed.headers.get('x-shirase-notice'))).toEqual(KEYS);
    }
  });
});

describe('a run killed while a message is in flight', () => {
  it('loses at most that one record: the next run sends it again and nothing else twice; the ledger stays whole', async () => {
    const root = makeSite(CHANNELS.replace(/    - id: mail-ja[\s\S]*?    - id: support-slack/, '    - id: support-slack').replace(/    - id: partners-discord[\s\S]*$/, ''), [{ slug: EXAMPLE_INCIDENT, only: NOTICES }]);
    sites.push(root);
    const ledger = emptyLedger(root);
    const env = { SHIRASE_SLACK_WEBHOOK_URL: `${http.origin}/killed/services/T2/B2/killToken000` };
    const start = http.requests.length;
    // The first notice is accepted; the second arrives and is never answered: the process dies with it in flight.
    http.answer = ({ body }) => (body.includes('2018-04-13-update') ? 'hang' : { status: 200, body: 'ok' });
    const killed = await runCli(['--root', root, '--ledger', ledger, ...NOW], env, (kill) => {
      void until(() => http.requests.slice(start).some((r) => r.body.includes('2018-04-13-update'))).then(kill);
    });
    expect(killed.status).toBeNull();
    const afterKill = JSON.parse(readFileSync(ledger, 'utf8'));
    expect(Object.keys(afterKill.channels['support-slack'])).toEqual([KEYS[0]]);
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    http.answer = () => ({ status: 200, body: 'ok' });
    const next = await runCli(['--root', root, '--ledger', ledger, ...NOW], env);
    expect(next.status, next.stderr).toBe(0);
    const received = http.requests.slice(start).filter((r) => r.path.startsWith('/killed/')).map((r) => keyOfPermalink(/<([^|]+)\|/.exec(JSON.parse(r.body).blocks.at(-1).text.text)![1]!));
    // The one in flight arrived twice (the killed run's request and the resend); the others once.
    expect(received).toEqual([KEYS[0], KEYS[1], KEYS[1], KEYS[2]]);
  });
});
