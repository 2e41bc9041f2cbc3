import { HEADERS_CONTENT_SECURITY_POLICY } from '../render/csp.ts';
/**
 * Security and caching rules for the published files. Every page carries its
 * policy in a <meta> tag (works on any host); `_headers`, for hosts that read
 * one (Netlify, Cloudflare Pages), sends the widest of them for every path (see
 * HEADERS_CONTENT_SECURITY_POLICY) and can also send what a meta tag cannot
 * (frame-ancestors, HSTS).
 */

/**
 * `_headers` (Netlify / Cloudflare Pages syntax), paths relative to the base path.
 * Hosts apply every rule that matches and join the values, so no two rules set
 * the same header for one file: security headers on everything, caching and
 * CORS only on patterns that never overlap (HTML keeps the host's default,
 * which revalidates on every request).
 */
export function buildHeadersFile(base: string): string {
  const prefix = base.replace(/\/+$/, '');
  const rule = (path: string, headers: string[]) => `${prefix}${path}\n${headers.map((h) => `  ${h}`).join('\n')}\n`;
  return [
    rule('/*', [
      `Content-Security-Policy: ${HEADERS_CONTENT_SECURITY_POLICY}`,
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy: strict-origin-when-cross-origin',
    ]),
    // Fingerprinted assets never change under the same name.
    rule('/_astro/*', ['Cache-Control: public, max-age=31536000, immutable']),
    // Feeds and JSON: short-lived, so readers and widgets see a new notice within a minute.
    rule('/*.xml', ['Cache-Control: public, max-age=60, must-revalidate']),
    rule('/*.json', ['Cache-Control: public, max-age=60, must-revalidate', 'Access-Control-Allow-Origin: *']),
    rule('/*.ics', ['Cache-Control: public, max-age=300, must-revalidate', 'Content-Type: text/calendar; charset=utf-8']),
    rule('/*.svg', ['Cache-Control: public, max-age=60, must-revalidate']),
  ].join('\n');
}
