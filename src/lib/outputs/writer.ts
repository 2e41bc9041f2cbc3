import { getRssString } from '@astrojs/rss';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * The folders only this writer fills. Astro empties the output folder at the
 * start of every build; the integration sets these aside first and puts them
 * back before writing, so a file whose bytes did not change is not rewritten
 * (rewriting just-deleted files is what made rebuilds slow) and keeps its
 * modification time for deploy tools that compare them.
 */
export function writerFolders(content: SiteContent): string[] {
  const { config } = content;
  return [...config.locales.map((locale) => localePath(locale, config.defaultLocale, '/incidents').slice(1)), 'og'];
}

function holdingFolder(outDir: string): string {
  return `${outDir.replace(/[\\/]+$/, '')}.shirase-previous`;
}

/** Moves the writer's folders of the previous build out of the output folder (before Astro empties it). */
export function setAsidePreviousOutputs(outDir: string, folders: readonly string[]): void {
  const holding = holdingFolder(outDir);
  rmSync(holding, { recursive: true, force: true });
  for (const folder of folders) {
    const from = join(outDir, folder);
    if (!existsSync(from)) continue;
    mkdirSync(holding, { recursive: true });
    renameSync(from, join(holding, folder.replaceAll('/', '__')));
  }
}

/** Puts the set-aside folders back, for the writer to update in place. */
export function restorePreviousOutputs(outDir: string, folders: readonly string[]): void {
  const holding = holdingFolder(outDir);
  for (const folder of folders) {
    const from = join(holding, folder.replaceAll('/', '__'));
    const to = join(outDir, folder);
    if (!existsSync(from) || existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
  }
  rmSync(holding, { recursive: true, force: true });
}

/** Writes files under an output folder, skipping those whose bytes are already there, and remembers them all. */
export class OutputWriter {
  readonly outDir: string;
  readonly files = new Set<string>();
  rewritten = 0;
  private readonly madeDirs = new Set<string>();

  constructor(outDir: string) {
    this.outDir = outDir;
  }

  /** Writes `body` at a site path ("/x/" means "/x/index.html"); returns the site path. */
  write(sitePath: string, body: string | Buffer): string {
    const file = join(this.outDir, sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath);
    this.files.add(file);
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    try {
      if (statSync(file).size === bytes.length && readFileSync(file).equals(bytes)) return sitePath;
    } catch {
      // Not there yet.
    }
    const dir = dirname(file);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    writeFileSync(file, bytes);
    this.rewritten++;
    return sitePath;
  }

  /** Deletes what a previous build left in `folders` that this build did not write (a removed incident or notice). */
  prune(folders: readonly string[]): number {
    let removed = 0;
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          visit(path);
          if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
        } else if (!this.files.has(path)) {
          rmSync(path);
          removed++;
        }
      }
    };
    for (const folder of folders) if (existsSync(join(this.outDir, folder))) visit(join(this.outDir, folder));
    return removed;
  }
}

/** Writes every incident page, incident feed and notice share page in every locale; returns the site paths written. */
export async function writeIncidentOutputs(content: SiteContent, options: WriteOptions, out: OutputWriter = new OutputWriter(options.outDir)): Promise<string[]> {
  const written: string[] = [];
  const { config } = content;
  for (const locale of config.locales) {
    const ctx = createRenderContext(content, { locale, base: options.base, site: options.site, now: options.now });
    const feed = { site: options.site, base: options.base, locale, strings: useStrings(locale) };
    for (const incident of content.incidents) {
      const page = localePath(locale, config.defaultLocale, routes.incident(incident.slug));
      written.push(out.write(page, renderDocument(ctx, incidentShell(ctx, incident), renderIncidentMain(ctx, incident), options.assets)));
      const rss = await getRssString(buildRssFeed(content, { kind: 'incident', incident }, feed));
      written.push(out.write(localePath(locale, config.defaultLocale, routes.incidentFeed(incident.slug)), rss));
      for (const notice of incident.notices) {
        const share = localePath(locale, config.defaultLocale, routes.noticePage(incident.slug, notice.id));
        written.push(out.write(share, renderDocument(ctx, noticeShareShell(ctx, incident, notice), renderNoticeShareMain(ctx, incident, notice), options.assets)));
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
export async function writePreviewImages(content: SiteContent, options: Pick<WriteOptions, 'outDir' | 'now'>, out: OutputWriter = new OutputWriter(options.outDir)): Promise<string[]> {
  const fonts = loadPreviewFonts();
  const images: [string, () => Promise<Buffer>][] = [
    [SITE_PREVIEW_PATH, () => renderSitePreview(fonts, content, options.now)],
    ...incidentsWithPreview(content, options.now).map((incident): [string, () => Promise<Buffer>] => [previewImagePath(incident.slug), () => renderIncidentPreview(fonts, content, incident, options.now)]),
  ];
  for (const [sitePath, render] of images) out.write(sitePath, await render());
  return images.map(([sitePath]) => sitePath);
}
