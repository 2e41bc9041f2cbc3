import type { NotifyChannel } from '../../lib/content/config-schema.ts';
import { didYouMean, formatDiagnostic } from '../../lib/content/diagnostics.ts';
import { loadSiteContent } from '../../lib/content/load.ts';
import type { SiteContent } from '../../lib/content/types.ts';
import { toUtcIso } from '../../lib/core/dates.ts';
import { buildChannelMessage, type ChannelMessage } from '../../lib/outputs/notify/messages.ts';
import { formatDuration } from '../../lib/render/datetime.ts';
import { emptyLedger, readLedger, record, recorded, writeLedger, type Ledger } from './ledger.ts';
import { planChannel, publishedInOrder, type ChannelPlan, type PublishedNotice } from './plan.ts';
import { postJson, smtpSender, webhookHeaders, type DeliveryPolicy, type DeliveryResult } from './send.ts';
import { Masker, resolveTarget, type Target } from './targets.ts';

/**
 * One run of `npm run notify`: load and validate the content, read the
 * ledger, and send each channel the published notices it has not had, oldest
 * first, recording each delivery as soon as it is made. Channels run side by
 * side and independently: one that fails does not hold up the others. Within
 * a channel a failed notice holds back the later ones, so merchants never
 * read an update before the notice it follows; the next run sends them in
 * order.
 */

export const EXIT = { ok: 0, content: 1, usage: 2, failed: 4, noLedger: 5 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface NotifyOptions {
  /** The site folder: src/site.config.yaml, incidents/, src/content/faq/. */
  root: string;
  ledgerPath: string;
  /** The ledger path as the operator gave it, for messages. */
  ledgerShown: string;
  baseline: boolean;
  dryRun: boolean;
  /** Only these channel ids (`--channel`); empty: every channel. */
  channels: readonly string[];
  /** Notice keys sent again on purpose (`--resend`). */
  resend: readonly string[];
  /** Decides which notices are too old; recorded in the ledger. */
  now: number;
  /** Overrides of the config's url and base (`--site`, `--base`), as the deploy used them. */
  site: string | undefined;
  base: string | undefined;
}

export interface NotifyIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Every secret read from `env` is added to it; every line printed goes through it. The caller masks its own messages with it too. */
  masker: Masker;
  out: (line: string) => void;
  /** A failure: every line names the channel, the notice and the reason. */
  fail: (line: string) => void;
  /** The wall clock: the pace of chat messages and the time a webhook is signed at. */
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The least time between two requests to one chat channel: Slack, Discord and Teams take about one message a second. */
  chatIntervalMs: number;
  /** The first pause before a retry. */
  backoffMs: number;
  /** Called after a delivery, before it is recorded; a test stops the run here as a crash would. */
  afterSend?: (channelId: string, noticeKey: string) => void;
}

/** The longest Retry-After notify waits for within a run. */
const MAX_RETRY_AFTER_MS = 60_000;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const listKeys = (items: readonly PublishedNotice[]) => items.map((item) => item.key).join(', ');

export async function runNotify(options: NotifyOptions, io: NotifyIo): Promise<ExitCode> {
  const { masker } = io;
  const out = (line: string) => io.out(masker.mask(line));
  const fail = (line: string) => io.fail(masker.mask(line));

  const loaded = loadSiteContent(options.root);
  if (!loaded.content) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    for (const diagnostic of errors) fail(formatDiagnostic(diagnostic));
    const them = errors.length === 1 ? 'it' : 'them';
    fail(`notify: ${plural(errors.length, 'error')} in the content or config; nothing was sent. `
      + `Fix ${them} and run notify again (npm run check lists every problem).`);
    return EXIT.content;
  }
  const content = loaded.content;
  const notify = content.config.notify;
  if (!notify) {
    out('notify: no channels are configured ("notify:" in src/site.config.yaml), so there is nothing to send. See docs/notifications.md.');
    return EXIT.ok;
  }
  const ids = notify.channels.map((channel) => channel.id);
  for (const id of options.channels) {
    if (!ids.includes(id)) {
      fail(`notify: --channel "${id}" is not a channel in src/site.config.yaml; the channels are ${ids.join(', ')}.${didYouMean(id, ids)}`);
      return EXIT.usage;
    }
  }
  const channels = options.channels.length > 0 ? notify.channels.filter((channel) => options.channels.includes(channel.id)) : notify.channels;
  const notices = publishedInOrder(content);
  const keys = notices.map((item) => item.key);
  for (const key of options.resend) {
    if (!keys.includes(key)) {
      const example = keys[keys.length - 1] ?? '2018-04-12-payouts-suspended/2018-04-13-update';
      fail(`notify: --resend "${key}" is not a published notice; write <incident folder>/<notice file name without .md>, e.g. ${example}.`
        + didYouMean(key, keys));
      return EXIT.usage;
    }
  }

  const read = readLedger(options.ledgerPath);
  if (read.kind === 'broken') {
    fail(`notify: the ledger ${options.ledgerShown} cannot be used: ${read.problem}. Nothing was sent: without it notify cannot tell which notices `
      + 'merchants already have. Restore it from where you keep it, or delete it and run "npm run notify -- --baseline" to start again from what is '
      + 'published now.');
    return EXIT.noLedger;
  }
  if (read.kind === 'missing' && !options.baseline) {
    fail(`notify: there is no ledger at ${options.ledgerShown}, so notify cannot tell which notices merchants already have; nothing was sent. `
      + 'To adopt notify on this site, run once "npm run notify -- --baseline": it records every notice published now as already sent, without '
      + 'sending anything, and from then on each new notice is sent once. If you keep the ledger elsewhere, point --ledger at it.');
    return EXIT.noLedger;
  }
  const ledger = read.kind === 'ok' ? read.ledger : emptyLedger();
  const recordedAt = toUtcIso(options.now);
  const save = () => {
    if (!options.dryRun) writeLedger(options.ledgerPath, ledger);
  };

  if (options.baseline) {
    let entries = 0;
    for (const channel of channels) {
      for (const item of notices) {
        if (recorded(ledger, channel.id, item.key) !== undefined) continue;
        record(ledger, channel.id, item.key, { status: 'skipped', at: recordedAt, reason: 'baseline' });
        entries++;
      }
    }
    save();
    const newEntries = `${entries} new ${entries === 1 ? 'entry' : 'entries'}`;
    const what = `${plural(notices.length, 'published notice')} for ${channels.map((channel) => channel.id).join(', ')} (${newEntries})`;
    out(options.dryRun
      ? `notify: dry run: --baseline would record ${what} as already sent in ${options.ledgerShown}; nothing was sent or written.`
      : `notify: --baseline recorded ${what} as already sent in ${options.ledgerShown}; nothing was sent. From now on each new notice is sent once.`);
    return EXIT.ok;
  }

  const resend = new Set(options.resend);
  const plans = channels.map((channel) => planChannel(channel, notices, ledger, { now: options.now, maxAgeHours: notify.maxAgeHours, resend }));
  let skipped = 0;
  for (const plan of plans) {
    if (plan.tooOld.length === 0) continue;
    const reason = `older than ${notify.maxAgeHours} h`;
    for (const item of plan.tooOld) record(ledger, plan.channel.id, item.key, { status: 'skipped', at: recordedAt, reason });
    skipped += plan.tooOld.length;
    const shown = plan.tooOld.length <= 3 ? listKeys(plan.tooOld) : `${listKeys(plan.tooOld.slice(-3))} and ${plan.tooOld.length - 3} older`;
    const newest = plan.tooOld[plan.tooOld.length - 1]!;
    const age = formatDuration(options.now - newest.notice.at, 'en');
    out(`notify: ${plan.channel.id}: ${options.dryRun ? 'would skip' : 'skipped'} ${plural(plan.tooOld.length, 'notice')} posted more than `
      + `notify.maxAgeHours (${notify.maxAgeHours} h) ago, the newest ${age} ago; ${options.dryRun ? 'they would be' : 'they are'} recorded as skipped `
      + `and never sent: ${shown}`);
  }
  if (skipped > 0) save();

  const run: ChannelRun = {
    options, io, content, ledger, masker, out, fail, recordedAt,
    address: { site: options.site ?? content.config.url, base: options.base ?? content.config.base },
    policy: { timeoutMs: notify.timeoutSeconds * 1000, retries: notify.retries },
    save,
    sent: 0,
    notSent: 0,
    stopped: false,
  };
  const settled = await Promise.allSettled(plans.map((plan) => deliverChannel(run, plan).catch((error: unknown) => {
    // A crash in one channel stops the others at their next step, as a killed process would.
    run.stopped = true;
    throw error;
  })));
  const crash = settled.find((result) => result.status === 'rejected');
  if (crash) throw crash.reason;

  const skippedText = skipped > 0 ? `, ${skipped} ${options.dryRun ? 'would be ' : ''}skipped as older than ${notify.maxAgeHours} h` : '';
  if (options.dryRun) {
    const couldNot = run.notSent > 0 ? `, ${run.notSent} could not be` : '';
    out(`notify: dry run: ${run.sent} would be sent${couldNot}${skippedText}; nothing was sent and ${options.ledgerShown} is unchanged.`);
  } else if (run.sent + run.notSent + skipped === 0) {
    out(`notify: nothing new to send (${plural(channels.length, 'channel')}, ${plural(notices.length, 'published notice')}); ledger: ${options.ledgerShown}`);
  } else {
    const notSent = run.notSent > 0 ? `, ${run.notSent} not sent (see above; the next run tries again)` : '';
    out(`notify: ${run.sent} sent${notSent}${skippedText}; ledger: ${options.ledgerShown}`);
  }
  return run.notSent > 0 ? EXIT.failed : EXIT.ok;
}

/** What every channel of one run shares. */
interface ChannelRun {
  options: NotifyOptions;
  io: NotifyIo;
  content: SiteContent;
  ledger: Ledger;
  masker: Masker;
  out: (line: string) => void;
  fail: (line: string) => void;
  recordedAt: string;
  address: { site: string; base: string };
  policy: { timeoutMs: number; retries: number };
  save: () => void;
  sent: number;
  notSent: number;
  /** Set when a channel crashed: the others stop before their next message. */
  stopped: boolean;
}

const isChat = (channel: NotifyChannel) => channel.type === 'slack' || channel.type === 'discord' || channel.type === 'teams';

async function deliverChannel(run: ChannelRun, plan: ChannelPlan): Promise<void> {
  const { channel } = plan;
  if (plan.send.length === 0) return;
  const target = resolveTarget(channel, run.io.env, run.masker);
  if (!target.ok) {
    run.fail(`notify: ${channel.id}: ${plural(plan.send.length, 'notice')} not sent (${listKeys(plan.send)}): ${target.problem}`);
    run.notSent += plan.send.length;
    if (run.options.dryRun) for (const item of plan.send) printMessage(run, channel, '(no usable target, see above)', item, message(run, channel, item));
    return;
  }
  if (run.options.dryRun) {
    for (const item of plan.send) printMessage(run, channel, target.shown, item, message(run, channel, item));
    run.sent += plan.send.length;
    return;
  }

  let nextRequestAt = 0;
  const policy: DeliveryPolicy = {
    ...run.policy,
    backoffMs: run.io.backoffMs,
    maxRetryAfterMs: MAX_RETRY_AFTER_MS,
    clock: run.io.clock,
    sleep: run.io.sleep,
    beforeRequest: async () => {
      if (!isChat(channel)) return;
      const wait = nextRequestAt - run.io.clock();
      if (wait > 0) await run.io.sleep(wait);
      nextRequestAt = run.io.clock() + run.io.chatIntervalMs;
    },
  };
  const smtp = target.target.kind === 'smtp' && channel.type === 'email' ? smtpSender(target.target, channel.from, policy) : undefined;
  try {
    for (const [index, item] of plan.send.entries()) {
      if (run.stopped) return;
      let result: DeliveryResult;
      try {
        result = await deliver(message(run, channel, item), target.target, smtp, policy);
      } catch (error) {
        result = { ok: false, attempts: 0, reason: `the message could not be made or sent: ${(error as Error).message}` };
      }
      if (!result.ok) {
        run.fail(`notify: ${channel.id}: ${item.key} was not sent: ${result.reason}. The next run tries again.`);
        const held = plan.send.slice(index + 1);
        if (held.length > 0) {
          const them = held.length === 1 ? 'it' : 'them';
          run.fail(`notify: ${channel.id}: ${plural(held.length, 'later notice')} held back to keep the order (${listKeys(held)}); `
            + `the next run sends ${them} after ${item.key}.`);
        }
        run.notSent += 1 + held.length;
        return;
      }
      // Outside the try above: a crash here is a crash of the run, not a failed delivery.
      run.io.afterSend?.(channel.id, item.key);
      record(run.ledger, channel.id, item.key, { status: 'delivered', at: run.recordedAt });
      try {
        run.save();
      } catch (error) {
        throw new Error(`the ledger ${run.options.ledgerShown} could not be written (${(error as Error).message}); ${item.key} was sent to `
          + `${channel.id} but is not recorded, so the next run sends it again`);
      }
      run.sent++;
      const after = result.attempts > 1 ? ` (after ${result.attempts} attempts)` : '';
      run.out(`notify: ${channel.id}: sent ${item.key}${after}${result.note ? `; ${result.note}` : ''}`);
    }
  } finally {
    smtp?.close();
  }
}

function message(run: ChannelRun, channel: NotifyChannel, item: PublishedNotice): ChannelMessage {
  return buildChannelMessage(channel, run.content, item.incident, item.notice, run.address, run.options.now);
}

function deliver(message: ChannelMessage, target: Target, smtp: ReturnType<typeof smtpSender> | undefined, policy: DeliveryPolicy): Promise<DeliveryResult> {
  if (message.kind === 'email') return smtp!.send(message.email);
  if (target.kind !== 'http') throw new Error('a chat or webhook channel needs a URL');
  const body = JSON.stringify(message.body);
  const headers = message.kind === 'webhook' ? webhookHeaders(target.secret!, message.webhookId, body, policy.clock) : () => ({});
  return postJson(target.url, body, headers, policy);
}

/** `--dry-run`: the message as it would be sent, secrets masked (every line goes through the masker). */
function printMessage(run: ChannelRun, channel: NotifyChannel, shown: string, item: PublishedNotice, message: ChannelMessage): void {
  const locale = channel.locale ?? run.content.config.defaultLocale;
  const lines = [`--- ${channel.id} (${channel.type}, ${locale}) → ${shown}`, `notice: ${item.key}`];
  if (message.kind === 'email' && channel.type === 'email') {
    const email = message.email;
    lines.push(
      `From: ${channel.from}`,
      `To: the addresses in ${channel.toEnv}`,
      ...(email.replyTo === undefined ? [] : [`Reply-To: ${email.replyTo}`]),
      `Subject: ${email.subject}`,
      `Message-ID: ${email.messageId}`,
      ...(email.inReplyTo === undefined ? [] : [`In-Reply-To: ${email.inReplyTo}`, `References: ${email.references}`]),
      ...Object.entries(email.headers).map(([name, value]) => `${name}: ${value}`),
      '',
      email.text.trimEnd(),
      '',
      `(and an HTML part of ${email.html.length} characters with the same content)`,
    );
  } else if (message.kind === 'webhook' && channel.type === 'webhook') {
    lines.push(
      `webhook-id: ${message.webhookId}`,
      'webhook-timestamp: (the time of sending)',
      `webhook-signature: v1,(HMAC-SHA256 with the secret in ${channel.secretEnv})`,
      '',
      JSON.stringify(message.body, null, 2),
    );
  } else if (message.kind === 'chat') {
    lines.push('', JSON.stringify(message.body, null, 2));
  }
  for (const line of lines.join('\n').split('\n')) run.out(line);
  run.out('');
}
