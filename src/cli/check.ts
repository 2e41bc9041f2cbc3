#!/usr/bin/env node
/**
 * npm run check [-- --format json] [--root <dir>] [--overdue [--now <ISO time>]] [--watch]
 *
 * Validates config and all content without building (the build runs the same
 * validation first). Exit codes: 0 clean (warnings allowed), 1 errors,
 * 2 bad usage, 3 a broken update promise (with --overdue). With --watch it
 * checks again on every change to the content until stopped with Ctrl-C.
 * Errors and warnings are coloured on a terminal.
 */
import { resolve } from 'node:path';
import { loadSiteContent, isDirectory } from '../lib/content/load.ts';
import { formatStyledDiagnostic, sortDiagnostics, type Diagnostic } from '../lib/content/diagnostics.ts';
import { CONFIG_FILE, CONTENT_DIR, INCIDENTS_DIR } from '../lib/content/paths.ts';
import { findOverdueIncidents, type OverdueIncident } from '../lib/model/overdue.ts';
import { buildNow, parseInstant } from '../lib/core/dates.ts';
import { formatDateTime, formatDuration } from '../lib/render/datetime.ts';
import { exitWithUsage, HELP_OPTION, parseCommandLine, type Command } from './args.ts';
import { diagnosticStyle, paint, type Style } from './terminal.ts';
import { watchPaths, type WatchTargets } from './watch.ts';

const USAGE = `usage: npm run check -- [--format text|json] [--root <site folder>] [--overdue [--now <ISO 8601 time>]] [--watch]`;

const command: Command = { name: 'check', usage: USAGE };
function usageError(message: string): never {
  exitWithUsage(command, message);
}

const args = parseCommandLine(command, {
  options: {
    ...HELP_OPTION,
    format: { type: 'string', default: 'text' },
    root: { type: 'string' },
    overdue: { type: 'boolean', default: false },
    now: { type: 'string' },
    watch: { type: 'boolean', default: false },
  },
}).values;
if (args.format !== 'text' && args.format !== 'json') usageError(`--format must be "text" or "json", got "${args.format}"`);
if (args.now !== undefined && !args.overdue) usageError('--now only makes sense with --overdue');
if (args.watch && args.format === 'json') usageError('--watch prints for people; use --format json without --watch');
const root = resolve(args.root ?? process.cwd());
if (!isDirectory(root)) usageError(`--root "${root}" is not a folder`);

let fixedNow: number | undefined;
if (args.now !== undefined) {
  const parsed = parseInstant(args.now, 'UTC');
  if (!parsed.ok) usageError(`--now "${args.now}" ${parsed.problem}`);
  fixedNow = parsed.epochMs;
}

/** Checks the site once at `now`, prints the result, and returns the exit code. */
function checkOnce(now: number): number {
  const loaded = loadSiteContent(root);
  // A notice dated in the future is still published (nothing is ever held back silently), but it is
  // usually a wrong offset or a typo in the year, so say so.
  const futureWarnings: Diagnostic[] = [];
  for (const incident of loaded.content?.incidents ?? []) {
    for (const notice of incident.notices) {
      if (notice.at > now + 10 * 60_000) {
        futureWarnings.push({
          file: notice.file, line: 0, column: 0, severity: 'warning',
          message: `date "${notice.date}" is in the future (now is ${new Date(now).toISOString()}); `
            + 'it is published as written, so check the year and the UTC offset',
        });
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
    const report = { errors, warnings, diagnostics: result.diagnostics, ...(args.overdue ? { now: new Date(now).toISOString(), overdue } : {}) };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const style = diagnosticStyle(process.stdout);
    for (const diagnostic of result.diagnostics) process.stdout.write(`${formatStyledDiagnostic(diagnostic, style)}\n`);
    if (args.overdue && result.content) {
      const { timeZone } = result.content.config;
      const when = (ms: number) => formatDateTime(ms, 'en', timeZone);
      for (const item of overdue) {
        const parts: string[] = [];
        const ago = (ms: number) => formatDuration(now - ms, 'en');
        const promised = item.nextUpdateAt!;
        if (item.reasons.includes('next-update-passed')) parts.push(`the next update was promised for ${when(promised)}, ${ago(promised)} ago`);
        if (item.reasons.includes('no-next-update')) parts.push('the latest notice promises no next update; add next_update to it or post an update that does');
        if (item.reasons.includes('silent-too-long')) parts.push(`no notice for ${ago(item.latestAt)} (limit: ${result.content.config.maxSilenceHours} h)`);
        const overdueLabel = paint(['magenta', 'bold'], 'overdue', process.stdout);
        const advice = `Post an update: npm run new -- update ${item.slug}`;
        process.stdout.write(`${style('location', item.latestFile)}: ${overdueLabel}: "${item.title}": ${parts.join('; ')}. ${advice}\n`);
      }
    }
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
    const summary = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}${args.overdue ? `, ${plural(overdue.length, 'overdue incident')}` : ''}`;
    const summaryStyle: Style = errors > 0 ? ['red', 'bold'] : warnings > 0 || overdue.length > 0 ? 'yellow' : 'green';
    process.stderr.write(`${paint(summaryStyle, summary, process.stderr)}\n`);
  }
  return errors > 0 ? 1 : overdue.length > 0 ? 3 : 0;
}

/** What `--watch` watches: everything the loader reads. */
const WATCHED: WatchTargets = { folders: [INCIDENTS_DIR, CONTENT_DIR], files: [CONFIG_FILE] };

if (!args.watch) process.exit(checkOnce(fixedNow ?? buildNow(process.env)));

const watching = `watching ${[...WATCHED.folders.map((folder) => `${folder}/`), ...WATCHED.files].join(', ')} for changes; Ctrl-C to stop`;
const checkAgain = (changed: string | undefined) => {
  // On a terminal, each result replaces the last; in a log, results follow each other.
  console.clear();
  const when = new Date().toLocaleTimeString('en-GB');
  process.stdout.write(`${paint('dim', changed === undefined ? `checked at ${when}` : `${changed} changed; checked again at ${when}`, process.stdout)}\n`);
  checkOnce(fixedNow ?? buildNow(process.env));
  process.stdout.write(`${paint('dim', watching, process.stdout)}\n`);
};
// Watching first, so that nothing saved while the first check runs goes unseen.
watchPaths(root, WATCHED, checkAgain);
checkAgain(undefined);
process.on('SIGINT', () => process.exit(0));
