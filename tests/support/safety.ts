import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './build.ts';
import { attr, elements, lineOf, parseHtml, type HtmlElement } from './html.ts';

/**
 * "Nothing executes", checked statically on the built HTML: the only script
 * a page may carry is the site's own external module (`<script type="module"
 * src="/_astro/…">`); no element runs code through an on* attribute or a
 * javascript:/vbscript:/data: URL, and no embedding element (iframe, object,
 * embed, base, meta refresh) survives. The same function checks the real
 * site and the deliberately broken page of the "bites" tests.
 */

/** Attributes whose value is a URL a browser may navigate to, load or submit to. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'cite', 'longdesc', 'lowsrc', 'dynsrc', 'codebase', 'ping', 'manifest', 'icon', 'xlink:href', 'srcset', 'imagesrcset']);
/** Elements that load or run other documents or code, or re-point every relative URL. */
const EMBEDDING_ELEMENTS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal']);
const SCRIPTABLE_SCHEME = /^(?:javascript|vbscript|data):/;

/** What a browser compares when it decides a URL's scheme: ASCII whitespace and controls removed, lower case. */
function normalisedUrl(value: string): string {
  return value.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
}

/** The site's own script: an external module from this origin. */
export function isOwnModuleScript(element: HtmlElement): boolean {
  const src = attr(element, 'src');
  if (attr(element, 'type') !== 'module' || src === undefined) return false;
  const url = normalisedUrl(src);
  return !SCRIPTABLE_SCHEME.test(url) && !/^[a-z][a-z0-9+.-]*:/.test(url) && !url.startsWith('//');
}

function describe(element: HtmlElement): string {
  const line = lineOf(element);
  return `<${element.tagName}>${line === undefined ? '' : ` (line ${line})`}`;
}

/** Every way `html` could run code; empty when it cannot. */
export function findExecutableMarkup(html: string): string[] {
  const problems: string[] = [];
  const document = parseHtml(html);
  const all = elements(document);
  const harmlessRanges: [number, number][] = [];

  for (const element of all) {
    const location = element.sourceCodeLocation;
    for (const range of Object.values(location?.attrs ?? {})) harmlessRanges.push([range.startOffset, range.endOffset]);

    if (element.tagName === 'script') {
      if (isOwnModuleScript(element)) {
        if (location) harmlessRanges.push([location.startOffset, location.startOffset + 1]);
      } else {
        problems.push(`${describe(element)} is a script that is not the site's own external module: ${html.slice(location?.startOffset ?? 0, (location?.startOffset ?? 0) + 120)}`);
      }
    }
    if (EMBEDDING_ELEMENTS.has(element.tagName)) problems.push(`${describe(element)} embeds or re-points content`);
    if (element.tagName === 'meta' && attr(element, 'http-equiv')?.toLowerCase() === 'refresh') problems.push(`${describe(element)} is a meta refresh`);

    for (const attribute of element.attrs) {
      const name = attribute.prefix ? `${attribute.prefix}:${attribute.name}` : attribute.name;
      if (/^on/i.test(attribute.name)) problems.push(`${describe(element)} has event handler ${name}="${attribute.value.slice(0, 80)}"`);
      if (URL_ATTRIBUTES.has(name.toLowerCase()) || URL_ATTRIBUTES.has(attribute.name.toLowerCase())) {
        const candidates = /srcset$/i.test(attribute.name) ? attribute.value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [attribute.value];
        for (const candidate of candidates) {
          if (SCRIPTABLE_SCHEME.test(normalisedUrl(candidate))) problems.push(`${describe(element)} has ${name}="${attribute.value.slice(0, 80)}" (a javascript:/vbscript:/data: URL)`);
        }
      }
    }
  }

  // The raw text, too: "<script" may appear only inside an attribute value (where it is inert text) or as the site's own module script.
  for (const match of html.matchAll(/<script/gi)) {
    const at = match.index;
    if (!harmlessRanges.some(([start, end]) => at >= start && at < end)) {
      const line = html.slice(0, at).split('\n').length;
      problems.push(`raw "<script" at line ${line} outside any attribute value: ${JSON.stringify(html.slice(at, at + 80))}`);
    }
  }
  return [...new Set(problems)];
}

/** The Content-Security-Policy of a page's <meta http-equiv>, or undefined. */
export function cspMetaOf(html: string): string | undefined {
  for (const element of elements(parseHtml(html))) {
    if (element.tagName === 'meta' && attr(element, 'http-equiv')?.toLowerCase() === 'content-security-policy') return attr(element, 'content');
  }
  return undefined;
}

/** What is wrong with a page's CSP meta: missing, allowing inline script, or not restricting script to the origin. */
export function cspProblems(html: string): string[] {
  const policy = cspMetaOf(html);
  if (policy === undefined) return ['no <meta http-equiv="Content-Security-Policy">'];
  const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0]!.toLowerCase(), d.slice(1)]));
  const script = directives.get('script-src') ?? directives.get('default-src');
  const problems: string[] = [];
  if (!script) problems.push(`CSP "${policy}" has neither script-src nor default-src`);
  else {
    if (script.some((s) => /^'unsafe-(inline|eval)'$/.test(s) || s === '*' || /^(https?|data):?$/.test(s))) problems.push(`CSP script sources ${script.join(' ')} allow inline or foreign script`);
  }
  if (!directives.has('object-src') && !directives.has('default-src')) problems.push('CSP does not restrict object-src');
  return problems;
}

/** findExecutableMarkup and cspProblems over every HTML file of a dist. */
export function scanDistSafety(distDir: string): { file: string; problems: string[] }[] {
  return listFiles(distDir)
    .filter((file) => file.endsWith('.html'))
    .map((file) => {
      const html = readFileSync(join(distDir, file), 'utf8');
      return { file, problems: [...findExecutableMarkup(html), ...cspProblems(html)] };
    })
    .filter((result) => result.problems.length > 0);
}
