import type { Incident } from '../../content/types.ts';
import { routes } from '../../core/urls.ts';
import { deriveAvailability } from '../../model/availability/components.ts';
import { localizeIncident, localizeNotice } from '../../model/localize.ts';
import { deriveIncidentTimeline } from '../../model/timeline.ts';
import { renderAvailabilityBars } from '../availability-bars.ts';
import type { RenderContext } from '../context.ts';
import { formatDuration } from '../datetime.ts';
import { sinceText, stateBadge, timeTag } from '../fragments.ts';
import { attr, html, type SafeHtml } from '../html.ts';
import { markdownToPlainText } from '../../content/markdown.ts';
import { renderDocument } from '../shell.ts';
import { deriveHomeView } from '../view.ts';

/** `/`: the banner, every service with its bars, open incidents with their latest notice, upcoming maintenance, recent history. */
export function renderHomePage(ctx: RenderContext): string {
  const { content, strings, locale, zone, now } = ctx;
  const view = deriveHomeView(content, locale, strings, now);
  const availability = new Map(deriveAvailability(content, now).map((a) => [a.id, a]));
  const main = html`
    <h1 class="banner banner--${view.banner.state}">${view.banner.text}</h1>
    <section aria-labelledby="_components">
      <h2 id="_components">${strings.home.components}</h2>
      <ul class="components">
        ${view.statuses.map((status) => html`
          <li class="component component--${status.state}">
            <div class="component-text">
              <a class="component-name" href="${ctx.href(routes.component(status.id))}">${status.name}</a>
              ${status.description ? html`<span class="component-description">${status.description}</span>` : ''}
            </div>
            <div class="component-state">
              ${stateBadge(status.state, strings)}
              ${status.since !== undefined ? html`<span class="since">${sinceText(status.since, strings, locale, zone)}</span>` : ''}
            </div>
            ${renderAvailabilityBars(ctx, availability.get(status.id)!, status.name)}
          </li>`)}
      </ul>
    </section>
    <section aria-labelledby="_open">
      <h2 id="_open">${strings.home.openIncidents}</h2>
      ${view.open.length === 0 ? html`<p>${strings.home.noOpenIncidents}</p>` : renderOpenIncidents(ctx, view.open)}
    </section>
    ${view.upcoming.length > 0
      ? html`
        <section aria-labelledby="_upcoming">
          <h2 id="_upcoming">${strings.maintenance.upcoming}</h2>
          <ul class="incident-list">${view.upcoming.map((incident) => renderUpcoming(ctx, incident))}</ul>
        </section>`
      : ''}
    <section aria-labelledby="_resolved">
      <h2 id="_resolved">${strings.home.recentResolved}</h2>
      ${view.recentResolved.length === 0 ? html`<p>${strings.home.noResolved}</p>` : ''}
      <ul class="incident-list">${view.recentResolved.map((incident) => renderResolved(ctx, incident))}</ul>
      <p><a href="${ctx.href(routes.history())}">${strings.home.allHistory}</a></p>
    </section>
    <section aria-labelledby="_follow">
      <h2 id="_follow">${strings.home.followUpdates}</h2>
      <p>${strings.home.followUpdatesText}</p>
      <ul>
        <li><a href="${ctx.href(routes.feed())}">${strings.feeds.siteFeed}</a></li>
        <li><a href="${ctx.href(routes.faq())}">${strings.faq.title}</a></li>
      </ul>
    </section>`;
  return renderDocument(ctx, { title: ctx.siteName, description: view.banner.text, path: routes.home() }, main);
}

/**
 * How many open incidents `/` shows as whole cards (the newest), and how many
 * more as one line each: the page stays small however many are open at once.
 * Every open incident is on the history page.
 */
const OPEN_IN_FULL = 3;
const OPEN_LISTED = 20;

function renderOpenIncidents(ctx: RenderContext, open: readonly Incident[]): SafeHtml {
  const { strings } = ctx;
  const listed = open.slice(OPEN_IN_FULL, OPEN_IN_FULL + OPEN_LISTED);
  const more = open.length - OPEN_IN_FULL - listed.length;
  return html`
    ${open.slice(0, OPEN_IN_FULL).map((incident) => renderOpenIncident(ctx, incident))}
    ${listed.length > 0 ? html`<ul class="incident-list">${listed.map((incident) => renderOpenLine(ctx, incident))}</ul>` : ''}
    ${more > 0 ? html`<p><a href="${ctx.href(routes.history())}">${strings.home.moreOpen(more)}</a></p>` : ''}`;
}

/** An open incident in one line: its title and its latest notice, linked, with the time it was posted. */
function renderOpenLine(ctx: RenderContext, incident: Incident): SafeHtml {
  const { strings, locale, zone } = ctx;
  const latest = deriveIncidentTimeline(incident).latest;
  const text = localizeIncident(incident, locale);
  return html`
    <li>
      <a href="${ctx.href(routes.incident(incident.slug))}"${attr('lang', text.translated ? undefined : text.lang)}>${text.title}</a>
      <span class="when">
        ${strings.incident.latestNotice}:${' '}
        <a href="${ctx.href(routes.notice(incident.slug, latest.id))}">${strings.noticeTypes[latest.type]}</a>
        ${' '}${timeTag(latest.at, locale, zone)}
      </span>
    </li>`;
}

/** An open incident as a card: title, summary, affected services, and its latest notice with the next promised update. */
function renderOpenIncident(ctx: RenderContext, incident: Incident): SafeHtml {
  const { strings, locale, zone } = ctx;
  const timeline = deriveIncidentTimeline(incident);
  const latest = timeline.latest;
  const text = localizeIncident(incident, locale);
  const lang = text.translated ? undefined : text.lang;
  const latestText = localizeNotice(latest, locale);
  return html`
    <article class="incident-card incident-card--open" aria-labelledby="_open-${incident.slug}">
      <h3 id="_open-${incident.slug}"><a href="${ctx.href(routes.incident(incident.slug))}"${attr('lang', lang)}>${text.title}</a></h3>
      <p${attr('lang', lang)}>${text.summary}</p>
      <p class="affected">
        ${strings.incident.affectedComponents}: ${timeline.affected.map((id) => ctx.componentName(id)).join(strings.listSeparator)}
      </p>
      <div class="latest">
        <h4>
          ${strings.incident.latestNotice}:${' '}
          <a href="${ctx.href(routes.notice(incident.slug, latest.id))}">
            ${strings.noticeTypes[latest.type]}${latestText.title ? ` — ${latestText.title}` : ''}
          </a>
        </h4>
        <p${attr('lang', latestText.translated ? undefined : latestText.lang)}>${markdownToPlainText(latestText.body, 160)}</p>
        <dl class="facts">
          <dt>${strings.incident.postedAt}</dt>
          <dd>${timeTag(latest.at, locale, zone)}</dd>
          <dt>${strings.incident.nextUpdate}</dt>
          <dd>${timeline.nextUpdate ? timeTag(timeline.nextUpdate.at, locale, zone) : strings.incident.noNextUpdate}</dd>
        </dl>
      </div>
    </article>`;
}

/** Announced maintenance that has not begun; the page script marks it live or over when a cached page outlives the window. */
function renderUpcoming(ctx: RenderContext, incident: Incident): SafeHtml {
  const { strings, locale, zone } = ctx;
  const window = deriveIncidentTimeline(incident).window!;
  const text = localizeIncident(incident, locale);
  return html`
    <li class="maintenance" data-window-start="${window.start}" data-window-end="${window.end}"
      ${' '}data-label-in-progress="${strings.maintenance.inProgress}" data-label-ended="${strings.maintenance.windowEnded}">
      <a href="${ctx.href(routes.incident(incident.slug))}"${attr('lang', text.translated ? undefined : text.lang)}>${text.title}</a>
      <strong class="window-live" hidden></strong>
      <span class="when">${strings.maintenance.window}: ${timeTag(window.start, locale, zone)} – ${timeTag(window.end, locale, zone)}</span>
    </li>`;
}

/** A recently resolved incident or finished maintenance: title, when, how long. */
function renderResolved(ctx: RenderContext, incident: Incident): SafeHtml {
  const { locale, zone } = ctx;
  const timeline = deriveIncidentTimeline(incident);
  const text = localizeIncident(incident, locale);
  return html`
    <li>
      <a href="${ctx.href(routes.incident(incident.slug))}"${attr('lang', text.translated ? undefined : text.lang)}>${text.title}</a>
      <span class="when">
        ${timeTag(timeline.window?.start ?? timeline.startedAt, locale, zone)} – ${timeTag(timeline.resolvedAt!, locale, zone)}
        ${timeline.durationMs !== undefined ? ` (${formatDuration(timeline.durationMs, locale)})` : ''}
      </span>
    </li>`;
}
