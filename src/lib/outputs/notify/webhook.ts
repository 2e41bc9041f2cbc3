import { createHash } from 'node:crypto';
import type { ComponentState, Locale, NoticeType } from '../../core/states.ts';
import { toUtcIso } from '../../core/dates.ts';
import { markdownToMessageText } from '../../render/message-text.ts';
import { buildStatuspageWebhookEvent, type StatuspageIncident, type StatuspageScheduledMaintenance, type StatuspageWebhookPage } from '../statuspage.ts';
import type { NoticeFacts } from './facts.ts';

/**
 * A notice as a JSON webhook in the shape Atlassian Statuspage POSTs to its
 * webhook subscribers on an incident update (`meta`, `page` with
 * `status_indicator` and `status_description`, `incident` with its
 * `incident_updates`, newest first, and affected components), so a consumer
 * written for Statuspage reads it unchanged. The incident object is the
 * Status API's (statuspage.ts), as it stood right after the notice, in the
 * channel's language. A `shirase` object adds what Statuspage has no field
 * for. The request is signed by the sender (Standard Webhooks).
 */

export interface WebhookPayload {
  meta: { unsubscribe: null; documentation: null; generated_at: string };
  page: StatuspageWebhookPage;
  incident: StatuspageIncident | StatuspageScheduledMaintenance;
  shirase: {
    version: 1;
    /** `<incident slug>/<notice id>`, the same as `incident.incident_updates[0].id`. */
    notice_id: string;
    incident_slug: string;
    notice_type: NoticeType;
    /** The language of the message; `lang` is the language the text is written in (the original's when untranslated). */
    locale: Locale;
    lang: Locale;
    /** `<incident title> — <notice type label>`. */
    heading: string;
    title: string | null;
    /** The notice text as written (Markdown) and as plain text with its links. */
    body_markdown: string;
    body_text: string;
    permalink: string;
    posted_at: string;
    next_update_at: string | null;
    window: { start: string; end: string } | null;
    components: { id: string; name: string; state: ComponentState }[];
  };
}

/** The webhook for one notice; `generatedAt` is when the message was made. */
export function buildWebhookPayload(facts: NoticeFacts, generatedAt: number): WebhookPayload {
  const { content, incident, notice, ctx } = facts;
  const event = buildStatuspageWebhookEvent(content, incident, notice, { site: ctx.site, base: ctx.base, locale: facts.locale });
  return {
    meta: { unsubscribe: null, documentation: null, generated_at: toUtcIso(generatedAt) },
    page: event.page,
    incident: event.incident,
    shirase: {
      version: 1,
      notice_id: facts.key,
      incident_slug: incident.slug,
      notice_type: notice.type,
      locale: facts.locale,
      lang: facts.text.lang,
      heading: facts.heading,
      title: facts.text.title ?? null,
      body_markdown: facts.text.body,
      body_text: markdownToMessageText(facts.text.body, 'plain', facts.permalink).text,
      permalink: facts.permalink,
      posted_at: toUtcIso(notice.at),
      next_update_at: facts.nextUpdateAt === undefined ? null : toUtcIso(facts.nextUpdateAt),
      window: facts.window ? { start: toUtcIso(facts.window.start), end: toUtcIso(facts.window.end) } : null,
      components: facts.states.map((s) => ({ id: s.id, name: s.name, state: s.state })),
    },
  };
}

/**
 * The Standard Webhooks `webhook-id` of a notice on a channel: the same on
 * every attempt and every run, so a receiver that saw it already can drop a
 * repeat (after a crash between sending and recording, for one).
 */
export function webhookMessageId(channelId: string, noticeKey: string): string {
  return `msg_${createHash('sha256').update(`${channelId}\u0000${noticeKey}`).digest('base64url').slice(0, 27)}`;
}
