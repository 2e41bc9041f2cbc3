/**
 * Real receivers for the notify tests, on 127.0.0.1 inside the test run: an
 * SMTP server (smtp-server, messages parsed with mailparser) and an HTTP
 * server standing in for Slack, Discord, Teams and webhook consumers. Each
 * answers as the test tells it to: accept, fail with a status or an SMTP
 * code, ask to retry later, or never answer. Plus a site folder built from
 * the example content, and ways to run notify: the real CLI as a child
 * process, or its engine in this process.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { projectRoot } from '../support/build.ts';
import { runNotify, type ExitCode, type NotifyIo, type NotifyOptions } from '../../src/cli/notify/run.ts';
import { Masker } from '../../src/cli/notify/targets.ts';

export { projectRoot };

/** What a receiver does with one request. */
export type HttpAnswer = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface HttpRecord {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status it was answered with; undefined while it hangs (never answered). */
  status: number | undefined;
  /** When it arrived (ms since 1970). */
  at: number;
}

export interface HttpReceiver {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: HttpRecord[];
  /** Decides the answer to each request; the default accepts everything with 200. */
  answer: (request: { path: string; body: string }) => HttpAnswer;
  /** Requests under `prefix` that were answered 2xx: what the platform accepted. */
  accepted: (prefix: string) => HttpRecord[];
  close: () => Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: HttpRecord[] = [];
  const receiver: HttpReceiver = {
    origin: '',
    requests,
    answer: () => ({ status: 200, body: 'ok' }),
    accepted: (prefix) => requests.filter((r) => r.path.startsWith(prefix) && r.status !== undefined && r.status >= 200 && r.status < 300),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record: HttpRecord = { path: request.url ?? '/', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status: undefined, at: Date.now() };
      requests.push(record);
      const answer = receiver.answer({ path: record.path, body: record.body });
      if (answer === 'hang') return;
      record.status = answer.status;
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body ?? '');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  receiver.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

export interface ReceivedMail {
  /** The envelope recipients (RCPT TO). */
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface SmtpReceiver {
  port: number;
  /** Messages the server accepted (250 after DATA). */
  accepted: ReceivedMail[];
  /** Decides the reply to each message: undefined accepts, else an SMTP error code and text. */
  answer: (envelopeTo: string[]) => { code: number; message: string } | undefined;
  /** Messages for `address` that were accepted. */
  acceptedFor: (address: string) => ReceivedMail[];
  close: () => Promise<void>;
}

export const SMTP_USER = 'notify';
export const SMTP_PASSWORD = 'pa55-w0rd-never-printed';

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const accepted: ReceivedMail[] = [];
  const receiver: SmtpReceiver = {
    port: 0,
    accepted,
    answer: () => undefined,
    acceptedFor: (address) => accepted.filter((mail) => mail.envelopeTo.includes(address)),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
  const server = new SMTPServer({
    // Loopback without TLS, as a local relay would be; notify requires TLS for any other host.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelopeTo = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const refusal = receiver.answer(envelopeTo);
        if (refusal) {
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          accepted.push({ envelopeTo, parsed, raw });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  receiver.port = (server.server.address() as AddressInfo).port;
  return receiver;
}

/** A port on 127.0.0.1 where nothing listens: connections to it are refused. */
export async function refusedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** A Standard Webhooks secret for the tests: whsec_ and 32 bytes in base64. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

export const EXAMPLE_INCIDENT = '2018-04-12-payouts-suspended';

/** A site folder with the example's config and FAQ and the given example incidents (all their files unless `only` picks notice ids). */
export function makeSite(notifyYaml: string, incidents: readonly { slug: string; only?: readonly string[] }[]): string {
  const root = mkdtempSync(join(tmpdir(), 'shirase-notify-'));
  mkdirSync(join(root, 'src'), { recursive: true });
  cpSync(join(projectRoot, 'src/content/faq'), join(root, 'src/content/faq'), { recursive: true });
  writeFileSync(join(root, 'src/site.config.yaml'), `${readFileSync(join(projectRoot, 'src/site.config.yaml'), 'utf8')}${notifyYaml}`);
  for (const incident of incidents) addNotices(root, incident.slug, incident.only);
  return root;
}

/** Copies notices of an example incident (and their translations, and incident.md) into the site. */
export function addNotices(root: string, slug: string, only?: readonly string[]): void {
  const from = join(projectRoot, 'incidents', slug);
  const to = join(root, 'incidents', slug);
  mkdirSync(to, { recursive: true });
  cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const name = source.slice(from.length + 1);
      if (name === '' || name.startsWith('incident.')) return true;
      return only === undefined || only.some((id) => name === `${id}.md` || name.startsWith(`${id}.`));
    },
  });
}

export function removeSite(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node src/cli/notify.ts` as a child process. Asynchronously: the
 * receivers live in this process and must keep answering while it runs.
 */
export function runCli(
  args: readonly string[],
  env: Record<string, string>,
  onSpawn?: (kill: () => void) => void,
  /** Start reading stdout only after this long, as a slow consumer of a pipe would. */
  readDelayMs = 0,
): Promise<CliResult> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [join(projectRoot, 'src/cli/notify.ts'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    if (readDelayMs > 0) {
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), readDelayMs);
    }
    child.on('error', failed);
    child.on('close', (status) => done({ status, stdout, stderr }));
    onSpawn?.(() => child.kill('SIGKILL'));
  });
}

/** Waits until `condition` holds (polling), or fails after `ms`. */
export async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await sleep(20);
  }
}

export interface InProcessResult {
  code: ExitCode;
  out: string[];
  fail: string[];
}

/** Runs notify's engine in this process, with test pacing (no pause between chat messages or before retries unless given). */
export async function runInProcess(options: Partial<NotifyOptions> & Pick<NotifyOptions, 'root' | 'ledgerPath'>, io: Partial<NotifyIo> & Pick<NotifyIo, 'env'>): Promise<InProcessResult> {
  const out: string[] = [];
  const fail: string[] = [];
  const code = await runNotify(
    { ledgerShown: options.ledgerPath, baseline: false, dryRun: false, channels: [], resend: [], now: Date.parse('2018-04-15T13:00:00+09:00'), site: undefined, base: undefined, ...options },
    { masker: new Masker(), out: (line) => out.push(line), fail: (line) => fail.push(line), clock: Date.now, sleep: (ms) => sleep(ms), chatIntervalMs: 0, backoffMs: 0, ...io },
  );
  return { code, out, fail };
}

/** `<incident slug>/<notice id>` from a notice permalink (any locale). */
export function keyOfPermalink(url: string): string {
  const match = /\/incidents\/([^/]+)\/#(.+)$/.exec(url);
  if (!match) throw new Error(`not a notice permalink: ${url}`);
  return `${match[1]}/${match[2]}`;
}
