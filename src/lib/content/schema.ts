import { z } from 'astro/zod';
import { COMPONENT_STATES, IMPACTS, NOTICE_TYPES } from '../states.ts';
import { parseInstant } from '../dates.ts';
import { didYouMean } from './diagnostics.ts';

/**
 * The content contract. One schema per file kind; everything the loader,
 * `check`, `new` and the pages know about a field comes from here.
 */

/** Slugs, notice ids and FAQ ids: permanent URL parts. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What validation needs from the site config. */
export interface SchemaContext {
  /** Display zone, used to suggest the right offset for a date written without one. */
  timeZone: string;
  /** Known component ids, or undefined when the config itself is broken (then ids are not checked). */
  componentIds: readonly string[] | undefined;
}

function instant(field: string, context: SchemaContext) {
  return z.string().superRefine((value, ctx) => {
    const parsed = parseInstant(value, context.timeZone);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `${field} "${value}" ${parsed.problem}` });
  });
}

function componentIdList(field: string, context: SchemaContext) {
  return z.array(z.string()).superRefine((ids, ctx) => {
    const known = context.componentIds;
    if (!known) return;
    ids.forEach((id, index) => {
      if (!known.includes(id)) {
        ctx.addIssue({ code: 'custom', path: [index], message: `${field} names unknown component "${id}"; known components are ${known.join(', ')}.${didYouMean(id, known)}` });
      }
    });
  });
}

/** `incidents/<slug>/incident.md` front matter. The body is an optional overview. */
export function createIncidentSchema() {
  return z.strictObject({
    /** Headline of the incident, e.g. 新規登録・決済・出金の一時停止. */
    title: z.string().trim().min(1),
    /** One sentence for feeds, link previews and the status banner. */
    summary: z.string().trim().min(1),
    /** How badly merchants are hit; derived from the worst component state when omitted. */
    impact: z.enum(IMPACTS).optional(),
    /** FAQ entry ids (file stems in src/content/faq/) shown on the incident page. */
    faq: z.array(z.string()).default([]),
    /** A draft incident appears nowhere: no page, feed item, sitemap entry or JSON. */
    draft: z.boolean().default(false),
  });
}
export type IncidentFrontmatter = z.infer<ReturnType<typeof createIncidentSchema>>;

/** `incidents/<slug>/<notice-id>.md` front matter. The body is the notice text. */
export function createNoticeSchema(context: SchemaContext) {
  return z
    .strictObject({
      /** suspension opens the incident, update reports progress, resumption closes it, postmortem follows it. */
      type: z.enum(NOTICE_TYPES),
      /** When the notice was published: ISO 8601 with an explicit UTC offset, e.g. 2018-04-12T18:00:00+09:00. */
      date: instant('date', context),
      /** Component id → state at this notice; a resumption sets the rest back to operational. */
      components: z
        .record(z.string(), z.enum(COMPONENT_STATES))
        .default({})
        .superRefine((components, ctx) => {
          const known = context.componentIds;
          if (!known) return;
          for (const id of Object.keys(components)) {
            if (!known.includes(id)) {
              ctx.addIssue({ code: 'custom', path: [id], params: { key: true }, message: `components has unknown component "${id}"; known components are ${known.join(', ')}.${didYouMean(id, known)}` });
            }
          }
        }),
      /** When the next notice is promised; must be after `date`. */
      next_update: instant('next_update', context).optional(),
      /** Optional headline of this notice. */
      title: z.string().trim().min(1).optional(),
      /** A draft notice appears nowhere: no page, feed item, sitemap entry or JSON. */
      draft: z.boolean().default(false),
    })
    .superRefine((notice, ctx) => {
      if (notice.next_update === undefined) return;
      const date = parseInstant(notice.date, context.timeZone);
      const next = parseInstant(notice.next_update, context.timeZone);
      if (date.ok && next.ok && next.epochMs <= date.epochMs) {
        ctx.addIssue({
          code: 'custom',
          path: ['next_update'],
          message: `next_update "${notice.next_update}" is not after date "${notice.date}"; promise the next notice for a later time, or remove next_update`,
        });
      }
    });
}
export type NoticeFrontmatter = z.infer<ReturnType<typeof createNoticeSchema>>;

/** `src/content/faq/<id>.md` front matter. The body is the answer. */
export function createFaqSchema(context: SchemaContext) {
  return z.strictObject({
    /** The question as a merchant would ask it. */
    question: z.string().trim().min(1),
    /** Position in the FAQ; lower comes first. */
    order: z.number().int().default(100),
    /** Component ids the answer is about; shown first while those components are affected. */
    components: componentIdList('components', context).default([]),
    /** A draft entry appears nowhere. */
    draft: z.boolean().default(false),
  });
}
export type FaqFrontmatter = z.infer<ReturnType<typeof createFaqSchema>>;

/** An example value per field, used in "add a line like …" hints. */
export const FIELD_EXAMPLES: Record<string, string> = {
  title: 'title: 新規登録・決済・出金の一時停止',
  summary: 'summary: 2018年4月12日18:00より新規登録・決済・出金を停止しています。',
  type: 'type: update',
  date: 'date: 2018-04-13T12:00:00+09:00',
  question: 'question: 保留中の売上は安全ですか?',
  name: 'name: カケルペイ ステータス',
  url: 'url: https://status.example.com',
  locale: 'locale: ja',
  timeZone: 'timeZone: Asia/Tokyo',
  components: 'components: [{ id: payouts, name: 出金 }]',
};
