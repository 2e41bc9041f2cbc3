import type { Incident, Notice } from '../../content/types.ts';
import type { ComponentState, Locale } from '../../core/states.ts';
import { STATE_COLOURS } from '../../render/colours.ts';
import { STATE_SYMBOLS, timeTag } from '../../render/fragments.ts';
import { attr, html, raw, type SafeHtml } from '../../render/html.ts';
import { markdownToPlainText, renderMarkdown } from '../../content/markdown.ts';
import { routes } from '../../core/urls.ts';
import { markdownToMessageText } from '../../render/message-text.ts';
import { stateText, timeFacts, type NoticeFacts, type SiteAddress } from './facts.ts';

/**
 * A notice as an e-mail: the subject `[site name] <incident title> — <notice
 * type label>`, a plain-text part and an HTML part that say the same as the
 * page (what is affected and how, when it was posted, the window, the next
 * update, the text, the permanent link), and the headers that make mail
 * clients thread an incident and offer "unsubscribe".
 */

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
  /** `<…@host>`, the same for the same notice and language on every run, so a resent copy is recognisably the same message. */
  messageId: string;
  /** The incident's first notice, so that all of an incident's e-mails thread together; none for the first notice itself. */
  inReplyTo: string | undefined;
  references: string | undefined;
  /** The support address, when the config has one: a merchant who replies reaches a person. */
  replyTo: string | undefined;
  /** List-Unsubscribe, List-Id, Auto-Submitted, Content-Language and the notice key. */
  headers: Readonly<Record<string, string>>;
}

export interface EmailOptions {
  /** The channel's id: part of List-Id, so merchants can filter on it. */
  channelId: string;
  /** The channel's `unsubscribe` (mailto: or https:); default: mailto: the support e-mail. */
  unsubscribe: string | undefined;
}

/** The Message-ID of a notice's e-mail in one language: `<notice.slug.locale@site host>`. */
export function emailMessageId(incident: Incident, notice: Notice, locale: Locale, address: SiteAddress): string {
  return `<${notice.id}.${incident.slug}.${locale}@${new URL(address.site).hostname}>`;
}

/** Where a merchant asks to stop the e-mails: the channel's setting, else a mail to support (the config check requires one of them). */
export function unsubscribeTarget(facts: NoticeFacts, options: EmailOptions): string | undefined {
  const support = facts.content.config.support.email;
  return options.unsubscribe ?? (support === undefined ? undefined : `mailto:${support}?subject=${encodeURIComponent('unsubscribe')}`);
}

export function buildEmail(facts: NoticeFacts, options: EmailOptions): EmailMessage {
  const { incident, notice, locale, ctx } = facts;
  const address = { site: ctx.site, base: ctx.base };
  const first = incident.notices[0]!;
  const threadStart = first.id === notice.id ? undefined : emailMessageId(incident, first, locale, address);
  const unsubscribe = unsubscribeTarget(facts, options);
  const subject = `[${facts.siteName}] ${facts.heading}`;
  return {
    subject,
    text: emailText(facts, unsubscribe),
    html: emailHtml(facts, subject, unsubscribe),
    messageId: emailMessageId(incident, notice, locale, address),
    inReplyTo: threadStart,
    references: threadStart,
    replyTo: facts.content.config.support.email,
    headers: {
      ...(unsubscribe === undefined ? {} : { 'List-Unsubscribe': `<${unsubscribe}>` }),
      'List-Id': `${facts.siteName} <${options.channelId}.${new URL(address.site).hostname}>`,
      // RFC 3834: no vacation replies or auto-responders back to the status sender.
      'Auto-Submitted': 'auto-generated',
      'Content-Language': ctx.strings.htmlLang,
      'X-Shirase-Notice': facts.key,
    },
  };
}

function emailText(facts: NoticeFacts, unsubscribe: string | undefined): string {
  const { strings } = facts.ctx;
  const lines: string[] = [facts.siteName, facts.heading];
  if (facts.text.title) lines.push(facts.text.title);
  lines.push('', ...timeFacts(facts).map((row) => `${row.label}: ${row.text}`));
  if (facts.states.length > 0) {
    lines.push('', `${strings.incident.componentStatesAtNotice}:`, ...facts.states.map((s) => `- ${s.name}: ${stateText(s)}`));
  }
  lines.push('');
  if (facts.untranslatedNote) lines.push(`(${facts.untranslatedNote})`, '');
  lines.push(markdownToMessageText(facts.text.body, 'plain', facts.permalink).text, '', `${strings.notify.viewNotice}:`, facts.permalink, '');
  // "-- " is the signature separator mail clients recognise and fold away.
  lines.push('-- ', strings.notify.reason(facts.siteName), `${strings.notify.statusPage}: ${facts.statusPageUrl}`, `${strings.notify.feed}: ${facts.feedUrl}`);
  if (unsubscribe !== undefined) lines.push(`${strings.notify.unsubscribe}: ${unsubscribe}`);
  return `${lines.join('\n')}\n`;
}

// Inline styles only: many mail clients drop <style> and every external stylesheet.
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', Meiryo, sans-serif";
const MUTED = 'color:#555555';
const BADGE = 'display:inline-block;padding:0 6px;border-radius:3px;color:#ffffff';
const ROW_LABEL = `text-align:left;padding:2px 16px 2px 0;font-weight:normal;vertical-align:top;${MUTED}`;
const BUTTON = 'display:inline-block;padding:10px 16px;background:#1f4e8c;color:#ffffff;text-decoration:none;border-radius:4px';

/** A state as a coloured label with its shape, like the page's badge, styled inline. */
function emailStateBadge(state: ComponentState, label: string): SafeHtml {
  return html`<span style="${BADGE};background:${STATE_COLOURS[state]}"><span aria-hidden="true">${STATE_SYMBOLS[state]}</span> ${label}</span>`;
}

function emailHtml(facts: NoticeFacts, subject: string, unsubscribe: string | undefined): string {
  const { strings, locale, zone } = facts.ctx;
  const lang = facts.text.translated ? undefined : facts.text.lang;
  // Read away from the site: every link absolute, the files beside the notice at their published address.
  const files = facts.ctx.url(routes.incidentFiles(facts.incident.slug));
  const body = renderMarkdown(facts.text.body, 1, { files, absoluteTo: facts.permalink });
  const rows = timeFacts(facts).map((row) => {
    const value = row.instants.length === 0 ? row.text : row.instants.map((at, index) => html`${index > 0 ? ' – ' : ''}${timeTag(at, locale, zone)}`);
    return html`<tr><th scope="row" style="${ROW_LABEL}">${row.label}</th><td style="padding:2px 0">${value}</td></tr>`;
  });
  const link = (href: string, text: string) => html`<a href="${href}" style="${MUTED}">${text}</a>`;
  const document = html`<!DOCTYPE html>
    <html lang="${strings.htmlLang}">
      <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject}</title></head>
      <body style="margin:0;padding:0;background:#f4f4f5">
        <div style="display:none;max-height:0;overflow:hidden">${markdownToPlainText(facts.text.body, 140)}</div>
        <div style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff;color:#1a1a1a;font-family:${FONT};font-size:16px;line-height:1.7">
          <p style="margin:0 0 16px;font-size:14px">${link(facts.statusPageUrl, facts.siteName)}</p>
          <h1 style="margin:0 0 4px;font-size:22px;line-height:1.4">${facts.incidentTitle}</h1>
          <p style="margin:0 0 16px;font-weight:bold">
            ${facts.typeLabel}${facts.text.title ? html` — <span${attr('lang', lang)}>${facts.text.title}</span>` : ''}
          </p>
          <table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows}</table>
          ${facts.states.length > 0 ? html`<p style="margin:0 0 4px;${MUTED}">${strings.incident.componentStatesAtNotice}</p>
            <ul style="margin:0 0 16px;padding-left:20px">${facts.states.map((s) => html`<li>${s.name}: ${emailStateBadge(s.state, s.label)}</li>`)}</ul>` : ''}
          ${facts.untranslatedNote ? html`<p style="font-size:14px;${MUTED}">${facts.untranslatedNote}</p>` : ''}
          <div${attr('lang', lang)}>${raw(body)}</div>
          <p style="margin:24px 0">
            <a href="${facts.permalink}" style="${BUTTON}">${strings.notify.viewNotice}</a>
          </p>
          <hr style="border:none;border-top:1px solid #dddddd;margin:24px 0 16px">
          <p style="margin:0 0 8px;font-size:13px;${MUTED}">${strings.notify.reason(facts.siteName)}</p>
          <p style="margin:0;font-size:13px;${MUTED}">
            ${link(facts.statusPageUrl, strings.notify.statusPage)}${' · '}${link(facts.feedUrl, strings.notify.feed)}
            ${unsubscribe === undefined ? '' : html`${' · '}${link(unsubscribe, strings.notify.unsubscribe)}`}
          </p>
        </div>
      </body>
    </html>`;
  return `${document.value}\n`;
}
