/**
 * The Content-Security-Policy of the pages: in a <meta> tag on each page (works on
 * any host) and in `_headers` (src/lib/outputs/headers.ts) for hosts that read one.
 */

/** What a page needs beyond loading its own CSS, JS and images. */
export interface PolicyNeeds {
  /** Compiling WebAssembly: the search page runs Pagefind's (`'wasm-unsafe-eval'` allows WebAssembly, never a JavaScript eval). */
  webAssembly?: boolean;
}

/**
 * Pages load only their own CSS, JS and images; nothing from other origins, nothing inline.
 * Forms submit only to the site itself (the search box in every header).
 */
export function contentSecurityPolicy(needs: PolicyNeeds = {}): string {
  return [
    "default-src 'self'",
    needs.webAssembly ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Every page but the search page. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * The search page: Pagefind's search runs as WebAssembly, in a worker (/pagefind/recent/pagefind-worker.js)
 * or, when the worker cannot start, on the page itself.
 */
export const SEARCH_CONTENT_SECURITY_POLICY = contentSecurityPolicy({ webAssembly: true });

/**
 * The policy `_headers` sends with every path: the widest any page needs. A browser enforces
 * every policy it is given and hosts join the values of all matching rules, so a stricter rule
 * for most paths would also bind the search page and Pagefind's worker (whose policy is the
 * one its own response carries); instead each page's <meta> policy narrows this one back, and
 * only the search page (and the worker it starts) may compile WebAssembly.
 */
export const HEADERS_CONTENT_SECURITY_POLICY = SEARCH_CONTENT_SECURITY_POLICY;
