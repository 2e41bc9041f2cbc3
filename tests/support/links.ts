import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './build.ts';
import { attr, elements, fragmentTargets, lineOf, parseHtml } from './html.ts';

/**
 * Internal link checker for a built dist. Every href/src of every HTML file
 * is resolved against the page's own URL (site URL + base path + file path),
 * mapped to a file in dist (a directory to its index.html) and, when it has
 * a #fragment, checked against the ids of the target page.
 */

export interface LinkSite {
  /** The configured site URL, e.g. https://status.example.com (links to it map into dist). */
  site: string;
  /** Base path, e.g. "/" or "/status/". */
  base: string;
}

export interface LinkProblem {
  file: string;
  line: number | undefined;
  url: string;
  problem: string;
}

export interface LinkReport {
  /** Links that do not resolve: a missing file, a missing #fragment, a path outside the base. */
  problems: LinkProblem[];
  /** Absolute links to other origins (not followed). */
  external: LinkProblem[];
  /** How many internal links were resolved. */
  checked: number;
}

const SKIPPED_SCHEMES = /^(?:mailto|tel|sms):/i;

function normalisedBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** The URL a dist file is served at. */
export function urlOfFile(file: string, linkSite: LinkSite): URL {
  const path = file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file;
  return new URL(normalisedBase(linkSite.base) + path, linkSite.site);
}

/** Cache of fragment targets per HTML file of one dist. */
export class DistIndex {
  private readonly targets = new Map<string, Set<string>>();
  readonly distDir: string;
  readonly linkSite: LinkSite;
  constructor(distDir: string, linkSite: LinkSite) {
    this.distDir = distDir;
    this.linkSite = linkSite;
  }

  idsOf(file: string): Set<string> {
    let ids = this.targets.get(file);
    if (!ids) {
      ids = fragmentTargets(parseHtml(readFileSync(join(this.distDir, file), 'utf8')));
      this.targets.set(file, ids);
    }
    return ids;
  }

  /**
   * The dist file a same-origin URL is served from, or a problem. Only
   * meaningful for URLs on the site's origin.
   */
  resolve(url: URL): { file: string } | { problem: string } {
    const base = normalisedBase(this.linkSite.base);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return { problem: 'path is not valid percent-encoding' };
    }
    if (!pathname.startsWith(base)) return { problem: `path is outside the base path ${base}` };
    let file = pathname.slice(base.length);
    if (file.includes('\\') || file.split('/').includes('..')) return { problem: 'path escapes the site' };
    if (file === '' || file.endsWith('/')) file += 'index.html';
    const full = join(this.distDir, file);
    if (existsSync(full) && statSync(full).isDirectory()) {
      return { problem: `is a directory; link to ${url.pathname}/ (with the trailing slash)` };
    }
    if (!existsSync(full)) return { problem: `no file ${file} in dist` };
    return { file };
  }

  /** Problem with an absolute same-origin URL (file and #fragment), or undefined when it resolves. */
  check(url: URL): string | undefined {
    const target = this.resolve(url);
    if ('problem' in target) return target.problem;
    if (url.hash.length > 1) {
      let fragment: string;
      try {
        fragment = decodeURIComponent(url.hash.slice(1));
      } catch {
        return `fragment ${url.hash} is not valid percent-encoding`;
      }
      if (!target.file.endsWith('.html')) return `has fragment #${fragment} but ${target.file} is not an HTML page`;
      // "#top" scrolls to the top of any HTML page.
      if (fragment !== 'top' && !this.idsOf(target.file).has(fragment)) return `no element with id="${fragment}" in ${target.file}`;
    }
    return undefined;
  }
}

/** Checks every href and src of every HTML file under `distDir`. */
export function checkLinks(distDir: string, linkSite: LinkSite): LinkReport {
  const index = new DistIndex(distDir, linkSite);
  const siteOrigin = new URL(linkSite.site).origin;
  const report: LinkReport = { problems: [], external: [], checked: 0 };
  for (const file of listFiles(distDir).filter((f) => f.endsWith('.html'))) {
    const pageUrl = urlOfFile(file, linkSite);
    for (const element of elements(parseHtml(readFileSync(join(distDir, file), 'utf8')))) {
      for (const name of ['href', 'src']) {
        const value = attr(element, name);
        if (value === undefined) continue;
        const where = { file, line: lineOf(element), url: value };
        const trimmed = value.trim();
        if (trimmed === '') {
          report.problems.push({ ...where, problem: `empty ${name}` });
          continue;
        }
        if (SKIPPED_SCHEMES.test(trimmed)) continue;
        let url: URL;
        try {
          url = new URL(trimmed, pageUrl);
        } catch {
          report.problems.push({ ...where, problem: 'not a valid URL' });
          continue;
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          report.problems.push({ ...where, problem: `unexpected scheme ${url.protocol}` });
          continue;
        }
        if (url.origin !== siteOrigin) {
          report.external.push({ ...where, problem: `links to another origin (${url.origin})` });
          continue;
        }
        report.checked++;
        const problem = index.check(url);
        if (problem) report.problems.push({ ...where, problem });
      }
    }
  }
  return report;
}

export function formatLinkProblems(problems: readonly LinkProblem[]): string {
  return problems.map((p) => `${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.url} — ${p.problem}`).join('\n');
}
