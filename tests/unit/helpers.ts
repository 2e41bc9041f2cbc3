/** Builders shared by the unit tests: hand-made notices, incidents and configs, independent of the loader. */
import { fileURLToPath } from 'node:url';
import { SiteConfigSchema, type SiteConfig } from '../../src/lib/content/config-schema.ts';
import type { FaqEntry, Incident, Notice } from '../../src/lib/content/types.ts';
import type { ComponentState, Locale, NoticeType } from '../../src/lib/core/states.ts';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('../fixtures/unit/', import.meta.url));

/** Epoch ms of an ISO 8601 string with an offset (via Date.parse, so these tests do not depend on dates.ts). */
export function ms(iso: string): number {
  const value = Date.parse(iso);
  if (Number.isNaN(value)) throw new Error(`bad test date ${iso}`);
  return value;
}

export interface NoticeSpec {
  type: NoticeType;
  date: string;
  components?: Record<string, ComponentState>;
  nextUpdate?: string;
  window?: [start: string, end: string];
  cancelled?: boolean;
  title?: string;
  body?: string;
  lang?: Locale;
  draft?: boolean;
}

export function makeNotice(slug: string, id: string, spec: NoticeSpec): Notice {
  return {
    id,
    incidentSlug: slug,
    file: `incidents/${slug}/${id}.md`,
    type: spec.type,
    date: spec.date,
    at: ms(spec.date),
    components: spec.components ?? {},
    nextUpdate: spec.nextUpdate === undefined ? undefined : { written: spec.nextUpdate, at: ms(spec.nextUpdate) },
    window: spec.window === undefined ? undefined : { start: ms(spec.window[0]), end: ms(spec.window[1]) },
    cancelled: spec.cancelled ?? false,
    title: spec.title,
    body: spec.body ?? `Body of ${id}.`,
    lang: spec.lang ?? 'en',
    translations: {},
    draft: spec.draft ?? false,
  };
}

export interface IncidentSpec {
  title?: string;
  summary?: string;
  faq?: string[];
  lang?: Locale;
  notices: Record<string, NoticeSpec>;
}

/** An incident whose notices are given as id → spec, in chronological order. */
export function makeIncident(slug: string, spec: IncidentSpec): Incident {
  const lang = spec.lang ?? 'en';
  return {
    slug,
    file: `incidents/${slug}/incident.md`,
    title: spec.title ?? `Incident ${slug}`,
    summary: spec.summary ?? `Summary of ${slug}.`,
    impact: 'major',
    faq: spec.faq ?? [],
    overview: '',
    notices: Object.entries(spec.notices).map(([id, notice]) => makeNotice(slug, id, { lang, ...notice })),
    lang,
    translations: {},
    files: [],
    draft: false,
  };
}

export function makeFaq(id: string, order: number, components: string[]): FaqEntry {
  return { id, file: `src/content/faq/${id}.md`, question: `Question ${id}?`, order, components, body: `Answer ${id}.`, lang: 'en', translations: {}, draft: false };
}

/** A config as the loader would produce it (defaults filled in by the real schema). */
export function makeConfig(overrides: Record<string, unknown> = {}): SiteConfig {
  return SiteConfigSchema.parse({
    name: 'Example Status',
    url: 'https://status.example.com',
    defaultLocale: 'en',
    timeZone: 'Asia/Tokyo',
    components: [
      { id: 'registration', name: { en: 'Registration', ja: '新規登録' } },
      { id: 'payments', name: { en: 'Payments', ja: '決済' } },
      { id: 'payouts', name: { en: 'Payouts', ja: '出金' } },
      { id: 'dashboard', name: { en: 'Dashboard', ja: '管理画面' } },
    ],
    ...overrides,
  });
}
