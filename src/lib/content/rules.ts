import type { Notice } from './types.ts';
import { CLOSING_TYPES, OPENING_TYPES } from '../core/states.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { MarkdownFile } from './markdown-file.ts';

/** A notice together with the file it came from, for positions in messages. */
export interface SourcedNotice {
  notice: Notice;
  source: MarkdownFile;
}

/**
 * The order of an incident's published notices: it opens with one suspension
 * (or one planned maintenance), closes with at most one resumption (or, for a
 * maintenance, a completed notice), and only a postmortem may follow that.
 * `notices` must be sorted by date.
 */
export function checkIncidentRules(incidentFile: string, notices: readonly SourcedNotice[], diagnostics: Diagnostic[]): void {
  if (notices.length === 0) return;
  const error = (entry: SourcedNotice, field: string, message: string) => {
    const { line, column } = entry.source.locate([field]);
    diagnostics.push({ file: entry.source.file, line, column, severity: 'error', message });
  };

  const opening = notices.find((n) => OPENING_TYPES.includes(n.notice.type));
  if (!opening) {
    const message = 'incident has no opening notice; its earliest notice must have "type: suspension" (or "type: maintenance" for planned work)';
    diagnostics.push({ file: incidentFile, line: 0, column: 0, severity: 'error', message });
  }
  let closing: SourcedNotice | undefined;
  let previous: SourcedNotice | undefined;
  for (const entry of notices) {
    const { notice } = entry;
    if (previous && previous.notice.at === notice.at) {
      const cause = `date "${notice.date}" is the same instant as ${previous.notice.id}.md`;
      error(entry, 'date', `${cause}; two notices of one incident cannot share a time, so give this one a later time`);
    }
    if (opening && entry !== opening && notice.at < opening.notice.at) {
      const first = `${opening.notice.type} (${opening.notice.id}.md, ${opening.notice.date})`;
      error(entry, 'date', `date "${notice.date}" is before the incident's opening ${first}; the ${opening.notice.type} must be the earliest notice`);
    } else if (opening && entry !== opening && OPENING_TYPES.includes(notice.type)) {
      error(entry, 'type', `type is "${notice.type}", but ${opening.notice.id}.md already opened this incident; use "type: update" for later notices`);
    }
    if (notice.type === 'completed' && opening && opening.notice.type !== 'maintenance') {
      const cause = `type is "completed", which closes a planned maintenance, but this incident opened with a ${opening.notice.type}`;
      error(entry, 'type', `${cause}; use "type: resumption"`);
    }
    if (notice.window !== undefined && notice.type === 'update' && opening && opening.notice.type !== 'maintenance') {
      error(entry, 'window_start', `an update can move a maintenance window only in a maintenance incident; this one opened with a ${opening.notice.type}`);
    }
    if (CLOSING_TYPES.includes(notice.type)) {
      if (closing) {
        const cause = `type is "${notice.type}", but ${closing.notice.id}.md already closed this incident`;
        error(entry, 'type', `${cause}; an incident closes once (use "type: update" or "type: postmortem")`);
      } else {
        closing = entry;
      }
    } else if (closing && notice.type !== 'postmortem') {
      const close = `${closing.notice.type} (${closing.notice.id}.md, ${closing.notice.date})`;
      error(entry, 'type', `type is "${notice.type}" after the ${close}; only a postmortem may follow it`);
    } else if (!closing && notice.type === 'postmortem') {
      const closer = opening?.notice.type === 'maintenance' ? 'completed notice' : 'resumption';
      error(entry, 'type', `type is "postmortem" but the incident is not closed yet; publish the ${closer} first, or date the postmortem after it`);
    }
    previous = entry;
  }
}
