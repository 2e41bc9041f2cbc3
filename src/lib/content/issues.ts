import type { z } from 'astro/zod';
import { didYouMean, type Diagnostic } from './diagnostics.ts';
import { FIELD_EXAMPLES } from './schema.ts';
import type { YamlSource } from './markdown-file.ts';

/** Turns zod's issues into diagnostics that name the field, what was found, what is expected and the fix. */
export function issuesToDiagnostics(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  source: Pick<YamlSource, 'data' | 'locate'>,
  allowedKeys: readonly string[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const { line, column } = source.locate(path, { key: true });
        const where = issue.path.length > 0 ? ` in ${issue.path.join('.')}` : '';
        const allowed = issue.path.length === 0 ? allowedKeys : [];
        const hint = didYouMean(key, allowed);
        const listed = allowed.length > 0 ? ` Allowed fields: ${allowed.join(', ')}` : '';
        diagnostics.push({
          file, line, column, severity: 'error',
          message: `unknown field "${key}"${where}.${hint || ' Remove it or fix its name.'}${listed}`,
        });
      }
      continue;
    }
    const field = issue.path.map(String).join('.') || '(front matter)';
    const value = valueAt(source.data, issue.path);
    const wantKey = issue.code === 'custom' && (issue.params as { key?: boolean } | undefined)?.key === true;
    const { line, column } = source.locate(issue.path, { key: wantKey });
    diagnostics.push({ file, line, column, severity: 'error', message: describeIssue(issue, field, value) });
  }
  return diagnostics;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return String(value);
}

function describeIssue(issue: z.core.$ZodIssue, field: string, value: unknown): string {
  if (value === undefined && issue.code !== 'custom') {
    const example = FIELD_EXAMPLES[field];
    return `required field "${field}" is missing; add a line like "${example ?? `${field}: …`}"`;
  }
  switch (issue.code) {
    case 'custom':
      return issue.message;
    case 'invalid_type': {
      const expected = describeExpected(issue.expected);
      return `${field} is ${show(value)}, expected ${expected}${issue.expected === 'string' && typeof value !== 'string' ? `; put the value in quotes` : ''}`;
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const hint = typeof value === 'string' ? didYouMean(value, options) : '';
      return `${field} is ${show(value)}, expected one of ${options.join(', ')}.${hint}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return `${field} is empty; write some text`;
      if (issue.origin === 'array') return `${field} ${issue.message.replace(/^Too small: /, '')}`;
      return `${field} is ${show(value)}, expected at least ${String(issue.minimum)}`;
    case 'too_big':
      return `${field} is ${show(value)}, expected at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${field} is ${show(value)}, expected a valid ${issue.format}`;
    default:
      return `${field}: ${issue.message}`;
  }
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'boolean': return 'true or false';
    case 'string': return 'text';
    case 'number': return 'a number';
    case 'int': return 'a whole number';
    case 'array': return 'a list, e.g. [a, b]';
    case 'record':
    case 'object': return 'a map of "key: value" lines';
    default: return expected;
  }
}
