import { z } from 'astro/zod';
import { LOCALES, type Locale } from '../core/states.ts';
import { isKnownTimeZone } from '../core/dates.ts';
import { LocalizedTextSchema } from '../core/localized-text.ts';

const ID = /^[a-z0-9][a-z0-9-]*$/;

/** One service merchants rely on, shown with its own state. */
export const ComponentSchema = z.strictObject({
  /** Permanent id used in notices (`components: { payouts: suspended }`); lowercase letters, digits and hyphens. */
  id: z.string().regex(ID, { error: 'must use only lowercase letters a-z, digits and hyphens, e.g. "payouts"' }),
  /** Name merchants see, e.g. 出金, or per locale { ja: 出金, en: Payouts }. */
  name: LocalizedTextSchema,
  /** One sentence on what the service does for merchants, plain or per locale. */
  description: LocalizedTextSchema.optional(),
  /** Date (YYYY-MM-DD) the service started; availability before it is "no data". */
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2018-01-01' }).optional(),
});
export type ComponentConfig = z.infer<typeof ComponentSchema>;

/** How merchants reach a human. */
export const SupportSchema = z.strictObject({
  /** Support e-mail address. */
  email: z.email().optional(),
  /** Support or contact-form URL. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** Phone number as merchants should dial it. */
  phone: z.string().optional(),
  /** Opening hours, in words, plain or per locale. */
  hours: LocalizedTextSchema.optional(),
});

/** The brand mark shown before the site name in every page's header. */
export const LogoSchema = z.strictObject({
  /** Site path of the image, a file in `public/`, e.g. /logo.svg (the base path is added). */
  src: z.string().regex(/^\/[A-Za-z0-9._~\/-]+\.(svg|png|webp|avif|jpg|jpeg|gif)$/, {
    error: 'must be the path of an image in public/, e.g. "/logo.svg"',
  }),
  /** Width and height in CSS pixels as shown in the header (about 32 high), so the page does not jump when it loads. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** Where `npm run notify` can send notices. */
export const CHANNEL_TYPES = ['email', 'slack', 'discord', 'teams', 'webhook'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** The name of an environment variable: capital letters, digits and underscores, e.g. SHIRASE_SMTP_URL. */
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** What each `…Env` field names, for the messages: what the variable holds and an example name. */
const ENV_FIELDS = {
  smtpUrlEnv: { holds: 'the SMTP URL (smtp://user:password@host:587 or smtps://…)', example: 'SHIRASE_SMTP_URL' },
  toEnv: { holds: 'the recipient addresses (one, or several separated by commas)', example: 'SHIRASE_MAIL_TO' },
  urlEnv: { holds: 'the webhook URL', example: 'SHIRASE_SLACK_WEBHOOK_URL' },
  secretEnv: { holds: 'the signing secret (whsec_…)', example: 'SHIRASE_WEBHOOK_SECRET' },
} as const;
type EnvField = keyof typeof ENV_FIELDS;

/**
 * A field that names an environment variable. Its value is never shown in a
 * message: an operator who pasted the secret itself must not see it copied
 * into a CI log.
 */
function envNameField(field: EnvField) {
  const { holds, example } = ENV_FIELDS[field];
  return z.string().superRefine((value, ctx) => {
    if (ENV_NAME.test(value)) return;
    const pasted = /[:@/]|^whsec_/.test(value);
    ctx.addIssue({
      code: 'custom',
      message: pasted
        ? `${field} holds ${holds} itself, but it must only name the environment variable that holds it: secrets and addresses never go in the `
          + `repository. Store the value in an environment variable (a repository secret on CI) and write its name, e.g. "${field}: ${example}"`
        : `${field} must name an environment variable (capital letters A-Z, digits and "_"), e.g. "${field}: ${example}"`,
    });
  });
}

/** Literal fields an operator may reach for; each is an error that points to the `…Env` field instead. */
const LITERAL_FIELDS: Record<string, { field: EnvField; what: string }> = {
  url: { field: 'urlEnv', what: 'a webhook URL in the repository, and a webhook URL is a secret: anyone who has it can post to the channel' },
  webhookUrl: { field: 'urlEnv', what: 'a webhook URL in the repository, and a webhook URL is a secret: anyone who has it can post to the channel' },
  smtpUrl: { field: 'smtpUrlEnv', what: 'the SMTP URL and its password in the repository' },
  smtp: { field: 'smtpUrlEnv', what: 'the SMTP URL and its password in the repository' },
  password: { field: 'smtpUrlEnv', what: 'a password in the repository (it belongs in the SMTP URL, smtp://user:password@host:587)' },
  to: { field: 'toEnv', what: "merchants' e-mail addresses in the repository" },
  secret: { field: 'secretEnv', what: 'the signing secret in the repository' },
};

function literalField(key: string) {
  const { field, what } = LITERAL_FIELDS[key]!;
  const message = `"${key}" would put ${what}. Store it in an environment variable (a repository secret on CI) and name that variable instead: `
    + `"${field}: ${ENV_FIELDS[field].example}"`;
  return z.unknown().optional().refine((value) => value === undefined, { error: message, params: { key: true } });
}

/** The fields each channel type needs, and the ones it may have; any other type-specific field is an error. */
type RequiredField = 'smtpUrlEnv' | 'toEnv' | 'from' | 'urlEnv' | 'secretEnv';
type ChannelField = RequiredField | 'unsubscribe';
const CHANNEL_FIELDS: Record<ChannelType, { required: readonly RequiredField[]; optional: readonly ChannelField[] }> = {
  email: { required: ['smtpUrlEnv', 'from', 'toEnv'], optional: ['unsubscribe'] },
  slack: { required: ['urlEnv'], optional: [] },
  discord: { required: ['urlEnv'], optional: [] },
  teams: { required: ['urlEnv'], optional: [] },
  webhook: { required: ['urlEnv', 'secretEnv'], optional: [] },
};
const ALL_CHANNEL_FIELDS: readonly ChannelField[] = ['smtpUrlEnv', 'toEnv', 'from', 'unsubscribe', 'urlEnv', 'secretEnv'];
const allows = (type: ChannelType, field: ChannelField) =>
  (CHANNEL_FIELDS[type].required as readonly ChannelField[]).includes(field) || CHANNEL_FIELDS[type].optional.includes(field);

const FIELD_PURPOSE: Record<RequiredField, (type: ChannelType) => string> = {
  smtpUrlEnv: () => `the environment variable holding ${ENV_FIELDS.smtpUrlEnv.holds}, e.g. "smtpUrlEnv: SHIRASE_SMTP_URL"`,
  toEnv: () => `the environment variable holding ${ENV_FIELDS.toEnv.holds}, e.g. "toEnv: SHIRASE_MAIL_TO"`,
  from: () => 'the sender, e.g. "from: Kakeru Pay Status <status@kakeru-pay.example>"',
  urlEnv: (type) => `the environment variable holding ${ENV_FIELDS.urlEnv.holds}, e.g. "urlEnv: SHIRASE_${type === 'webhook' ? '' : `${type.toUpperCase()}_`}`
    + 'WEBHOOK_URL"',
  secretEnv: () => `the environment variable holding ${ENV_FIELDS.secretEnv.holds}, e.g. "secretEnv: SHIRASE_WEBHOOK_SECRET"`,
};

/** An address as mail headers write it: `status@example.com` or `Name <status@example.com>`. */
const MAIL_ADDRESS = /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

/** One place `npm run notify` sends every new notice to. */
export const NotifyChannelSchema = z
  .strictObject({
    /** Permanent id of the channel; the ledger records deliveries under it. Lowercase letters, digits and hyphens. */
    id: z.string().regex(ID, { error: 'must use only lowercase letters a-z, digits and hyphens, e.g. "merchants-mail"' }),
    /** email, slack, discord, teams or webhook. */
    type: z.enum(CHANNEL_TYPES),
    /** The language of the messages, one of the site's locales; default: defaultLocale. */
    locale: z.enum(LOCALES).optional(),
    /** email: name of the environment variable holding the SMTP URL, smtp://user:password@host:587 or smtps://…:465. */
    smtpUrlEnv: envNameField('smtpUrlEnv').optional(),
    /** email: the sender, `status@example.com` or `Name <status@example.com>`; it is public, so it is written here. */
    from: z
      .string()
      .regex(MAIL_ADDRESS, { error: 'must be an e-mail address, e.g. "status@kakeru-pay.example" or "Kakeru Pay Status <status@kakeru-pay.example>"' })
      .optional(),
    /** email: name of the environment variable holding the recipients: one address (a list or group) or several, comma-separated. */
    toEnv: envNameField('toEnv').optional(),
    /** email: where a merchant asks to stop the e-mails (`mailto:` or `https:`), sent as List-Unsubscribe; default: mailto: the support e-mail. */
    unsubscribe: z
      .url({ protocol: /^(mailto|https)$/, error: 'must be a mailto: address or an https:// URL, e.g. "mailto:support@kakeru-pay.example"' })
      .optional(),
    /** slack, discord, teams, webhook: name of the environment variable holding the webhook URL. */
    urlEnv: envNameField('urlEnv').optional(),
    /** webhook: name of the environment variable holding the Standard Webhooks signing secret (`whsec_…`). */
    secretEnv: envNameField('secretEnv').optional(),
    ...Object.fromEntries(Object.keys(LITERAL_FIELDS).map((key) => [key, literalField(key)])),
  })
  .superRefine((channel, ctx) => {
    for (const field of CHANNEL_FIELDS[channel.type].required) {
      if (channel[field] !== undefined) continue;
      const message = `channel "${channel.id}" (${channel.type}) needs "${field}": ${FIELD_PURPOSE[field](channel.type)}`;
      ctx.addIssue({ code: 'custom', path: ['type'], message });
    }
    for (const field of ALL_CHANNEL_FIELDS) {
      if (channel[field] === undefined || allows(channel.type, field)) continue;
      const owners = CHANNEL_TYPES.filter((type) => allows(type, field));
      const message = `"${field}" is for ${owners.join(' and ')} channels, not for channel "${channel.id}" (${channel.type}); remove it`;
      ctx.addIssue({ code: 'custom', path: [field], params: { key: true }, message });
    }
  })
  .transform((channel): NotifyChannel => {
    const common = { id: channel.id, locale: channel.locale };
    switch (channel.type) {
      case 'email':
        return { ...common, type: 'email', smtpUrlEnv: channel.smtpUrlEnv!, from: channel.from!, toEnv: channel.toEnv!, unsubscribe: channel.unsubscribe };
      case 'webhook':
        return { ...common, type: 'webhook', urlEnv: channel.urlEnv!, secretEnv: channel.secretEnv! };
      default:
        return { ...common, type: channel.type, urlEnv: channel.urlEnv! };
    }
  });

interface ChannelBase {
  id: string;
  /** Undefined: the site's defaultLocale. */
  locale: Locale | undefined;
}
export interface EmailChannel extends ChannelBase {
  type: 'email';
  smtpUrlEnv: string;
  from: string;
  toEnv: string;
  unsubscribe: string | undefined;
}
export interface ChatChannel extends ChannelBase {
  type: 'slack' | 'discord' | 'teams';
  urlEnv: string;
}
export interface WebhookChannel extends ChannelBase {
  type: 'webhook';
  urlEnv: string;
  secretEnv: string;
}
export type NotifyChannel = EmailChannel | ChatChannel | WebhookChannel;

/** `notify:`: where `npm run notify` sends each newly published notice. */
export const NotifySchema = z.strictObject({
  /** Notices older than this many hours when notify first sees them are recorded as skipped, never sent. */
  maxAgeHours: z.number().positive().default(48),
  /** Seconds to wait for one request (or one SMTP step) before it counts as failed. */
  timeoutSeconds: z.number().positive().max(120).default(10),
  /** How many times a failed request is tried again within one run (with growing pauses); later runs try again. */
  retries: z.number().int().min(0).max(10).default(3),
  /** Where to send; each channel gets every notice once. */
  channels: z.array(NotifyChannelSchema).min(1, { error: 'needs at least one channel' }),
});
export type NotifyConfig = z.infer<typeof NotifySchema>;

/** `src/site.config.yaml`: everything an operator sets once. */
export const SiteConfigSchema = z
  .strictObject({
    /** Site name, shown in the header, the page titles and the feeds; plain or per locale. */
    name: LocalizedTextSchema,
    /** One sentence describing the page, used in feeds and search results; plain or per locale. */
    description: LocalizedTextSchema.optional(),
    /** Absolute URL the site is served from, e.g. https://status.example.com (overridable with `astro build --site`). */
    url: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL such as https://status.example.com' }),
    /** Path prefix when served from a sub-folder, e.g. /status (overridable with `astro build --base`). */
    base: z.string().regex(/^\/[A-Za-z0-9._~\/-]*$/, { error: 'must start with "/", e.g. "/" or "/status"' }).default('/'),
    /** The language notices are written in and the site's root (/) is shown in: ja or en. */
    defaultLocale: z.enum(LOCALES),
    /** Every language the site is published in; others than the default live under /<locale>/. */
    locales: z.array(z.enum(LOCALES)).min(1).optional(),
    /** IANA time zone all times are shown in, e.g. Asia/Tokyo; never the build machine's zone. */
    timeZone: z.string().refine(isKnownTimeZone, { error: 'must be an IANA time zone name such as "Asia/Tokyo"' }),
    /** How merchants reach support; shown in the footer. */
    support: SupportSchema.default({}),
    /** Optional logo before the site name in the header; the name stays the link's text. */
    logo: LogoSchema.optional(),
    /** The services whose state the page reports, in display order. */
    components: z.array(ComponentSchema).min(1, { error: 'needs at least one component' }),
    /** How many resolved incidents `/` lists under "recently resolved". */
    recentResolved: z.number().int().min(0).default(5),
    /** `check --overdue` flags an open incident silent for longer than this many hours, whatever it promised. */
    maxSilenceHours: z.number().positive().default(24),
    /** `npm run new` promises the next update this many hours after a new notice. */
    updateCadenceHours: z.number().positive().default(24),
    /** How many of the newest notices each site-wide feed lists (per-incident feeds list all of theirs). */
    feedLimit: z.number().int().min(1).default(50),
    /** Where `npm run notify` sends newly published notices (e-mail, Slack, Discord, Teams, webhooks); see docs/notifications.md. */
    notify: NotifySchema.optional(),
  })
  .superRefine((config, ctx) => {
    const locales = new Set<Locale>([config.defaultLocale, ...(config.locales ?? [])]);
    const seen = new Set<string>();
    config.notify?.channels.forEach((channel, index) => {
      if (seen.has(channel.id)) {
        const message = `notify.channels has id "${channel.id}" twice; every channel needs its own id, because the ledger records deliveries by it`;
        ctx.addIssue({ code: 'custom', path: ['notify', 'channels', index, 'id'], message });
      }
      seen.add(channel.id);
      if (channel.type === 'email' && channel.unsubscribe === undefined && config.support.email === undefined) {
        ctx.addIssue({
          code: 'custom', path: ['notify', 'channels', index, 'type'],
          message: `channel "${channel.id}" (email) needs "unsubscribe", where a merchant asks to stop these e-mails (sent as List-Unsubscribe), `
            + 'e.g. "unsubscribe: mailto:support@kakeru-pay.example?subject=unsubscribe"; or set support.email, and requests go there',
        });
      }
      if (channel.locale !== undefined && !locales.has(channel.locale)) {
        const known = [...locales].join(', ');
        const message = `locale is "${channel.locale}", which is not one of the site's locales (${known}); use one of them or add it to "locales"`;
        ctx.addIssue({ code: 'custom', path: ['notify', 'channels', index, 'locale'], message });
      }
    });
  })
  .transform((config) => {
    // The default locale always comes first; duplicates are dropped.
    const locales = [...new Set<Locale>([config.defaultLocale, ...(config.locales ?? [])])];
    return { ...config, locales };
  });
export type SiteConfig = z.infer<typeof SiteConfigSchema>;
/** The keys an operator may write in the config file. */
export const SITE_CONFIG_KEYS = Object.keys(SiteConfigSchema.in.shape);
