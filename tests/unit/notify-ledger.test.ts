/**
 * The parts of `npm run notify` below the network: the ledger (atomic,
 * sorted, refused when it cannot be trusted), channel targets read from the
 * environment (https only, loopback excepted; TLS for SMTP off this machine;
 * real whsec_ secrets), secret masking, Retry-After, and the Standard
 * Webhooks signature, checked against the reference library.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyLedger, readLedger, record, writeLedger } from '../../src/cli/notify/ledger.ts';
import { planChannel, publishedInOrder } from '../../src/cli/notify/plan.ts';
import { retryAfterMs, signWebhook } from '../../src/cli/notify/send.ts';
import { isLoopback, Masker, resolveTarget } from '../../src/cli/notify/targets.ts';
import type { NotifyChannel } from '../../src/lib/content/config-schema.ts';
import { makeConfig, makeIncident } from './helpers.ts';

const folder = mkdtempSync(join(tmpdir(), 'shirase-ledger-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

describe('the ledger', () => {
  it('is written atomically with sorted keys, read back as written, and leaves no temporary file', () => {
    const path = join(folder, 'nested/folder/ledger.json');
    const ledger = emptyLedger();
    record(ledger, 'slack', 'b/2', { status: 'delivered', at: '2024-01-01T00:00:00Z' });
    record(ledger, 'mail', 'b/2', { status: 'skipped', at: '2024-01-01T00:00:00Z', reason: 'baseline' });
    record(ledger, 'slack', 'a/1', { status: 'skipped', at: '2024-01-01T00:00:00Z', reason: 'older than 48 h' });
    writeLedger(path, ledger);
    expect(readFileSync(path, 'utf8')).toBe(`{
  "version": 1,
  "channels": {
    "mail": {
      "b/2": {
        "status": "skipped",
        "at": "2024-01-01T00:00:00Z",
        "reason": "baseline"
      }
    },
    "slack": {
      "a/1": {
        "status": "skipped",
        "at": "2024-01-01T00:00:00Z",
        "reason": "older than 48 h"
      },
      "b/2": {
        "status": "delivered",
        "at": "2024-01-01T00:00:00Z"
      }
    }
  }
}
`);
    expect(readLedger(path)).toEqual({ kind: 'ok', ledger });
    expect(readdirSync(join(folder, 'nested/folder'))).toEqual(['ledger.json']);
  });

  it('is missing, or broken when notify cannot trust it: never guessed at', () => {
    expect(readLedger(join(folder, 'none.json'))).toEqual({ kind: 'missing' });
    const cases: [string, RegExp][] = [
      ['{"version": 1, "channels": {', /^it is not valid JSON/],
      ['[]', /^it is not a version 1 notify ledger/],
      ['{"version": 2, "channels": {}}', /^it is not a version 1 notify ledger/],
      ['{"version": 1, "channels": {"mail": {"a/1": {"status": "sent", "at": "x"}}}}', /^the entry of "a\/1" in channel "mail" is not/],
    ];
    for (const [text, problem] of cases) {
      const path = join(folder, 'broken.json');
      writeFileSync(path, text);
      const read = readLedger(path);
      expect(read.kind).toBe('broken');
      if (read.kind === 'broken') expect(read.problem).toMatch(problem);
    }
  });
});

describe('the plan of a run', () => {
  const incident = makeIncident('i', {
    notices: {
      old: { type: 'suspension', date: '2024-01-01T00:00:00Z', components: { payouts: 'suspended' } },
      sent: { type: 'update', date: '2024-01-03T00:00:00Z', components: { payouts: 'suspended' } },
      fresh: { type: 'update', date: '2024-01-03T12:00:00Z', components: { payouts: 'suspended' } },
    },
  });
  const other = makeIncident('h', { notices: { same: { type: 'suspension', date: '2024-01-03T12:00:00Z', components: { payments: 'degraded' } } } });
  const content = { config: makeConfig(), incidents: [incident, other], faq: [] };
  const channel: NotifyChannel = { id: 'chat', type: 'slack', locale: undefined, urlEnv: 'U' };

  it('oldest first (ties by incident, then notice), without what the ledger has, and the too old apart', () => {
    expect(publishedInOrder(content).map((n) => n.key)).toEqual(['i/old', 'i/sent', 'h/same', 'i/fresh']);
    const ledger = emptyLedger();
    record(ledger, 'chat', 'i/sent', { status: 'delivered', at: 'x' });
    const plan = planChannel(channel, publishedInOrder(content), ledger, { now: Date.parse('2024-01-04T00:00:00Z'), maxAgeHours: 48, resend: new Set() });
    expect(plan.send.map((n) => n.key)).toEqual(['h/same', 'i/fresh']);
    expect(plan.tooOld.map((n) => n.key)).toEqual(['i/old']);
    const resend = planChannel(channel, publishedInOrder(content), ledger, { now: Date.parse('2024-01-04T00:00:00Z'), maxAgeHours: 48, resend: new Set(['i/sent', 'i/old']) });
    expect(resend.send.map((n) => n.key)).toEqual(['i/old', 'i/sent', 'h/same', 'i/fresh']);
  });
});

describe('channel targets from the environment', () => {
  const slack: NotifyChannel = { id: 'chat', type: 'slack', locale: undefined, urlEnv: 'SLACK_URL' };
  const hook: NotifyChannel = { id: 'hook', type: 'webhook', locale: undefined, urlEnv: 'HOOK_URL', secretEnv: 'HOOK_SECRET' };
  const mail: NotifyChannel = { id: 'mail', type: 'email', locale: undefined, smtpUrlEnv: 'SMTP_URL', from: 'status@example.com', toEnv: 'MAIL_TO', unsubscribe: undefined };
  const problem = (channel: NotifyChannel, env: Record<string, string>) => {
    const result = resolveTarget(channel, env, new Masker());
    return result.ok ? undefined : result.problem;
  };

  it('names the missing variable', () => {
    expect(problem(slack, {})).toBe('SLACK_URL is not set; it must hold the slack webhook URL (on CI: a repository secret passed to the notify step)');
    expect(problem(hook, { HOOK_URL: 'https://example.com/h' })).toMatch(/^HOOK_SECRET is not set/);
  });

  it('sends only over https, except to this machine', () => {
    expect(problem(slack, { SLACK_URL: 'http://hooks.example.com/x' })).toMatch(/^SLACK_URL starts with http:\/\/; notices go out only over https:\/\//);
    expect(problem(slack, { SLACK_URL: 'ftp://hooks.example.com/x' })).toMatch(/^SLACK_URL starts with ftp:\/\//);
    expect(problem(slack, { SLACK_URL: 'not a url' })).toMatch(/^SLACK_URL is not a URL/);
    for (const url of ['https://hooks.slack.com/services/T/B/X', 'http://127.0.0.1:8080/x', 'http://localhost/x', 'http://[::1]:9/x']) expect(problem(slack, { SLACK_URL: url })).toBeUndefined();
    expect(isLoopback('127.8.9.10')).toBe(true);
    expect(isLoopback('127.0.0.1.example.com')).toBe(false);
  });

  it('takes only a real Standard Webhooks secret, and says how to make one', () => {
    expect(problem(hook, { HOOK_URL: 'https://e.example/h', HOOK_SECRET: 'plain-password' })).toMatch(/^HOOK_SECRET is not a Standard Webhooks secret: .*randomBytes\(32\)/);
    expect(problem(hook, { HOOK_URL: 'https://e.example/h', HOOK_SECRET: `whsec_${Buffer.from('short').toString('base64')}` })).toMatch(/24 to 64 random bytes/);
    expect(problem(hook, { HOOK_URL: 'https://e.example/h', HOOK_SECRET: SECRET })).toBeUndefined();
  });

  it('SMTP: requires TLS off this machine, checks the recipients without printing them', () => {
    const remote = resolveTarget(mail, { SMTP_URL: 'smtp://user:p%40ss@smtp.example.com', MAIL_TO: 'a@shop.example, b@shop.example' }, new Masker());
    expect(remote).toMatchObject({ ok: true, shown: 'smtp://smtp.example.com:587, 2 recipients from MAIL_TO', target: { kind: 'smtp', port: 587, secure: false, requireTls: true, user: 'user', pass: 'p@ss' } });
    const local = resolveTarget(mail, { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_TO: 'a@shop.example' }, new Masker());
    expect(local).toMatchObject({ ok: true, target: { requireTls: false, port: 2525 } });
    expect(resolveTarget(mail, { SMTP_URL: 'smtps://u:p@smtp.example.com', MAIL_TO: 'a@shop.example' }, new Masker())).toMatchObject({ ok: true, target: { secure: true, port: 465, requireTls: false } });
    expect(problem(mail, { SMTP_URL: 'https://smtp.example.com', MAIL_TO: 'a@shop.example' })).toMatch(/^SMTP_URL starts with https:\/\/; it must be smtp:\/\//);
    const bad = problem(mail, { SMTP_URL: 'smtp://smtp.example.com', MAIL_TO: 'a@shop.example, not-an-address' });
    expect(bad).toBe('MAIL_TO holds something that is not an e-mail address (the 2nd of 2); it must hold one address, or several separated by commas');
  });

  it('masks every secret it read, in any later text', () => {
    const masker = new Masker();
    resolveTarget(hook, { HOOK_URL: 'https://hooks.example.com/services/T0001/B0001/tokenTOKENtoken123', HOOK_SECRET: SECRET }, masker);
    resolveTarget(mail, { SMTP_URL: 'smtp://user:s3cret%2Fpass@smtp.example.com', MAIL_TO: 'merchant@shop.example' }, masker);
    const text = 'POST https://hooks.example.com/services/T0001/B0001/tokenTOKENtoken123 failed; token tokenTOKENtoken123; '
      + `secret ${SECRET}; smtp://user:s3cret%2Fpass@smtp.example.com (s3cret/pass) to merchant@shop.example; the services and webhooks words stay`;
    const masked = masker.mask(text);
    for (const secret of ['tokenTOKENtoken123', SECRET.slice(6), 's3cret', 'merchant@shop.example']) expect(masked).not.toContain(secret);
    expect(masked).toContain('POST *** failed; token ***;');
    expect(masked).toContain('the services and webhooks words stay');
  });
});

describe('retries and signatures', () => {
  it('Retry-After in seconds or as a date, or Discord\'s retry_after', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(retryAfterMs('2', '', now)).toBe(2000);
    expect(retryAfterMs('Mon, 01 Jan 2024 00:00:05 GMT', '', now)).toBe(5000);
    expect(retryAfterMs(null, '{"retry_after": 0.25, "global": false}', now)).toBe(250);
    expect(retryAfterMs(null, 'slow down', now)).toBeUndefined();
  });

  it('signs as the Standard Webhooks reference library does, and it verifies', () => {
    const body = '{"a":1}';
    const timestamp = Math.floor(Date.now() / 1000);
    const secretBytes = new Uint8Array(Buffer.from(SECRET.slice(6), 'base64'));
    const signature = signWebhook(secretBytes, 'msg_1', timestamp, body);
    expect(signature).toBe(new Webhook(SECRET).sign('msg_1', new Date(timestamp * 1000), body));
    expect(new Webhook(SECRET).verify(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toEqual({ a: 1 });
  });
});
