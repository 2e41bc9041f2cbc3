import { z } from 'astro/zod';
import { LOCALES, type Locale } from './states.ts';

/** Text in one language, or per locale: `出金` or `{ ja: 出金, en: Payouts }`. */
export const LocalizedTextSchema = z.union([
  z.string().min(1),
  z.partialRecord(z.enum(LOCALES), z.string().min(1)).refine((map) => Object.keys(map).length > 0, { error: 'needs at least one language' }),
]);
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** The text for `locale`, else the default locale's, else any. */
export function localizedText(text: LocalizedText | undefined, locale: Locale, defaultLocale: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text[defaultLocale] ?? Object.values(text)[0] ?? '';
}
