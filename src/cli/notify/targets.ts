import type { EmailChannel, NotifyChannel } from '../../lib/content/config-schema.ts';

/**
 * Where each channel sends, read from the environment variables the config
 * names, checked before anything is sent, and the secrets among them
 * collected so that no line notify prints ever shows one.
 */

export type Target =
  | { kind: 'smtp'; host: string; port: number; secure: boolean; user: string | undefined; pass: string | undefined; requireTls: boolean; recipients: string[] }
  | { kind: 'http'; url: URL; secret: Uint8Array | undefined };

export type TargetResult = { ok: true; target: Target; shown: string } | { ok: false; problem: string };

/** Replaces every secret it was told about with "***", in any text. */
export class Masker {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < 4) return;
    this.secrets.add(secret);
    // Also as it may appear inside a URL or an error message.
    this.secrets.add(encodeURIComponent(secret));
  }

  mask(text: string): string {
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
    return out;
  }
}

/** Hosts that never leave this machine: plain http:// and SMTP without TLS are allowed only to these. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** An address as mail headers write it: `status@example.com` or `Name <status@example.com>`; the bare address. */
export function mailbox(address: string): string | undefined {
  const match = /^(?:[^<>]*<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>|([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+))$/.exec(address.trim());
  return match ? (match[1] ?? match[2]) : undefined;
}

const WHSEC_HELP = `make one with: node -e "console.log('whsec_' + require('crypto').randomBytes(32).toString('base64'))"`;

function ordinal(n: number): string {
  return n === 1 ? '1st' : n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}

/** The target of `channel`, from `env`; every secret it reads goes to `masker` first, so even a problem cannot print it. */
export function resolveTarget(channel: NotifyChannel, env: Readonly<Record<string, string | undefined>>, masker: Masker): TargetResult {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    masker.add(value);
    return value === '' ? undefined : value;
  };
  const missing = (name: string, holds: string): TargetResult => ({
    ok: false,
    problem: `${name} is not set; it must hold ${holds} (on CI: a repository secret passed to the notify step)`,
  });

  if (channel.type === 'email') return resolveSmtp(channel, read, missing, masker);

  const urlText = read(channel.urlEnv);
  if (urlText === undefined) return missing(channel.urlEnv, `the ${channel.type} webhook URL`);
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    return { ok: false, problem: `${channel.urlEnv} is not a URL; it must hold the ${channel.type} webhook URL, https://…` };
  }
  masker.add(url.pathname + url.search);
  masker.add(url.search.slice(1));
  // Tokens and ids within the path too, should a message quote one alone; not words such as "services" or "webhooks".
  for (const part of url.pathname.split('/')) if (part.length >= 16 || (part.length >= 8 && /\d/.test(part))) masker.add(part);
  masker.add(decodeURIComponent(url.password));
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    const only = 'notices go out only over https:// (http:// only to this machine, 127.0.0.1, ::1 or localhost, for testing)';
    return { ok: false, problem: `${channel.urlEnv} starts with ${url.protocol}//; ${only}` };
  }
  let secret: Uint8Array | undefined;
  if (channel.type === 'webhook') {
    const secretText = read(channel.secretEnv);
    if (secretText === undefined) return missing(channel.secretEnv, 'the signing secret, whsec_…');
    masker.add(secretText.slice('whsec_'.length));
    const bytes = /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secretText) ? Buffer.from(secretText.slice('whsec_'.length), 'base64') : undefined;
    if (bytes === undefined || bytes.length < 24 || bytes.length > 64) {
      const shape = 'it must be "whsec_" followed by 24 to 64 random bytes in base64';
      return { ok: false, problem: `${channel.secretEnv} is not a Standard Webhooks secret: ${shape}; ${WHSEC_HELP}` };
    }
    secret = new Uint8Array(bytes);
  }
  return { ok: true, target: { kind: 'http', url, secret }, shown: shownUrl(url) };
}

/** A URL as notify prints it: scheme and host only, since the path of a webhook URL is its secret. */
export function shownUrl(url: URL): string {
  return `${url.protocol}//${url.host}/…`;
}

function resolveSmtp(
  channel: EmailChannel,
  read: (name: string) => string | undefined,
  missing: (name: string, holds: string) => TargetResult,
  masker: Masker,
): TargetResult {
  const smtpText = read(channel.smtpUrlEnv);
  if (smtpText === undefined) return missing(channel.smtpUrlEnv, 'the SMTP URL, smtp://user:password@host:587 or smtps://user:password@host:465');
  let url: URL;
  try {
    url = new URL(smtpText);
  } catch {
    return { ok: false, problem: `${channel.smtpUrlEnv} is not a URL; it must look like smtp://user:password@host:587 or smtps://user:password@host:465` };
  }
  const user = url.username === '' ? undefined : decodeURIComponent(url.username);
  const pass = url.password === '' ? undefined : decodeURIComponent(url.password);
  masker.add(pass);
  masker.add(url.password);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    const schemes = 'it must be smtp:// (STARTTLS, usually port 587) or smtps:// (TLS, usually port 465)';
    return { ok: false, problem: `${channel.smtpUrlEnv} starts with ${url.protocol}//; ${schemes}` };
  }
  if (url.hostname === '') return { ok: false, problem: `${channel.smtpUrlEnv} names no host; it must look like smtp://user:password@host:587` };

  const toText = read(channel.toEnv);
  if (toText === undefined) return missing(channel.toEnv, 'the recipient addresses, one or several separated by commas');
  const recipients = toText.split(',').map((address) => address.trim()).filter((address) => address !== '');
  recipients.forEach((address) => masker.add(address));
  const bad = recipients.findIndex((address) => mailbox(address) === undefined);
  if (recipients.length === 0 || bad >= 0) {
    const which = recipients.length === 0
      ? 'holds no address'
      : `holds something that is not an e-mail address (the ${ordinal(bad + 1)} of ${recipients.length})`;
    return { ok: false, problem: `${channel.toEnv} ${which}; it must hold one address, or several separated by commas` };
  }
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const count = `${recipients.length} recipient${recipients.length === 1 ? '' : 's'}`;
  const shown = `${url.protocol}//${url.host}${url.port === '' ? `:${port}` : ''}, ${count} from ${channel.toEnv}`;
  // Plain smtp:// to another machine must upgrade with STARTTLS: a password and merchants' addresses never cross a network in clear.
  const requireTls = !secure && !isLoopback(url.hostname);
  return { ok: true, target: { kind: 'smtp', host: url.hostname, port, secure, user, pass, requireTls, recipients }, shown };
}
