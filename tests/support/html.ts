import { parse, type DefaultTreeAdapterTypes } from 'parse5';

/**
 * HTML parsed the way browsers parse it (parse5 implements the WHATWG
 * algorithm), for the link and safety checkers: no regular expressions over
 * markup, so `<script` inside an attribute value or a text node is told
 * apart from a real script element.
 */

export type HtmlDocument = DefaultTreeAdapterTypes.Document;
export type HtmlElement = DefaultTreeAdapterTypes.Element;

export function parseHtml(html: string): HtmlDocument {
  return parse(html, { sourceCodeLocationInfo: true });
}

function isElement(node: DefaultTreeAdapterTypes.Node): node is HtmlElement {
  return 'tagName' in node;
}

/** Every element in document order, including those inside <template> content. */
export function elements(root: DefaultTreeAdapterTypes.ParentNode): HtmlElement[] {
  const out: HtmlElement[] = [];
  const stack: DefaultTreeAdapterTypes.Node[] = [...root.childNodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isElement(node)) {
      out.push(node);
      const children = node.tagName === 'template' ? (node as DefaultTreeAdapterTypes.Template).content.childNodes : node.childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    } else if ('childNodes' in node) {
      const children = node.childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return out;
}

export function attr(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name && !a.prefix)?.value;
}

/** `<div id="x">` (and legacy `<a name="x">`): the targets a `#x` fragment can scroll to. */
export function fragmentTargets(document: HtmlDocument): Set<string> {
  const ids = new Set<string>();
  for (const element of elements(document)) {
    const id = attr(element, 'id');
    if (id !== undefined && id !== '') ids.add(id);
    const name = element.tagName === 'a' ? attr(element, 'name') : undefined;
    if (name !== undefined && name !== '') ids.add(name);
  }
  return ids;
}

/** Start line of an element in its source, for messages. */
export function lineOf(element: HtmlElement): number | undefined {
  return element.sourceCodeLocation?.startLine;
}

/** The text inside an element, as a browser's textContent gives it. */
export function textContent(element: HtmlElement): string {
  const parts: string[] = [];
  const walk = (nodes: readonly DefaultTreeAdapterTypes.ChildNode[]) => {
    for (const node of nodes) {
      if (node.nodeName === '#text') parts.push((node as DefaultTreeAdapterTypes.TextNode).value);
      else if ('childNodes' in node) walk(node.childNodes);
    }
  };
  walk(element.childNodes);
  return parts.join('');
}
