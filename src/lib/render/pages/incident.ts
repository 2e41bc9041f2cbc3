import { localizeFaq, localizeIncident, localizeNotice } from '../../model/localize.ts';
import { deriveIncidentTimeline, incidentPhase, noticeStates } from '../../model/timeline.ts';
import type { Incident, Notice } from '../../model/types.ts';
import { feedPaths } from '../../outputs/feeds.ts';
import { hasPreview, PREVIEW_HEIGHT, PREVIEW_WIDTH, previewImagePath } from '../../outputs/preview-image.ts';
import { absolute, routes, withBase } from '../../urls.ts';
import type { RenderContext } from '../context.ts';
import { formatDateTime, formatDuration, languageName } from '../datetime.ts';
import { stateBadge, timeTag } from '../fragments.ts';
import { attr, html, raw, type SafeHtml } from '../html.ts';
import { markdownToPlainText, renderMarkdown, type MarkdownLinks } from '../markdown.ts';
import type { SocialImage } from '../meta.ts';
import type { ShellInput } from '../shell.ts';
import { phaseLabel } from '../../view.ts';

/**
 * The incident page, rendered without Astro: it multiplies with incidents ×
 * locales, so the build writes it itself (see src/lib/outputs/writer.ts).
 * In `astro dev` the same function renders it through an Astro route.
 */

/** Relative references in an incident's texts lead to the files beside them, published once for every locale. */
function incidentLinks(ctx: RenderContext, incident: Incident): MarkdownLinks {
  return { files: withBase(ctx.base, routes.incidentFiles(incident.slug)) };
}

/** One notice: `<article id="<notice-id>">` with its type, time, link to itself, text, states and promise. */
export function renderNoticeArticle(ctx: RenderContext, incident: Incident, notice: Notice, level: 2 | 3 = 3): SafeHtml {
  const h = raw(`h${level}`);
  const { strings, locale, zone } = ctx;
  const text = localizeNotice(notice, locale);
  const lang = text.translated ? undefined : text.lang;
  const states = Object.entries(noticeStates(incident, notice));
  return html`<article id="${notice.id}" class="notice notice--${notice.type}${notice.draft ? ' notice--draft' : ''}" aria-labelledby="${notice.id}-title"><header><${h} id="${notice.id}-title">${notice.draft ? raw('<span class="draft-flag">DRAFT</span> ') : ''}<span class="notice-type">${strings.noticeTypes[notice.type]}</span>${text.title ? html` <span class="notice-title"${attr('lang', lang)}>${text.title}</span>` : ''}</${h}><p class="notice-meta">${timeTag(notice.at, locale, zone)} <a class="permalink" href="#${notice.id}">${strings.incident.linkToNotice}</a> ${copyButton(ctx, ctx.url(routes.noticePage(incident.slug, notice.id)), strings.share.copyLink)}</p></header>${text.translated ? '' : html`<p class="untranslated">${strings.onlyIn(languageName(text.lang, locale))}</p>`}<div class="prose"${attr('lang', lang)}>${raw(renderMarkdown(text.body, level - 1, incidentLinks(ctx, incident)))}</div>${notice.window ? html`<p class="window">${strings.maintenance.window}: ${timeTag(notice.window.start, locale, zone)} – ${timeTag(notice.window.end, locale, zone)}</p>` : ''}${states.length > 0 ? html`<ul class="notice-states" aria-label="${strings.incident.componentStatesAtNotice}">${states.map(([id, state]) => html`<li>${ctx.componentName(id)}: ${stateBadge(state, strings)}</li>`)}</ul>` : ''}${notice.nextUpdate ? html`<p class="promise">${strings.incident.nextUpdate}: ${timeTag(notice.nextUpdate.at, locale, zone)}</p>` : ''}</article>`;
}

/** The shell fields of an incident page. */
export function incidentShell(ctx: RenderContext, incident: Incident): ShellInput {
  const text = localizeIncident(incident, ctx.locale);
  return { title: text.title, description: text.summary, path: routes.incident(incident.slug), scopedFeeds: { title: text.title, rss: routes.incidentFeed(incident.slug) }, social: { image: incidentImage(ctx, incident, text.title) } };
}

/** The incident's own link-preview image when it has one (open or recent, see preview-image.ts); else the shell uses the site's. */
function incidentImage(ctx: RenderContext, incident: Incident, alt: string): SocialImage | undefined {
  if (!hasPreview(ctx.content, incident, ctx.now)) return undefined;
  return { url: absolute(ctx.site, ctx.base, previewImagePath(incident.slug)), width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, alt };
}

/** The main content of an incident page: facts, affected services, overview, every notice (newest first), related FAQ. */
export function renderIncidentMain(ctx: RenderContext, incident: Incident): SafeHtml {
  const { content, strings, locale, zone, now } = ctx;
  const timeline = deriveIncidentTimeline(incident);
  const phase = incidentPhase(incident, now);
  const text = localizeIncident(incident, locale);
  const lang = text.translated ? undefined : text.lang;
  const related = incident.faq.map((id) => content.faq.find((f) => f.id === id)).filter((f) => f !== undefined);
  // Newest first: a merchant opening the page mid-incident sees the latest word at the top.
  const notices = [...incident.notices].reverse();
  const feeds = feedPaths({ kind: 'incident', incident });
  const statusLabel = phaseLabel(strings, incident, now);
  const t = (at: number) => timeTag(at, locale, zone);
  return html`<article class="incident" aria-labelledby="_title"><h1 id="_title"${attr('lang', lang)}>${incident.draft ? raw('<span class="draft-flag">DRAFT</span> ') : ''}${text.title}</h1><p class="summary"${attr('lang', lang)}>${text.summary}</p><dl class="facts"><dt>${strings.incident.status}</dt><dd class="status-${phase}">${statusLabel}</dd><dt>${strings.incident.impact}</dt><dd>${strings.impacts[incident.impact]}</dd>${timeline.window ? html`<dt>${strings.maintenance.window}</dt><dd>${t(timeline.window.start)} – ${t(timeline.window.end)}</dd>` : ''}<dt>${strings.incident.started}</dt><dd>${t(timeline.startedAt)}</dd>${timeline.resolvedAt !== undefined ? html`<dt>${strings.incident.resolved}</dt><dd>${t(timeline.resolvedAt)}</dd>` : ''}${timeline.durationMs !== undefined ? html`<dt>${strings.incident.duration}</dt><dd>${formatDuration(timeline.durationMs, locale)}</dd>` : ''}${timeline.open ? html`<dt>${strings.incident.latestNotice}</dt><dd><a href="#${timeline.latest.id}">${t(timeline.latest.at)}</a></dd><dt>${strings.incident.nextUpdate}</dt><dd>${timeline.nextUpdate ? t(timeline.nextUpdate.at) : strings.incident.noNextUpdate}</dd>` : ''}</dl><section aria-labelledby="_affected"><h2 id="_affected">${strings.incident.affectedComponents}</h2><ul class="components components--compact">${timeline.affected.map((id) => html`<li class="component"><a class="component-name" href="${ctx.href(routes.component(id))}">${ctx.componentName(id)}</a> ${stateBadge(timeline.current[id] ?? 'operational', strings)}</li>`)}</ul></section>${text.overview.trim() !== '' ? html`<section aria-labelledby="_overview"><h2 id="_overview">${strings.incident.overview}</h2><div class="prose"${attr('lang', lang)}>${raw(renderMarkdown(text.overview, 2, incidentLinks(ctx, incident)))}</div></section>` : ''}<section aria-labelledby="_notices"><h2 id="_notices">${strings.incident.notices}</h2>${notices.map((notice) => renderNoticeArticle(ctx, incident, notice))}</section>${related.length > 0 ? html`<section aria-labelledby="_faq"><h2 id="_faq">${strings.incident.relatedFaq}</h2><ul>${related.map((entry) => { const faq = localizeFaq(entry, locale); return html`<li><a href="${ctx.href(routes.faqEntry(entry.id))}"${attr('lang', faq.translated ? undefined : faq.lang)}>${faq.question}</a></li>`; })}</ul></section>` : ''}${renderSupportReply(ctx, incident)}<p class="feeds">${strings.incident.feed}: <a href="${ctx.href(feeds.rss)}">RSS</a></p></article>`;
}

/** A hidden-until-JavaScript button that copies `text`, announcing the result in the page's live region. */
export function copyButton(ctx: RenderContext, text: string, label: string): SafeHtml {
  return html`<button type="button" class="copy-link" data-copy="${text}" data-copied="${ctx.strings.share.copied}" data-copy-failed="${ctx.strings.share.copyFailed}" hidden>${label}</button>`;
}

/** Plain text support staff paste into a reply: title, state, affected services, latest notice, next update, link. */
export function buildSupportReply(ctx: RenderContext, incident: Incident): string {
  const { strings, locale, zone, now } = ctx;
  const timeline = deriveIncidentTimeline(incident);
  const text = localizeIncident(incident, locale);
  const status = phaseLabel(strings, incident, now);
  const services = timeline.affected.map((id) => `${ctx.componentName(id)}: ${strings.states[timeline.current[id] ?? 'operational']}`).join(locale === 'ja' ? '、' : ', ');
  const lines = [
    text.title,
    `${strings.incident.status}: ${status}`,
    `${strings.incident.affectedComponents}: ${services}`,
    `${strings.incident.latestNotice}: ${formatDateTime(timeline.latest.at, locale, zone)}`,
    ...(timeline.open ? [`${strings.incident.nextUpdate}: ${timeline.nextUpdate ? formatDateTime(timeline.nextUpdate.at, locale, zone) : strings.incident.noNextUpdate}`] : []),
    ctx.url(routes.incident(incident.slug)),
  ];
  return lines.join('\n');
}

function renderSupportReply(ctx: RenderContext, incident: Incident): SafeHtml {
  const { strings } = ctx;
  return html`<details class="reply"><summary>${strings.share.replyHeading}</summary><p>${strings.share.replyHelp}</p><pre id="_reply">${buildSupportReply(ctx, incident)}</pre><button type="button" class="copy-reply" data-copy-from="_reply" data-copied="${strings.share.copied}" data-copy-failed="${strings.share.copyFailed}" hidden>${strings.share.copyReply}</button></details>`;
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
    social: { url: ctx.url(routes.noticePage(incident.slug, notice.id)), type: 'article', published: notice.at, modified: notice.at, image: incidentImage(ctx, incident, incidentText.title) },
  };
}

export function renderNoticeShareMain(ctx: RenderContext, incident: Incident, notice: Notice): SafeHtml {
  const { strings, locale } = ctx;
  const incidentText = localizeIncident(incident, locale);
  const lang = incidentText.translated ? undefined : incidentText.lang;
  return html`<h1 class="share-incident"><a href="${ctx.href(routes.incident(incident.slug))}"${attr('lang', lang)}>${incidentText.title}</a></h1>${renderNoticeArticle(ctx, incident, notice, 2)}<p class="share-back"><a href="${ctx.href(routes.notice(incident.slug, notice.id))}">${strings.share.allNotices}</a></p>`;
}
