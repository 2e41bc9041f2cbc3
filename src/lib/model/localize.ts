import type { Locale } from '../core/states.ts';
import type { FaqEntry, FaqText, Incident, IncidentText, Notice, NoticeText } from '../content/types.ts';

/** Text chosen for a reader's locale, with the language it is actually in. */
export type Localized<T> = T & {
  /** Language of the text: the reader's locale when translated, else the original's. */
  lang: Locale;
  /** False when the text is the original shown because no translation exists. */
  translated: boolean;
};

function pick<T>(original: T, originalLang: Locale, translations: Readonly<Partial<Record<Locale, T>>>, locale: Locale): Localized<T> {
  if (originalLang === locale) return { ...original, lang: locale, translated: true };
  const translation = translations[locale];
  return translation ? { ...translation, lang: locale, translated: true } : { ...original, lang: originalLang, translated: false };
}

/** A notice's title and body for `locale`; the original when it has no translation (never dropped). */
export function localizeNotice(notice: Notice, locale: Locale): Localized<NoticeText> {
  return pick<NoticeText>({ title: notice.title, body: notice.body }, notice.lang, notice.translations, locale);
}

export function localizeIncident(incident: Incident, locale: Locale): Localized<IncidentText> {
  return pick<IncidentText>({ title: incident.title, summary: incident.summary, overview: incident.overview }, incident.lang, incident.translations, locale);
}

export function localizeFaq(entry: FaqEntry, locale: Locale): Localized<FaqText> {
  return pick<FaqText>({ question: entry.question, body: entry.body }, entry.lang, entry.translations, locale);
}
