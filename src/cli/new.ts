#!/usr/bin/env node
/**
 * npm run new                      (in a terminal: asks for everything, see new-guided.ts)
 * npm run new -- suspension --title "…" --components payouts=suspended,payments=suspended [--summary "…"] [--slug …]
 * npm run new -- update <slug> [--components id=state,…] [--template <name>] [--next-update <time>]
 * npm run new -- resumption <slug>
 * npm run new -- postmortem <slug>
 *
 * Writes draft notices (draft: true, placeholder body or a filled template)
 * with the current time in the site's zone, the incident's component states
 * carried forward and next_update from the cadence. Refuses, writing nothing,
 * when the result would not pass `npm run check`. In a terminal it asks for
 * what the flags leave out; elsewhere a missing value is bad usage naming the
 * flag. Exit codes: 0 written, 1 refused, 2 bad usage, 130 cancelled.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadSiteContent, isDirectory } from '../lib/content/load.ts';
import { formatDiagnostic, type Diagnostic } from '../lib/content/diagnostics.ts';
import { CONFIG_FILE, FAQ_DIR, INCIDENTS_DIR } from '../lib/content/paths.ts';
import { PLACEHOLDER_MARKER } from '../lib/content/placeholder.ts';
import { buildNow, parseInstant } from '../lib/core/dates.ts';
import { NOTICE_TYPES, type NoticeType } from '../lib/core/states.ts';
import { routes, withBase } from '../lib/core/urls.ts';
import { exitWithUsage, HELP_OPTION, parseCommandLine, type Command } from './args.ts';
import { askForMissing, type NoticeAnswers } from './new-guided.ts';
import { parseComponentStates, planNotice, templateTypeMessage, unknownTemplateMessage, type PlannedFile } from './scaffold.ts';
import { paint } from './terminal.ts';

const USAGE = `usage:
  npm run new                     (in a terminal: asks for each value)
  npm run new -- suspension --title "…" --components id=state,… [--summary "…"] [--slug <slug>]
  npm run new -- maintenance --title "…" --components id=maintenance --window-start <ISO time> --window-end <ISO time>
  npm run new -- update <slug> [--components id=state,…]
  npm run new -- resumption <slug>
  npm run new -- completed <slug>
  npm run new -- postmortem <slug>
options: --template <name>  --next-update <ISO time>  --root <site folder>  --date <ISO 8601 time, default now>`;

const command: Command = { name: 'new', usage: USAGE };
function usageError(message: string): never {
  exitWithUsage(command, message);
}
function refuse(message: string): never {
  process.stderr.write(`new: ${message}\nNothing was written.\n`);
  process.exit(1);
}

const { values, positionals } = parseCommandLine(command, {
  options: {
    ...HELP_OPTION,
    title: { type: 'string' },
    summary: { type: 'string' },
    components: { type: 'string' },
    slug: { type: 'string' },
    root: { type: 'string' },
    date: { type: 'string' },
    'window-start': { type: 'string' },
    'window-end': { type: 'string' },
    'next-update': { type: 'string' },
    template: { type: 'string' },
  },
  allowPositionals: true,
});
const root = resolve(values.root ?? process.cwd());
if (!isDirectory(root)) usageError(`--root "${root}" is not a folder`);

const typeArgument = positionals[0];
if (typeArgument !== undefined && !(NOTICE_TYPES as readonly string[]).includes(typeArgument)) {
  usageError(`"${typeArgument}" is not a notice type; expected one of ${NOTICE_TYPES.join(', ')}`);
}
const typeGiven = typeArgument as NoticeType | undefined;
const takesSlug = typeGiven !== undefined && typeGiven !== 'suspension' && typeGiven !== 'maintenance';
if (positionals.length > (takesSlug ? 2 : 1)) usageError(`unexpected argument "${positionals[positionals.length - 1]}"`);

const loaded = loadSiteContent(root, { includeDrafts: true });
if (!loaded.content) {
  for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  refuse('the site has errors already; fix them first (npm run check lists them).');
}
const content = loaded.content;
const { timeZone } = content.config;

/** A time flag's instant in the site zone, or bad usage naming the flag. */
function timeFlag(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const instant = parseInstant(value, timeZone);
  if (!instant.ok) usageError(`--${flag} "${value}" ${instant.problem}`);
  return instant.epochMs;
}

const now = timeFlag('date', values.date) ?? buildNow(process.env);

const given: NoticeAnswers = {
  type: typeGiven,
  slug: takesSlug ? (positionals[1] ?? values.slug) : values.slug,
  template: undefined,
  components: undefined,
  title: values.title,
  window: undefined,
  nextUpdate: timeFlag('next-update', values['next-update']),
};
if (values.components !== undefined) {
  const result = parseComponentStates(values.components, content.config.components.map((c) => c.id));
  if (!result.ok) usageError(result.message);
  given.components = result.value;
}
if (values['window-start'] !== undefined || values['window-end'] !== undefined) {
  given.window = { start: timeFlag('window-start', values['window-start'] ?? '')!, end: timeFlag('window-end', values['window-end'] ?? '')! };
}
if (values.template !== undefined) {
  given.template = loaded.templates.find((t) => t.name === values.template);
  if (!given.template) usageError(unknownTemplateMessage(values.template, loaded.templates));
  if (typeGiven !== undefined && given.template.type !== typeGiven) usageError(templateTypeMessage(given.template, typeGiven));
}

/** The flags (or arguments) a notice of `type` cannot do without, that `answers` lacks. */
function missingValues(answers: NoticeAnswers): string[] {
  const { type } = answers;
  if (type === undefined) return [`the notice type (npm run new -- <${NOTICE_TYPES.join('|')}> …)`];
  if (type !== 'suspension' && type !== 'maintenance') return answers.slug === undefined ? [`the incident's slug (npm run new -- ${type} <slug>)`] : [];
  const missing: string[] = [];
  if (answers.title === undefined) missing.push('--title');
  if (answers.components === undefined && answers.template === undefined) missing.push('--components');
  if (type === 'maintenance' && answers.window === undefined) missing.push('--window-start', '--window-end');
  return missing;
}

let answers = given;
const missing = missingValues(given);
if (missing.length > 0) {
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    usageError(`missing ${missing.join(', ')}; pass ${missing.length === 1 ? 'it' : 'them'}, or run it in a terminal to be asked`);
  }
  const asked = await askForMissing(content, loaded.templates, given, now);
  if (!asked) process.exit(130);
  answers = asked;
}

const plan = planNotice(content, {
  type: answers.type!, slug: answers.slug, title: answers.title, summary: values.summary, components: answers.components,
  window: answers.window, nextUpdate: answers.nextUpdate, template: answers.template, now,
});
if (!plan.ok) refuse(plan.message);

// Validate the would-be site as if the new notice were already published, on a copy, so nothing half-checked is written.
const files: PlannedFile[] = plan.files;
const scratch = mkdtempSync(join(tmpdir(), 'shirase-new-'));
let scratchErrors: Diagnostic[] = [];
try {
  cpSync(join(root, CONFIG_FILE), join(scratch, CONFIG_FILE), { recursive: true });
  if (existsSync(join(root, FAQ_DIR))) cpSync(join(root, FAQ_DIR), join(scratch, FAQ_DIR), { recursive: true });
  const folder = join(root, INCIDENTS_DIR, plan.slug);
  const scratchFolder = join(scratch, INCIDENTS_DIR, plan.slug);
  if (existsSync(folder)) cpSync(folder, scratchFolder, { recursive: true });
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file.path)), { recursive: true });
    writeFileSync(join(scratch, file.path), file.contents);
  }
  // Check the incident as it will be once its drafts are written and published: the notice order rules apply to all of them.
  for (const name of readdirSync(scratchFolder)) {
    if (!name.endsWith('.md')) continue;
    const path = join(scratchFolder, name);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^draft: true\r?$/m, 'draft: false').replace(PLACEHOLDER_MARKER, 'Validation text.'));
  }
  scratchErrors = loadSiteContent(scratch, { includeDrafts: true }).diagnostics.filter((d) => d.severity === 'error');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (scratchErrors.length > 0) {
  for (const d of scratchErrors) process.stderr.write(`${formatDiagnostic(d)}\n`);
  refuse('the new notice would not pass "npm run check" (see above).');
}

for (const file of files) {
  const path = join(root, file.path);
  if (existsSync(path)) refuse(`${file.path} exists already.`);
}
for (const file of files) {
  mkdirSync(dirname(join(root, file.path)), { recursive: true });
  writeFileSync(join(root, file.path), file.contents, { flag: 'wx' });
  process.stdout.write(`wrote ${file.path}\n`);
}

const type = answers.type!;
const toCheck = {
  suspension: 'the components and next_update',
  maintenance: 'the components and the window',
  update: 'the components (carried over from the last notice) and next_update',
  resumption: 'the components (all back to operational)',
  completed: 'the components (all back to operational)',
  postmortem: 'the text',
}[type];
const notices = files.filter((file) => !file.path.endsWith('/incident.md')).map((file) => file.path);
const preview = `http://localhost:4321${withBase(content.config.base, routes.notice(plan.slug, plan.noticeId))}`;
const bold = (text: string) => paint('bold', text, process.stdout);
process.stdout.write(
  `\n${bold('Next:')}\n` +
    `  1. Write the text in ${notices.join(' and ')} (replace the placeholder); check ${toCheck}.\n` +
    `  2. Set "draft: false"${notices.length > 1 ? ' in each file' : ''}, then look at it: run "npm run dev" and open\n` +
    `     ${bold(preview)}\n` +
    '     (to look while it is still a draft: "npm run dev:drafts")\n' +
    '  3. Run "npm run check".\n' +
    '  4. Publish: commit and push (docs/publishing.md).\n',
);
