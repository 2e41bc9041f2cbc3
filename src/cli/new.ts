#!/usr/bin/env node
/**
 * npm run new -- suspension --title "…" --components payouts=suspended,payments=suspended [--summary "…"] [--slug …]
 * npm run new -- update <slug> [--components id=state,…]
 * npm run new -- resumption <slug>
 * npm run new -- postmortem <slug>
 *
 * Writes draft notices (draft: true, placeholder body) with the current time
 * in the site's zone, the incident's component states carried forward and
 * next_update from the configured cadence. Refuses, writing nothing, when the
 * result would not pass `npm run check`. Prompts for what is missing when run
 * in a terminal. Exit codes: 0 written, 1 refused, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadSiteContent, isDirectory } from '../lib/content/load.ts';
import { formatDiagnostic, type Diagnostic } from '../lib/content/diagnostics.ts';
import { CONFIG_FILE, FAQ_DIR, INCIDENTS_DIR } from '../lib/content/paths.ts';
import { PLACEHOLDER_MARKER } from '../lib/content/placeholder.ts';
import { buildNow, parseInstant } from '../lib/core/dates.ts';
import { NOTICE_TYPES, type NoticeType } from '../lib/core/states.ts';
import { parseComponentStates, planNotice, type PlannedFile } from './scaffold.ts';

const USAGE = `usage:
  npm run new -- suspension --title "…" --components id=state,… [--summary "…"] [--slug <slug>]
  npm run new -- maintenance --title "…" --components id=maintenance --window-start <ISO time> --window-end <ISO time>
  npm run new -- completed <slug>
  npm run new -- update <slug> [--components id=state,…]
  npm run new -- resumption <slug>
  npm run new -- postmortem <slug>
options: --root <site folder>  --date <ISO 8601 time, default now>`;

function usageError(message: string): never {
  process.stderr.write(`new: ${message}\n${USAGE}\n`);
  process.exit(2);
}
function refuse(message: string): never {
  process.stderr.write(`new: ${message}\nNothing was written.\n`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      title: { type: 'string' },
      summary: { type: 'string' },
      components: { type: 'string' },
      slug: { type: 'string' },
      root: { type: 'string' },
      date: { type: 'string' },
      'window-start': { type: 'string' },
      'window-end': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
} catch (error) {
  usageError((error as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const root = resolve(values.root ?? process.cwd());
if (!isDirectory(root)) usageError(`--root "${root}" is not a folder`);

const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
const prompt = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
async function ask(question: string): Promise<string | undefined> {
  if (!prompt) return undefined;
  const answer = (await prompt.question(`${question}: `)).trim();
  return answer === '' ? undefined : answer;
}

let type = positionals[0] as NoticeType | undefined;
if (type === undefined) type = (await ask(`notice type (${NOTICE_TYPES.join(', ')})`)) as NoticeType | undefined;
if (type === undefined || !(NOTICE_TYPES as readonly string[]).includes(type)) {
  usageError(type === undefined ? 'say which notice to write' : `"${type}" is not a notice type; expected one of ${NOTICE_TYPES.join(', ')}`);
}
const opensIncident = type === 'suspension' || type === 'maintenance';
if (positionals.length > (opensIncident ? 1 : 2)) usageError(`unexpected argument "${positionals[positionals.length - 1]}"`);

const loaded = loadSiteContent(root, { includeDrafts: true });
if (!loaded.content) {
  for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  refuse('the site has errors already; fix them first (npm run check lists them).');
}
const content = loaded.content;
const knownIds = content.config.components.map((c) => c.id);

let now = buildNow(process.env);
if (values.date !== undefined) {
  const instant = parseInstant(values.date, content.config.timeZone);
  if (!instant.ok) usageError(`--date "${values.date}" ${instant.problem}`);
  now = instant.epochMs;
}

let slug = opensIncident ? values.slug : (positionals[1] ?? values.slug);
let title = values.title;
let componentsText = values.components;
let windowStart = values['window-start'];
let windowEnd = values['window-end'];
if (opensIncident) {
  title ??= await ask('incident title (what merchants see)');
  componentsText ??= await ask(`affected components as id=state, comma-separated (ids: ${knownIds.join(', ')})`);
  if (type === 'maintenance') {
    windowStart ??= await ask('window start (e.g. 2018-05-20T02:00:00+09:00)');
    windowEnd ??= await ask('window end');
  }
} else {
  slug ??= await ask('incident slug (its folder name in incidents/)');
}
prompt?.close();

let components;
if (componentsText !== undefined) {
  const result = parseComponentStates(componentsText, knownIds);
  if (!result.ok) usageError(result.message);
  components = result.value;
}

let window: { start: number; end: number } | undefined;
if (windowStart !== undefined || windowEnd !== undefined) {
  const start = parseInstant(windowStart ?? '', content.config.timeZone);
  const end = parseInstant(windowEnd ?? '', content.config.timeZone);
  if (!start.ok) usageError(`--window-start "${windowStart ?? ''}" ${start.problem}`);
  if (!end.ok) usageError(`--window-end "${windowEnd ?? ''}" ${end.problem}`);
  window = { start: start.epochMs, end: end.epochMs };
}

const plan = planNotice(content, { type, slug, title, summary: values.summary, components, window, now });
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
const toCheck = {
  suspension: 'the components and next_update',
  maintenance: 'the components and the window',
  update: 'the components (carried over from the last notice) and next_update',
  resumption: 'the components (all back to operational)',
  completed: 'the components (all back to operational)',
  postmortem: 'the text',
}[type];
process.stdout.write(
  `\nNext: write the text in ${files[files.length - 1]!.path} (replace the placeholder), check ${toCheck},\n` +
    `set "draft: false", then run "npm run check" and publish.\n`,
);
