import type { NotifyChannel } from '../../content/config-schema.ts';
import type { Incident, Notice, SiteContent } from '../../content/types.ts';
import { buildDiscordMessage, type DiscordMessage } from './discord.ts';
import { buildEmail, type EmailMessage } from './email.ts';
import { buildNoticeFacts, type SiteAddress } from './facts.ts';
import { buildSlackMessage, type SlackMessage } from './slack.ts';
import { buildTeamsMessage, type TeamsMessage } from './teams.ts';
import { buildWebhookPayload, webhookMessageId, type WebhookPayload } from './webhook.ts';

/** What one channel is sent for one notice: an e-mail, a chat platform's JSON, or a webhook to sign. */
export type ChannelMessage =
  | { kind: 'email'; email: EmailMessage }
  | { kind: 'chat'; body: SlackMessage | DiscordMessage | TeamsMessage }
  | { kind: 'webhook'; body: WebhookPayload; webhookId: string };

/** The message `channel` gets for `notice`, in the channel's language (default: the site's). Pure. */
export function buildChannelMessage(
  channel: NotifyChannel,
  content: SiteContent,
  incident: Incident,
  notice: Notice,
  address: SiteAddress,
  now: number,
): ChannelMessage {
  const facts = buildNoticeFacts(content, incident, notice, channel.locale ?? content.config.defaultLocale, address);
  switch (channel.type) {
    case 'email': return { kind: 'email', email: buildEmail(facts, { channelId: channel.id, unsubscribe: channel.unsubscribe }) };
    case 'slack': return { kind: 'chat', body: buildSlackMessage(facts) };
    case 'discord': return { kind: 'chat', body: buildDiscordMessage(facts) };
    case 'teams': return { kind: 'chat', body: buildTeamsMessage(facts) };
    case 'webhook': return { kind: 'webhook', body: buildWebhookPayload(facts, now), webhookId: webhookMessageId(channel.id, facts.key) };
  }
}
