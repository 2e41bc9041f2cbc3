import { styleText } from 'node:util';
import type { DiagnosticStyle } from '../lib/content/diagnostics.ts';

/**
 * Colour for people at a terminal, none for files, pipes and CI logs. Node's
 * styleText decides per stream: colour only when it is a terminal, unless
 * NO_COLOR (or NODE_DISABLE_COLORS) turns it off or FORCE_COLOR forces it.
 */
export type Style = Parameters<typeof styleText>[0];

/** `text` in `style` when `stream` takes colour, else as it is. */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream): string {
  return styleText(style, text, { stream });
}

/** Red errors, yellow warnings, bold file positions. */
export function diagnosticStyle(stream: NodeJS.WriteStream): DiagnosticStyle {
  const styles = { location: 'bold', error: ['red', 'bold'], warning: 'yellow' } as const satisfies Record<Parameters<DiagnosticStyle>[0], Style>;
  return (part, text) => paint(styles[part], text, stream);
}
