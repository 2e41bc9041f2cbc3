/**
 * A tiny escaping HTML template for the pages the build writes itself (the
 * ones that multiply with incidents × locales). Every interpolated value is
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

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
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

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** ` name="value"` when value is set, else nothing. */
export function attr(name: string, value: string | number | undefined | null | false): SafeHtml {
  return value === undefined || value === null || value === false ? raw('') : raw(` ${name}="${escapeHtml(String(value))}"`);
}
