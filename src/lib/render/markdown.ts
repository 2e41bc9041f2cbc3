import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root, Element } from 'hast';
import { visit } from 'unist-util-visit';
import { toText } from 'hast-util-to-text';

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
  attributes: { ...defaultSchema.attributes, a: [...(defaultSchema.attributes?.a ?? []), 'rel'] },
};

function createProcessor(headingShift: number): Processor<Root, Root, Root, Root, string> {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeShiftHeadings, { by: headingShift })
    .use(rehypeSafeLinks)
    .use(rehypeStringify) as unknown as Processor<Root, Root, Root, Root, string>;
}

const processors = new Map<number, Processor<Root, Root, Root, Root, string>>();
const cache = new Map<string, string>();

/**
 * Markdown → sanitised HTML. `headingShift` demotes headings (2 turns "#" into <h3>).
 * Results are memoised per build: one notice renders once for its page and every feed.
 */
export function renderMarkdown(markdown: string, headingShift = 2): string {
  const key = `${headingShift}\u0000${markdown}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let processor = processors.get(headingShift);
  if (!processor) {
    processor = createProcessor(headingShift);
    processors.set(headingShift, processor);
  }
  const html = String(processor.processSync(markdown)).trim();
  cache.set(key, html);
  return html;
}

const textProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitize, sanitizeSchema);

/** Plain text of a Markdown snippet (what a reader sees, sanitised), for descriptions and link previews. */
export function markdownToPlainText(markdown: string, maxLength = 200): string {
  const tree = textProcessor.runSync(textProcessor.parse(markdown)) as Root;
  const text = toText(tree).replace(/\s+/g, ' ').trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
