/**
 * Security and caching rules for the published files. The same policy goes
 * into a <meta> tag on every page (works on any host) and into `_headers`
 * for hosts that read one (Netlify, Cloudflare Pages), which can also send
 * what a meta tag cannot (frame-ancestors, HSTS).
 */

/** Pages load only their own CSS, JS and images; nothing from other origins, nothing inline. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** `_headers` (Netlify / Cloudflare Pages syntax), paths relative to the base path. */
export function buildHeadersFile(base: string): string {
  const prefix = base.replace(/\/+$/, '');
  const rule = (path: string, headers: string[]) => `${prefix}${path}\n${headers.map((h) => `  ${h}`).join('\n')}\n`;
  return [
    rule('/*', [
      `Content-Security-Policy: ${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
      'X-Content-Type-Options: nosniff',
      'Referrer-Policy: strict-origin-when-cross-origin',
      // Status pages change when things break: browsers and CDNs revalidate HTML within a minute.
      'Cache-Control: public, max-age=60, must-revalidate',
    ]),
    rule('/_astro/*', ['Cache-Control: public, max-age=31536000, immutable']),
    rule('/embed/*', [`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}; frame-ancestors *`]),
    rule('/*.xml', ['Cache-Control: public, max-age=60, must-revalidate']),
    rule('/*.json', ['Access-Control-Allow-Origin: *', 'Cache-Control: public, max-age=60, must-revalidate']),
    rule('/api/*', ['Access-Control-Allow-Origin: *', 'Content-Type: application/json; charset=utf-8']),
    rule('/*.ics', ['Content-Type: text/calendar; charset=utf-8']),
  ].join('\n');
}
