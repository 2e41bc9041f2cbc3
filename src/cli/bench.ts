#!/usr/bin/env node
/**
 * npm run bench -- --incidents 100,1000,10000 [--runs 3] [--changed-files 1000] [--per-year 85] [--open 5] [--keep]
 *
 * `--per-year` and `--open` make a denser history (incidents per year up to
 * the build's "now", and how many are still open), for the size of `/` that
 * a busy service sees; without them, the history the build times have always
 * been measured on.
 *
 * Generates synthetic sites (Japanese notices with English translations,
 * ~5 notices per incident, some open, some maintenance, a 30-entry FAQ) in a
 * temporary folder, builds each with the real build (`npm run build`'s
 * program, src/publish/build.ts), cold into a new output folder, `--runs`
 * times, twice each: Astro's build (`SHIRASE_ASTRO_BUILD=1`: as the first
 * build of this code and config is), then a build of another new folder,
 * which knows the settings Astro decided and starts no Astro. Prints a table: wall time of each (median, and the range), peak
 * memory of the whole process tree, files and bytes in dist/, the size of /,
 * /rss.xml, the largest HTML page and the largest history page, and the
 * search index: the time it took after the last page was written (it runs
 * beside the writer; from the build's log) and its size (`/pagefind/`). Then adds one notice to one site and rebuilds into the
 * same output folder, reporting how many files in dist/ changed and the
 * rebuild time (a rebuild without Astro), rebuilds once more with nothing
 * changed, and once an hour later (only "now" changed: the hourly publish).
 * Each build's phases (start-up, content, Astro's steps or the routes
 * rendered without Astro, preview images, the writer, the search index) are
 * printed under it.
 *
 * Fair to the build: the generated files are flushed to disk (`sync`) before
 * each timed build, and nothing is deleted until all builds are done (on
 * disks mounted with online discard, deleting many files slows the file
 * creation that follows).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { addOneNotice, BENCH_NOW, generateSite } from './bench-generate.ts';
import { exitWithUsage, HELP_OPTION, parseCommandLine, type Command } from './args.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const buildProgram = join(projectRoot, 'src/publish/build.ts');

const USAGE =
  'usage: npm run bench -- [--incidents 100,1000,10000] [--runs <cold builds per size>] [--changed-files <size>] ' +
  '[--per-year <incidents>] [--open <incidents>] [--keep]';
const command: Command = { name: 'bench', usage: USAGE };

const { values } = parseCommandLine(command, {
  options: {
    ...HELP_OPTION,
    incidents: { type: 'string', default: '100,1000' },
    runs: { type: 'string', default: '1' },
    'changed-files': { type: 'string' },
    'per-year': { type: 'string' },
    open: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = values.incidents.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) exitWithUsage(command, '--incidents takes whole numbers, e.g. 100,1000,10000');
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) exitWithUsage(command, '--runs takes a whole number of cold builds per size, e.g. 3');
const density = { perYear: optionalNumber('per-year', 'incidents per year, e.g. 85'), open: optionalNumber('open', 'open incidents, e.g. 5') };
const changedAt = values['changed-files'] === undefined ? (sizes.includes(1000) ? 1000 : sizes[0]!) : Number(values['changed-files']);

function optionalNumber(flag: 'per-year' | 'open', what: string): number | undefined {
  const value = values[flag];
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < (flag === 'open' ? 0 : 1)) exitWithUsage(command, `--${flag} takes a number of ${what}`);
  return number;
}

/** Sum of VmRSS over a process and all its descendants, in bytes. */
function treeRss(rootPid: number): number {
  const children = new Map<number, number[]>();
  let total = 0;
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      rss.set(Number(entry), kb * 1024);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

interface BuildMeasure {
  wallMs: number;
  peakRss: number;
  status: number | null;
  output: string;
}

/** `npm run build` (src/publish/build.ts) of `siteRoot` into `outDir`, "now" being the bench's or `now`. */
function build(siteRoot: string, outDir: string, now: number = BENCH_NOW, env: Record<string, string> = {}): Promise<BuildMeasure> {
  return new Promise((resolve) => {
    const started = performance.now();
    // A working folder of its own inside the project: Astro bundles pages into <cwd>/.astro/ when the output is
    // elsewhere, and a shared one would be overwritten by a build running at the same time (e.g. the test suite).
    const workParent = join(projectRoot, 'node_modules/.cache/shirase-builds');
    mkdirSync(workParent, { recursive: true });
    const work = mkdtempSync(join(workParent, 'bench-'));
    const child = spawn(process.execPath, [buildProgram], {
      cwd: work,
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        SOURCE_DATE_EPOCH: String(now / 1000),
        SHIRASE_SITE_ROOT: siteRoot,
        SHIRASE_OUT_DIR: outDir,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let peakRss = 0;
    const timer = setInterval(() => (peakRss = Math.max(peakRss, treeRss(child.pid!))), 100);
    child.on('close', (status) => {
      clearInterval(timer);
      rmSync(work, { recursive: true, force: true });
      resolve({ wallMs: performance.now() - started, peakRss, status, output });
    });
  });
}

function walk(dir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  const visit = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = statSync(path);
      if (stat.isDirectory()) visit(path);
      else out.push({ path: relative(dir, path), size: stat.size });
    }
  };
  visit(dir);
  return out;
}

function hashes(dir: string): Map<string, string> {
  return new Map(
    walk(dir).map((f) => [
      f.path,
      createHash('sha256')
        .update(readFileSync(join(dir, f.path)))
        .digest('hex'),
    ]),
  );
}

/** Bytes of a page plus the CSS and JS it references. */
function pageWeight(dist: string, page: string): number {
  const html = readFileSync(join(dist, page), 'utf8');
  let total = Buffer.byteLength(html);
  for (const match of html.matchAll(/(?:href|src)="\/(?:[^"]*?\/)?(_astro\/[^"]+\.(?:css|js))"/g)) total += statSync(join(dist, match[1]!)).size;
  return total;
}

/** A duration as Astro and Vite print it ("3.03s", "53ms", from a minute on "1m 5s"), in milliseconds. */
function durationMs(value: string, unit: string): number {
  const [minutes, rest] = value.includes('m ') ? value.split('m ') : ['0', value];
  return Number(minutes) * 60_000 + (unit === 's' ? Number(rest) * 1000 : Number(rest));
}

/** A duration in a log line, as `durationMs` reads it. */
const DURATION = String.raw`((?:\d+m )?[\d.]+)(m?s)`;

/**
 * Where one build spent its time, read from the lines its log prints anyway, so a regression shows in the phase
 * where it happens. Start-up is what Astro's own clock does not cover: loading Astro, Vite and the config.
 */
function buildPhases(output: string, wallMs: number): string {
  const lines = stripVTControlCharacters(output).split('\n');
  if (lines.some((line) => line.includes('nothing changed since the last build'))) {
    return 'nothing to do: content, code, settings and "now" as in the last build';
  }
  const rebuiltLine = /(?:rebuilt|built a new folder) without Astro in ([\d.]+) s: content ([\d.]+ s) · Astro's routes ([\d.]+ s) · .* ([\d.]+ s) more/;
  const rebuilt = lines.map((line) => rebuiltLine.exec(line)).find(Boolean);
  if (rebuilt) {
    return [
      `without Astro: start-up ${seconds(wallMs - Number(rebuilt[1]) * 1000)}`,
      `content ${rebuilt[2]}`,
      `routes ${rebuilt[3]}`,
      `then writer, search index and preview images ${rebuilt[4]}`,
      `(index ${searchIndexParts(output)})`,
      writerCpu(output),
    ].join(' · ');
  }
  const after = (marker: string, pattern: RegExp): RegExpExecArray | null => {
    const from = lines.findIndex((line) => line.includes(marker));
    if (from < 0) return null;
    for (const line of lines.slice(from)) {
      const match = pattern.exec(line);
      if (match) return match;
    }
    return null;
  };
  const took = (match: RegExpExecArray | null) => (match ? seconds(durationMs(match[1]!, match[2]!)) : '?');
  const total = after('page(s) built in', new RegExp(String.raw`page\(s\) built in ${DURATION}`));
  const content = after('loaded and validated in', /loaded and validated in (\d+)(ms); layout assets in (\d+)ms/);
  const images = after('preview images in', /preview images in (\d+)(ms) \((\d+) drawn/);
  return [
    `start-up ${total ? seconds(wallMs - durationMs(total[1]!, total[2]!)) : '?'}`,
    `content ${took(content)}${content ? ` + layout assets ${seconds(Number(content[3]))}` : ''}`,
    `build info ${took(after('Collecting build info', new RegExp(`Completed in ${DURATION}`)))}`,
    `vite ${took(after('[vite]', new RegExp(`built in ${DURATION}`)))}`,
    `routes ${took(after('generating static routes', new RegExp(`Completed in ${DURATION}`)))}`,
    `preview images ${took(images)}${images ? ` (${images[3]} drawn)` : ''}`,
    `writer after Astro ${took(after('incident pages and feeds:', /once it joined, (\d+)(ms) after that/))}`,
    writerCpu(output),
  ].join(' · ');
}

/**
 * The writer's CPU time on both threads and per file it rendered, as the build reports it: "writer CPU 2.7 s,
 * 0.20 ms/file" (a rebuild that keeps most units spends its time checking them, so its figure per file is high).
 */
function writerCpu(output: string): string {
  const match = /writer CPU ([\d.]+ s), ([\d.]+ ms|–) per file rendered/.exec(output);
  return match ? `writer CPU ${match[1]}, ${match[2]}/file` : 'writer CPU ?';
}

/** The build's own report of its search index (src/integration/search-index.ts): all its parts, or its one part. */
function searchIndexMs(output: string): number | undefined {
  // The index runs beside the writer: what counts is what is left of it once the last page is written.
  const match =
    /search index: \d+ parts in \d+ms, (\d+)ms of them after the last page was written/.exec(output) ?? /search index: .* in (\d+)ms/.exec(output);
  return match ? Number(match[1]) : undefined;
}

/** Each part of the search index a build made again, with its time, and the parts it kept: "recent 0.2 s, archive-2015 kept". */
function searchIndexParts(output: string): string {
  const indexed = [...output.matchAll(/search index: \d+ pages indexed into \/pagefind\/([^/]+)\/ in (\d+)ms/g)];
  const kept = /search index: no page of (.*) changed; kept/.exec(output)?.[1];
  return [...indexed.map((match) => `${match[1]} ${seconds(Number(match[2]))}`), ...(kept ? [`${kept} kept`] : [])].join(', ') || '?';
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const workRoot = mkdtempSync(join(tmpdir(), 'shirase-bench-'));
const rows: string[][] = [];
const notes: string[] = [];
process.stdout.write(`bench: sites in ${workRoot}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
/** A median and its range, or the one value. */
const spread = (values: number[]) =>
  values.length === 1 ? seconds(values[0]!) : `${seconds(median(values))} (${seconds(Math.min(...values))}–${seconds(Math.max(...values))})`;
/** Flushes what the generator wrote, so the timed build does not pay for it. */
const settle = () => spawnSync('sync');
for (const size of sizes) {
  const siteRoot = join(workRoot, `site-${size}`);
  mkdirSync(siteRoot, { recursive: true });
  const { notices } = generateSite(siteRoot, size, density);
  const measures: BuildMeasure[] = [];
  const newFolderMeasures: BuildMeasure[] = [];
  let outDir = '';
  for (let run = 1; run <= runs; run++) {
    for (const kind of ['astro', 'new folder'] as const) {
      outDir = join(workRoot, `dist-${size}-${run}${kind === 'astro' ? '' : '-new'}`);
      settle();
      // Astro's build, as the first build of this code, config and flags is, whatever the cache holds.
      const measure = await build(siteRoot, outDir, BENCH_NOW, { SHIRASE_ASTRO_BUILD: kind === 'astro' ? '1' : '' });
      if (measure.status !== 0) {
        process.stderr.write(measure.output.slice(-4000));
        process.stderr.write(`bench: build of ${size} incidents failed\n`);
        process.exit(1);
      }
      if (kind === 'new folder' && !measure.output.includes('built a new folder without Astro')) {
        process.stderr.write(measure.output.slice(-4000));
        process.stderr.write(`bench: the build of a new folder of ${size} incidents was not the one without Astro\n`);
        process.exit(1);
      }
      (kind === 'astro' ? measures : newFolderMeasures).push(measure);
      const what = kind === 'astro' ? "Astro's build" : 'a new folder, without Astro';
      const phases = buildPhases(measure.output, measure.wallMs);
      process.stdout.write(`built ${size} incidents in ${seconds(measure.wallMs)} (${what}; run ${run} of ${runs})\n  ${phases}\n`);
    }
  }
  const walls = measures.map((m) => m.wallMs);
  const newFolderWalls = newFolderMeasures.map((m) => m.wallMs);
  const files = walk(outDir);
  const html = files.filter((f) => f.path.endsWith('.html'));
  const largest = html.reduce((a, b) => (b.size > a.size ? b : a));
  const history = html.filter((f) => f.path.startsWith('history/') || f.path.startsWith('en/history/'));
  const largestHistory = history.reduce((a, b) => (b.size > a.size ? b : a), { path: '-', size: 0 });
  const index = files.filter((f) => f.path.startsWith('pagefind/'));
  const indexTimes = measures.map((m) => searchIndexMs(m.output) ?? Number.NaN);
  rows.push([
    String(size),
    String(notices),
    spread(walls),
    mb(Math.max(...measures.map((m) => m.peakRss))),
    `${spread(newFolderWalls)}, ${mb(Math.max(...newFolderMeasures.map((m) => m.peakRss)))}`,
    String(files.length),
    mb(files.reduce((n, f) => n + f.size, 0)),
    kb(pageWeight(outDir, 'index.html')),
    kb(statSync(join(outDir, 'rss.xml')).size),
    `${kb(largest.size)} (${largest.path})`,
    `${kb(largestHistory.size)} (${largestHistory.path})`,
    `${seconds(median(indexTimes))}, ${kb(index.reduce((n, f) => n + f.size, 0))} in ${index.length} files`,
  ]);

  if (size === changedAt) {
    const before = hashes(outDir);
    const added = addOneNotice(siteRoot);
    settle();
    const rebuild = await build(siteRoot, outDir);
    if (rebuild.status !== 0) {
      process.stderr.write(rebuild.output.slice(-4000));
      process.exit(1);
    }
    const after = hashes(outDir);
    const changed = [...after].filter(([path, hash]) => before.get(path) !== hash).map(([path]) => path);
    const removed = [...before.keys()].filter((path) => !after.has(path));
    // The same output in another language (`en/rss.xml` is `rss.xml` in English) counts once here.
    const inIndex = [...changed, ...removed].filter((path) => path.startsWith('pagefind/')).length;
    const perLanguage = new Set(changed.map((path) => path.replace(/^en\//, '')));
    const inEveryLanguage = [...perLanguage].filter((path) => changed.includes(path) && changed.includes(`en/${path}`));
    const count = changed.length + removed.length;
    const listed = [...changed, ...removed.map((p) => `${p} (removed)`)].map((p) => `  ${p}`).join('\n');
    process.stdout.write(
      `\nadding one notice (${added.slug}/${added.noticeId}) to the ${size}-incident site changed ${count} files, ` +
        `${inEveryLanguage.length} of them in both languages (rebuild ${seconds(rebuild.wallMs)}):\n` +
        `  ${buildPhases(rebuild.output, rebuild.wallMs)}\n${listed}\n`,
    );
    // And once more with nothing changed: the fixed cost of a publish.
    settle();
    const unchanged = await build(siteRoot, outDir);
    if (unchanged.status !== 0) {
      process.stderr.write(unchanged.output.slice(-4000));
      process.exit(1);
    }
    process.stdout.write(`rebuild with nothing changed: ${seconds(unchanged.wallMs)}\n  ${buildPhases(unchanged.output, unchanged.wallMs)}\n`);
    // And an hour later with the same content: what the hourly publish does when nobody wrote anything.
    settle();
    const later = await build(siteRoot, outDir, BENCH_NOW + 3600_000);
    if (later.status !== 0) {
      process.stderr.write(later.output.slice(-4000));
      process.exit(1);
    }
    process.stdout.write(`rebuild an hour later, content unchanged: ${seconds(later.wallMs)}\n  ${buildPhases(later.output, later.wallMs)}\n`);
    notes.push(
      `${size} incidents: cold build ${seconds(median(walls))} (Astro's; median of ${runs}), ` +
        `of a new folder ${seconds(median(newFolderWalls))} (without Astro), rebuild after one new notice ${seconds(rebuild.wallMs)}, ` +
        `with nothing changed ${seconds(unchanged.wallMs)}, an hour later ${seconds(later.wallMs)}; ` +
        `${count} files changed (${inEveryLanguage.length} outputs × 2 languages + ${count - 2 * inEveryLanguage.length} shared; ` +
        `${inIndex} of them in the search index)`,
    );
  }
}

const header = [
  'incidents',
  'notices',
  "cold build (Astro's)",
  'peak memory',
  'cold build of a new folder (without Astro), peak memory',
  'files',
  'dist size',
  '/ (HTML+CSS+JS)',
  '/rss.xml',
  'largest HTML page',
  'largest history page',
  'search index (time after the last page, size)',
];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
process.stdout.write(`\n${table}\n${notes.map((n) => `\n${n}`).join('')}\n`);
if (!values.keep) rmSync(workRoot, { recursive: true, force: true });
else process.stdout.write(`\nkept: ${workRoot}\n`);
writeFileSync(1, '');
