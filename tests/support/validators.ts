import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from './build.ts';

/**
 * External validators: the Nu Html Checker (vnu.jar, run with the system
 * java) for HTML and xmllint for XML Schema validation.
 */

export const vnuJar = join(projectRoot, 'node_modules/vnu-jar/build/dist/vnu.jar');

export interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
  extract?: string;
}

export interface VnuResult {
  /** Error messages (vnu runs with --errors-only). */
  errors: VnuMessage[];
  /** vnu's exit status and raw output, for failure messages. */
  status: number | null;
  raw: string;
}

/** Runs vnu once over files and/or directories (directories: every HTML file in them). */
export function runVnu(paths: string[]): VnuResult {
  const result = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--skip-non-html', '--format', 'json', ...paths], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`could not run java -jar ${vnuJar}: ${result.error.message}`);
  // vnu writes its JSON report to stderr.
  const raw = result.stderr.trim() || result.stdout.trim();
  let messages: VnuMessage[];
  try {
    messages = (JSON.parse(raw) as { messages: VnuMessage[] }).messages;
  } catch {
    throw new Error(`vnu did not produce a JSON report (exit ${result.status}):\n${raw.slice(0, 2000)}`);
  }
  return { errors: messages.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error'), status: result.status, raw };
}

export function formatVnuErrors(errors: readonly VnuMessage[], root?: string): string {
  return errors
    .map((m) => {
      const file = m.url ? decodeURIComponent(m.url.replace(/^file:/, '')) : '?';
      const shown = root ? relative(root, file) : file;
      return `${shown}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\n/g, ' ')}` : ''}`;
    })
    .join('\n');
}

/** The sitemap XML Schema shipped inside the `sitemap` package, wherever the package keeps it. */
export function sitemapXsdPath(): string {
  const packageDir = join(projectRoot, 'node_modules/sitemap');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'sitemap.xsd') found.push(path);
    }
  };
  if (existsSync(packageDir)) walk(packageDir);
  if (found.length === 0) throw new Error(`no sitemap.xsd in ${packageDir}`);
  return found.sort((a, b) => a.length - b.length)[0]!;
}

/** `xmllint --nonet --noout --schema <xsd> <file>`: ok, and what xmllint said. */
export function xmllintSchema(xsd: string, file: string): { ok: boolean; output: string } {
  const result = spawnSync('xmllint', ['--nonet', '--noout', '--schema', xsd, file], { encoding: 'utf8' });
  if (result.error) throw new Error(`could not run xmllint: ${result.error.message}`);
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Is `xml` well-formed? libxml2 (`xmllint --nonet --noout -`) is the judge; the first errors are returned. */
export function xmlWellFormedProblem(xml: string): string | undefined {
  const result = spawnSync('xmllint', ['--nonet', '--noout', '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`could not run xmllint: ${result.error.message}`);
  if (result.status === 0) return undefined;
  return result.stderr.split('\n').filter((line) => /error/.test(line)).slice(0, 3).map((line) => line.replace(/^-:/, 'line ')).join('; ') || `xmllint exited ${result.status}`;
}

/**
 * libical, the strict iCalendar library behind Evolution and GNOME Calendar,
 * through its GObject bindings (Debian: gir1.2-ical-3.0 and python3-gi). It
 * parses the calendar, then runs its RFC 5546 (iTIP) restriction check;
 * every problem it finds becomes an X-LIC-ERROR property, which is what the
 * clients show or reject on.
 */
const LIBICAL_SCRIPT = `
import json, sys, gi
gi.require_version('ICalGLib', '3.0')
from gi.repository import ICalGLib
if len(sys.argv) > 1: sys.exit(0)
def errors(component):
    text = component.as_ical_string().replace('\\r\\n ', '').replace('\\r\\n\\t', '')
    return [line for line in text.split('\\r\\n') if line.startswith('X-LIC-ERROR')]
component = ICalGLib.Component.new_from_string(sys.stdin.read())
if component is None:
    print(json.dumps({'parsed': False, 'parse': [], 'restrictions': [], 'passed': False})); sys.exit(0)
parse = errors(component)
passed = ICalGLib.restriction_check(component) == 1
print(json.dumps({'parsed': True, 'parse': parse, 'restrictions': [e for e in errors(component) if e not in parse], 'passed': passed, 'ical': component.as_ical_string()}))
`;

export const PYTHON = '/usr/bin/python3';

/** Whether libical's Python bindings can be loaded (`apt-get install -y gir1.2-ical-3.0 python3-gi`). */
export const libicalInstalled = spawnSync(PYTHON, ['-c', LIBICAL_SCRIPT, 'probe'], { encoding: 'utf8' }).status === 0;

export interface LibicalVerdict {
  /** Whether libical made a calendar of it at all. */
  parsed: boolean;
  /** X-LIC-ERROR properties the parser added (malformed lines, bad values). */
  parse: string[];
  /** X-LIC-ERROR properties the iTIP restriction check added (a missing ORGANIZER, a second DTSTART…). */
  restrictions: string[];
  /** What the restriction check returned. */
  passed: boolean;
  /** The calendar as libical writes it back, for reading parameter values as libical understood them. */
  ical: string;
}

/** Parses `text` with libical and runs its restriction check. Throws when the bindings are missing. */
export function libicalCheck(text: string): LibicalVerdict {
  if (!libicalInstalled) throw new Error(`libical's bindings are missing: apt-get install -y gir1.2-ical-3.0 python3-gi (.ci/run does this)`);
  const result = spawnSync(PYTHON, ['-c', LIBICAL_SCRIPT], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== 0) throw new Error(`libical check failed to run: ${result.error?.message ?? result.stderr}`);
  return JSON.parse(result.stdout) as LibicalVerdict;
}
