import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `_headers` (Netlify / Cloudflare Pages syntax) read as those hosts read it:
 * rules of a path pattern (`*` matches anything) and indented header lines;
 * every matching rule applies, and a header set by several is joined with
 * ", " (which, for Content-Security-Policy, makes two policies that a browser
 * both enforces).
 */

export interface HeaderRule {
  pattern: string;
  headers: [string, string][];
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!line.startsWith(' ')) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const [name, ...value] = line.trim().split(':');
      rules[rules.length - 1]!.headers.push([name!.toLowerCase(), value.join(':').trim()]);
    }
  }
  return rules;
}

/** Splat matching: `*` matches anything, slashes included. */
export function patternMatches(pattern: string, path: string): boolean {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(path);
}

/** The headers a host sends for `path`: every matching rule's, repeated names joined. */
export function headersForPath(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const rule of rules.filter((r) => patternMatches(r.pattern, path))) {
    for (const [name, value] of rule.headers) headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/** The `_headers` of a built site as a function of the request path, for a test server that behaves like such a host. */
export function hostHeaders(distDir: string): (path: string) => Record<string, string> {
  const file = join(distDir, '_headers');
  const rules = existsSync(file) ? parseHeadersFile(readFileSync(file, 'utf8')) : [];
  return (path) => headersForPath(rules, path);
}
