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
  })
  .transform((config) => {
    // The default locale always comes first; duplicates are dropped.
    const locales = [...new Set<Locale>([config.defaultLocale, ...(config.locales ?? [])])];
    return { ...config, locales };
  });
export type SiteConfig = z.infer<typeof SiteConfigSchema>;
/** The keys an operator may write in the config file. */
export const SITE_CONFIG_KEYS = Object.keys(SiteConfigSchema.in.shape);
