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

const sanitizeSchema = {
  ...defaultSchema,
  // Drop the contents of <style> too, not just the tag (the CSS would show as text).
  strip: [...(defaultSchema.strip ?? []), 'style'],
  attributes: { ...defaultSchema.attributes, a: [...(defaultSchema.attributes?.a ?? []), 'rel'] },
};

function createProcessor(headingShift: number) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    // Footnote ids unprefixed here: the sanitiser adds the one prefix.
    .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypePrefixFragmentLinks)
    .use(rehypeDropEmptyImages)
    .use(rehypeShiftHeadings, { by: headingShift })
    .use(rehypeSafeLinks);
}

type MarkdownProcessor = ReturnType<typeof createProcessor>;
const processors = new Map<number, MarkdownProcessor>();
const cache = new Map<string, { html: string; text: string }>();

/**
 * Markdown → sanitised HTML and its plain text, from one parse. Results are
 * memoised per build: one notice renders once for its page and every feed.
 */
function renderParts(markdown: string, headingShift: number): { html: string; text: string } {
  const key = `${headingShift}\u0000${markdown}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const tree = sanitisedTree(markdown, headingShift);
  const parts = { html: toHtml(tree).trim(), text: toText(tree).replace(/\s+/g, ' ').trim() };
  cache.set(key, parts);
  return parts;
}

function sanitisedTree(markdown: string, headingShift: number): Root {
  let processor = processors.get(headingShift);
  if (!processor) {
    processor = createProcessor(headingShift);
    processors.set(headingShift, processor);
  }
  return processor.runSync(processor.parse(markdown)) as Root;
}

/** The sanitised HTML tree of a Markdown snippet, headings as written: for messages that are not HTML (see message-text.ts). */
export function markdownTree(markdown: string): Root {
  return sanitisedTree(markdown, 0);
}

/** Markdown → sanitised HTML. `headingShift` demotes headings (2 turns "#" into <h3>). */
export function renderMarkdown(markdown: string, headingShift = 2): string {
  return renderParts(markdown, headingShift).html;
}

/** Plain text of a Markdown snippet (what a reader sees, sanitised), for descriptions and link previews. */
export function markdownToPlainText(markdown: string, maxLength = 200): string {
  const text = renderParts(markdown, 2).text;
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * Every `href` and `src` in rendered HTML made absolute against `base`: for
 * HTML read away from the site (feed readers, e-mail). `escape` is the
 * attribute escaping of the output format.
 */
export function absoluteLinks(html: string, base: string, escape: (text: string) => string): string {
  return html.replace(/\b(href|src)="([^"]*)"/g, (all, name: string, value: string) => {
    try {
      return `${name}="${escape(new URL(value.replace(/&amp;/g, '&'), base).href)}"`;
    } catch {
      return all;
    }
  });
}
