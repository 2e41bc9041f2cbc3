import { describe, expect, it } from 'vitest';
import { buildHeadersFile } from '../../src/lib/outputs/headers.ts';
import { parseHeadersFile as rules, patternMatches as matches } from '../support/headers-file.ts';
import { CONTENT_SECURITY_POLICY, HEADERS_CONTENT_SECURITY_POLICY, SEARCH_CONTENT_SECURITY_POLICY } from '../../src/lib/render/csp.ts';

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
    expect(headersFor('/')['content-security-policy']).toBe(HEADERS_CONTENT_SECURITY_POLICY);
  });

  it("sends one policy for every path, wide enough for the search page: each page's own <meta> policy narrows it", () => {
    const policies = new Set(samples.concat([`${prefix}/search/`, `${prefix}/en/search/`]).map((path) =>
      parsed.filter((rule) => matches(rule.pattern, path)).flatMap((rule) => rule.headers).find(([name]) => name === 'content-security-policy')?.[1]));
    expect([...policies]).toEqual([SEARCH_CONTENT_SECURITY_POLICY]);
  });
});

/** A policy as directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe('the Content-Security-Policies', () => {
  it("differ only in the search page's 'wasm-unsafe-eval' (WebAssembly for Pagefind, never eval of JavaScript)", () => {
    const page = directives(CONTENT_SECURITY_POLICY);
    const search = directives(SEARCH_CONTENT_SECURITY_POLICY);
    expect([...search.keys()]).toEqual([...page.keys()]);
    for (const [name, sources] of page) {
      expect(search.get(name), name).toEqual(name === 'script-src' ? [...sources, "'wasm-unsafe-eval'"] : sources);
    }
    expect(page.get('script-src')).toEqual(["'self'"]);
    expect(search.get('script-src')).not.toContain("'unsafe-eval'");
  });

  it("let forms submit to the site itself (the header's search box) and nowhere else", () => {
    expect(directives(CONTENT_SECURITY_POLICY).get('form-action')).toEqual(["'self'"]);
  });
});
