/**
 * Exactly once, over random histories: notices published a few at a time,
 * runs of notify in between, receivers failing on a random schedule (HTTP 500,
 * 429, 400; SMTP 451, 421, 550), and runs killed between a delivery and its
 * ledger record. After a last run with healthy receivers, every published
 * notice has reached every channel, in order, once; a killed run adds at most
 * one duplicate, the message it had just sent. The engine runs in this
 * process (so a kill can be placed exactly), against real receivers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLedger } from '../../src/cli/notify/ledger.ts';
import {
  addNotices, EXAMPLE_INCIDENT, keyOfPermalink, makeSite, removeSite, runInProcess, SMTP_PASSWORD, SMTP_USER, startHttpReceiver, startSmtpReceiver,
  WEBHOOK_SECRET, type HttpReceiver, type SmtpReceiver,
} from './support.ts';

const NOTICES = ['2018-04-12-suspension', '2018-04-13-update', '2018-04-14-update', '2018-04-15-update', '2018-04-16-update'];
const KEYS = NOTICES.map((id) => `${EXAMPLE_INCIDENT}/${id}`);
const CHANNELS = ['mail', 'slack', 'partners'] as const;
type Channel = (typeof CHANNELS)[number];

const CONFIG = `
notify:
  maxAgeHours: 1000000
  timeoutSeconds: 2
  retries: 1
  channels:
    - id: mail
      type: email
      smtpUrlEnv: SHIRASE_SMTP_URL
      from: status@kakeru-pay.example
      toEnv: SHIRASE_MAIL_TO
    - id: slack
      type: slack
      urlEnv: SHIRASE_SLACK_WEBHOOK_URL
    - id: partners
      type: webhook
      urlEnv: SHIRASE_WEBHOOK_URL
      secretEnv: SHIRASE_WEBHOOK_SECRET
`;

type Outcome = 'ok' | 'error' | 'later' | 'refuse';

interface RunSpec {
  /** How many more notices are published before this run. */
  publish: number;
  /** Per channel, the answers to its next requests (then "ok"). */
  faults: Record<Channel, Outcome[]>;
  /** Kill the run right after the n-th delivery (1-based) of this channel, before it is recorded. */
  crash: { channel: Channel; after: number } | null;
}

class Killed extends Error {}

let smtp: SmtpReceiver;
let http: HttpReceiver;
let queues: Record<Channel, Outcome[]>;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  http = await startHttpReceiver();
  const next = (channel: Channel): Outcome => queues[channel].shift() ?? 'ok';
  smtp.answer = () => {
    const outcome = next('mail');
    const codes = { ok: undefined, error: { code: 451, message: '4.3.0 Temporary failure' }, later: { code: 421, message: '4.7.0 Try again later' }, refuse: { code: 550, message: '5.7.1 Refused' } };
    return codes[outcome];
  };
  http.answer = ({ path }) => {
    const outcome = next(path.startsWith('/slack/') ? 'slack' : 'partners');
    if (outcome === 'error') return { status: 500 };
    if (outcome === 'later') return { status: 429, headers: { 'retry-after': '0' } };
    if (outcome === 'refuse') return { status: 400, body: 'invalid_payload' };
    return { status: 200, body: 'ok' };
  };
});
afterAll(async () => {
  await http.close();
  await smtp.close();
});

/** Which notices each channel received (accepted by the receiver), in arrival order. */
function received(): Record<Channel, string[]> {
  return {
    mail: smtp.accepted.map((m) => String(m.parsed.headers.get('x-shirase-notice'))),
    slack: http.accepted('/slack/').map((r) => keyOfPermalink(/<([^|]+)\|/.exec((JSON.parse(r.body) as { blocks: { text: { text: string } }[] }).blocks.at(-1)!.text.text)![1]!)),
    partners: http.accepted('/webhook/').map((r) => (JSON.parse(r.body) as { shirase: { notice_id: string } }).shirase.notice_id),
  };
}

const outcomes = fc.array(fc.constantFrom<Outcome>('ok', 'error', 'later', 'refuse'), { maxLength: 3 });
const runSpec: fc.Arbitrary<RunSpec> = fc.record({
  publish: fc.integer({ min: 0, max: 2 }),
  faults: fc.record({ mail: outcomes, slack: outcomes, partners: outcomes }),
  crash: fc.option(fc.record({ channel: fc.constantFrom(...CHANNELS), after: fc.integer({ min: 1, max: 2 }) }), { nil: null }),
});

describe('every published notice reaches every channel exactly once', () => {
  it('over random publishing, failure schedules and killed runs', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(runSpec, { minLength: 1, maxLength: 4 }), async (runs) => {
        const root = makeSite(CONFIG, []);
        const ledgerPath = join(root, 'ledger.json');
        writeFileSync(ledgerPath, '{"version": 1, "channels": {}}\n');
        http.requests.length = 0;
        smtp.accepted.length = 0;
        const env = {
          SHIRASE_SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
          SHIRASE_MAIL_TO: 'merchants@lists.kakeru-pay.example',
          SHIRASE_SLACK_WEBHOOK_URL: `${http.origin}/slack/services/T0/B0/propertyToken`,
          SHIRASE_WEBHOOK_URL: `${http.origin}/webhook/in`,
          SHIRASE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        };
        const kills: { channel: Channel; key: string }[] = [];
        let published = 0;
        const publish = (count: number) => {
          const next = Math.min(NOTICES.length, published + count);
          if (next > published) addNotices(root, EXAMPLE_INCIDENT, NOTICES.slice(0, next));
          published = next;
        };
        try {
          // The last run: everything published, every receiver healthy, no kill.
          for (const spec of [...runs, { publish: NOTICES.length, faults: { mail: [], slack: [], partners: [] }, crash: null }]) {
            publish(spec.publish);
            if (published === 0) continue;
            queues = { mail: [...spec.faults.mail], slack: [...spec.faults.slack], partners: [...spec.faults.partners] };
            const delivered: Record<string, number> = {};
            try {
              await runInProcess({ root, ledgerPath }, {
                env,
                afterSend: (channel, key) => {
                  delivered[channel] = (delivered[channel] ?? 0) + 1;
                  if (spec.crash?.channel === channel && spec.crash.after === delivered[channel]) {
                    kills.push({ channel, key });
                    throw new Killed(`killed after sending ${key} to ${channel}`);
                  }
                },
              });
            } catch (error) {
              if (!(error instanceof Killed)) throw error;
            }
          }
          const got = received();
          for (const channel of CHANNELS) {
            // Every notice arrived, and the first arrivals are in the order the notices were published.
            expect(new Set(got[channel])).toEqual(new Set(KEYS));
            expect([...new Set(got[channel])]).toEqual(KEYS);
            for (const key of KEYS) {
              const extra = got[channel].filter((k) => k === key).length - 1;
              const killedHere = kills.filter((kill) => kill.channel === channel && kill.key === key).length;
              expect(extra, `${channel} got ${key} ${extra + 1} times after ${killedHere} kills there`).toBeLessThanOrEqual(killedHere);
            }
          }
          const extras = CHANNELS.reduce((sum, channel) => sum + got[channel].length - KEYS.length, 0);
          expect(extras).toBeLessThanOrEqual(kills.length);
          const ledger = readLedger(ledgerPath);
          expect(ledger.kind).toBe('ok');
          if (ledger.kind === 'ok') for (const channel of CHANNELS) for (const key of KEYS) expect(ledger.ledger.channels[channel]?.[key]?.status).toBe('delivered');
        } finally {
          removeSite(root);
        }
      }),
      { numRuns: 15 },
    );
  });
});
