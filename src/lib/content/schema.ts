import { z } from 'astro/zod';
import { COMPONENT_STATES, IMPACTS, LOCALES, NOTICE_TYPES, type Locale } from '../core/states.ts';
import { parseInstant } from '../core/dates.ts';
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
  /** The site's languages, default first. */
  locales: readonly Locale[];
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
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `${field} names unknown component "${id}"; known components are ${known.join(', ')}.${didYouMean(id, known)}`,
        });
      }
    });
  });
}

/** `id: state` lines naming configured components. */
function componentStates(context: SchemaContext) {
  return z.record(z.string(), z.enum(COMPONENT_STATES)).superRefine((components, ctx) => {
    const known = context.componentIds;
    if (!known) return;
    for (const id of Object.keys(components)) {
      if (!known.includes(id)) {
        const message = `components has unknown component "${id}"; known components are ${known.join(', ')}.${didYouMean(id, known)}`;
        ctx.addIssue({ code: 'custom', path: [id], params: { key: true }, message });
      }
    }
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
    /** Language the incident is written in, when it is not the site's default language. */
    lang: z.enum(LOCALES).optional(),
    /** A draft incident appears nowhere: no page, feed item, sitemap entry or JSON. */
    draft: z.boolean().default(false),
  });
}
export type IncidentFrontmatter = z.infer<ReturnType<typeof createIncidentSchema>>;

/** `incidents/<slug>/<notice-id>.md` front matter. The body is the notice text. */
export function createNoticeSchema(context: SchemaContext) {
  const instantOrder = (
    notice: {
      date: string;
      next_update?: string | undefined;
      window_start?: string | undefined;
      window_end?: string | undefined;
      type: string;
      cancelled?: boolean | undefined;
    },
    ctx: z.core.$RefinementCtx,
  ) => {
    const at = (value: string | undefined) => {
      if (value === undefined) return undefined;
      const parsed = parseInstant(value, context.timeZone);
      return parsed.ok ? parsed.epochMs : undefined;
    };
    const date = at(notice.date);
    const next = at(notice.next_update);
    if (date !== undefined && next !== undefined && next <= date) {
      ctx.addIssue({
        code: 'custom',
        path: ['next_update'],
        message: `next_update "${notice.next_update}" is not after date "${notice.date}"; promise the next notice for a later time, or remove next_update`,
      });
    }
    if ((notice.window_start === undefined) !== (notice.window_end === undefined)) {
      const missing = notice.window_start === undefined ? 'window_start' : 'window_end';
      ctx.addIssue({
        code: 'custom',
        path: [missing === 'window_start' ? 'window_end' : 'window_start'],
        message: `window_start and window_end go together; add ${missing} too (a window moves as a whole)`,
      });
    }
    const start = at(notice.window_start);
    const end = at(notice.window_end);
    if (start !== undefined && end !== undefined && end <= start) {
      ctx.addIssue({
        code: 'custom',
        path: ['window_end'],
        message: `window_end "${notice.window_end}" is not after window_start "${notice.window_start}"; the maintenance window must end after it starts`,
      });
    }
    if (notice.type === 'maintenance' && (notice.window_start === undefined || notice.window_end === undefined)) {
      const missing = notice.window_start === undefined ? 'window_start' : 'window_end';
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `a maintenance notice needs window_start and window_end; "${missing}" is missing (e.g. ${missing}: 2018-05-01T02:00:00+09:00)`,
      });
    }
    if ((notice.window_start !== undefined || notice.window_end !== undefined) && notice.type !== 'maintenance' && notice.type !== 'update') {
      ctx.addIssue({
        code: 'custom',
        path: [notice.window_start !== undefined ? 'window_start' : 'window_end'],
        message: `type "${notice.type}" cannot set a maintenance window; ` +
          `only a maintenance notice (or an update that moves its window) has window_start/window_end`,
      });
    }
    if (notice.cancelled !== undefined && notice.type !== 'completed') {
      ctx.addIssue({
        code: 'custom',
        path: ['cancelled'],
        message: `cancelled only applies to a "completed" notice that calls off a maintenance; remove it from this ${notice.type} notice`,
      });
    }
  };
  return z
    .strictObject({
      /** suspension or maintenance opens the incident; update reports progress; resumption (or completed, for a maintenance) closes it; postmortem follows. */
      type: z.enum(NOTICE_TYPES),
      /** When the notice was published: ISO 8601 with an explicit UTC offset, e.g. 2018-04-12T18:00:00+09:00. */
      date: instant('date', context),
      /** Component id → state at this notice; a resumption sets the rest back to operational. */
      components: componentStates(context).default({}),
      /** When the next notice is promised; must be after `date`. */
      next_update: instant('next_update', context).optional(),
      /** Start of a planned maintenance window (maintenance notices, or an update that moves the window). */
      window_start: instant('window_start', context).optional(),
      /** End of a planned maintenance window; after window_start. */
      window_end: instant('window_end', context).optional(),
      /** On a `completed` notice: the maintenance was called off rather than done. */
      cancelled: z.boolean().optional(),
      /** Optional headline of this notice. */
      title: z.string().trim().min(1).optional(),
      /** Language the notice is written in, when it is not the site's default language. */
      lang: z.enum(LOCALES).optional(),
      /** A draft notice appears nowhere: no page, feed item, sitemap entry or JSON. */
      draft: z.boolean().default(false),
    })
    .superRefine(instantOrder);
}
export type NoticeFrontmatter = z.infer<ReturnType<typeof createNoticeSchema>>;

/** `<notice-id>.<locale>.md`: a translation carries only the translatable fields; the facts stay in the original. */
export const NoticeTranslationSchema = z.strictObject({
  /** Translated headline. */
  title: z.string().trim().min(1).optional(),
  /** A draft translation is not published; the original is shown instead. */
  draft: z.boolean().default(false),
});

/** `incident.<locale>.md`: translated title and summary; the body translates the overview. */
export const IncidentTranslationSchema = z.strictObject({
  /** Translated headline. */
  title: z.string().trim().min(1),
  /** Translated one-sentence summary. */
  summary: z.string().trim().min(1),
});

/** `<faq-id>.<locale>.md`: the translated question; the body translates the answer. */
export const FaqTranslationSchema = z.strictObject({
  /** Translated question. */
  question: z.string().trim().min(1),
  /** A draft translation is not published. */
  draft: z.boolean().default(false),
});

/** `src/content/faq/<id>.md` front matter. The body is the answer. */
export function createFaqSchema(context: SchemaContext) {
  return z.strictObject({
    /** The question as a merchant would ask it. */
    question: z.string().trim().min(1),
    /** Position in the FAQ; lower comes first. */
    order: z.number().int().default(100),
    /** Component ids the answer is about; shown first while those components are affected. */
    components: componentIdList('components', context).default([]),
    /** Language the answer is written in, when it is not the site's default language. */
    lang: z.enum(LOCALES).optional(),
    /** A draft entry appears nowhere. */
    draft: z.boolean().default(false),
  });
}
export type FaqFrontmatter = z.infer<ReturnType<typeof createFaqSchema>>;

/**
 * `src/content/templates/<name>.md` front matter: a notice to start from with
 * `npm run new -- <type> --template <name>`. The body is the notice text with
 * placeholders (`{{since}}`, `{{next_update}}`, …; see placeholder.ts). A
 * template is never published.
 */
export function createTemplateSchema(context: SchemaContext) {
  return z
    .strictObject({
      /** The notice type it writes; `npm run new` offers it for notices of that type only. */
      type: z.enum(NOTICE_TYPES),
      /** One line saying when to use it, shown in the guided pick list, e.g. 決済代行会社による出金の保留. */
      label: z.string().trim().min(1),
      /** The notice's headline (its `title`); may hold placeholders. */
      title: z.string().trim().min(1).optional(),
      /** Component states to start from. In an update or a resumption, the incident's current states win. */
      components: componentStates(context).default({}),
      /** Hours from the notice to its promised next_update, instead of the site's updateCadenceHours (suspension and update only). */
      update_cadence_hours: z.number().positive().optional(),
      /** Language the template is written in, when it is not the site's default language. */
      lang: z.enum(LOCALES).optional(),
    })
    .superRefine((template, ctx) => {
      if (template.update_cadence_hours !== undefined && template.type !== 'suspension' && template.type !== 'update') {
        ctx.addIssue({
          code: 'custom', path: ['update_cadence_hours'],
          message: 'update_cadence_hours only applies to a suspension or update template (they promise the next update); '
            + `remove it from this ${template.type} template`,
        });
      }
    });
}
export type TemplateFrontmatter = z.infer<ReturnType<typeof createTemplateSchema>>;

/** `<name>.<locale>.md` beside a template: the translated headline; the body translates the text. */
export const TemplateTranslationSchema = z.strictObject({
  /** Translated headline; may hold placeholders. */
  title: z.string().trim().min(1).optional(),
});

/** An example value per field, used in "add a line like …" hints. */
export const FIELD_EXAMPLES: Record<string, string> = {
  title: 'title: 新規登録・決済・出金の一時停止',
  summary: 'summary: 2018年4月12日18:00より新規登録・決済・出金を停止しています。',
  type: 'type: update',
  date: 'date: 2018-04-13T12:00:00+09:00',
  question: 'question: 保留中の売上は安全ですか?',
  name: 'name: カケルペイ ステータス',
  url: 'url: https://status.example.com',
  defaultLocale: 'defaultLocale: ja',
  timeZone: 'timeZone: Asia/Tokyo',
  components: 'components: [{ id: payouts, name: 出金 }]',
};
