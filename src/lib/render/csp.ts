/**
 * The Content-Security-Policy of every page: in a <meta> tag on each page (works on
 * any host) and in `_headers` (src/lib/outputs/headers.ts) for hosts that read one.
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
