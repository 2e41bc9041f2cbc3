#!/usr/bin/env node
/**
 * npm run notify -- [--dry-run] [--baseline] [--ledger <path>] [--channel <id>] [--now <ISO time>]
 *                   [--resend <incident>/<notice>] [--root <dir>] [--site <url>] [--base <path>]
 *
 * Sends every newly published notice to each channel configured under
 * `notify:` in src/site.config.yaml (e-mail, Slack, Discord, Teams, signed
 * webhooks), exactly once, recording each delivery in a ledger. Run it after
 * the site is deployed, so every link in a message already works.
 * Exit codes: 0 all delivered or nothing to do, 1 invalid content or config,
 * 2 bad usage, 4 some deliveries failed (the others are delivered and
 * recorded; the next run tries again), 5 no ledger and no --baseline.
 * See docs/notifications.md.
 */
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDirectory } from '../lib/content/load.ts';
import { parseInstant } from '../lib/core/dates.ts';
import { DEFAULT_LEDGER } from './notify/ledger.ts';
import { EXIT, runNotify } from './notify/run.ts';
import { Masker } from './notify/targets.ts';
import { exitWithUsage, HELP_OPTION, parseCommandLine, type Command } from './args.ts';

const USAGE = `usage: npm run notify -- [--dry-run] [--baseline] [--ledger <path>] [--channel <id>]… [--now <ISO 8601 time>]
                         [--resend <incident folder>/<notice id>]… [--root <site folder>] [--site <url>] [--base <path>]`;

/**
 * Leaves once stdout and stderr have drained: writes to a pipe are
 * asynchronous, and process.exit() would cut a long --dry-run short. It does
 * not wait for anything else (a keep-alive connection, say).
 */
function exit(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

const command: Command = { name: 'notify', usage: `${USAGE}\nSee docs/notifications.md.` };
function usageError(message: string): never {
  exitWithUsage(command, message);
}

const { values: args } = parseCommandLine(command, {
  options: {
    ...HELP_OPTION,
    'dry-run': { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
    ledger: { type: 'string' },
    channel: { type: 'string', multiple: true, default: [] },
    now: { type: 'string' },
    resend: { type: 'string', multiple: true, default: [] },
    root: { type: 'string' },
    site: { type: 'string' },
    base: { type: 'string' },
  },
  allowPositionals: false,
});
const root = resolve(args.root ?? process.cwd());
if (!isDirectory(root)) usageError(`--root "${args.root}" is not a folder`);
if (args.baseline && args.resend.length > 0) usageError('--baseline records notices as sent without sending; it cannot be combined with --resend');
let now = Date.now();
if (args.now !== undefined) {
  const parsed = parseInstant(args.now, 'UTC');
  if (!parsed.ok) usageError(`--now "${args.now}" ${parsed.problem}`);
  now = parsed.epochMs;
}
if (args.site !== undefined && !/^https?:\/\/[^/]/.test(args.site)) {
  usageError(`--site "${args.site}" is not an absolute http(s) URL such as https://status.example.com`);
}
if (args.base !== undefined && !args.base.startsWith('/')) usageError(`--base "${args.base}" must start with "/", e.g. "/" or "/status"`);

// On GitHub Actions a failure is also an annotation, shown on the run's summary page.
const annotate = process.env.GITHUB_ACTIONS === 'true';
const escapeAnnotation = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const masker = new Masker();

try {
  const code = await runNotify(
    {
      root,
      ledgerPath: args.ledger === undefined ? join(root, DEFAULT_LEDGER) : resolve(args.ledger),
      ledgerShown: args.ledger ?? DEFAULT_LEDGER,
      baseline: args.baseline,
      dryRun: args['dry-run'],
      channels: args.channel,
      resend: args.resend,
      now,
      site: args.site,
      base: args.base,
    },
    {
      env: process.env,
      masker,
      out: (line) => process.stdout.write(`${line}\n`),
      fail: (line) => process.stderr.write(annotate ? `::error title=notify::${escapeAnnotation(line)}\n` : `${line}\n`),
      clock: Date.now,
      sleep: (ms) => sleep(ms),
      chatIntervalMs: 1000,
      backoffMs: 1000,
    },
  );
  if (code === EXIT.usage) process.stderr.write(`${USAGE}\n`);
  exit(code);
} catch (error) {
  // A failure the run could not attribute to one message (the ledger could not be written, a bug): stop, say so, no stack.
  process.stderr.write(`notify: stopped: ${masker.mask((error as Error).message)}\n`);
  exit(EXIT.failed);
}
