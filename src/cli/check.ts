#!/usr/bin/env node
/**
 * npm run check [-- --format json] [--root <dir>] [--overdue [--now <ISO time>]]
 *
 * Validates config and all content without building (the build runs the same
 * validation first). Exit codes: 0 clean (warnings allowed), 1 errors,
 * 2 bad usage, 3 a broken update promise (with --overdue).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadSiteContent, isDirectory } from '../lib/content/load.ts';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../lib/content/diagnostics.ts';
import { findOverdueIncidents, type OverdueIncident } from '../lib/model/overdue.ts';
import { buildNow, parseInstant } from '../lib/core/dates.ts';
import { formatDateTime, formatDuration } from '../lib/render/datetime.ts';

const USAGE = `usage: npm run check -- [--format text|json] [--root <site folder>] [--overdue [--now <ISO 8601 time>]]`;

function usageError(message: string): never {
  process.stderr.write(`check: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      format: { type: 'string', default: 'text' },
      root: { type: 'string' },
      overdue: { type: 'boolean', default: false },
      now: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  }).values;
} catch (error) {
  usageError((error as Error).message);
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (args.format !== 'text' && args.format !== 'json') usageError(`--format must be "text" or "json", got "${args.format}"`);
if (args.now !== undefined && !args.overdue) usageError('--now only makes sense with --overdue');
const root = resolve(args.root ?? process.cwd());
if (!isDirectory(root)) usageError(`--root "${root}" is not a folder`);

let now = buildNow(process.env);
if (args.now !== undefined) {
  const parsed = parseInstant(args.now, 'UTC');
  if (!parsed.ok) usageError(`--now "${args.now}" ${parsed.problem}`);
  now = parsed.epochMs;
}

const loaded = loadSiteContent(root);
// A notice dated in the future is still published (nothing is ever held back silently), but it is
// usually a wrong offset or a typo in the year, so say so.
const futureWarnings: Diagnostic[] = [];
for (const incident of loaded.content?.incidents ?? []) {
  for (const notice of incident.notices) {
    if (notice.at > now + 10 * 60_000) {
      futureWarnings.push({ file: notice.file, line: 0, column: 0, severity: 'warning', message: `date "${notice.date}" is in the future (now is ${new Date(now).toISOString()}); it is published as written, so check the year and the UTC offset` });
    }
  }
}
const result = { ...loaded, diagnostics: sortDiagnostics([...loaded.diagnostics, ...futureWarnings]) };
const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
const warnings = result.diagnostics.length - errors;

let overdue: OverdueIncident[] = [];
if (args.overdue && result.content) {
  overdue = findOverdueIncidents(result.content.incidents, now, result.content.config.maxSilenceHours * 3_600_000);
}

if (args.format === 'json') {
  process.stdout.write(
    `${JSON.stringify(
      {
        errors,
        warnings,
        diagnostics: result.diagnostics,
        ...(args.overdue ? { now: new Date(now).toISOString(), overdue } : {}),
      },
      null,
      2,
    )}\n`,
  );
} else {
  for (const diagnostic of result.diagnostics) process.stdout.write(`${formatDiagnostic(diagnostic)}\n`);
  if (args.overdue && result.content) {
    const { timeZone } = result.content.config;
    const when = (ms: number) => formatDateTime(ms, 'en', timeZone);
    for (const item of overdue) {
      const parts: string[] = [];
      if (item.reasons.includes('next-update-passed')) parts.push(`the next update was promised for ${when(item.nextUpdateAt!)}, ${formatDuration(now - item.nextUpdateAt!, 'en')} ago`);
      if (item.reasons.includes('no-next-update')) parts.push('the latest notice promises no next update; add next_update to it or post an update that does');
      if (item.reasons.includes('silent-too-long')) parts.push(`no notice for ${formatDuration(now - item.latestAt, 'en')} (limit: ${result.content.config.maxSilenceHours} h)`);
      process.stdout.write(`${item.latestFile}: overdue: "${item.title}": ${parts.join('; ')}. Post an update: npm run new -- update ${item.slug}\n`);
    }
  }
  const summary = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${args.overdue ? `, ${overdue.length} overdue incident${overdue.length === 1 ? '' : 's'}` : ''}`;
  process.stderr.write(`${summary}\n`);
}

process.exit(errors > 0 ? 1 : overdue.length > 0 ? 3 : 0);
