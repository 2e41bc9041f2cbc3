import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../support/build.ts';
import { sourceFiles } from '../support/source-files.ts';

/**
 * No line of code under src/ is longer than this: a template or a call that
 * does not fit is split over lines (the `html` tag drops layout whitespace), so
 * an edit is a small diff a reviewer can read. Markdown content and YAML are text,
 * not code, and are not checked.
 */
const MAX_LINE_LENGTH = 160;

/** The code files under src/: TypeScript, Astro, scripts and stylesheets. */
const CODE_FILE = /\.(ts|mts|astro|mjs|js|css)$/;

interface LongLine {
  file: string;
  line: number;
  length: number;
}

/** The lines of `text` longer than `max` characters (code points, so one kana counts once), numbered from 1. */
export function longLines(file: string, text: string, max = MAX_LINE_LENGTH): LongLine[] {
  return text.split(/\r?\n/).flatMap((content, index) => {
    const length = [...content].length;
    return length > max ? [{ file, line: index + 1, length }] : [];
  });
}

function describeLongLine({ file, line, length }: LongLine): string {
  return `${file}:${line} is ${length} characters long`;
}

describe(`no line under src/ is longer than ${MAX_LINE_LENGTH} characters`, () => {
  const files = sourceFiles('src', CODE_FILE);

  it('reads the code files, and neither Markdown content nor YAML', () => {
    expect(files).toContain('src/lib/render/html.ts');
    expect(files.some((file) => file.endsWith('.astro'))).toBe(true);
    expect(files.some((file) => file.endsWith('.css'))).toBe(true);
    expect(files.filter((file) => /\.(md|ya?ml)$/.test(file))).toEqual([]);
  });

  it('counts characters, not bytes, and reports file:line and length of each long line', () => {
    const text = ['short', 'x'.repeat(161), 'か'.repeat(160), `${'y'.repeat(200)}\r`, ''].join('\n');
    expect(longLines('src/a.ts', text).map(describeLongLine)).toEqual([
      'src/a.ts:2 is 161 characters long',
      'src/a.ts:4 is 200 characters long',
    ]);
  });

  it(`every line of every code file fits in ${MAX_LINE_LENGTH} characters`, () => {
    const offenders = files.flatMap((file) => longLines(file, readFileSync(join(projectRoot, file), 'utf8')));
    expect(offenders.map(describeLongLine)).toEqual([]);
  });
});
