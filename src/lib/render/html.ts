/**
 * The one template language of every page, feed body and message: a tiny
 * escaping tagged template. Every interpolated value is
 * escaped unless it is already SafeHtml; arrays are joined; null, undefined
 * and false render nothing.
 */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const NEEDS_ESCAPE = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: testing first is about twice as fast as replacing with a callback.
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : text;
}

/** Marks already-safe HTML (e.g. sanitised Markdown output) for interpolation. */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * The literal parts of each template with layout whitespace removed: a run of
 * whitespace that contains a line break is dropped, so templates can be written
 * over many lines and still produce compact HTML. Spaces within a line stay
 * (`${a} ${b}`); write `${' '}` where a space must survive at a line break.
 * Computed once per template (the strings array is the same object on every call).
 */
const compacted = new WeakMap<TemplateStringsArray, readonly string[]>();

function compact(strings: TemplateStringsArray): readonly string[] {
  let parts = compacted.get(strings);
  if (!parts) {
    parts = strings.map((part) => part.replace(/[ \t\r]*\n\s*/g, ''));
    compacted.set(strings, parts);
  }
  return parts;
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  const parts = compact(strings);
  let out = parts[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + parts[i + 1]!;
  return new SafeHtml(out);
}

/** ` name="value"` when value is set, else nothing. */
export function attr(name: string, value: string | number | undefined | null | false): SafeHtml {
  return value === undefined || value === null || value === false ? raw('') : raw(` ${name}="${escapeHtml(String(value))}"`);
}
