import type { z } from 'astro/zod';
import { issuesToDiagnostics } from './issues.ts';
import { createIncidentSchema, createNoticeSchema, type SchemaContext } from './schema.ts';

/**
 * One answer typed into `npm run new`, checked as `check` will check it once
 * it is in a file: the front matter it would be written into goes through the
 * same schema, and the messages of the problems with that field are the same
 * messages `check` prints. There is no second validator.
 */
export interface AnswerChecker {
  /** The problem with `field` of a notice's front matter, or undefined when it is valid. */
  notice(frontMatter: Record<string, unknown>, field: string): string | undefined;
  /** The problem with `field` of an incident.md front matter, or undefined when it is valid. */
  incident(frontMatter: Record<string, unknown>, field: string): string | undefined;
}

export function createAnswerChecker(context: SchemaContext): AnswerChecker {
  const noticeSchema = createNoticeSchema(context);
  const incidentSchema = createIncidentSchema();
  const problem = (schema: z.ZodType, keys: readonly string[], frontMatter: Record<string, unknown>, field: string) => {
    const parsed = schema.safeParse(frontMatter);
    if (parsed.success) return undefined;
    const issues = parsed.error.issues.filter((issue) => issue.path[0] === field);
    const source = { data: frontMatter, locate: () => ({ line: 0, column: 0 }) };
    const messages = issuesToDiagnostics('', issues, source, keys).map((d) => d.message);
    return messages.length > 0 ? messages.join('; ') : undefined;
  };
  return {
    notice: (frontMatter, field) => problem(noticeSchema, Object.keys(noticeSchema.shape), frontMatter, field),
    incident: (frontMatter, field) => problem(incidentSchema, Object.keys(incidentSchema.shape), frontMatter, field),
  };
}
