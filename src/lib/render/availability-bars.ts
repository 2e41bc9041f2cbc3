import { routes } from '../core/urls.ts';
import type { ComponentAvailability } from '../model/availability/components.ts';
import type { DayAvailability } from '../model/availability/days.ts';
import { formatUptimePercent, UPTIME_PERIODS } from '../model/availability/uptime.ts';
import { affectedRuns, barRuns, type AffectedRun, type BarRun } from '../model/day-runs.ts';
import { localizeIncident } from '../model/localize.ts';
import type { RenderContext } from './context.ts';
import { formatDate, formatDuration } from './datetime.ts';
import { stateBadge } from './fragments.ts';
import { attr, html, raw, type SafeHtml } from './html.ts';

/**
 * One component's availability: the last 90 days as bars, the uptime, and the
 * affected days as a list. The bars are a compact picture for sighted users
 * and hidden from assistive technology: the list carries the same facts
 * (dates, state, time affected, links) in text, for keyboards and screen
 * readers, without one tab stop per day. Height as well as colour tells the
 * states apart: the worse, the taller.
 *
 * The component's page has it all (a tooltip per bar, the list open). `/`
 * shows every component, so it stays small however busy the last 90 days
 * were: the bars without tooltips, one mark per day, and in place of the list
 * a link to it on the component's page.
 * Works without JavaScript; styles under "Availability bars" in src/styles/global.css.
 */

type DayState = DayAvailability['state'];

/** Bar height (of HEIGHT) and short class per state: taller is worse, so the bars read without colour too. */
const BAR: Record<DayState, { height: number; className: string }> = {
  no_data: { height: 3, className: 'n' },
  operational: { height: 10, className: 'o' },
  maintenance: { height: 14, className: 'm' },
  degraded: { height: 17, className: 'd' },
  partial_outage: { height: 20, className: 'p' },
  major_outage: { height: 24, className: 'x' },
  suspended: { height: 24, className: 's' },
};
/** Width of one day in the SVG's units, and the height of the tallest bar. */
const STEP = 5;
const HEIGHT = 24;

/**
 * @param name The component's name, so each list is named for screen readers.
 * @param detailed Component page: the 30/90/365-day figures and the list open; otherwise the 90-day figure only.
 */
export function renderAvailabilityBars(ctx: RenderContext, availability: ComponentAvailability, name: string, detailed = false): SafeHtml {
  const t = ctx.strings.availability;
  const count = availability.days.length;
  const rows = affectedRuns(availability.days);
  const affectedDays = rows.reduce((sum, row) => sum + row.dayCount, 0);
  const percent = (ratio: number | null) => (ratio === null ? t.noData : `${formatUptimePercent(ratio)}%`);
  const figures = detailed
    ? UPTIME_PERIODS.map((period) => ({ period, ratio: { 30: availability.uptime30, 90: availability.uptime90, 365: availability.uptime365 }[period] }))
    : [];
  return html`
    <div class="av">
      <svg class="av-bars" viewBox="0 0 ${count * STEP} ${HEIGHT}" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        ${detailed ? barRuns(availability.days).map((run) => renderBar(ctx, availability.days, run)) : renderPlainBars(availability.days)}
      </svg>
      <p class="av-axis">
        <span aria-hidden="true">${t.daysAgo(count)}</span>
        ${detailed ? '' : html`<span class="av-up">${t.uptime(percent(availability.uptime90), 90)}</span>`}
        <span aria-hidden="true">${t.today}</span>
      </p>
      ${detailed
        ? html`
          <dl class="av-uptime">
            ${figures.map((figure) => html`<div><dt>${t.period(figure.period)}</dt><dd>${percent(figure.ratio)}</dd></div>`)}
          </dl>`
        : ''}
      ${rows.length === 0
        ? html`<p class="av-none">${t.noneAffected(count)}</p>`
        : detailed
          ? html`
            <details class="av-days" open>
              <summary><span class="visually-hidden">${name}: </span>${t.affectedDays(affectedDays)}</summary>
              <ul>${rows.map((row) => renderAffectedRow(ctx, row))}</ul>
            </details>`
          : html`
            <p class="av-days">
              <a href="${ctx.href(routes.component(availability.id))}#${AVAILABILITY_ANCHOR}">
                <span class="visually-hidden">${name}: </span>${t.affectedDays(affectedDays)}
              </a>
            </p>`}
      ${detailed ? html`<p class="av-method">${t.method}</p>` : ''}
    </div>`;
}

/** The id of the availability heading on a component's page, which `/` links to. */
export const AVAILABILITY_ANCHOR = '_availability';

/**
 * The bars of `/`: runs of operational or no-data days as dashed strokes, and
 * every affected day of one state in one path, without tooltips: a few
 * hundred bytes a component however many days were affected.
 */
function renderPlainBars(days: readonly DayAvailability[]): SafeHtml[] {
  const paths = new Map<DayState, string>();
  const marks: SafeHtml[] = [];
  for (const run of barRuns(days)) {
    const { height, className } = BAR[run.state];
    if (run.state === 'operational' || run.state === 'no_data') {
      const d = `M${run.first * STEP} ${HEIGHT - height / 2}h${(run.last - run.first + 1) * STEP}`;
      marks.push(html`<path class="${className} r" d="${d}" stroke-width="${height}"/>`);
      continue;
    }
    let d = paths.get(run.state) ?? '';
    for (let day = run.first; day <= run.last; day++) d += `M${day * STEP + 2} ${HEIGHT}v-${height}`;
    paths.set(run.state, d);
  }
  for (const [state, d] of paths) marks.push(html`<path class="${BAR[state].className}" d="${d}"/>`);
  return marks;
}

/** A date of the bars (a calendar date in the display zone, so formatted as UTC). */
function dateLabel(ctx: RenderContext, date: string): string {
  return formatDate(Date.parse(`${date}T00:00:00Z`) || 0, ctx.locale, 'UTC');
}

function stateLabel(ctx: RenderContext, state: DayState): string {
  return state === 'no_data' ? ctx.strings.availability.noData : ctx.strings.states[state];
}

/**
 * One run of days: operational or no-data days as one dashed stroke (a dash per day),
 * affected days as one path of a bar per day; one tooltip either way.
 */
function renderBar(ctx: RenderContext, days: readonly DayAvailability[], run: BarRun): SafeHtml {
  const t = ctx.strings.availability;
  const { height, className } = BAR[run.state];
  const { first, last } = run;
  const span = first === last ? dateLabel(ctx, days[first]!.date) : t.range(dateLabel(ctx, days[first]!.date), dateLabel(ctx, days[last]!.date));
  if (run.state === 'operational' || run.state === 'no_data') {
    const d = `M${first * STEP} ${HEIGHT - height / 2}h${(last - first + 1) * STEP}`;
    return html`<path class="${className} r" d="${d}" stroke-width="${height}"><title>${span}: ${stateLabel(ctx, run.state)}</title></path>`;
  }
  let d = '';
  for (let day = first; day <= last; day++) d += `M${day * STEP + 2} ${HEIGHT}v-${height}`;
  const title = `${span}: ${stateLabel(ctx, run.state)}, ${t.affectedFor(formatDuration(run.affectedMs, ctx.locale))}${first === last ? '' : t.perDay}`;
  return html`<path class="${className}" d="${d}"><title>${title}</title></path>`;
}

/** One row of the affected days: when, the state, how long, and the incidents. */
function renderAffectedRow(ctx: RenderContext, row: AffectedRun): SafeHtml {
  const { strings, locale } = ctx;
  const dayTag = (date: string) => html`<time datetime="${date}">${dateLabel(ctx, date)}</time>`;
  // The range's own text comes from the trusted UI strings; the dates in it are escaped by dayTag.
  const when = row.from === row.to ? dayTag(row.from) : raw(strings.availability.range(dayTag(row.from).value, dayTag(row.to).value));
  const links = row.incidents.map((slug, k) => html`${k > 0 ? strings.listSeparator : ''}${incidentLink(ctx, slug)}`);
  return html`
    <li>
      ${when} ${stateBadge(row.state, strings)} ${strings.availability.affectedFor(formatDuration(row.affectedMs, locale))}
      ${row.incidents.length > 0 ? html` — ${links}` : ''}
    </li>`;
}

/** Link to an incident, with its title in the reader's language (and that text's language when untranslated). */
function incidentLink(ctx: RenderContext, slug: string): SafeHtml {
  const incident = ctx.content.incidents.find((i) => i.slug === slug)!;
  const text = localizeIncident(incident, ctx.locale);
  return html`<a href="${ctx.href(routes.incident(slug))}"${attr('lang', text.translated ? undefined : text.lang)}>${text.title}</a>`;
}
