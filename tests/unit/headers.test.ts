import { describe, expect, it } from 'vitest';
import { buildHeadersFile } from '../../src/lib/outputs/headers.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/lib/render/csp.ts';

/** Parses `_headers` into rules: a path pattern and its header lines. */
function rules(text: string): { pattern: string; headers: [string, string][] }[] {
  const out: { pattern: string; headers: [string, string][] }[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) out.push({ pattern: line, headers: [] });
    else {
      const [name, ...value] = line.trim().split(':');
      out[out.length - 1]!.headers.push([name!.toLowerCase(), value.join(':').trim()]);
    }
  }
  return out;
}

/** Netlify / Cloudflare splat matching: `*` matches anything. */
function matches(pattern: string, path: string): boolean {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(path);
}

describe.each([
  ['/', ''],
  ['/status', '/status'],
])('_headers for base %s', (base, prefix) => {
  const parsed = rules(buildHeadersFile(base));
  const samples = ['/', '/index.html', '/incidents/x/', '/_astro/Base.css', '/rss.xml', '/en/atom.xml', '/feed.json', '/status.json', '/api/v2/summary.json', '/maintenance.ics', '/badge.svg', '/embed/'].map((p) => `${prefix}${p}`);

  it.each(samples)('sets each header at most once for %s (hosts would join repeated values)', (path) => {
    const names = parsed.filter((rule) => matches(rule.pattern, path)).flatMap((rule) => rule.headers.map(([name]) => name));
    expect(names.length).toBe(new Set(names).size);
    expect(names).toContain('content-security-policy');
  });

  it('caches fingerprinted assets for a year, feeds and JSON for a minute, and allows CORS on JSON', () => {
    const headersFor = (path: string) => Object.fromEntries(parsed.filter((rule) => matches(rule.pattern, `${prefix}${path}`)).flatMap((rule) => rule.headers));
    expect(headersFor('/_astro/Base.css')['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headersFor('/rss.xml')['cache-control']).toBe('public, max-age=60, must-revalidate');
    expect(headersFor('/api/v2/summary.json')['access-control-allow-origin']).toBe('*');
    expect(headersFor('/index.html')['cache-control']).toBeUndefined();
    expect(headersFor('/')['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
