/**
 * The `notify:` block of the site config: channels name environment
 * variables, never hold a secret or an address; every mistake is a `check`
 * error with the line, the field, what was expected and how to fix it, and
 * never repeats a pasted secret.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/lib/content/load.ts';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../../src/lib/content/diagnostics.ts';
import { projectRoot } from './helpers.ts';

const BASE = `name: Kakeru Pay Status
url: https://status.kakeru-pay.example
defaultLocale: ja
locales: [ja, en]
timeZone: Asia/Tokyo
support:
  email: support@kakeru-pay.example
components:
  - id: payouts
    name: 出金
`;

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

function load(yaml: string): { config: ReturnType<typeof loadConfigFile>; problems: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'shirase-notify-config-'));
  roots.push(root);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/site.config.yaml'), yaml);
  const diagnostics: Diagnostic[] = [];
  const config = loadConfigFile(root, diagnostics);
  return { config, problems: sortDiagnostics(diagnostics).map(formatDiagnostic) };
}

describe('notify: in the site config', () => {
  it('reads every channel type, with defaults for the limits and the locale left to the site', () => {
    const { config, problems } = load(`${BASE}notify:
  channels:
    - { id: mail, type: email, smtpUrlEnv: SHIRASE_SMTP_URL, from: "Status <status@kakeru-pay.example>", toEnv: SHIRASE_MAIL_TO }
    - { id: chat, type: slack, locale: en, urlEnv: SHIRASE_SLACK_WEBHOOK_URL }
    - { id: game, type: discord, urlEnv: SHIRASE_DISCORD_WEBHOOK_URL }
    - { id: office, type: teams, urlEnv: SHIRASE_TEAMS_WEBHOOK_URL }
    - { id: hook, type: webhook, urlEnv: SHIRASE_WEBHOOK_URL, secretEnv: SHIRASE_WEBHOOK_SECRET }
`);
    expect(problems).toEqual([]);
    expect(config?.notify).toEqual({
      maxAgeHours: 48,
      timeoutSeconds: 10,
      retries: 3,
      channels: [
        { id: 'mail', type: 'email', locale: undefined, smtpUrlEnv: 'SHIRASE_SMTP_URL', from: 'Status <status@kakeru-pay.example>', toEnv: 'SHIRASE_MAIL_TO', unsubscribe: undefined },
        { id: 'chat', type: 'slack', locale: 'en', urlEnv: 'SHIRASE_SLACK_WEBHOOK_URL' },
        { id: 'game', type: 'discord', locale: undefined, urlEnv: 'SHIRASE_DISCORD_WEBHOOK_URL' },
        { id: 'office', type: 'teams', locale: undefined, urlEnv: 'SHIRASE_TEAMS_WEBHOOK_URL' },
        { id: 'hook', type: 'webhook', locale: undefined, urlEnv: 'SHIRASE_WEBHOOK_URL', secretEnv: 'SHIRASE_WEBHOOK_SECRET' },
      ],
    });
  });

  it('a literal URL, address, password or secret is an error that says to use an environment variable, at its line', () => {
    const { config, problems } = load(`${BASE}notify:
  channels:
    - id: chat
      type: slack
      url: https://hooks.slack.com/services/T000/B000/SECRETTOKEN
    - id: mail
      type: email
      smtpUrlEnv: SHIRASE_SMTP_URL
      password: hunter2hunter2
      from: status@kakeru-pay.example
      to: merchant@shop.example
    - id: hook
      type: webhook
      urlEnv: SHIRASE_WEBHOOK_URL
      secret: whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0
`);
    expect(config).toBeUndefined();
    expect(problems).toEqual([
      'src/site.config.yaml:14:13: error: channel "chat" (slack) needs "urlEnv": the environment variable holding the webhook URL, e.g. "urlEnv: SHIRASE_SLACK_WEBHOOK_URL"',
      'src/site.config.yaml:15:7: error: "url" would put a webhook URL in the repository, and a webhook URL is a secret: anyone who has it can post to the channel. Store it in an environment variable (a repository secret on CI) and name that variable instead: "urlEnv: SHIRASE_SLACK_WEBHOOK_URL"',
      'src/site.config.yaml:17:13: error: channel "mail" (email) needs "toEnv": the environment variable holding the recipient addresses (one, or several separated by commas), e.g. "toEnv: SHIRASE_MAIL_TO"',
      'src/site.config.yaml:19:7: error: "password" would put a password in the repository (it belongs in the SMTP URL, smtp://user:password@host:587). Store it in an environment variable (a repository secret on CI) and name that variable instead: "smtpUrlEnv: SHIRASE_SMTP_URL"',
      'src/site.config.yaml:21:7: error: "to" would put merchants\' e-mail addresses in the repository. Store it in an environment variable (a repository secret on CI) and name that variable instead: "toEnv: SHIRASE_MAIL_TO"',
      'src/site.config.yaml:23:13: error: channel "hook" (webhook) needs "secretEnv": the environment variable holding the signing secret (whsec_…), e.g. "secretEnv: SHIRASE_WEBHOOK_SECRET"',
      'src/site.config.yaml:25:7: error: "secret" would put the signing secret in the repository. Store it in an environment variable (a repository secret on CI) and name that variable instead: "secretEnv: SHIRASE_WEBHOOK_SECRET"',
    ]);
    for (const secret of ['SECRETTOKEN', 'hunter2', 'merchant@shop', 'whsec_c2Vj']) expect(problems.join('\n')).not.toContain(secret);
  });

  it('a secret pasted into an …Env field is an error that does not repeat it', () => {
    const { problems } = load(`${BASE}notify:
  channels:
    - { id: chat, type: slack, urlEnv: "https://hooks.slack.com/services/T000/B000/SECRETTOKEN" }
    - { id: mail, type: email, smtpUrlEnv: SHIRASE_SMTP_URL, from: status@kakeru-pay.example, toEnv: shop@merchant.example }
    - { id: hook, type: webhook, urlEnv: lowercase_name, secretEnv: SHIRASE_WEBHOOK_SECRET }
`);
    expect(problems).toEqual([
      'src/site.config.yaml:13:40: error: urlEnv holds the webhook URL itself, but it must only name the environment variable that holds it: secrets and addresses never go in the repository. Store the value in an environment variable (a repository secret on CI) and write its name, e.g. "urlEnv: SHIRASE_SLACK_WEBHOOK_URL"',
      'src/site.config.yaml:14:102: error: toEnv holds the recipient addresses (one, or several separated by commas) itself, but it must only name the environment variable that holds it: secrets and addresses never go in the repository. Store the value in an environment variable (a repository secret on CI) and write its name, e.g. "toEnv: SHIRASE_MAIL_TO"',
      'src/site.config.yaml:15:42: error: urlEnv must name an environment variable (capital letters A-Z, digits and "_"), e.g. "urlEnv: SHIRASE_SLACK_WEBHOOK_URL"',
    ]);
    expect(problems.join('\n')).not.toContain('SECRETTOKEN');
    expect(problems.join('\n')).not.toContain('shop@merchant');
  });

  it('fields of another channel type, an unknown type, duplicate ids, a locale the site lacks, and e-mail without a way to unsubscribe', () => {
    const typo = load(`${BASE}notify:
  channels:
    - { id: chat, type: slak, urlEnv: SHIRASE_SLACK_WEBHOOK_URL }
`);
    expect(typo.problems).toEqual(['src/site.config.yaml:13:25: error: notify.channels.0.type is "slak", expected one of email, slack, discord, teams, webhook. Did you mean "slack"?']);

    const foreign = load(`${BASE}notify:
  channels:
    - { id: chat, type: slack, urlEnv: SHIRASE_SLACK_WEBHOOK_URL, secretEnv: SHIRASE_WEBHOOK_SECRET, from: status@kakeru-pay.example }
`);
    expect(foreign.problems).toEqual([
      'src/site.config.yaml:13:67: error: "secretEnv" is for webhook channels, not for channel "chat" (slack); remove it',
      'src/site.config.yaml:13:102: error: "from" is for email channels, not for channel "chat" (slack); remove it',
    ]);

    const duplicates = load(`${BASE.replace('locales: [ja, en]\n', '').replace(/support:\n.*\n/, '')}notify:
  channels:
    - { id: chat, type: slack, urlEnv: SHIRASE_SLACK_WEBHOOK_URL }
    - { id: chat, type: discord, locale: en, urlEnv: SHIRASE_DISCORD_WEBHOOK_URL }
    - { id: mail, type: email, smtpUrlEnv: SHIRASE_SMTP_URL, from: status@kakeru-pay.example, toEnv: SHIRASE_MAIL_TO }
`);
    expect(duplicates.problems).toEqual([
      'src/site.config.yaml:11:13: error: notify.channels has id "chat" twice; every channel needs its own id, because the ledger records deliveries by it',
      'src/site.config.yaml:11:42: error: locale is "en", which is not one of the site\'s locales (ja); use one of them or add it to "locales"',
      'src/site.config.yaml:12:25: error: channel "mail" (email) needs "unsubscribe", where a merchant asks to stop these e-mails (sent as List-Unsubscribe), e.g. "unsubscribe: mailto:support@kakeru-pay.example?subject=unsubscribe"; or set support.email, and requests go there',
    ]);
  });

  it('the example block commented out in src/site.config.yaml is valid once uncommented', () => {
    const example = readFileSync(join(projectRoot, 'src/site.config.yaml'), 'utf8');
    expect(example).toContain('\n# notify:\n');
    const { config, problems } = load(example.replace(/^# notify:$/m, 'notify:').replace(/^# {3}/gm, '  '));
    expect(problems).toEqual([]);
    expect(config?.notify?.channels.map((channel) => `${channel.id} (${channel.type})`)).toEqual(['merchants-mail (email)', 'support-slack (slack)', 'partners (webhook)']);
  });
});
