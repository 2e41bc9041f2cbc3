import type { ComponentState } from '../../core/states.ts';
import { markdownToMessageText, trimMessageText } from '../../render/message-text.ts';
import { stateText, timeFacts, type NoticeFacts } from './facts.ts';

/**
 * A notice as a Microsoft Teams message: an Adaptive Card (1.4) in the shape
 * Teams' "post to a channel when a webhook request is received" workflow and
 * the older incoming-webhook connectors accept: the heading in the colour of
 * the worst state, the times and states as facts, the text, and a button to
 * the notice. Teams refuses a message over 28 KB; the text is kept to 5 000
 * characters (15 KB of Japanese in UTF-8), trimmed at a word boundary, never
 * inside a link.
 */

export const TEAMS_LIMITS = { text: 5000, heading: 400 } as const;

type CardElement =
  | { type: 'TextBlock'; text: string; wrap: true; size?: 'Small' | 'Large'; weight?: 'Bolder'; isSubtle?: true; color?: CardColour; style?: 'heading' }
  | { type: 'FactSet'; facts: { title: string; value: string }[] };
type CardColour = 'Good' | 'Warning' | 'Attention' | 'Accent';

export interface TeamsMessage {
  type: 'message';
  attachments: [{
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: {
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
      type: 'AdaptiveCard';
      version: '1.4';
      lang: string;
      msteams: { width: 'Full' };
      body: CardElement[];
      actions: { type: 'Action.OpenUrl'; title: string; url: string }[];
    };
  }];
}

const COLOURS: Record<ComponentState, CardColour> = {
  operational: 'Good',
  maintenance: 'Accent',
  degraded: 'Warning',
  partial_outage: 'Warning',
  major_outage: 'Attention',
  suspended: 'Attention',
};

export function buildTeamsMessage(facts: NoticeFacts): TeamsMessage {
  const { strings } = facts.ctx;
  const locale = facts.text.lang;
  const plain = (text: string, max: number) => trimMessageText({ text, atoms: [] }, max, locale).text;
  const body: CardElement[] = [
    { type: 'TextBlock', text: facts.siteName, wrap: true, size: 'Small', isSubtle: true },
    {
      type: 'TextBlock', text: plain(facts.heading, TEAMS_LIMITS.heading), wrap: true,
      size: 'Large', weight: 'Bolder', style: 'heading', color: COLOURS[facts.worst],
    },
  ];
  if (facts.text.title) body.push({ type: 'TextBlock', text: plain(facts.text.title, TEAMS_LIMITS.heading), wrap: true, weight: 'Bolder' });
  body.push({
    type: 'FactSet',
    facts: [...timeFacts(facts).map((row) => ({ title: row.label, value: row.text })), ...facts.states.map((s) => ({ title: s.name, value: stateText(s) }))],
  });
  if (facts.untranslatedNote) body.push({ type: 'TextBlock', text: facts.untranslatedNote, wrap: true, isSubtle: true });
  const text = trimMessageText(markdownToMessageText(facts.text.body, 'teams', facts.permalink), TEAMS_LIMITS.text, locale);
  body.push({ type: 'TextBlock', text: text.text, wrap: true });
  if (text.trimmed) body.push({ type: 'TextBlock', text: strings.notify.continued, wrap: true, isSubtle: true });
  return {
    type: 'message',
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: {
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.4',
        lang: facts.ctx.strings.htmlLang,
        msteams: { width: 'Full' },
        body,
        actions: [{ type: 'Action.OpenUrl', title: strings.notify.viewNotice, url: facts.permalink }],
      },
    }],
  };
}
