import type { Incident } from '../content/types.ts';
import { routes } from '../core/urls.ts';
import { localizeIncident } from '../model/localize.ts';
import { deriveIncidentTimeline } from '../model/timeline.ts';
import type { RenderContext } from './context.ts';
import { formatDuration } from './datetime.ts';
import { timeTag } from './fragments.ts';
import { attr, html, type SafeHtml } from './html.ts';
import { phaseLabel } from './view.ts';

/** One incident in a list (history, a component's page): title, when, how long, and its impact or kind. */
export function renderIncidentListItem(ctx: RenderContext, incident: Incident): SafeHtml {
  const { strings, locale, zone, now } = ctx;
  const timeline = deriveIncidentTimeline(incident);
  const text = localizeIncident(incident, locale);
  const impact = timeline.kind === 'maintenance' ? strings.noticeTypes.maintenance : `${strings.incident.impact}: ${strings.impacts[incident.impact]}`;
  return html`
    <li>
      <a href="${ctx.href(routes.incident(incident.slug))}"${attr('lang', text.translated ? undefined : text.lang)}>${text.title}</a>
      <span class="when">
        ${timeTag(timeline.window?.start ?? timeline.startedAt, locale, zone)} –${' '}
        ${timeline.resolvedAt !== undefined
          ? html`
            ${timeTag(timeline.resolvedAt, locale, zone)}
            ${timeline.durationMs !== undefined ? ` (${formatDuration(timeline.durationMs, locale)})` : ''}`
          : html`<strong>${phaseLabel(strings, incident, now)}</strong>`}
      </span>
      <span class="impact">${impact}</span>
    </li>`;
}
