import type { Notice } from '../model/types.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { MarkdownFile } from './markdown-file.ts';

/** A notice together with the file it came from, for positions in messages. */
export interface SourcedNotice {
  notice: Notice;
  source: MarkdownFile;
}

/**
 * The order of an incident's published notices: it opens with one suspension,
 * closes with at most one resumption, and only a postmortem may follow that.
 * `notices` must be sorted by date.
 */
export function checkIncidentRules(incidentFile: string, notices: readonly SourcedNotice[], diagnostics: Diagnostic[]): void {
  if (notices.length === 0) return;
  const error = (entry: SourcedNotice, field: string, message: string) => {
    const { line, column } = entry.source.locate([field]);
    diagnostics.push({ file: entry.source.file, line, column, severity: 'error', message });
  };

  const opening = notices.find((n) => n.notice.type === 'suspension');
  if (!opening) {
    diagnostics.push({ file: incidentFile, line: 0, column: 0, severity: 'error', message: `incident has no suspension notice; its earliest notice must have "type: suspension" (it opens the incident)` });
  }
  let resumption: SourcedNotice | undefined;
  let previous: SourcedNotice | undefined;
  for (const entry of notices) {
    const { notice } = entry;
    if (previous && previous.notice.at === notice.at) {
      error(entry, 'date', `date "${notice.date}" is the same instant as ${previous.notice.id}.md; two notices of one incident cannot share a time, so give this one a later time`);
    }
    if (opening && entry !== opening && notice.at < opening.notice.at) {
      error(entry, 'date', `date "${notice.date}" is before the incident's opening suspension (${opening.notice.id}.md, ${opening.notice.date}); the suspension must be the earliest notice`);
    } else if (opening && entry !== opening && notice.type === 'suspension') {
      error(entry, 'type', `type is "suspension", but ${opening.notice.id}.md already opened this incident; use "type: update" for later notices`);
    }
    if (notice.type === 'resumption') {
      if (resumption) {
        error(entry, 'type', `type is "resumption", but ${resumption.notice.id}.md already closed this incident; an incident has at most one resumption (use "type: update" or "type: postmortem")`);
      } else {
        resumption = entry;
      }
    } else if (resumption && notice.type !== 'postmortem' && entry !== resumption) {
      error(entry, 'type', `type is "${notice.type}" after the resumption (${resumption.notice.id}.md, ${resumption.notice.date}); only a postmortem may follow a resumption`);
    } else if (!resumption && notice.type === 'postmortem') {
      error(entry, 'type', `type is "postmortem" but the incident has no earlier resumption; publish the resumption first, or date the postmortem after it`);
    }
    previous = entry;
  }
}
