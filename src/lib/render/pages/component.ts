import { feedPaths, routes } from '../../core/urls.ts';
import { deriveAvailability } from '../../model/availability/components.ts';
import { AVAILABILITY_DAYS } from '../../model/availability/days.ts';
import { deriveComponentStates } from '../../model/timeline.ts';
import { AVAILABILITY_ANCHOR, renderAvailabilityBars } from '../availability-bars.ts';
import type { RenderContext } from '../context.ts';
import { sinceText, stateBadge } from '../fragments.ts';
import { html } from '../html.ts';
import { renderIncidentListItem } from '../incident-list.ts';
import { renderDocument } from '../shell.ts';
import { HISTORY_RECENT, incidentsAffectingComponent } from '../view.ts';

/** `/components/<id>/`: one service's state now, its availability in detail, its feed and its newest incidents. */
export function renderComponentPage(ctx: RenderContext, componentId: string): string {
  const { content, config, strings, locale, zone, now } = ctx;
  const status = deriveComponentStates(config.components, content.incidents, now, locale, config.defaultLocale).find((s) => s.id === componentId)!;
  const availability = deriveAvailability(content, now).find((a) => a.id === componentId)!;
  // The newest incidents only: the page stays small however long the history; the rest is on the history pages.
  const allIncidents = incidentsAffectingComponent(content.incidents, componentId);
  const incidents = allIncidents.slice(0, HISTORY_RECENT);
  const feeds = feedPaths({ kind: 'component', componentId });
  const description = strings.feeds.componentDescription(status.name);
  const main = html`
    <h1>${status.name}</h1>
    ${status.description ? html`<p>${status.description}</p>` : ''}
    <p class="component-now">
      ${stateBadge(status.state, strings)}
      ${status.since !== undefined ? html`<span class="since"> ${sinceText(status.since, strings, locale, zone)}</span>` : ''}
    </p>
    <p class="feeds">${description}: <a href="${ctx.href(feeds.rss)}">RSS</a></p>
    <h2 id="${AVAILABILITY_ANCHOR}">${strings.availability.heading(AVAILABILITY_DAYS)}</h2>
    ${renderAvailabilityBars(ctx, availability, status.name, true)}
    <h2>${strings.history.title}</h2>
    ${incidents.length === 0 ? html`<p>${strings.history.empty}</p>` : ''}
    <ul class="incident-list">${incidents.map((incident) => renderIncidentListItem(ctx, incident))}</ul>
    ${allIncidents.length > incidents.length ? html`<p><a href="${ctx.href(routes.history())}">${strings.home.allHistory}</a></p>` : ''}`;
  return renderDocument(
    ctx,
    { title: status.name, description, path: routes.component(componentId), scopedFeeds: { title: status.name, rss: feeds.rss } },
    main,
  );
}
