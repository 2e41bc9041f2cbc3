import type { ComponentState, Locale } from '../core/states.ts';
import type { UiStrings } from '../../i18n/types.ts';
import { toUtcIso } from '../core/dates.ts';
import type { RenderContext } from './context.ts';
import { formatDateTime, languageName } from './datetime.ts';
import { html, raw, type SafeHtml } from './html.ts';

/** Small pieces of markup shared by the pages, feeds and the build's own writer. */

/** `<time datetime="UTC ISO">local time with zone</time>`. */
export function timeTag(at: number, locale: Locale, zone: string): SafeHtml {
  return html`<time datetime="${toUtcIso(at)}">${formatDateTime(at, locale, zone)}</time>`;
}

/** "since <time>" after a component's state: the words around the time come from the UI strings. */
export function sinceText(at: number, strings: UiStrings, locale: Locale, zone: string): SafeHtml {
  return html`${strings.home.since.before}${timeTag(at, locale, zone)}${strings.home.since.after}`;
}

/**
 * The shape of each state. It carries the meaning as well as the colour, for
 * readers who cannot tell the colours apart and in messages without colour.
 */
export const STATE_SYMBOLS: Readonly<Record<ComponentState, string>> = {
  operational: '●',
  maintenance: '◆',
  degraded: '▲',
  partial_outage: '▲',
  major_outage: '■',
  suspended: '■',
};

/** A component state as a coloured label with a shape. */
export function stateBadge(state: ComponentState, strings: UiStrings): SafeHtml {
  return html`
    <span class="badge badge--${state}">
      <span aria-hidden="true">${STATE_SYMBOLS[state]}</span> ${strings.states[state]}
    </span>`;
}

/** Put before the heading text of a draft incident or notice (shown only in draft previews). */
export const draftFlag: SafeHtml = raw('<span class="draft-flag">DRAFT</span> ');

/** Said above a text shown in its original language because this locale has no translation of it. */
export function untranslatedNote(ctx: RenderContext, textLang: Locale, attributes: SafeHtml | '' = ''): SafeHtml {
  return html`<p class="untranslated"${attributes}>${ctx.strings.onlyIn(languageName(textLang, ctx.locale))}</p>`;
}

/** A hidden-until-JavaScript button that copies `text`, announcing the result in the page's live region. */
export function copyButton(ctx: RenderContext, text: string, label: string, attributes: SafeHtml | '' = ''): SafeHtml {
  const { share } = ctx.strings;
  return html`
    <button type="button" class="copy-link" data-copy="${text}" data-copied="${share.copied}"
      ${' '}data-copy-failed="${share.copyFailed}" hidden${attributes}>${label}</button>`;
}
