import { inspectMarkdown } from './markdown.ts';
import { routes } from '../core/urls.ts';
import { didYouMean, type Diagnostic } from './diagnostics.ts';
import type { MarkdownFile } from './markdown-file.ts';
import { INCIDENTS_DIR } from './paths.ts';

/**
 * What the text of a notice, an incident overview or an FAQ answer shows and
 * refers to, checked against what the site will publish:
 *
 * - every image carries a text alternative: a Markdown image its words in the
 *   brackets, an HTML <img> an alt attribute (alt="" says "decorative");
 * - every path-relative reference ("chart.png", "./report.pdf") names a file
 *   kept directly beside the notice in its incident folder, which the build
 *   publishes next to the incident page. FAQ answers have no such folder.
 *
 * The text is read by the renderer's own pipeline (inspectMarkdown), so what
 * is checked is exactly what the page gets, after the sanitiser.
 */

/** The incident folder a text lives in, with the files that can be published beside it. */
export interface TextFolder {
  slug: string;
  /** Names of the files (not notices) directly in the folder. */
  files: ReadonlySet<string>;
  /** Ids of the notices in the folder: a file must not take the name of a notice's page. */
  noticeIds: readonly string[];
}

/**
 * Anything the published HTML could hold an image or a reference in: a
 * Markdown link, image or definition, or an HTML tag. Most notices have none
 * and are not parsed a second time, which keeps loading a large site fast.
 */
const MAY_REFER = /\]\(|\]:|<[a-z]/i;

/** Checks the images and references of a text; returns the names of the files beside it that it refers to. */
export function checkReferences(source: MarkdownFile, folder: TextFolder | undefined, diagnostics: Diagnostic[]): string[] {
  if (!MAY_REFER.test(source.body)) return [];
  const { images, references } = inspectMarkdown(source.body);
  const at = (line: number, column: number) => ({ file: source.file, line: source.bodyLine + line - 1, column, severity: 'error' as const });
  for (const image of images) {
    const src = show(image.src);
    if (image.markdown && (image.alt ?? '').trim() === '') {
      diagnostics.push({
        ...at(image.line, image.column),
        message: `image ${src} has no text alternative, so a reader who cannot see it gets nothing; write what it shows between the brackets, `
          + `![what the image shows](${image.src}), or, for a purely decorative image, <img src="${image.src}" alt="">`,
      });
    } else if (!image.markdown && image.alt === undefined) {
      diagnostics.push({
        ...at(image.line, image.column),
        message: `image ${src} has no alt attribute, so a reader who cannot see it gets nothing; add one that says what it shows, `
          + `<img src="${image.src}" alt="what the image shows">, or alt="" for a purely decorative image`,
      });
    }
  }
  const used: string[] = [];
  for (const reference of references) {
    const kind = reference.attribute === 'href' ? 'link' : reference.element === 'img' || reference.element === 'source' ? 'image' : 'reference';
    const what = `${kind} ${show(reference.url)}`;
    const target = folder ? fileBeside(folder, reference.url) : undefined;
    const problem = !folder
      ? `${what} is relative, but an FAQ answer has no files beside it, so it points at nothing on the site; write the full URL (https://…)`
      : problemWith(folder, target!, what);
    if (problem) diagnostics.push({ ...at(reference.line, reference.column), message: problem });
    else used.push((target as { name: string }).name);
  }
  return used;
}

type Target = { kind: 'file'; name: string } | { kind: 'folder' } | { kind: 'subfolder'; name: string } | { kind: 'outside' };

/**
 * Where a path-relative reference leads from a text in `folder`: it resolves
 * as a browser resolves it against the incident page's folder, where the
 * files are published, and as a Markdown preview resolves it against the file.
 */
function fileBeside(folder: TextFolder, url: string): Target {
  const base = `https://placeholder.invalid/${INCIDENTS_DIR}/${folder.slug}/`;
  let resolved: URL;
  try {
    resolved = new URL(url.trim(), base);
  } catch {
    return { kind: 'outside' };
  }
  if (!resolved.href.startsWith(base)) return { kind: 'outside' };
  const rest = resolved.pathname.slice(new URL(base).pathname.length);
  let name = rest;
  try {
    name = decodeURIComponent(rest);
  } catch {
    // Not valid percent-encoding: looked up as written, and so not found.
  }
  if (name === '') return { kind: 'folder' };
  if (rest.includes('/')) return { kind: 'subfolder', name: name.slice(name.lastIndexOf('/') + 1) };
  return { kind: 'file', name };
}

function problemWith(folder: TextFolder, target: Target, what: string): string | undefined {
  const path = `${INCIDENTS_DIR}/${folder.slug}/`;
  switch (target.kind) {
    case 'outside':
      return `${what} points outside the incident folder ${path}; only the files beside the notice are published, `
        + 'so copy the file there, or link to a page with its full URL (https://…)';
    case 'folder':
      return `${what} refers to the incident folder ${path}, not a file; link to the incident page with its full URL (https://…/incidents/${folder.slug}/)`;
    case 'subfolder':
      return `${what} refers to a file in a subfolder of ${path}; only files directly beside the notice are published, `
        + `so move it to ${path}${target.name} and write "${target.name}"`;
    case 'file': {
      const { name } = target;
      if (name.endsWith('.md')) {
        const id = name.replace(/(\.[a-z]{2})?\.md$/, '');
        return `${what} refers to ${path}${name}, a Markdown file, which is not published as a file; `
          + `link to the notice with its full URL (https://…/incidents/${folder.slug}/#${id})`;
      }
      if (reservedNames(folder).has(name)) {
        return `${what} refers to ${path}${name}, a name the site uses for the incident's own page, feed or notice pages; `
          + 'give the file another name';
      }
      if (!folder.files.has(name)) {
        return `${what} refers to ${path}${name}, which does not exist; put the file beside the notice or correct the name.`
          + didYouMean(name, [...folder.files]);
      }
      return undefined;
    }
  }
}

/** The names in the incident's published folder that the build writes itself: its page, its feed and its notices' pages. */
function reservedNames(folder: TextFolder): Set<string> {
  const own = routes.incidentFiles(folder.slug);
  const written = [
    `${routes.incident(folder.slug)}index.html`,
    routes.incidentFeed(folder.slug),
    ...folder.noticeIds.map((id) => routes.noticePage(folder.slug, id).replace(/\/$/, '')),
  ];
  return new Set(written.filter((path) => path.startsWith(own)).map((path) => path.slice(own.length)));
}

/** A URL as a message shows it: quoted, long ones shortened. */
function show(url: string): string {
  return `"${url.length > 60 ? `${url.slice(0, 57)}...` : url}"`;
}
