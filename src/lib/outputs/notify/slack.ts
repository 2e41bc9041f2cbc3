import { literalText, markdownToMessageText, trimMessageText } from '../../render/message-text.ts';
import { stateText, timeFacts, type NoticeFacts } from './facts.ts';

/**
 * A notice as a Slack incoming-webhook message in Block Kit: a header, the
 * times, the states, the text and the link. Limits (Slack's Block Kit
 * reference): a header's text 150 characters, a section's text 3 000, a
 * field 2 000, ten fields, fifty blocks; every text is trimmed to fit at a
 * word boundary, never inside a link.
 */

export const SLACK_LIMITS = { header: 150, section: 3000, field: 2000 } as const;

type TextObject = { type: 'plain_text'; text: string; emoji: false } | { type: 'mrkdwn'; text: string };
export type SlackBlock =
  | { type: 'header'; text: TextObject }
  | { type: 'section'; text: TextObject; fields?: TextObject[] }
  | { type: 'section'; fields: TextObject[] }
  | { type: 'context'; elements: TextObject[] };

export interface SlackMessage {
  /** What notifications and screen readers show. */
  text: string;
  blocks: SlackBlock[];
  /** The permalink is in the message; an unfurled preview of it would only repeat the heading. */
  unfurl_links: false;
  unfurl_media: false;
}

const mrkdwn = (text: string): TextObject => ({ type: 'mrkdwn', text });

export function buildSlackMessage(facts: NoticeFacts): SlackMessage {
  const { strings } = facts.ctx;
  const locale = facts.text.lang;
  const escape = (text: string) => literalText(text, 'slack').text;
  const fit = (text: string, max: number) => trimMessageText(literalText(text, 'slack'), max, locale).text;
  const link = (url: string, label: string) => `<${url}|${escape(label).replace(/\|/g, '｜')}>`;

  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: trimMessageText({ text: facts.heading, atoms: [] }, SLACK_LIMITS.header, locale).text, emoji: false } },
    { type: 'context', elements: [mrkdwn(link(facts.statusPageUrl, facts.siteName))] },
  ];
  if (facts.text.title) blocks.push({ type: 'section', text: mrkdwn(`*${fit(facts.text.title, SLACK_LIMITS.section - 2)}*`) });
  const fields = timeFacts(facts).map((row) => mrkdwn(fit(`*${row.label}*\n${row.text}`, SLACK_LIMITS.field)));
  if (facts.states.length > 0) {
    const lines = facts.states.map((s) => `• ${escape(s.name)}: ${escape(stateText(s))}`).join('\n');
    const states = `*${escape(strings.incident.componentStatesAtNotice)}*\n${lines}`;
    fields.push(mrkdwn(trimMessageText({ text: states, atoms: [] }, SLACK_LIMITS.field, locale).text));
  }
  blocks.push({ type: 'section', fields: fields.slice(0, 10) });
  if (facts.untranslatedNote) blocks.push({ type: 'context', elements: [mrkdwn(escape(facts.untranslatedNote))] });

  const body = trimMessageText(markdownToMessageText(facts.text.body, 'slack', facts.permalink), SLACK_LIMITS.section, locale);
  blocks.push({ type: 'section', text: mrkdwn(body.text) });
  const more = body.trimmed ? `${escape(strings.notify.continued)}: ` : '';
  blocks.push({ type: 'section', text: mrkdwn(`${more}${link(facts.permalink, strings.notify.viewNotice)}`) });

  return { text: escape(`[${facts.siteName}] ${facts.heading}`), blocks, unfurl_links: false, unfurl_media: false };
}
