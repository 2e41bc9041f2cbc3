/**
 * The messages `npm run notify` sends, as pure functions: message text from
 * Markdown in each platform's flavour, trimming that never cuts a word or a
 * link, the e-mail, the chat formats within their platforms' limits, and the
 * webhook, which is the Status API's incident as it stood after the notice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NotifyChannel } from '../../src/lib/content/config-schema.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import type { SiteContent } from '../../src/lib/content/types.ts';
import { buildDiscordMessage, DISCORD_LIMITS } from '../../src/lib/outputs/notify/discord.ts';
import { buildEmail } from '../../src/lib/outputs/notify/email.ts';
import { buildNoticeFacts } from '../../src/lib/outputs/notify/facts.ts';
import { buildChannelMessage } from '../../src/lib/outputs/notify/messages.ts';
import { buildSlackMessage, SLACK_LIMITS } from '../../src/lib/outputs/notify/slack.ts';
import { buildTeamsMessage, TEAMS_LIMITS } from '../../src/lib/outputs/notify/teams.ts';
import { buildWebhookPayload, webhookMessageId } from '../../src/lib/outputs/notify/webhook.ts';
import { buildStatuspageApi } from '../../src/lib/outputs/statuspage.ts';
import { markdownToMessageText, trimMessageText, type MessageText } from '../../src/lib/render/message-text.ts';
import { makeConfig, makeIncident, projectRoot } from './helpers.ts';

const BASE = 'https://status.example.com/incidents/x/#n';
const address = { site: 'https://status.kakeru-pay.example', base: '/' };

describe('notice Markdown as message text', () => {
  const markdown = [
    '# Payouts',
    '',
    'See [the FAQ](/faq/#payouts-safe), write to <support@example.com> & check **bold *text***.',
    '',
    '- one',
    '- two with `code`',
    '',
    '1. first',
    '2. second',
    '',
    '> quoted',
    '',
    'Footnote[^1] and <script>alert(1)</script><a href="javascript:alert(1)">bad</a>.',
    '',
    '[^1]: The note.',
  ].join('\n');

  it('plain text (e-mail): links written out absolute, lists marked, nothing the page would drop', () => {
    const { text } = markdownToMessageText(markdown, 'plain', BASE);
    expect(text).toContain('Payouts\n\nSee the FAQ (https://status.example.com/faq/#payouts-safe), write to support@example.com & check bold text.');
    expect(text).toContain('- one\n- two with code\n\n1. first\n2. second\n\n> quoted');
    expect(text).toContain('Footnote[1] and bad.');
    expect(text).toContain('1. The note.');
    expect(text).not.toMatch(/script|javascript|alert|↩/);
  });

  it('Slack mrkdwn: <url|text> links, its three characters escaped, *bold*', () => {
    const { text } = markdownToMessageText(markdown, 'slack', BASE);
    expect(text).toContain('*Payouts*');
    expect(text).toContain('See <https://status.example.com/faq/#payouts-safe|the FAQ>, write to <mailto:support@example.com|support@example.com> &amp; check *bold _text_*.');
    expect(text).toContain('• one\n• two with `code`');
    expect(markdownToMessageText('a < b > c', 'slack', BASE).text).toBe('a &lt; b &gt; c');
  });

  it('Discord and Teams Markdown: [text](url), Discord escapes what it would format', () => {
    expect(markdownToMessageText(markdown, 'discord', BASE).text).toContain('See [the FAQ](https://status.example.com/faq/#payouts-safe), write to');
    expect(markdownToMessageText('2 * 3 = 6 <@everyone> [x]', 'discord', BASE).text).toBe('2 \\* 3 = 6 \\<@everyone\\> \\[x\\]');
    expect(markdownToMessageText('[a (b)](https://e.example/a_(b))', 'teams', BASE).text).toBe('[a (b)](https://e.example/a_%28b%29)');
  });
});

describe('trimming to a platform limit', () => {
  const words = 'Payouts remain suspended while our processor reviews the documents we submitted this morning.';

  it('leaves a text that fits alone', () => {
    expect(trimMessageText({ text: words, atoms: [] }, words.length, 'en')).toEqual({ text: words, trimmed: false });
  });

  it('cuts between words, never inside one, and ends with …', () => {
    const { text, trimmed } = trimMessageText({ text: words, atoms: [] }, 30, 'en');
    expect(trimmed).toBe(true);
    expect(text).toBe('Payouts remain suspended…');
  });

  it('prefers the end of a sentence in Japanese', () => {
    const japanese = '新規登録・決済・出金は、引き続き停止しています。カード決済代行会社の担当部署と協議しました。再開の時期はまだ決まっていません。';
    expect(trimMessageText({ text: japanese, atoms: [] }, 36, 'ja').text).toBe('新規登録・決済・出金は、引き続き停止しています。…');
    // No sentence end within reach: a Japanese word boundary, not the middle of 停止.
    const cut = trimMessageText({ text: japanese, atoms: [] }, 21, 'ja').text;
    expect(japanese.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut).not.toMatch(/停…$/);
  });

  it('never cuts inside a link: the link stays whole or goes', () => {
    const message = markdownToMessageText('Read [the whole review of the processor](https://example.com/a/very/long/path) today.', 'slack', BASE);
    const cut = trimMessageText(message, 40, 'en').text;
    expect(cut).toBe('Read…');
    expect(trimMessageText(message, 200, 'en').trimmed).toBe(false);
  });

  it('property: the result fits, is a prefix of the text, and keeps every link whole or leaves it out', () => {
    const token = fc.oneof(
      fc.stringMatching(/^[a-z]{1,12}$/).map((word) => ({ text: word, link: false })),
      fc.stringMatching(/^[a-z]{1,8}$/).map((word) => ({ text: `<https://example.com/${word}|${word} link>`, link: true })),
      fc.constantFrom('停止しています', '出金', '。').map((text) => ({ text, link: false })),
    );
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 40 }), fc.integer({ min: 2, max: 200 }), (tokens, max) => {
        let text = '';
        const atoms: [number, number][] = [];
        for (const [index, t] of tokens.entries()) {
          if (index > 0) text += ' ';
          if (t.link) atoms.push([text.length, text.length + t.text.length]);
          text += t.text;
        }
        const message: MessageText = { text, atoms };
        const result = trimMessageText(message, max, 'en');
        expect(result.text.length).toBeLessThanOrEqual(Math.max(max, text.length <= max ? text.length : 0));
        if (!result.trimmed) {
          expect(result.text).toBe(text);
          return;
        }
        const kept = result.text.slice(0, -1);
        expect(result.text.endsWith('…')).toBe(true);
        expect(text.startsWith(kept)).toBe(true);
        for (const [start, end] of atoms) expect(kept.length <= start || kept.length >= end).toBe(true);
        // Not inside a word: the next character is not a letter continuing the last kept one.
        if (/[a-z]$/.test(kept)) expect(text[kept.length]).not.toMatch(/[a-z]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('messages about one notice', () => {
  const content: SiteContent = loadSiteContentOrThrow(projectRoot);
  const incident = content.incidents.find((i) => i.slug === '2018-04-12-payouts-suspended')!;
  const [suspension, update] = incident.notices;

  it('e-mail: subject, threading, list headers, text and HTML in the channel language', () => {
    const first = buildEmail(buildNoticeFacts(content, incident, suspension!, 'ja', address), { channelId: 'merchants', unsubscribe: undefined });
    const email = buildEmail(buildNoticeFacts(content, incident, update!, 'en', address), { channelId: 'merchants', unsubscribe: 'https://kakeru-pay.example/stop' });
    expect(first.subject).toBe('[カケルペイ ステータス] 新規登録・決済・出金の一時停止 — 停止のお知らせ');
    expect(first.messageId).toBe('<2018-04-12-suspension.2018-04-12-payouts-suspended.ja@status.kakeru-pay.example>');
    expect(first.inReplyTo).toBeUndefined();
    expect(first.headers['List-Unsubscribe']).toBe('<mailto:support@kakeru-pay.example?subject=unsubscribe>');
    expect(email.subject).toBe('[Kakeru Pay Status] Registration, payments and payouts suspended — Update');
    expect(email.inReplyTo).toBe('<2018-04-12-suspension.2018-04-12-payouts-suspended.en@status.kakeru-pay.example>');
    expect(email.references).toBe(email.inReplyTo);
    expect(email.headers).toEqual({
      'List-Unsubscribe': '<https://kakeru-pay.example/stop>',
      'List-Id': 'Kakeru Pay Status <merchants.status.kakeru-pay.example>',
      'Auto-Submitted': 'auto-generated',
      'Content-Language': 'en',
      'X-Shirase-Notice': '2018-04-12-payouts-suspended/2018-04-13-update',
    });
    expect(email.text).toContain('Next update: Sat, 14 Apr 2018 12:00 JST');
    expect(email.text).toContain('- Payouts: ■ Suspended');
    expect(email.text).toContain('Unsubscribe: https://kakeru-pay.example/stop');
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('href="mailto:support@kakeru-pay.example"');
  });

  it('e-mail HTML escapes what operators write; the sanitised Markdown keeps no script', () => {
    const hostile = makeIncident('x', {
      title: 'Payouts <b>&</b> "stopped"',
      notices: { 'n1': { type: 'suspension', date: '2024-01-01T00:00:00Z', title: '<img src=x onerror=alert(1)>', body: 'Text <script>alert(2)</script> [link](javascript:alert(3))', components: { payouts: 'suspended' } } },
    });
    const site: SiteContent = { config: makeConfig({ support: { email: 'help@example.com' } }), incidents: [hostile], faq: [] };
    const email = buildEmail(buildNoticeFacts(site, hostile, hostile.notices[0]!, 'en', address), { channelId: 'm', unsubscribe: undefined });
    expect(email.html).toContain('Payouts &lt;b&gt;&amp;&lt;/b&gt; &quot;stopped&quot;');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.html).not.toMatch(/<script|javascript:|<img/);
    expect(email.subject).toBe('[Example Status] Payouts <b>&</b> "stopped" — Suspension');
  });

  const long = makeIncident('long', {
    notices: {
      'n1': {
        type: 'suspension',
        date: '2024-01-01T00:00:00Z',
        title: 'A very long notice',
        components: { payouts: 'suspended', payments: 'degraded' },
        body: Array.from({ length: 400 }, (_, i) => `Sentence ${i} explains [the detail number ${i}](https://example.com/detail/${i}) at length.`).join(' '),
      },
    },
  });
  const longSite: SiteContent = { config: makeConfig({ support: { email: 'help@example.com' } }), incidents: [long], faq: [] };
  const facts = buildNoticeFacts(longSite, long, long.notices[0]!, 'en', address);
  const permalink = 'https://status.kakeru-pay.example/incidents/long/#n1';
  const wholeLinks = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[0]);

  it('Slack: Block Kit within its limits, links whole, the link to the notice at the end', () => {
    const slack = buildSlackMessage(facts);
    for (const block of slack.blocks) {
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
      if (block.type === 'section' && 'text' in block) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.section);
      if (block.type === 'section' && block.fields) for (const field of block.fields) expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.field);
    }
    const body = (slack.blocks.at(-2) as { text: { text: string } }).text.text;
    expect(body.endsWith('at length.…') || body.endsWith('…')).toBe(true);
    expect((body.match(/</g) ?? []).length).toBe((body.match(/>/g) ?? []).length);
    expect(wholeLinks(body, /<https:\/\/example\.com\/detail\/\d+\|the detail number \d+>/g).length).toBe((body.match(/</g) ?? []).length);
    expect((slack.blocks.at(-1) as { text: { text: string } }).text.text).toBe(`Read the whole notice on the status page: <${permalink}|View this notice on the status page>`);
  });

  it('Discord: one embed within every limit, mentions off, the colour of the worst state', () => {
    const discord = buildDiscordMessage(facts);
    const embed = discord.embeds[0];
    const total = embed.title.length + embed.description.length + embed.author.name.length + embed.footer.text.length + embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.description).toMatch(/…\n\nRead the whole notice on the status page: \[View this notice on the status page\]\(https:\/\/status\.kakeru-pay\.example\/incidents\/long\/#n1\)$/);
    const opened = (embed.description.match(/\]\(/g) ?? []).length;
    expect(wholeLinks(embed.description, /\[[^\]]+\]\(https:\/\/[^)]+\)/g)).toHaveLength(opened);
    expect(embed.color).toBe(0xa4161a);
    expect(discord.allowed_mentions).toEqual({ parse: [] });
  });

  it('Teams: an Adaptive Card with the facts, the text within its budget, and a button to the notice', () => {
    const teams = buildTeamsMessage(facts);
    const card = teams.attachments[0].content;
    const texts = card.body.filter((element) => element.type === 'TextBlock').map((element) => element.text);
    expect(texts.some((text) => text.length > TEAMS_LIMITS.text)).toBe(false);
    expect(texts).toContain('Read the whole notice on the status page');
    expect(card.body.find((element) => element.type === 'FactSet')).toEqual({
      type: 'FactSet',
      facts: [{ title: 'Posted', value: 'Mon, 1 Jan 2024 09:00 JST' }, { title: 'Next update', value: 'No time has been set for the next update yet' }, { title: 'Payments', value: '▲ Degraded performance' }, { title: 'Payouts', value: '■ Suspended' }],
    });
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'View this notice on the status page', url: permalink }]);
    expect(new TextEncoder().encode(JSON.stringify(teams)).length).toBeLessThan(28 * 1024);
  });

  it('webhook: the Status API incident as it stood after the notice, the page status then, and a shirase object', () => {
    // The newest notice on the site: after it, its incident reads exactly as the published Status API has it.
    const newest = content.incidents.find((i) => i.slug === '2018-09-03-payments-degraded')!;
    const latest = newest.notices.at(-1)!;
    const payload = buildWebhookPayload(buildNoticeFacts(content, newest, latest, 'ja', address), Date.parse('2019-01-01T00:00:00Z'));
    const api = buildStatuspageApi(content, { site: address.site, base: '/', now: latest.at })['/api/v2/incidents.json'].incidents.find((i) => i.id === newest.slug);
    expect(payload.incident).toEqual(api);
    expect(payload.meta).toEqual({ unsubscribe: null, documentation: null, generated_at: '2019-01-01T00:00:00Z' });

    const early = buildWebhookPayload(buildNoticeFacts(content, incident, update!, 'en', address), 0);
    expect(early.incident.incident_updates.map((u) => u.id)).toEqual(['2018-04-12-payouts-suspended/2018-04-13-update', '2018-04-12-payouts-suspended/2018-04-12-suspension']);
    expect(early.incident.status).toBe('identified');
    expect(early.incident.name).toBe('Registration, payments and payouts suspended');
    expect(early.page).toEqual({ id: expect.any(String), status_indicator: 'critical', status_description: expect.stringMatching(/^Registration, Payments and Payouts: Suspended/) });
    expect(early.shirase).toMatchObject({
      version: 1, notice_id: '2018-04-12-payouts-suspended/2018-04-13-update', notice_type: 'update', locale: 'en', lang: 'en',
      permalink: 'https://status.kakeru-pay.example/en/incidents/2018-04-12-payouts-suspended/#2018-04-13-update',
      posted_at: '2018-04-13T03:00:00Z', next_update_at: '2018-04-14T03:00:00Z', window: null,
    });
    expect(webhookMessageId('partners', 'a/b')).toBe(webhookMessageId('partners', 'a/b'));
    expect(webhookMessageId('partners', 'a/b')).not.toBe(webhookMessageId('other', 'a/b'));
    expect(webhookMessageId('partners', 'a/b')).toMatch(/^msg_[A-Za-z0-9_-]{27}$/);
  });

  it('each channel type gets its own message in the channel locale, the default locale when none is set', () => {
    const channel = (type: NotifyChannel['type'], locale?: 'en'): NotifyChannel =>
      type === 'email' ? { id: 'c', type, locale, smtpUrlEnv: 'S', from: 'a@b.example', toEnv: 'T', unsubscribe: undefined }
        : type === 'webhook' ? { id: 'c', type, locale, urlEnv: 'U', secretEnv: 'S' } : { id: 'c', type, locale, urlEnv: 'U' };
    const kinds = (['email', 'slack', 'discord', 'teams', 'webhook'] as const).map((type) => buildChannelMessage(channel(type), content, incident, update!, address, 0).kind);
    expect(kinds).toEqual(['email', 'chat', 'chat', 'chat', 'webhook']);
    const slackJa = buildChannelMessage(channel('slack'), content, incident, update!, address, 0);
    const slackEn = buildChannelMessage(channel('slack', 'en'), content, incident, update!, address, 0);
    expect(JSON.stringify(slackJa)).toContain('続報');
    expect(JSON.stringify(slackEn)).toContain('"text":"[Kakeru Pay Status] Registration, payments and payouts suspended — Update"');
  });
});
