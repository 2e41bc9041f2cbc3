import { writeFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { buildHeadersFile } from './lib/outputs/headers.ts';
import { loadSiteContent } from './lib/content/load.ts';
import { formatDiagnostic } from './lib/content/diagnostics.ts';
import { draftsIncluded, getBuildNow, shareSiteContent } from './lib/site-data.ts';
import { OutputWriter, readLayoutAssets, restorePreviousOutputs, setAsidePreviousOutputs, writeIncidentOutputs, writePreviewImages, writerFolders } from './lib/outputs/writer.ts';
import type { SiteContent } from './lib/model/types.ts';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/**
 * shirase's part of `astro build`:
 * - validates all content before Astro writes a single file: on any error the
 *   build prints every problem as `file:line:col: error: message` and exits 1,
 *   so a site with invalid content is never published;
 * - hands the validated content to the pages (loaded once);
 * - after Astro, writes `_headers`, the pages and feeds that multiply with
 *   incidents × locales (src/lib/outputs/writer.ts) and the preview images.
 */
export function shirase(root: string): AstroIntegration {
  let base = '/';
  let site: string | undefined;
  let content: SiteContent | undefined;
  let outDirUrl: URL | undefined;
  return {
    name: 'shirase',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        site = config.site;
        outDirUrl = config.outDir;
      },
      // Before Astro empties the output folder: keep the writer's previous files, so unchanged ones are not rewritten.
      'astro:build:start': () => {
        if (content && outDirUrl) setAsidePreviousOutputs(fileURLToPath(outDirUrl), writerFolders(content));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        // Files Astro will not route (names starting with "_").
        writeFileSync(join(outDir, '_headers'), buildHeadersFile(base));
        // The outputs that multiply with incidents × locales: written directly, not routed through Astro.
        const started = performance.now();
        const folders = writerFolders(content!);
        restorePreviousOutputs(outDir, folders);
        const out = new OutputWriter(outDir);
        const written = await writeIncidentOutputs(content!, { outDir, base, site: site ?? content!.config.url, now: getBuildNow(), assets: readLayoutAssets(outDir) }, out);
        const shown = written.length > 400 ? written.filter((path) => path.endsWith('/')).slice(0, 200) : written;
        for (const path of shown) logger.info(`  ├─ ${path}`);
        if (shown.length < written.length) logger.info(`  … ${written.length - shown.length} more`);
        logger.info(`wrote ${written.length} incident pages and feeds in ${Math.round(performance.now() - started)}ms (${out.rewritten} changed since the last build)`);
        const imagesStarted = performance.now();
        const images = await writePreviewImages(content!, { outDir, now: getBuildNow() }, out);
        const removed = out.prune(folders);
        logger.info(`wrote ${images.length} preview images in ${Math.round(performance.now() - imagesStarted)}ms${removed > 0 ? `; removed ${removed} files of pages that no longer exist` : ''}`);
      },
      'astro:config:setup': ({ command }) => {
        process.env.SHIRASE_ASTRO_COMMAND = command;
        if (command !== 'build') return;
        const result = loadSiteContent(root, { includeDrafts: draftsIncluded() });
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
        for (const diagnostic of errors) console.error(formatDiagnostic(diagnostic));
        // Warnings do not stop a publish; show a few and point at the full list.
        for (const diagnostic of warnings.slice(0, 5)) console.warn(formatDiagnostic(diagnostic));
        if (warnings.length > 5) console.warn(`… and ${warnings.length - 5} more warnings (npm run check lists them all)`);
        if (!result.content) {
          console.error(`\nshirase: ${errors.length} error${errors.length === 1 ? '' : 's'} in the content; nothing was built. Fix them and run the build again (npm run check lists them without building).`);
          process.exit(1);
        }
        shareSiteContent(root, draftsIncluded(), result.content);
        content = result.content;
      },
    },
  };
}
