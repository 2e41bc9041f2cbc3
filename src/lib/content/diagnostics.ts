import { compareText } from '../core/order.ts';

/**
 * Problems found in content or config. Every problem names its file and, where
 * the source allows, the 1-based line and column, so editors can jump to it.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Path relative to the site root, with forward slashes. */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file or folder. */
  line: number;
  /** 1-based column; 0 when unknown. */
  column: number;
  severity: Severity;
  /** One sentence: the field, what was found, what is expected and how to fix it. */
  message: string;
}

/** Styles the parts of a formatted diagnostic (a terminal's colours); the text stays the same. */
export type DiagnosticStyle = (part: 'location' | Severity, text: string) => string;

/** `path:line:col: severity: message`, the format compilers and editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  return formatStyledDiagnostic(d, (_part, text) => text);
}

/** formatDiagnostic with its location and severity styled (coloured, in a terminal). */
export function formatStyledDiagnostic(d: Diagnostic, style: DiagnosticStyle): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column > 0 ? d.column : 1}` : d.file;
  return `${style('location', where)}: ${style(d.severity, d.severity)}: ${d.message}`;
}

/** Stable order: by file, then line, then column, then message. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareText(a.message, b.message),
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** Thrown when content cannot be published; carries every problem found. */
export class ContentError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const sorted = sortDiagnostics(diagnostics);
    const errors = sorted.filter((d) => d.severity === 'error');
    super(
      `${errors.length} content error${errors.length === 1 ? '' : 's'}; nothing was built:\n` +
        errors.map(formatDiagnostic).join('\n'),
    );
    this.name = 'ContentError';
    this.diagnostics = sorted;
  }
}

/** The closest candidate by edit distance, if it is close enough to be a likely typo. */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** " Did you mean `x`?" or nothing. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const guess = nearest(input, candidates);
  return guess ? ` Did you mean "${guess}"?` : '';
}
