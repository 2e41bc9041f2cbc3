import type { AstroIntegration } from 'astro';
import { loadSiteContent } from './lib/content/load.ts';
import { formatDiagnostic } from './lib/content/diagnostics.ts';

/**
 * Validates all content before Astro writes a single file: on any error the
 * build prints every problem as `file:line:col: error: message` and exits 1,
 * so a site with invalid content is never published.
 */
export function shiraseValidation(root: string): AstroIntegration {
  return {
    name: 'shirase:validate',
    hooks: {
      'astro:config:setup': ({ command }) => {
        if (command !== 'build') return;
        const result = loadSiteContent(root, { includeDrafts: process.env.SHIRASE_DRAFTS === '1' });
        for (const diagnostic of result.diagnostics) console.error(formatDiagnostic(diagnostic));
        if (!result.content) {
          const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
          console.error(`\nshirase: ${errors} error${errors === 1 ? '' : 's'} in the content; nothing was built. Fix them and run the build again (npm run check lists them without building).`);
          process.exit(1);
        }
      },
    },
  };
}
