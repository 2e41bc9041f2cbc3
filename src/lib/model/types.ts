import type { SiteConfig } from '../config/schema.ts';
import type { ComponentState, Impact, NoticeType } from '../states.ts';

/** One published message to merchants: a file in an incident folder. */
export interface Notice {
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
  /** Optional headline. */
  title: string | undefined;
  /** Markdown body. */
  body: string;
  draft: boolean;
}

/** An incident: a folder of notices plus `incident.md`. */
export interface Incident {
  /** Folder name; the permanent URL `/incidents/<slug>/`. */
  slug: string;
  /** Path of `incident.md` relative to the site root. */
  file: string;
  title: string;
  summary: string;
  /** Impact as written, or derived from the worst component state. */
  impact: Impact;
  /** FAQ entry ids related to this incident. */
  faq: readonly string[];
  /** Optional Markdown overview from the body of `incident.md`. */
  overview: string;
  /** Notices in chronological order (ties are rejected by validation). */
  notices: readonly Notice[];
  draft: boolean;
}

/** One merchant FAQ answer. */
export interface FaqEntry {
  /** File stem; the permanent anchor id on `/faq/`. */
  id: string;
  file: string;
  question: string;
  order: number;
  components: readonly string[];
  /** Markdown answer. */
  body: string;
  draft: boolean;
}

/** Everything a build needs, validated. Incidents newest first by start. */
export interface SiteContent {
  config: SiteConfig;
  incidents: readonly Incident[];
  faq: readonly FaqEntry[];
}
