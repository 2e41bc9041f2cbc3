import type { Locale } from '../lib/core/states.ts';
import type { UiStrings } from './types.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

export type { UiStrings };

const strings: Record<Locale, UiStrings> = { ja, en };

/** UI strings for a locale. */
export function useStrings(locale: Locale): UiStrings {
  return strings[locale];
}
