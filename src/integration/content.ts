import { formatDiagnostic, type Diagnostic } from '../lib/content/diagnostics.ts';
import { loadSiteContent } from '../lib/content/load.ts';
import type { SiteContent } from '../lib/content/types.ts';
import { openIncidentMemo } from './incident-memo.ts';

/**
 * Loads and validates the site's content (the same loader as `npm run check`). A build passes its project and
 * output folder: the incident folders that did not change since the last build of that folder are then
 * recalled, not read again (incident-memo.ts).
 */
export function loadContent(
  root: string,
  drafts: boolean,
  build?: { projectRoot: string; outDir: string; stamps?: ReadonlyMap<string, string> | undefined },
): { content: SiteContent | undefined; diagnostics: readonly Diagnostic[] } {
  const incidentMemo = build ? openIncidentMemo(build.projectRoot, root, build.outDir, build.stamps) : undefined;
  const { content, diagnostics } = loadSiteContent(root, { includeDrafts: drafts, incidentMemo });
  incidentMemo?.save();
  return { content, diagnostics };
}

/**
 * Prints every error and the first five warnings, one `file:line:col: severity: message` a line.
 * Warnings do not stop a publish; `npm run check` lists them all.
 */
export function reportContent(diagnostics: readonly Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  for (const diagnostic of errors) console.error(formatDiagnostic(diagnostic));
  for (const diagnostic of warnings.slice(0, 5)) console.warn(formatDiagnostic(diagnostic));
  if (warnings.length > 5) console.warn(`… and ${warnings.length - 5} more warnings (npm run check lists them all)`);
}

/** The sentence that ends a build refused for its content. */
export function refusal(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    `shirase: ${errors} error${errors === 1 ? '' : 's'} in the content; nothing was built. ` +
    'Fix them and run the build again (npm run check lists them without building).'
  );
}
