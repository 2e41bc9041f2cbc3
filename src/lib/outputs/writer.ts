import { getRssString } from '@astrojs/rss';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SiteContent } from '../model/types.ts';
import { createRenderContext } from '../render/context.ts';
import { incidentShell, noticeShareShell, renderIncidentMain, renderNoticeShareMain } from '../render/pages/incident.ts';
import { renderDocument, type PageAssets } from '../render/shell.ts';
import { useStrings } from '../../i18n/index.ts';
import { localePath, routes } from '../urls.ts';
import { buildRssFeed } from './feeds.ts';
import { incidentsWithPreview, loadPreviewFonts, previewImagePath, renderIncidentPreview, renderSitePreview, SITE_PREVIEW_PATH } from './preview-image.ts';

/**
 * Writes the outputs that multiply with incidents × locales and notices ×
 * locales (incident pages, incident feeds, notice share pages) directly, after `astro build` has written the rest.
 * Astro's per-route pipeline costs a few milliseconds per file; these are
 * plain functions and synchronous writes, so a 10 000-incident site stays
 * within the build-time budget.
 */
export interface WriteOptions {
  outDir: string;
  base: string;
  site: string | URL;
  now: number;
  assets: PageAssets;
}

/** The stylesheet and module scripts Astro linked from a page it built (the layout's, shared by every page). */
export function findLayoutAssets(pageHtml: string): PageAssets {
  const head = pageHtml.slice(0, pageHtml.indexOf('</head>'));
  return {
    styles: [...head.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!),
    scripts: [...head.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1]!),
  };
}

export function readLayoutAssets(outDir: string): PageAssets {
  return findLayoutAssets(readFileSync(join(outDir, 'index.html'), 'utf8'));
}

const madeDirs = new Set<string>();

function write(outDir: string, sitePath: string, body: string): string {
  const file = join(outDir, sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath);
  const dir = dirname(file);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  writeFileSync(file, body);
  return sitePath;
}

/** Writes every incident page, incident feed and notice share page in every locale; returns the site paths written. */
export async function writeIncidentOutputs(content: SiteContent, options: WriteOptions): Promise<string[]> {
  const written: string[] = [];
  const { config } = content;
  for (const locale of config.locales) {
    const ctx = createRenderContext(content, { locale, base: options.base, site: options.site, now: options.now });
    const feed = { site: options.site, base: options.base, locale, strings: useStrings(locale) };
    for (const incident of content.incidents) {
      const page = localePath(locale, config.defaultLocale, routes.incident(incident.slug));
      written.push(write(options.outDir, page, renderDocument(ctx, incidentShell(ctx, incident), renderIncidentMain(ctx, incident), options.assets)));
      const rss = await getRssString(buildRssFeed(content, { kind: 'incident', incident }, feed));
      written.push(write(options.outDir, localePath(locale, config.defaultLocale, routes.incidentFeed(incident.slug)), rss));
      for (const notice of incident.notices) {
        const share = localePath(locale, config.defaultLocale, routes.noticePage(incident.slug, notice.id));
        written.push(write(options.outDir, share, renderDocument(ctx, noticeShareShell(ctx, incident, notice), renderNoticeShareMain(ctx, incident, notice), options.assets)));
      }
    }
  }
  return written;
}

/**
 * Writes the link-preview images: the site-wide /og.png and one per incident
 * that `incidentsWithPreview` selects (open ones plus the most recent), in
 * the default locale. Constant work per build, whatever the history's size.
 */
export async function writePreviewImages(content: SiteContent, options: Pick<WriteOptions, 'outDir' | 'now'>): Promise<string[]> {
  const fonts = loadPreviewFonts();
  const images: [string, () => Promise<Buffer>][] = [
    [SITE_PREVIEW_PATH, () => renderSitePreview(fonts, content, options.now)],
    ...incidentsWithPreview(content, options.now).map((incident): [string, () => Promise<Buffer>] => [previewImagePath(incident.slug), () => renderIncidentPreview(fonts, content, incident, options.now)]),
  ];
  for (const [sitePath, render] of images) {
    const file = join(options.outDir, sitePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, await render());
  }
  return images.map(([sitePath]) => sitePath);
}
