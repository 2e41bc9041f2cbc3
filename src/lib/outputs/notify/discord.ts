import { STATE_COLOURS } from '../../render/colours.ts';
import { literalText, markdownToMessageText, trimMessageText } from '../../render/message-text.ts';
import { stateText, timeFacts, type NoticeFacts } from './facts.ts';

/**
 * A notice as a Discord webhook message: one embed in the colour of the worst
 * state, titled with the heading and linked to the notice. Limits (Discord's
 * "Embed Limits"): title 256 characters, description 4 096, a field's name
 * 256 and value 1 024, 25 fields, footer 2 048, author 256, and 6 000 for all
 * of them together; texts are trimmed to fit at a word boundary, never inside
 * a link. Mentions are switched off: notice text never pings anyone.
 */

export const DISCORD_LIMITS = { title: 256, description: 4096, fieldName: 256, fieldValue: 1024, footer: 2048, author: 256, total: 6000 } as const;

export interface DiscordEmbed {
  author: { name: string; url: string };
  title: string;
  url: string;
  description: string;
  color: number;
  fields: { name: string; value: string; inline: boolean }[];
  timestamp: string;
  footer: { text: string };
}

export interface DiscordMessage {
  /** No @everyone, @here, role or user mention from notice text is ever resolved. */
  allowed_mentions: { parse: [] };
  embeds: [DiscordEmbed];
}

export function buildDiscordMessage(facts: NoticeFacts): DiscordMessage {
  const { strings } = facts.ctx;
  const locale = facts.text.lang;
  const plain = (text: string, max: number) => trimMessageText({ text, atoms: [] }, max, locale).text;
  const fit = (text: string, max: number) => trimMessageText(literalText(text, 'discord'), max, locale).text;

  const field = (name: string, value: string, inline: boolean) => ({
    name: plain(name, DISCORD_LIMITS.fieldName),
    value: fit(value, DISCORD_LIMITS.fieldValue),
    inline,
  });
  const fields = timeFacts(facts).map((row) => field(row.label, row.text, true));
  if (facts.states.length > 0) {
    const lines = facts.states.map((s) => `${s.name}: ${stateText(s)}`).join('\n');
    fields.push(field(strings.incident.componentStatesAtNotice, lines, false));
  }
  const embed: Omit<DiscordEmbed, 'description'> = {
    author: { name: plain(facts.siteName, DISCORD_LIMITS.author), url: facts.statusPageUrl },
    // Title, author and field names are shown as written: Discord does not format them.
    title: plain(facts.heading, DISCORD_LIMITS.title),
    url: facts.permalink,
    color: Number.parseInt(STATE_COLOURS[facts.worst].slice(1), 16),
    fields: fields.slice(0, 25),
    timestamp: new Date(facts.notice.at).toISOString(),
    footer: { text: plain(facts.typeLabel, DISCORD_LIMITS.footer) },
  };
  const fieldsLength = embed.fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  const used = embed.author.name.length + embed.title.length + embed.footer.text.length + fieldsLength;

  const lead: string[] = [];
  if (facts.text.title) lead.push(`**${fit(facts.text.title, DISCORD_LIMITS.title)}**`);
  if (facts.untranslatedNote) lead.push(`_${literalText(facts.untranslatedNote, 'discord').text}_`);
  const head = lead.map((line) => `${line}\n\n`).join('');
  const continued = `${literalText(strings.notify.continued, 'discord').text}: `;
  const tail = (trimmed: boolean) => `\n\n${trimmed ? continued : ''}[${literalText(strings.notify.viewNotice, 'discord').text}](${facts.permalink})`;
  const room = Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - used) - head.length - tail(true).length;
  const body = trimMessageText(markdownToMessageText(facts.text.body, 'discord', facts.permalink), room, locale);
  return { allowed_mentions: { parse: [] }, embeds: [{ ...embed, description: `${head}${body.text}${tail(body.trimmed)}` }] };
}
