import { routes } from '../../core/urls.ts';
import type { RenderContext } from '../context.ts';
import { html, attr, type SafeHtml } from '../html.ts';
import { renderIncidentListItem } from '../incident-list.ts';
import { renderDocument } from '../shell.ts';
import { groupIncidentsByMonth, historyYears, incidentsInYear, recentHistory, type HistoryMonth, type HistoryYear } from '../view.ts';

/** `/history/`: the newest incidents by month, and a link to each year. */
export function renderHistoryPage(ctx: RenderContext): string {
  const { content, strings, locale, zone } = ctx;
  const recent = recentHistory(content.incidents, locale, zone);
  const years = historyYears(content.incidents, zone);
  const main = html`
    <h1>${strings.history.title}</h1>
    ${years.length === 0 ? html`<p>${strings.history.empty}</p>` : renderYears(ctx, years)}
    ${renderMonths(ctx, recent.months)}
    ${recent.complete ? '' : html`<p>${strings.history.olderInYears}</p>`}`;
  return renderDocument(ctx, { title: strings.history.title, description: strings.history.description, path: routes.history() }, main);
}

/** `/history/<year>/`: every incident of one year (in the site's zone), by month. */
export function renderHistoryYearPage(ctx: RenderContext, year: string): string {
  const { content, strings, locale, zone } = ctx;
  const months = groupIncidentsByMonth(incidentsInYear(content.incidents, year, zone), locale, zone);
  const title = `${strings.history.title}: ${strings.history.yearLabel(year)}`;
  const main = html`
    <h1>${title}</h1>
    ${renderYears(ctx, historyYears(content.incidents, zone), year)}
    ${renderMonths(ctx, months)}`;
  return renderDocument(ctx, { title, description: strings.history.description, path: routes.historyYear(year) }, main);
}

function renderYears(ctx: RenderContext, years: readonly HistoryYear[], current?: string): SafeHtml {
  const { strings } = ctx;
  return html`
    <nav class="years" aria-label="${strings.history.byYear}">
      <ul>
        ${years.map(({ year, count }) => html`
          <li>
            <a href="${ctx.href(routes.historyYear(year))}"${attr('aria-current', year === current ? 'page' : undefined)}>
              ${strings.history.yearLabel(year)} (${count})
            </a>
          </li>`)}
      </ul>
    </nav>`;
}

function renderMonths(ctx: RenderContext, months: readonly HistoryMonth[]): SafeHtml[] {
  return months.map((month) => html`
    <section aria-labelledby="_m${month.key}">
      <h2 id="_m${month.key}">${month.label} <span class="count">(${ctx.strings.history.incidentCount(month.incidents.length)})</span></h2>
      <ul class="incident-list">
        ${month.incidents.map((incident) => renderIncidentListItem(ctx, incident))}
      </ul>
    </section>`);
}
