import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Locale } from '../core/states.ts';
import { markdownTree } from '../content/markdown.ts';

/**
 * A notice's Markdown as the text of a message that is not a web page: the
 * plain-text part of an e-mail, Slack's mrkdwn, Discord's Markdown, or the
 * Markdown subset of a Teams Adaptive Card. It starts from the same sanitised
 * tree as the pages (markdown.ts), so nothing the page would drop reaches a
 * message, and every link is made absolute, because a message is read away
 * from the site.
 *
 * Links and formatted runs are "atoms": spans a cut must not fall inside
 * (half a link is a broken link; half a bold run leaves a stray `*`), which
 * `trimMessageText` honours when a platform's limit is shorter than the text.
 */

/** plain: e-mail text; slack: mrkdwn; discord: Discord Markdown; teams: the Adaptive Card TextBlock subset. */
export type TextFlavour = 'plain' | 'slack' | 'discord' | 'teams';

/** Text with the [start, end) spans a cut must not fall inside. */
export interface MessageText {
  text: string;
  atoms: readonly (readonly [number, number])[];
}

interface Piece {
  text: string;
  atoms: [number, number][];
}

const piece = (text: string): Piece => ({ text, atoms: [] });

function concat(pieces: readonly Piece[]): Piece {
  let text = '';
  const atoms: [number, number][] = [];
  for (const part of pieces) {
    for (const [start, end] of part.atoms) atoms.push([start + text.length, end + text.length]);
    text += part.text;
  }
  return { text, atoms };
}

/** `inner` wrapped in markers, the whole as one atom (a cut inside would leave a marker open). */
function wrapped(before: string, inner: Piece, after: string): Piece {
  if (inner.text.trim() === '') return inner;
  const text = `${before}${inner.text}${after}`;
  return { text, atoms: [[0, text.length]] };
}

function escapeText(text: string, flavour: TextFlavour): string {
  switch (flavour) {
    // Slack's three control characters; everything else is literal.
    case 'slack': return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    // Markdown characters Discord would format; `<` so that text never reads as a mention or a channel link.
    case 'discord': return text.replace(/[\\*_~`|[\]<>#]/g, (c) => `\\${c}`);
    default: return text;
  }
}

interface Converter {
  flavour: TextFlavour;
  /** Absolute URL relative links resolve against (the notice's permalink). */
  base: string;
}

function absoluteUrl(href: string, base: string): string | undefined {
  try {
    return new URL(href, base).href;
  } catch {
    return undefined;
  }
}

const BOLD: Record<TextFlavour, string> = { plain: '', slack: '*', discord: '**', teams: '**' };
const ITALIC: Record<TextFlavour, string> = { plain: '', slack: '_', discord: '_', teams: '_' };
const STRIKE: Record<TextFlavour, string> = { plain: '', slack: '~', discord: '~~', teams: '' };
const CODE: Record<TextFlavour, string> = { plain: '', slack: '`', discord: '`', teams: '' };

function link(href: string, label: Piece, c: Converter): Piece {
  const url = absoluteUrl(href, c.base);
  // A footnote or an anchor inside the notice means nothing in a message: keep its text.
  if (url === undefined || href.startsWith('#')) return label;
  const shown = url.startsWith('mailto:') ? decodeURIComponent(url.slice('mailto:'.length)) : url;
  const text = label.text.trim();
  let out: string;
  switch (c.flavour) {
    case 'plain':
      out = text === '' || text === shown || text === url ? shown : `${text} (${shown})`;
      break;
    case 'slack':
      out = text === '' || text === url ? `<${url}>` : `<${url}|${text.replace(/\|/g, '｜')}>`;
      break;
    default: {
      // Parentheses would end the link early in Markdown.
      const target = url.replace(/\(/g, '%28').replace(/\)/g, '%29');
      out = text === '' ? target : `[${text}](${target})`;
    }
  }
  return { text: out, atoms: [[0, out.length]] };
}

function inline(nodes: readonly ElementContent[], c: Converter): Piece {
  return concat(nodes.map((node) => inlineNode(node, c)));
}

function inlineNode(node: ElementContent, c: Converter): Piece {
  if (node.type === 'text') return piece(escapeText(node.value.replace(/\s+/g, ' '), c.flavour));
  if (node.type !== 'element') return piece('');
  const children = () => inline(node.children, c);
  switch (node.tagName) {
    case 'br': return piece('\n');
    case 'a':
      // A footnote's way back to its reference ("↩") means nothing in a message.
      if (node.properties.dataFootnoteBackref !== undefined) return piece('');
      return typeof node.properties.href === 'string' ? link(node.properties.href, children(), c) : children();
    case 'strong':
    case 'b': return wrapped(BOLD[c.flavour], children(), BOLD[c.flavour]);
    case 'em':
    case 'i': return wrapped(ITALIC[c.flavour], children(), ITALIC[c.flavour]);
    case 'del':
    case 's': return wrapped(STRIKE[c.flavour], children(), STRIKE[c.flavour]);
    case 'code': return wrapped(CODE[c.flavour], piece(textOf(node)), CODE[c.flavour]);
    // Footnote references: "[1]", so the number does not run into the word before it.
    case 'sup': return concat([piece('['), children(), piece(']')]);
    case 'img': {
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
      const src = typeof node.properties.src === 'string' ? node.properties.src : undefined;
      return src === undefined ? piece(alt) : link(src, piece(alt), c);
    }
    case 'input': return piece(node.properties.checked ? '[x] ' : '[ ] ');
    default: return children();
  }
}

/** The text content of a node, as written (for code). */
function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return '';
  return node.children.map(textOf).join('');
}

const BLOCK_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'hr', 'section', 'div', 'details', 'dl', 'figure',
]);

function isBlock(node: RootContent | ElementContent): boolean {
  return node.type === 'element' && BLOCK_TAGS.has(node.tagName);
}

/** Blocks (paragraphs, lists, quotes…) of a node list; runs of inline content between them become paragraphs. */
function blocks(nodes: readonly (RootContent | ElementContent)[], c: Converter): Piece[] {
  const out: Piece[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    const paragraph = trimPiece(inline(run, c));
    if (paragraph.text !== '') out.push(paragraph);
    run = [];
  };
  for (const node of nodes) {
    if (node.type === 'doctype' || node.type === 'comment') continue;
    if (!isBlock(node)) {
      run.push(node as ElementContent);
      continue;
    }
    flush();
    const block = blockNode(node as Element, c);
    if (block.text.trim() !== '') out.push(block);
  }
  flush();
  return out;
}

function joinBlocks(list: readonly Piece[]): Piece {
  return concat(list.flatMap((block, index) => (index === 0 ? [block] : [piece('\n\n'), block])));
}

function blockNode(node: Element, c: Converter): Piece {
  switch (node.tagName) {
    case 'p': return trimPiece(inline(node.children, c));
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6': return wrapped(BOLD[c.flavour], trimPiece(inline(node.children, c)), BOLD[c.flavour]);
    case 'ul':
    case 'ol': return list(node, c, 0);
    case 'blockquote': return prefixLines(joinBlocks(blocks(node.children, c)), '> ');
    case 'pre': {
      const code = textOf(node).replace(/\n$/, '');
      const fence = c.flavour === 'slack' || c.flavour === 'discord' ? '```' : '';
      const text = fence ? `${fence}\n${code}\n${fence}` : code;
      return { text, atoms: [[0, text.length]] };
    }
    case 'table': return table(node, c);
    case 'hr': return piece(c.flavour === 'slack' ? '———' : '---');
    default: return joinBlocks(blocks(node.children, c));
  }
}

function list(node: Element, c: Converter, depth: number): Piece {
  const ordered = node.tagName === 'ol';
  const start = ordered && typeof node.properties.start === 'number' ? node.properties.start : 1;
  const indent = '   '.repeat(depth);
  const items = node.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li');
  const lines = items.map((item, index) => {
    const marker = ordered ? `${start + index}. ` : c.flavour === 'slack' ? '• ' : '- ';
    const parts: Piece[] = [];
    let run: ElementContent[] = [];
    const flush = () => {
      const text = trimPiece(inline(run, c));
      if (text.text !== '') parts.push(text);
      run = [];
    };
    for (const child of item.children) {
      if (child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')) {
        flush();
        parts.push(concat([piece('\n'), list(child, c, depth + 1)]));
      } else if (child.type === 'element' && child.tagName === 'p') {
        flush();
        if (parts.length > 0) parts.push(piece('\n' + indent + ' '.repeat(marker.length)));
        parts.push(trimPiece(inline(child.children, c)));
      } else {
        run.push(child);
      }
    }
    flush();
    return concat([piece(indent + marker), ...parts]);
  });
  return concat(lines.flatMap((line, index) => (index === 0 ? [line] : [piece('\n'), line])));
}

function table(node: Element, c: Converter): Piece {
  const rows: Element[] = [];
  const collect = (parent: Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'tr') rows.push(child);
      else collect(child);
    }
  };
  collect(node);
  const lines = rows.map((row) => {
    const cells = row.children.filter((cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'));
    return concat(cells.flatMap((cell, index) => (index === 0 ? [trimPiece(inline(cell.children, c))] : [piece(' | '), trimPiece(inline(cell.children, c))])));
  });
  return concat(lines.flatMap((line, index) => (index === 0 ? [line] : [piece('\n'), line])));
}

function prefixLines(block: Piece, prefix: string): Piece {
  // Atoms keep their place: each line start shifts everything after it.
  const pieces: Piece[] = [];
  let last = 0;
  const breaks = [...block.text.matchAll(/\n/g)].map((m) => m.index);
  for (const at of [...breaks, block.text.length]) {
    pieces.push(piece(prefix), slice(block, last, at));
    if (at < block.text.length) pieces.push(piece('\n'));
    last = at + 1;
  }
  return concat(pieces);
}

function slice(block: Piece, start: number, end: number): Piece {
  return {
    text: block.text.slice(start, end),
    atoms: block.atoms.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a - start, b - start] as [number, number]),
  };
}

/** Leading and trailing whitespace off, atoms kept in place. */
function trimPiece(block: Piece): Piece {
  const start = block.text.length - block.text.trimStart().length;
  const end = block.text.trimEnd().length;
  return start >= end ? piece('') : slice(block, start, end);
}

/** A notice's Markdown as message text in `flavour`; relative links resolve against `base` (an absolute URL). */
export function markdownToMessageText(markdown: string, flavour: TextFlavour, base: string): MessageText {
  const tree: Root = markdownTree(markdown);
  const text = joinBlocks(blocks(tree.children, { flavour, base }));
  return { text: text.text, atoms: text.atoms };
}

/** Plain text that must not be formatted by the platform: escaped for `flavour`, one atom-free run. */
export function literalText(text: string, flavour: TextFlavour): MessageText {
  return { text: escapeText(text, flavour), atoms: [] };
}

const segmenters = new Map<string, { words: Intl.Segmenter; sentences: Intl.Segmenter }>();

function segmentersFor(locale: Locale) {
  let found = segmenters.get(locale);
  if (!found) {
    found = { words: new Intl.Segmenter(locale, { granularity: 'word' }), sentences: new Intl.Segmenter(locale, { granularity: 'sentence' }) };
    segmenters.set(locale, found);
  }
  return found;
}

/**
 * `message` cut to at most `max` characters (UTF-16 code units, which is at
 * least what Slack, Discord and Teams count), ending in "…". The cut falls on
 * a boundary, never inside a word (Japanese words too: ICU's dictionary finds
 * them) and never inside an atom. It prefers the end of a paragraph, then the
 * end of a sentence, when one lies in the last two fifths of the room. When a
 * single atom fills the room from the start, only "…" is left: a broken link
 * is worse than none, and every message carries the notice's link anyway.
 */
export function trimMessageText(message: MessageText, max: number, locale: Locale): { text: string; trimmed: boolean } {
  const { text, atoms } = message;
  if (text.length <= max) return { text, trimmed: false };
  const room = max - 1;
  const allowed = (at: number) => at > 0 && at <= room && !atoms.some(([start, end]) => start < at && at < end);
  const { words, sentences } = segmentersFor(locale);
  // A boundary is where a segment starts; the whole text is segmented, because a prefix can end mid-word.
  const wordStarts = [...words.segment(text)].map((segment) => segment.index);
  const sentenceStarts = [...sentences.segment(text)].map((segment) => segment.index);
  const lineBreaks = [...text.matchAll(/\n/g)].map((match) => match.index);
  const last = (list: readonly number[]) => list.filter(allowed).reduce((best, at) => Math.max(best, at), 0);
  const early = Math.floor(room * 0.6);
  const paragraph = last(lineBreaks);
  const sentence = last(sentenceStarts);
  const cut = paragraph >= early ? paragraph : sentence >= early ? sentence : last(wordStarts);
  const kept = text.slice(0, cut).trimEnd();
  return { text: `${kept}…`, trimmed: true };
}
