import { NOTICE_TYPES, type NoticeType } from '../core/states.ts';
import { nearest } from './diagnostics.ts';

/**
 * `npm run new` writes this marker into the body of every file it creates.
 * While it is there the notice is unfinished: `check` warns about drafts that
 * still hold it and refuses to publish a non-draft that does.
 */
export const PLACEHOLDER_MARKER = '<!-- shirase:placeholder -->';

export function holdsPlaceholder(body: string): boolean {
  return body.includes(PLACEHOLDER_MARKER);
}

/**
 * The placeholders a notice template (src/content/templates/) may hold, and
 * the notice types each can be filled for. `npm run new` fills them in the
 * template's language and the site's time zone; `check` refuses any other.
 */
export const TEMPLATE_PLACEHOLDERS = {
  /** The incident's title. */
  title: NOTICE_TYPES,
  /** When merchants were first affected: the opening notice's time (a maintenance: its window's start). */
  since: NOTICE_TYPES,
  /** This notice's time. */
  date: NOTICE_TYPES,
  /** The promised time of the next notice. */
  next_update: ['suspension', 'update'],
  /** The names of the components the notice lists (a postmortem: those the incident affected), as a list. */
  components: NOTICE_TYPES,
  /** Each listed component with its state, e.g. 出金: 一時停止中、決済: 一時停止中. */
  states: ['suspension', 'maintenance', 'update', 'resumption', 'completed'],
  /** How long merchants have been (or were) affected, up to this notice. */
  duration: ['update', 'resumption', 'completed', 'postmortem'],
} as const satisfies Record<string, readonly NoticeType[]>;
export type TemplatePlaceholder = keyof typeof TEMPLATE_PLACEHOLDERS;

/** `{{name}}`, spaces inside the braces allowed. */
const PLACEHOLDER_PATTERN = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** Every placeholder in `text`, with its position (UTF-16 index). */
export function findPlaceholders(text: string): { name: string; index: number }[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((match) => ({ name: match[1]!, index: match.index }));
}

/** `text` with each `{{name}}` replaced by its value; a name without a value stays as written. */
export function fillPlaceholders(text: string, values: Readonly<Partial<Record<string, string>>>): string {
  return text.replace(PLACEHOLDER_PATTERN, (whole, name: string) => values[name] ?? whole);
}

/** Why a placeholder cannot be used in a template of `type`, or undefined when it can. */
export function placeholderProblem(name: string, type: NoticeType): string | undefined {
  const names = Object.keys(TEMPLATE_PLACEHOLDERS);
  if (!(name in TEMPLATE_PLACEHOLDERS)) {
    const guess = nearest(name, names);
    return `unknown placeholder {{${name}}}.${guess ? ` Did you mean {{${guess}}}?` : ''} A template may use ${names.map((n) => `{{${n}}}`).join(', ')}`;
  }
  const types: readonly NoticeType[] = TEMPLATE_PLACEHOLDERS[name as TemplatePlaceholder];
  if (types.includes(type)) return undefined;
  return `{{${name}}} cannot be filled in a ${type} notice; it is for ${types.join(', ')} notices only — remove it or write the text yourself`;
}
