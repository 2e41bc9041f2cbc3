import { localizeFaq, localizeIncident, localizeNotice } from '../../model/localize.ts';
import { deriveIncidentTimeline, incidentPhase, noticeStates, type IncidentTimeline } from '../../model/timeline.ts';
import type { Incident, Notice } from '../../content/types.ts';
import { feedPaths } from '../../core/urls.ts';
import { hasPreview, PREVIEW_HEIGHT, PREVIEW_WIDTH, previewImagePath } from '../preview.ts';
import { absolute, routes, withBase } from '../../core/urls.ts';
import type { RenderContext } from '../context.ts';
import { formatDateTime, formatDuration } from '../datetime.ts';
import { copyButton, draftFlag, stateBadge, timeTag, untranslatedNote } from '../fragments.ts';
import { attr, html, raw, type SafeHtml } from '../html.ts';
import { markdownToPlainText, renderMarkdown, type MarkdownLinks } from '../../content/markdown.ts';
import type { SocialImage } from '../meta.ts';
import { renderDocument, type ShellInput } from '../shell.ts';
import { capturedMeta, facet, indexedPart, notIndexed, otherLanguage, resultAnchor, resultTimeMeta } from '../search-annotations.ts';
import { phaseLabel, yearOf } from '../view.ts';

/**
 * The incident page, rendered without Astro: it multiplies with incidents ×
 * locales, so the build writes it itself (see src/lib/outputs/writer.ts).
 * In `astro dev` the same function renders it through an Astro route.
 */

/** Relative references in an incident's texts lead to the files beside them, published once for every locale. */
function incidentLinks(ctx: RenderContext, incident: Incident): MarkdownLinks {
  return { files: withBase(ctx.base, routes.incidentFiles(incident.slug)) };
}

/**
 * Where a notice is rendered: on its incident page (an h3 among the notices, indexed for search, each notice
 * a result of its own) or on its share page (an h2, not indexed: the incident page is the notice's canonical place).
 */
export type NoticePlace = 'incident' | 'share';

/** One notice: `<article id="<notice-id>">` with its type, time, link to itself, text, states and promise. */
export function renderNoticeArticle(ctx: RenderContext, incident: Incident, notice: Notice, place: NoticePlace = 'incident'): SafeHtml {
  const { strings, locale, zone } = ctx;
  const indexed = place === 'incident';
  const level = indexed ? 3 : 2;
  const heading = raw(`h${level}`);
  const text = localizeNotice(notice, locale);
  const lang = text.translated ? undefined : text.lang;
  const states = Object.entries(noticeStates(incident, notice));
  const time = (at: number) => timeTag(at, locale, zone);
  const className = `notice notice--${notice.type}${notice.draft ? ' notice--draft' : ''}`;
  const shareUrl = ctx.url(routes.noticePage(incident.slug, notice.id));
  const typeLabel = strings.noticeTypes[notice.type];
  const year = yearOf(notice.at, zone);
  // The result's title is the heading's text, DRAFT flag included; its services are the incident's.
  const anchor = indexed
    ? resultAnchor(notice.id, `${notice.draft ? 'DRAFT ' : ''}${typeLabel}${text.title ? ` ${text.title}` : ''}`, {
        kind: 'notice',
        type: notice.type,
        year,
        component: deriveIncidentTimeline(incident).affected,
      })
    : '';
  const unsearched = indexed ? notIndexed : '';
  return html`
    <article id="${notice.id}" class="${className}" aria-labelledby="${notice.id}-title"${anchor}>
      <header>
        <${heading} id="${notice.id}-title"${unsearched}>
          ${notice.draft ? draftFlag : ''}
          <span class="notice-type"${indexed ? facet('type', notice.type) : ''}>${typeLabel}</span>
          ${text.title ? html` <span class="notice-title"${attr('lang', lang)}>${text.title}</span>` : ''}
        </${heading}>
        <p class="notice-meta"${indexed ? html`${facet('year', year)}${capturedMeta(resultTimeMeta(notice.id))}` : ''}>
          ${time(notice.at)}
          ${' '}<a class="permalink" href="#${notice.id}"${unsearched}>${strings.incident.linkToNotice}</a>
          ${' '}${copyButton(ctx, shareUrl, strings.share.copyLink, unsearched)}
        </p>
      </header>
      ${text.translated ? '' : untranslatedNote(ctx, text.lang, unsearched)}
      <div class="prose"${attr('lang', lang)}${indexed ? otherLanguage(lang) : ''}>
        ${raw(renderMarkdown(text.body, level - 1, incidentLinks(ctx, incident)))}
      </div>
      ${notice.window
        ? html`<p class="window">${strings.maintenance.window}: ${time(notice.window.start)} – ${time(notice.window.end)}</p>`
        : ''}
      ${states.length > 0
        ? html`
          <ul class="notice-states" aria-label="${strings.incident.componentStatesAtNotice}">
            ${states.map(([id, state]) => html`<li>${ctx.componentName(id)}: ${stateBadge(state, strings)}</li>`)}
          </ul>`
        : ''}
      ${notice.nextUpdate ? html`<p class="promise">${strings.incident.nextUpdate}: ${time(notice.nextUpdate.at)}</p>` : ''}
    </article>`;
}

/** The shell fields of an incident page. */
export function incidentShell(ctx: RenderContext, incident: Incident): ShellInput {
  const text = localizeIncident(incident, ctx.locale);
  return {
    title: text.title,
    description: text.summary,
    path: routes.incident(incident.slug),
    scopedFeeds: { title: text.title, rss: routes.incidentFeed(incident.slug) },
    social: { image: incidentImage(ctx, incident, text.title) },
  };
}

/** The incident's own link-preview image when it has one (open or recent, see preview-image.ts); else the shell uses the site's. */
function incidentImage(ctx: RenderContext, incident: Incident, alt: string): SocialImage | undefined {
  if (!hasPreview(ctx.content, incident, ctx.now)) return undefined;
  return { url: absolute(ctx.site, ctx.base, previewImagePath(incident.slug)), width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, alt };
}

/** A section of the incident article: `id` names its heading for assistive technology. Search indexes it when `indexed`, without its heading. */
function section(id: string, heading: string, body: unknown, indexed = false): SafeHtml {
  return html`
    <section aria-labelledby="${id}"${indexed ? indexedPart : ''}>
      <h2 id="${id}"${indexed ? notIndexed : ''}>${heading}</h2>
      ${body}
    </section>`;
}

/** One term of the facts list. */
function fact(term: string, value: unknown, className?: string): SafeHtml {
  return html`<dt>${term}</dt><dd${attr('class', className)}>${value}</dd>`;
}

/** The incident at a glance: state, impact, window, when it started and ended, how long, and the latest word while open. */
function renderFacts(ctx: RenderContext, incident: Incident, timeline: IncidentTimeline): SafeHtml {
  const { strings, locale, zone, now } = ctx;
  const time = (at: number) => timeTag(at, locale, zone);
  const { window, resolvedAt, durationMs, latest, nextUpdate } = timeline;
  return html`
    <dl class="facts">
      ${fact(strings.incident.status, phaseLabel(strings, incident, now), `status-${incidentPhase(incident, now)}`)}
      ${fact(strings.incident.impact, strings.impacts[incident.impact])}
      ${window ? fact(strings.maintenance.window, html`${time(window.start)} – ${time(window.end)}`) : ''}
      ${fact(strings.incident.started, time(timeline.startedAt))}
      ${resolvedAt !== undefined ? fact(strings.incident.resolved, time(resolvedAt)) : ''}
      ${durationMs !== undefined ? fact(strings.incident.duration, formatDuration(durationMs, locale)) : ''}
      ${timeline.open
        ? html`
          ${fact(strings.incident.latestNotice, html`<a href="#${latest.id}">${time(latest.at)}</a>`)}
          ${fact(strings.incident.nextUpdate, nextUpdate ? time(nextUpdate.at) : strings.incident.noNextUpdate)}`
        : ''}
    </dl>`;
}

/** Every service the incident touched, each with its state now: what search narrows the incident's notices by. */
function renderAffected(ctx: RenderContext, timeline: IncidentTimeline): SafeHtml {
  return html`
    <ul class="components components--compact">
      ${timeline.affected.map((id) => html`
        <li class="component"${facet('component', id)}>
          <a class="component-name" href="${ctx.href(routes.component(id))}">${ctx.componentName(id)}</a>
          ${' '}${stateBadge(timeline.current[id] ?? 'operational', ctx.strings)}
        </li>`)}
    </ul>`;
}

/** Links to the FAQ answers the incident names, or nothing. */
function renderRelatedFaq(ctx: RenderContext, incident: Incident): SafeHtml | '' {
  const related = incident.faq.map((id) => ctx.content.faq.find((f) => f.id === id)).filter((f) => f !== undefined);
  if (related.length === 0) return '';
  const items = related.map((entry) => {
    const faq = localizeFaq(entry, ctx.locale);
    return html`
      <li>
        <a href="${ctx.href(routes.faqEntry(entry.id))}"${attr('lang', faq.translated ? undefined : faq.lang)}>${faq.question}</a>
      </li>`;
  });
  return section('_faq', ctx.strings.incident.relatedFaq, html`<ul>${items}</ul>`);
}

/**
 * The main content of an incident page: facts, affected services, overview, every notice (newest first), related FAQ.
 * Search indexes the title, summary, overview and notices (search-annotations.ts).
 */
export function renderIncidentMain(ctx: RenderContext, incident: Incident): SafeHtml {
  const { strings, locale } = ctx;
  const timeline = deriveIncidentTimeline(incident);
  const text = localizeIncident(incident, locale);
  const lang = text.translated ? undefined : text.lang;
  // Newest first: a merchant opening the page mid-incident sees the latest word at the top.
  const notices = [...incident.notices].reverse();
  const feeds = feedPaths({ kind: 'incident', incident });
  const overviewHtml = renderMarkdown(text.overview, 2, incidentLinks(ctx, incident));
  const overviewText = html`<div class="prose"${attr('lang', lang)}${otherLanguage(lang)}>${raw(overviewHtml)}</div>`;
  const overview = text.overview.trim() !== '' ? section('_overview', strings.incident.overview, overviewText, true) : '';
  return html`
    <article class="incident" aria-labelledby="_title">
      <h1 id="_title"${attr('lang', lang)}${indexedPart}>${incident.draft ? draftFlag : ''}${text.title}</h1>
      <p class="summary"${attr('lang', lang)}${indexedPart}>${text.summary}</p>
      ${renderFacts(ctx, incident, timeline)}
      ${section('_affected', strings.incident.affectedComponents, renderAffected(ctx, timeline))}
      ${overview}
      ${section('_notices', strings.incident.notices, notices.map((notice) => renderNoticeArticle(ctx, incident, notice)), true)}
      ${renderRelatedFaq(ctx, incident)}
      ${renderSupportReply(ctx, incident)}
      <p class="feeds">${strings.incident.feed}: <a href="${ctx.href(feeds.rss)}">RSS</a></p>
    </article>`;
}

/** Plain text support staff paste into a reply: title, state, affected services, latest notice, next update, link. */
export function buildSupportReply(ctx: RenderContext, incident: Incident): string {
  const { strings, locale, zone, now } = ctx;
  const timeline = deriveIncidentTimeline(incident);
  const text = localizeIncident(incident, locale);
  const status = phaseLabel(strings, incident, now);
  const services = timeline.affected
    .map((id) => `${ctx.componentName(id)}: ${strings.states[timeline.current[id] ?? 'operational']}`)
    .join(strings.listSeparator);
  const nextUpdate = timeline.nextUpdate ? formatDateTime(timeline.nextUpdate.at, locale, zone) : strings.incident.noNextUpdate;
  const lines = [
    text.title,
    `${strings.incident.status}: ${status}`,
    `${strings.incident.affectedComponents}: ${services}`,
    `${strings.incident.latestNotice}: ${formatDateTime(timeline.latest.at, locale, zone)}`,
    ...(timeline.open ? [`${strings.incident.nextUpdate}: ${nextUpdate}`] : []),
    ctx.url(routes.incident(incident.slug)),
  ];
  return lines.join('\n');
}

function renderSupportReply(ctx: RenderContext, incident: Incident): SafeHtml {
  const { share } = ctx.strings;
  return html`
    <details class="reply">
      <summary>${share.replyHeading}</summary>
      <p>${share.replyHelp}</p>
      <pre id="_reply">${buildSupportReply(ctx, incident)}</pre>
      <button type="button" class="copy-reply" data-copy-from="_reply" data-copied="${share.copied}"
        ${' '}data-copy-failed="${share.copyFailed}" hidden>${share.copyReply}</button>
    </details>`;
}

/** A notice's own small page: its text, with link-preview metadata, pointing back to the notice on the incident page. */
export function noticeShareShell(ctx: RenderContext, incident: Incident, notice: Notice): ShellInput {
  const incidentText = localizeIncident(incident, ctx.locale);
  const text = localizeNotice(notice, ctx.locale);
  const heading = `${ctx.strings.noticeTypes[notice.type]}${text.title ? ` — ${text.title}` : ''}`;
  const canonical = ctx.url(routes.notice(incident.slug, notice.id));
  return {
    title: `${heading} | ${incidentText.title}`,
    description: markdownToPlainText(text.body, 200),
    path: routes.noticePage(incident.slug, notice.id),
    canonical,
    social: {
      url: ctx.url(routes.noticePage(incident.slug, notice.id)),
      type: 'article',
      published: notice.at,
      modified: notice.at,
      image: incidentImage(ctx, incident, incidentText.title),
    },
  };
}

export function renderNoticeShareMain(ctx: RenderContext, incident: Incident, notice: Notice): SafeHtml {
  const { strings, locale } = ctx;
  const incidentText = localizeIncident(incident, locale);
  const lang = incidentText.translated ? undefined : incidentText.lang;
  return html`
    <h1 class="share-incident">
      <a href="${ctx.href(routes.incident(incident.slug))}"${attr('lang', lang)}>${incidentText.title}</a>
    </h1>
    ${renderNoticeArticle(ctx, incident, notice, 'share')}
    <p class="share-back"><a href="${ctx.href(routes.notice(incident.slug, notice.id))}">${strings.share.allNotices}</a></p>`;
}

/** `/incidents/<slug>/`: the incident with every notice. */
export function renderIncidentPage(ctx: RenderContext, incident: Incident): string {
  return renderDocument(ctx, incidentShell(ctx, incident), renderIncidentMain(ctx, incident));
}

/** `/incidents/<slug>/<notice>/`: one notice on its own, for link previews. */
export function renderNoticePage(ctx: RenderContext, incident: Incident, notice: Notice): string {
  return renderDocument(ctx, noticeShareShell(ctx, incident, notice), renderNoticeShareMain(ctx, incident, notice));
}
