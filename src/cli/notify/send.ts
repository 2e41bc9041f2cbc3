import { createHmac } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { EmailMessage } from '../../lib/outputs/notify/email.ts';
import { mailbox, type Target } from './targets.ts';

/**
 * Delivery of one message: a JSON POST (chat platforms and webhooks) or an
 * e-mail over SMTP. Each request has a timeout; a failure that may pass (a
 * timeout, a refused connection, HTTP 5xx or 408, SMTP 4xx) is tried again
 * after a growing pause, at most `retries` times; HTTP 429 waits what
 * Retry-After asks. A failure that will not pass by waiting (HTTP 4xx, SMTP
 * 5xx, a refused login) is not tried again in this run. Either way the notice
 * stays unrecorded and the next run tries again.
 */

export interface DeliveryPolicy {
  timeoutMs: number;
  retries: number;
  /** The first pause before a retry; each next one is twice as long. */
  backoffMs: number;
  /** The longest Retry-After honoured within a run; a longer one fails the message until the next run. */
  maxRetryAfterMs: number;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Resolves when the channel may send its next request (chat platforms: at most one a second). */
  beforeRequest: () => Promise<void>;
}

export type DeliveryResult = { ok: true; attempts: number; note?: string } | { ok: false; attempts: number; reason: string };

type Attempt = { kind: 'ok'; note?: string } | { kind: 'retry'; reason: string; waitMs?: number } | { kind: 'fail'; reason: string };

async function withRetries(policy: DeliveryPolicy, attempt: () => Promise<Attempt>): Promise<DeliveryResult> {
  const attempts = 1 + policy.retries;
  for (let n = 1; ; n++) {
    await policy.beforeRequest();
    const outcome = await attempt();
    if (outcome.kind === 'ok') return { ok: true, attempts: n, ...(outcome.note === undefined ? {} : { note: outcome.note }) };
    const tries = `${n} attempt${n === 1 ? '' : 's'}`;
    if (outcome.kind === 'fail') return { ok: false, attempts: n, reason: `${outcome.reason} (${tries}; not tried again in this run)` };
    if (n >= attempts) return { ok: false, attempts: n, reason: `${outcome.reason} (${tries})` };
    const wait = outcome.waitMs ?? policy.backoffMs * 2 ** (n - 1);
    if (wait > policy.maxRetryAfterMs) {
      const reason = `${outcome.reason}, asked to wait ${Math.ceil(wait / 1000)} s, longer than notify waits within a run (${tries})`;
      return { ok: false, attempts: n, reason };
    }
    await policy.sleep(wait);
  }
}

/** Milliseconds a Retry-After header (seconds or an HTTP date) or Discord's `retry_after` (seconds) asks for. */
export function retryAfterMs(header: string | null, body: string, now: number): number | undefined {
  if (header !== null && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  try {
    const retry = (JSON.parse(body) as { retry_after?: unknown }).retry_after;
    if (typeof retry === 'number' && retry >= 0) return retry * 1000;
  } catch {
    // Not JSON: no hint.
  }
  return undefined;
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Why a fetch threw, in words: a timeout or the network's error code. */
function networkReason(error: unknown, timeoutMs: number): string {
  const named = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (named.name === 'TimeoutError' || named.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const code = named.cause?.code;
  return `connection failed (${code ?? named.cause?.message ?? named.message ?? String(error)})`;
}

/** POSTs `body` as JSON; `headers` is called for every attempt (a webhook signature carries the time it was made). */
export async function postJson(url: URL, body: string, headers: () => Record<string, string>, policy: DeliveryPolicy): Promise<DeliveryResult> {
  return withRetries(policy, async () => {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'shirase-notify', ...headers() },
        body,
        // A webhook URL that redirects is a wrong URL; following it could send the notice somewhere unchecked.
        redirect: 'manual',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      return { kind: 'retry', reason: networkReason(error, policy.timeoutMs) };
    }
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    if (response.ok) return { kind: 'ok' };
    if (response.status === 429) {
      const wait = retryAfterMs(response.headers.get('retry-after'), text, policy.clock());
      return { kind: 'retry', reason: status, ...(wait === undefined ? {} : { waitMs: wait }) };
    }
    if (response.status === 408 || response.status >= 500) return { kind: 'retry', reason: status };
    if (response.status >= 300 && response.status < 400) return { kind: 'fail', reason: `${status}: the URL redirects; use the address it redirects to` };
    return { kind: 'fail', reason: `${status}${text.trim() === '' ? '' : `: ${excerpt(text)}`}` };
  });
}

/** The Standard Webhooks signature: `v1,` and base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` with the secret's bytes. */
export function signWebhook(secret: Uint8Array, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** Headers of a signed webhook, made at the moment of each attempt. */
export function webhookHeaders(secret: Uint8Array, id: string, body: string, clock: () => number): () => Record<string, string> {
  return () => {
    const timestamp = Math.floor(clock() / 1000);
    return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signWebhook(secret, id, timestamp, body) };
  };
}

type SmtpTarget = Extract<Target, { kind: 'smtp' }>;

/** Nodemailer's errors carry the SMTP reply code, or a code of their own for what went wrong before one. */
interface SmtpError {
  message: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/** One SMTP transport per channel and run; `close` when the channel is done. */
export function smtpSender(target: SmtpTarget, from: string, policy: DeliveryPolicy) {
  const transport = createTransport({
    host: target.host,
    port: target.port,
    secure: target.secure,
    ...(target.user === undefined ? {} : { auth: { user: target.user, pass: target.pass ?? '' } }),
    requireTLS: target.requireTls,
    connectionTimeout: policy.timeoutMs,
    greetingTimeout: policy.timeoutMs,
    socketTimeout: policy.timeoutMs,
    // The message is built here, from text: never let it read a file or fetch a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const several = target.recipients.length > 1;
  return {
    send: (email: EmailMessage): Promise<DeliveryResult> =>
      withRetries(policy, async () => {
        try {
          const info = await transport.sendMail({
            from,
            // Several recipients get one message each through the envelope and never see each other's addresses.
            to: several ? 'undisclosed-recipients:;' : target.recipients[0]!,
            envelope: { from: mailbox(from)!, to: target.recipients.map((address) => mailbox(address)!) },
            ...(email.replyTo === undefined ? {} : { replyTo: email.replyTo }),
            subject: email.subject,
            text: email.text,
            html: email.html,
            messageId: email.messageId,
            ...(email.inReplyTo === undefined ? {} : { inReplyTo: email.inReplyTo }),
            ...(email.references === undefined ? {} : { references: email.references }),
            headers: { ...email.headers },
          });
          const refused = info.rejected.length;
          return refused === 0 ? { kind: 'ok' } : { kind: 'ok', note: `${refused} of ${target.recipients.length} recipients were refused by the server` };
        } catch (error) {
          const smtp = error as SmtpError;
          const reply = smtp.response ?? smtp.message;
          if (typeof smtp.responseCode === 'number') {
            // 4xx: try later (greylisting, a full queue); 5xx: the server refuses, waiting will not change it.
            return smtp.responseCode >= 500 ? { kind: 'fail', reason: `SMTP ${excerpt(reply)}` } : { kind: 'retry', reason: `SMTP ${excerpt(reply)}` };
          }
          if (smtp.code === 'EAUTH' || smtp.code === 'ETLS') return { kind: 'fail', reason: `SMTP ${smtp.code}: ${excerpt(smtp.message)}` };
          return { kind: 'retry', reason: `SMTP ${smtp.code ?? 'error'}: ${excerpt(smtp.message)}` };
        }
      }),
    close: () => transport.close(),
  };
}
