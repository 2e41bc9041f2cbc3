import type { ComponentState, Locale } from '../core/states.ts';
import type { UiStrings } from '../../i18n/types.ts';
import { toUtcIso } from '../core/dates.ts';
import { formatDateTime } from './datetime.ts';
import { html, type SafeHtml } from './html.ts';

/** Small pieces of markup shared by Astro components and the build's own writer. */

/** `<time datetime="UTC ISO">local time with zone</time>`. */
export function timeTag(at: number, locale: Locale, zone: string): SafeHtml {
  return html`<time datetime="${toUtcIso(at)}">${formatDateTime(at, locale, zone)}</time>`;
}

/**
 * The shape of each state. It carries the meaning as well as the colour, for
 * readers who cannot tell the colours apart and in messages without colour.
 */
export const STATE_SYMBOLS: Readonly<Record<ComponentState, string>> = {
  operational: '●', maintenance: '◆', degraded: '▲', partial_outage: '▲', major_outage: '■', suspended: '■',
};

/** A component state as a coloured label with a shape. */
export function stateBadge(state: ComponentState, strings: UiStrings): SafeHtml {
  return html`<span class="badge badge--${state}"><span aria-hidden="true">${STATE_SYMBOLS[state]}</span> ${strings.states[state]}</span>`;
}
