import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';
import { toText } from 'hast-util-to-text';
import { toHtml } from 'hast-util-to-html';

/**
 * The one Markdown pipeline for notices, overviews and FAQ answers:
 * remark (CommonMark + GFM) → rehype → sanitise → HTML string.
 * Raw HTML is parsed and then sanitised with GitHub's allow-list, so a
 * <script>, an on* handler or a javascript: URL never reaches a page or feed;
 * ids are prefixed ("user-content-") so content cannot clobber our anchors.
 */

/** Demote headings so a notice's "#" nests under the page's own headings. */
function rehypeShiftHeadings(options: { by: number }) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const match = /^h([1-6])$/.exec(node.tagName);
      if (match) node.tagName = `h${Math.min(6, Number(match[1]) + options.by)}`;
    });
  };
}

/** An image whose source the sanitiser removed (javascript:, data:) is dropped entirely: <img> without src is invalid. */
function rehypeDropEmptyImages() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'img' && !node.properties.src && parent && index !== undefined) {
        parent.children.splice(index, 1);
        return index;
      }
      return undefined;
    });
  };
}

/**
 * The sanitiser prefixes every id ("user-content-") so notice text cannot
 * clobber the page's own anchors; point in-page links (footnotes, hand-written
 * anchors) at the prefixed ids, as GitHub does.
 */
function rehypePrefixFragmentLinks() {
  return (tree: Root) => {
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    visit(tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#') && ids.has(`user-content-${href.slice(1)}`)) {
        node.properties.href = `#user-content-${href.slice(1)}`;
      }
    });
  };
}

/** External links open normally but tell the target nothing about us. */
function rehypeSafeLinks() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'a' && typeof node.properties.href === 'string' && /^https?:/i.test(node.properties.href)) {
        node.properties.rel = ['noopener', 'noreferrer'];
      }
    });
  };
}

/** Where the references of one text lead; see {@link renderMarkdown}. */
export interface MarkdownLinks {
  /**
   * The folder the text's own files are published in (its incident's folder:
   * a path with the base, "/status/incidents/x/", or an absolute URL in feeds):
   * path-relative references ("chart.png", "./report.pdf") resolve against it.
   */
  files?: string;
  /** An absolute URL every reference is finally resolved against, for text read away from the site (feeds). */
  absoluteTo?: string;
}

/** The attributes that hold URLs, on any element the sanitiser keeps. Text, code included, is never touched. */
const URL_ATTRIBUTES = ['href', 'src', 'srcSet', 'poster', 'cite', 'longDesc'] as const;

/**
 * A reference relative to the text's own folder ("chart.png", "./a.pdf",
 * "../x"), as opposed to one with a scheme ("https:", "mailto:"), a path on
 * the site ("/faq/"), another host ("//cdn…", also written with backslashes)
 * or only a "#fragment" or "?query". The one rule `check` and the renderer share.
 */
export function isPathRelative(url: string): boolean {
  const value = url.trim();
  return value !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[/\\#?]/.test(value);
}

/** The URLs of a srcset ("a.png 1x, b.png 2x"), with a way to put new ones in their place. */
function srcsetUrls(value: string): { urls: string[]; rebuild: (urls: readonly string[]) => string } {
  const candidates = value
    .split(',')
    .map((candidate) => candidate.trim())
    .filter((candidate) => candidate !== '');
  const split = candidates.map((candidate) => /^(\S+)(.*)$/.exec(candidate)!);
  return { urls: split.map((m) => m[1]!), rebuild: (urls) => split.map((m, i) => `${urls[i]}${m[2]}`).join(', ') };
}

/** Every URL-valued attribute of an element, as name, URLs, and a setter. */
function urlAttributes(node: Element): { name: string; urls: string[]; set: (urls: readonly string[]) => void }[] {
  const found: { name: string; urls: string[]; set: (urls: readonly string[]) => void }[] = [];
  for (const name of URL_ATTRIBUTES) {
    const value = node.properties[name];
    if (typeof value !== 'string') continue;
    if (name === 'srcSet') {
      const { urls, rebuild } = srcsetUrls(value);
      found.push({ name, urls, set: (next) => (node.properties[name] = rebuild(next)) });
    } else {
      found.push({ name, urls: [value], set: (next) => (node.properties[name] = next[0]!) });
    }
  }
  return found;
}

/**
 * Resolves references on the HTML tree, never in text: path-relative ones
 * against the folder of the text's own files, then, for feeds, every one
 * against an absolute URL. Runs on a copy of the cached tree, after every
 * other step: rel="noopener" stays on links that were external as written,
 * not on the site's own made absolute for a feed.
 */
function resolveLinks(tree: Root, links: MarkdownLinks): void {
  // A path ("/status/incidents/x/") resolves against a placeholder origin, which is dropped again.
  const placeholder = 'https://placeholder.invalid';
  const resolve = (url: string): string => {
    try {
      let resolved = url;
      if (links.files !== undefined && isPathRelative(url)) {
        const target = new URL(url.trim(), new URL(links.files, placeholder));
        resolved = target.origin === placeholder ? `${target.pathname}${target.search}${target.hash}` : target.href;
      }
      return links.absoluteTo === undefined ? resolved : new URL(resolved.trim(), links.absoluteTo).href;
    } catch {
      return url;
    }
  };
  visit(tree, 'element', (node: Element) => {
    for (const attribute of urlAttributes(node)) attribute.set(attribute.urls.map(resolve));
  });
}

/** Whether any element of the tree holds a URL: if none does, every text's links options give the same HTML. */
function holdsUrls(tree: Root): boolean {
  let found = false;
  visit(tree, 'element', (node: Element) => {
    if (urlAttributes(node).length > 0) found = true;
    return found ? false : undefined;
  });
  return found;
}

const sanitizeSchema = {
  ...defaultSchema,
  // Drop the contents of <style> too, not just the tag (the CSS would show as text).
  strip: [...(defaultSchema.strip ?? []), 'style'],
  attributes: { ...defaultSchema.attributes, a: [...(defaultSchema.attributes?.a ?? []), 'rel'] },
};

function createProcessor(headingShift: number) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      // Footnote ids unprefixed here: the sanitiser adds the one prefix.
      .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
      .use(rehypeRaw)
      .use(rehypeSanitize, sanitizeSchema)
      .use(rehypePrefixFragmentLinks)
      .use(rehypeDropEmptyImages)
      .use(rehypeShiftHeadings, { by: headingShift })
      .use(rehypeSafeLinks)
  );
}

type MarkdownProcessor = ReturnType<typeof createProcessor>;
const processors = new Map<number, MarkdownProcessor>();

function processorFor(headingShift: number): MarkdownProcessor {
  let processor = processors.get(headingShift);
  if (!processor) {
    processor = createProcessor(headingShift);
    processors.set(headingShift, processor);
  }
  return processor;
}

/** The parsed Markdown and the HTML tree the page gets (links as written), with positions in the Markdown. */
function parseAndRun(markdown: string, headingShift: number) {
  const processor = processorFor(headingShift);
  const mdast = processor.parse(markdown);
  const tree = processor.runSync(mdast) as Root;
  return { mdast, tree };
}

/*
 * Parsing is most of the cost of a notice (about 1.5 ms; copying and printing
 * its tree about 0.1 ms), and a notice is printed several times: its incident
 * page, its feed entry in every language, its share page. So each text is
 * parsed once per heading level; its HTML with the links as written, its plain
 * text and whether it holds any URL are kept for the whole build. A text
 * without a URL prints the same whatever its links options. One with URLs
 * prints from a copy of its tree with the links resolved, the HTML kept per
 * options; its tree is kept only among the most recent few (the writer prints
 * an incident's page and then its feed), and parsed again if it has gone.
 */
const parsed = new Map<string, { html: string; text: string; holdsUrls: boolean }>();
const linked = new Map<string, string>();
const recentTrees = new Map<string, Root>();
const RECENT_TREES = 256;

function parseOnce(markdown: string, headingShift: number): { key: string; html: string; text: string; holdsUrls: boolean } {
  const key = `${headingShift}\u0000${markdown}`;
  const hit = parsed.get(key);
  if (hit !== undefined) return { key, ...hit };
  const { tree } = parseAndRun(markdown, headingShift);
  const parts = { html: toHtml(tree).trim(), text: toText(tree).replace(/\s+/g, ' ').trim(), holdsUrls: holdsUrls(tree) };
  parsed.set(key, parts);
  if (parts.holdsUrls) remember(key, tree);
  return { key, ...parts };
}

function remember(key: string, tree: Root): void {
  recentTrees.delete(key);
  recentTrees.set(key, tree);
  if (recentTrees.size > RECENT_TREES) recentTrees.delete(recentTrees.keys().next().value!);
}

/** Markdown → sanitised HTML with its links resolved, and its plain text. */
function renderParts(markdown: string, headingShift: number, links: MarkdownLinks = {}): { html: string; text: string } {
  const base = parseOnce(markdown, headingShift);
  if (!base.holdsUrls || (links.files === undefined && links.absoluteTo === undefined)) return base;
  const key = `${links.files ?? ''}\u0000${links.absoluteTo ?? ''}\u0000${base.key}`;
  let html = linked.get(key);
  if (html === undefined) {
    const tree = recentTrees.get(base.key) ?? parseAndRun(markdown, headingShift).tree;
    remember(base.key, tree);
    const copy = structuredClone(tree);
    resolveLinks(copy, links);
    html = toHtml(copy).trim();
    linked.set(key, html);
  }
  return { html, text: base.text };
}

/**
 * The sanitised HTML tree of a text, headings as written: for messages that
 * are not HTML (chat formats, see src/lib/render/message-text.ts). A fresh
 * tree each call, so the caller may change it.
 */
export function markdownTree(markdown: string): Root {
  return parseAndRun(markdown, 0).tree;
}

/**
 * Markdown → sanitised HTML. `headingShift` demotes headings (2 turns "#"
 * into <h3>); `links` says where the text's relative references lead (its
 * incident's folder) and, for feeds, what makes every reference absolute.
 */
export function renderMarkdown(markdown: string, headingShift = 2, links: MarkdownLinks = {}): string {
  return renderParts(markdown, headingShift, links).html;
}

/** An image the published HTML of a text shows, at its place in the Markdown (1-based line and column). */
export interface MarkdownImage {
  line: number;
  column: number;
  src: string;
  /** The text alternative; undefined when an HTML <img> has no alt attribute at all. */
  alt: string | undefined;
  /** Written as Markdown `![…](…)` (else as HTML <img>). */
  markdown: boolean;
}

/** A path-relative reference in the published HTML of a text, at its place in the Markdown. */
export interface MarkdownReference {
  line: number;
  column: number;
  url: string;
  /** The element and attribute it is in, e.g. img and src, a and href. */
  element: string;
  attribute: string;
}

/**
 * What the published HTML of a text holds that `check` looks at: its images
 * and its path-relative references. Taken from the very tree the page is made
 * of (after the sanitiser: what it drops is not published), with positions.
 */
export function inspectMarkdown(markdown: string): { images: MarkdownImage[]; references: MarkdownReference[] } {
  const { mdast, tree } = parseAndRun(markdown, 2);
  // A Markdown image and an HTML <img alt=""> are the same element in HTML; tell them apart by where they start.
  const markdownImages = new Set<number>();
  visit(mdast, (node) => {
    if ((node.type === 'image' || node.type === 'imageReference') && node.position?.start.offset !== undefined) markdownImages.add(node.position.start.offset);
  });
  const images: MarkdownImage[] = [];
  const references: MarkdownReference[] = [];
  visit(tree, 'element', (node: Element) => {
    const start = node.position?.start;
    if (!start) return;
    if (node.tagName === 'img') {
      const alt = node.properties.alt;
      images.push({
        line: start.line,
        column: start.column,
        src: String(node.properties.src ?? ''),
        alt: alt === undefined || alt === null ? undefined : String(alt),
        markdown: start.offset !== undefined && markdownImages.has(start.offset),
      });
    }
    for (const attribute of urlAttributes(node)) {
      for (const url of attribute.urls) {
        if (isPathRelative(url))
          references.push({ line: start.line, column: start.column, url, element: node.tagName, attribute: attribute.name.toLowerCase() });
      }
    }
  });
  return { images, references };
}

/** Plain text of a Markdown snippet (what a reader sees, sanitised), for descriptions and link previews. */
export function markdownToPlainText(markdown: string, maxLength = 200): string {
  const text = renderParts(markdown, 2).text;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
