import type { SiteConfig } from './config-schema.ts';
import type { ComponentState, Impact, Locale, NoticeType } from '../core/states.ts';

/** The translatable text of a notice in one language. */
export interface NoticeText {
  title: string | undefined;
  /** Markdown body. */
  body: string;
}

/** One published message to merchants: a file in an incident folder. */
export interface Notice extends NoticeText {
  /** File stem; the permanent anchor id on the incident page. */
  id: string;
  /** Slug of the incident the notice belongs to. */
  incidentSlug: string;
  /** Source path relative to the site root. */
  file: string;
  type: NoticeType;
  /** The date exactly as the operator wrote it (with its offset). */
  date: string;
  /** The same instant in epoch milliseconds. */
  at: number;
  /** Component states this notice declares, as written (a resumption's implied resets are in the timeline, not here). */
  components: Readonly<Record<string, ComponentState>>;
  /** The promised time of the next notice, if any. */
  nextUpdate: { written: string; at: number } | undefined;
  /** A planned maintenance window this notice sets or moves. */
  window: { start: number; end: number } | undefined;
  /** A `completed` notice that calls the maintenance off. */
  cancelled: boolean;
  /** The language `title` and `body` are written in. */
  lang: Locale;
  /** Published translations by locale (never the notice's own language). */
  translations: Readonly<Partial<Record<Locale, NoticeText>>>;
  draft: boolean;
}

/** The translatable text of an incident in one language. */
export interface IncidentText {
  title: string;
  summary: string;
  /** Optional Markdown overview from the body of `incident.md`. */
  overview: string;
}

/** A file kept beside an incident's notices (an image, a PDF) that its published text refers to. */
export interface IncidentFile {
  /** Its name in the incident folder; published as that name in the folder `routes.incidentFiles(slug)`. */
  name: string;
  /** Path relative to the site root, e.g. incidents/x/chart.png. */
  file: string;
  /** SHA-256 of its bytes (hex): the writer's render key covers the bytes through it. */
  sha256: string;
}

/** An incident: a folder of notices plus `incident.md`. */
export interface Incident extends IncidentText {
  /** Folder name; the permanent URL `/incidents/<slug>/`. */
  slug: string;
  /** Path of `incident.md` relative to the site root. */
  file: string;
  /** Impact as written, or derived from the worst component state. */
  impact: Impact;
  /** FAQ entry ids related to this incident. */
  faq: readonly string[];
  /** Notices in chronological order (ties are rejected by validation). */
  notices: readonly Notice[];
  lang: Locale;
  translations: Readonly<Partial<Record<Locale, IncidentText>>>;
  /** The files beside the notices that the published notices and overview refer to, by name. */
  files: readonly IncidentFile[];
  draft: boolean;
}

/** The translatable text of a FAQ entry in one language. */
export interface FaqText {
  question: string;
  /** Markdown answer. */
  body: string;
}

/** One merchant FAQ answer. */
export interface FaqEntry extends FaqText {
  /** File stem; the permanent anchor id on `/faq/`. */
  id: string;
  file: string;
  order: number;
  components: readonly string[];
  lang: Locale;
  translations: Readonly<Partial<Record<Locale, FaqText>>>;
  draft: boolean;
}

/** Everything a build needs, validated. Incidents newest first by start. */
export interface SiteContent {
  config: SiteConfig;
  incidents: readonly Incident[];
  faq: readonly FaqEntry[];
}

/** The translatable text of a notice template in one language. */
export interface NoticeTemplateText {
  /** The notice headline, with placeholders. */
  title: string | undefined;
  /** The notice text, with placeholders. */
  body: string;
}

/** A notice to start from (`src/content/templates/<name>.md`), for `npm run new`. Never published. */
export interface NoticeTemplate extends NoticeTemplateText {
  /** File stem: `--template <name>`. */
  name: string;
  file: string;
  type: NoticeType;
  /** When to use it, for the pick list. */
  label: string;
  /** Component states to start from. */
  components: Readonly<Record<string, ComponentState>>;
  /** Hours to the promised next update, when it differs from the site's cadence. */
  updateCadenceHours: number | undefined;
  lang: Locale;
  translations: Readonly<Partial<Record<Locale, NoticeTemplateText>>>;
}
