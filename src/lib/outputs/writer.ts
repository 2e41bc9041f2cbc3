import { getRssString } from '@astrojs/rss';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { SiteContent } from '../content/types.ts';
import { folderPath } from '../core/files.ts';
import type { Locale } from '../core/states.ts';
import { previewImageKey, unitId, unitKey } from './render-cache.ts';
import type { UnitRecord } from './render-record.ts';
import { createRenderContext, type RenderContext, type RenderSettings } from '../render/context.ts';
import { renderIncidentPage, renderNoticePage } from '../render/pages/incident.ts';
import { useStrings } from '../../i18n/index.ts';
import { localePath, routes } from '../core/urls.ts';
import { buildRssFeed } from './feeds.ts';
import { incidentPreviewTree, loadPreviewFonts, sitePreviewTree, toPng, type PreviewFont } from './preview-image.ts';
import { incidentsWithPreview, previewImagePath, SITE_PREVIEW_PATH } from '../render/preview.ts';

/**
 * Writes the outputs that multiply with incidents × locales and notices ×
 * locales (incident pages, incident feeds, notice share pages, and the files
 * kept beside the notices) directly, after `astro build` has written the rest.
 * Astro's per-route pipeline costs a few milliseconds per file; these are
 * plain functions and synchronous writes, so a 10 000-incident site stays
 * within the build-time budget.
 */
export interface WriteOptions extends RenderSettings {
  outDir: string;
  /** The site folder the content was loaded from: the files beside the notices are copied from it. */
  root: string;
}

/** What the integration hands the writer thread (src/lib/outputs/writer-worker.ts). */
export interface WriterJob {
  /** The content the main thread loaded and validated. */
  content: SiteContent;
  options: WriteOptions;
  /** The counter of units (see `writeIncidentUnits`) the thread shares with the main thread. */
  counter: SharedArrayBuffer;
  /** The order and the done flags of the units, shared with the main thread ({@link UnitPlan}). */
  plan: UnitPlan;
  cache: UnitCacheInput;
  /** Whether the writer's folder started empty in this build (see `OutputWriter`). */
  startedEmpty: boolean;
}

/** What the writer thread reports back. */
export interface WriterResult extends UnitsWritten {
  /** The files the thread wrote or kept (absolute paths), for pruning. */
  files: string[];
  rewritten: number;
}

/**
 * The folders only the build's own writer fills: the incident folders of
 * every locale (pages, feeds, share pages) and the preview images.
 */
export function incidentFolders(content: SiteContent, locales: readonly Locale[] = content.config.locales): string[] {
  const { config } = content;
  return locales.map((locale) => localePath(locale, config.defaultLocale, '/incidents').slice(1));
}
/** The folder of the incidents' preview images. */
export const PREVIEW_FOLDER = 'og';
/** What the preview images occupy in the output folder: their folder and the site's image. */
export const PREVIEW_PATHS = [PREVIEW_FOLDER, SITE_PREVIEW_PATH.slice(1)];

/**
 * Where the writer works during a build: a folder beside the output folder,
 * laid out like it. Astro empties the output folder when it starts; the
 * writer's folders of the previous build are moved here first and updated in
 * place, so a file whose bytes did not change is not rewritten (rewriting
 * just-deleted files is what made rebuilds slow) and keeps its modification
 * time for deploy tools that compare them. At the end they move back.
 */
export function stagingFolder(outDir: string): string {
  return `${folderPath(outDir)}.shirase-staging`;
}

/**
 * Moves the writer's folders (and files) of the previous build from the output folder to the staging folder (before Astro empties it).
 * Returns the staging folder and whether it is empty (nothing of a previous build was there: a cold build).
 */
export function setAsidePreviousOutputs(outDir: string, folders: readonly string[]): { staging: string; empty: boolean } {
  const staging = stagingFolder(outDir);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let empty = true;
  for (const folder of folders) {
    const from = join(outDir, folder);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(staging, folder)), { recursive: true });
    renameSync(from, join(staging, folder));
    empty = false;
  }
  return { staging, empty };
}

/** Moves the staged folders (and files) into the output folder (after Astro has written its pages) and removes the staging folder. */
export function moveStagedOutputs(outDir: string, folders: readonly string[]): void {
  const staging = stagingFolder(outDir);
  for (const folder of folders) {
    const from = join(staging, folder);
    const to = join(outDir, folder);
    if (!existsSync(from)) continue;
    // Astro writes nothing under these folders in a build; anything there is stale.
    rmSync(to, { recursive: true, force: true });
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
  }
  rmSync(staging, { recursive: true, force: true });
}

/** Writes files under an output folder, skipping those whose bytes are already there, and remembers them all. */
export class OutputWriter {
  readonly outDir: string;
  readonly files = new Set<string>();
  rewritten = 0;
  private readonly madeDirs = new Set<string>();
  // The folder started empty in this build: no file can be there before this build writes it, so none is compared first.
  private readonly startedEmpty: boolean;

  constructor(outDir: string, startedEmpty = false) {
    this.outDir = outDir;
    this.startedEmpty = startedEmpty;
  }

  private fileOf(sitePath: string): string {
    return join(this.outDir, sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath);
  }

  /** Keeps the files at `sitePaths` from the previous build as they are, if all are there; else keeps nothing. */
  keep(sitePaths: readonly string[]): boolean {
    const files = sitePaths.map((path) => this.fileOf(path));
    if (!files.every((file) => statSync(file, { throwIfNoEntry: false })?.isFile())) return false;
    for (const file of files) this.files.add(file);
    return true;
  }

  /** Writes `body` at a site path ("/x/" means "/x/index.html"); returns the site path. */
  write(sitePath: string, body: string | Uint8Array): string {
    const file = this.fileOf(sitePath);
    this.files.add(file);
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (!this.startedEmpty) {
      // No exception for a file that is not there yet: throwing is slow.
      const existing = statSync(file, { throwIfNoEntry: false });
      if (existing?.size === bytes.length && readFileSync(file).equals(bytes)) return sitePath;
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

  /** Counts files another thread wrote under the same folder as this writer's own, for `prune`. */
  adopt(files: Iterable<string>): void {
    for (const file of files) this.files.add(file);
  }

  /**
   * Deletes the files at the previous build's site paths that this build did not write (a removed incident or
   * notice), and the folders that leaves empty: what `prune` does, from the previous build's record instead of
   * reading every folder (≈ 12 000 of them at 1 000 incidents). Right when the folder holds exactly what that
   * build recorded, which it does when it was written by a build that recorded it.
   */
  pruneRecorded(previousSitePaths: Iterable<string>): number {
    let removed = 0;
    for (const sitePath of previousSitePaths) {
      const file = this.fileOf(sitePath);
      if (this.files.has(file) || !existsSync(file)) continue;
      rmSync(file);
      removed++;
      for (let dir = dirname(file); dir.startsWith(`${this.outDir}/`) && readdirSync(dir).length === 0; dir = dirname(dir)) rmSync(dir, { recursive: true });
    }
    return removed;
  }

  /** Deletes what a previous build left in `folders` that this build did not write (a removed incident or notice). */
  prune(folders: readonly string[]): number {
    let removed = 0;
    // Returns how many entries `dir` still holds, so that emptied folders go without reading them again.
    const visit = (dir: string): number => {
      let left = 0;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (visit(path) === 0) rmSync(path, { recursive: true });
          else left++;
        } else if (!this.files.has(path)) {
          rmSync(path);
          removed++;
        } else left++;
      }
      return left;
    };
    for (const folder of folders) if (existsSync(join(this.outDir, folder))) visit(join(this.outDir, folder));
    return removed;
  }
}

/**
 * The writer's work comes in units, one per incident and locale (its page, its
 * feed and its notices' share pages; in the default locale also the files
 * beside its notices, which every locale links to), numbered 0…count-1. Two threads share
 * them through `take`, which hands out the next unnumbered unit.
 */
export function incidentUnitCount(content: SiteContent): number {
  return content.config.locales.length * content.incidents.length;
}

/**
 * The order in which the units are written, and which are done. Unit `u` is the incident at `order[⌊u / L⌋]`
 * (an index into `content.incidents`) in the locale `locales[u mod L]`: an incident's pages in every locale are
 * written one after the other, so that a group of incidents is done early (the search index takes its pages in
 * groups as they are done, src/integration/search-index.ts). `done` holds a 1 for each unit written or kept
 * (an Int32Array over it, shared by the threads).
 */
export interface UnitPlan {
  order: readonly number[];
  done: SharedArrayBuffer;
  /** Each done unit's render key (`unitKey`, {@link UNIT_KEY_BYTES} bytes at `unit × UNIT_KEY_BYTES`), for the main thread to read. */
  keys: SharedArrayBuffer;
}

/** The size of a render key (a SHA-256) in {@link UnitPlan}'s `keys`. */
export const UNIT_KEY_BYTES = 32;

/** A plan of `content`'s units in `order` (every incident's index once), with none done yet. */
export function unitPlan(content: SiteContent, order: readonly number[]): UnitPlan {
  if (order.length !== content.incidents.length || new Set(order).size !== order.length) {
    throw new Error('shirase: a unit order must name every incident once');
  }
  const count = incidentUnitCount(content);
  return { order, done: new SharedArrayBuffer(4 * count), keys: new SharedArrayBuffer(UNIT_KEY_BYTES * count) };
}

/** The unit of the incident at `position` in the plan's order, in the locale at `localeIndex` of `locales`. */
export function unitAt(position: number, localeIndex: number, locales: number): number {
  return position * locales + localeIndex;
}

/** Which incident (its place in the plan's order) and which locale (its index) `unit` is: the inverse of {@link unitAt}. */
export function unitPlace(unit: number, locales: number): { position: number; localeIndex: number } {
  return { position: Math.floor(unit / locales), localeIndex: unit % locales };
}

/** A `take` for threads sharing one counter (a SharedArrayBuffer of 4 bytes); each call claims the next unit. */
export function sharedUnitCounter(buffer: SharedArrayBuffer): () => number {
  const counter = new Int32Array(buffer);
  return () => Atomics.add(counter, 0, 1);
}

/** The previous build's record of units, and this build's part of their keys (src/lib/outputs/render-cache.ts). */
export interface UnitCacheInput {
  buildKey: string;
  previous: ReadonlyMap<string, UnitRecord>;
}

export interface UnitsWritten {
  /** Site paths written, or kept from the previous build. */
  written: string[];
  /** This build's record of the units done here. */
  units: [string, UnitRecord][];
  /** How many units were kept from the previous build without rendering. */
  reused: number;
  /** How many files the units rendered here made (those of kept units not counted). */
  rendered: number;
  /** The CPU time this thread spent on them, in milliseconds (user and system). */
  cpuMs: number;
}

/**
 * Writes the units `take` hands out until none is left. With `cache`, a unit
 * whose key matches the previous build's record and whose files are all still
 * there is kept as it is, without rendering.
 */
export async function writeIncidentUnits(
  content: SiteContent,
  options: WriteOptions,
  out: OutputWriter,
  take: () => number,
  cache?: UnitCacheInput,
  plan: UnitPlan = unitPlan(content, content.incidents.map((_, index) => index)),
  afterUnit?: () => void | Promise<void>,
): Promise<UnitsWritten> {
  const written: string[] = [];
  const units: [string, UnitRecord][] = [];
  let reused = 0;
  let rendered = 0;
  // CPU time of the units alone: not of what this thread does while it lets other work through (`afterUnit`).
  let cpuMs = 0;
  const { config, incidents } = content;
  const count = incidentUnitCount(content);
  const done = new Int32Array(plan.done);
  const keys = new Uint8Array(plan.keys);
  const contexts = new Map<Locale, { ctx: RenderContext; feed: Parameters<typeof buildRssFeed>[2] }>();
  for (let unit = take(); unit < count; unit = take()) {
    const cpuBefore = threadCpu();
    const { position, localeIndex } = unitPlace(unit, config.locales.length);
    const locale = config.locales[localeIndex]!;
    const incident = incidents[plan.order[position]!]!;
    const id = unitId(locale, incident);
    const key = cache ? unitKey(cache.buildKey, content, incident, locale, options.now) : '';
    if (cache) keys.set(Buffer.from(key, 'hex'), unit * UNIT_KEY_BYTES);
    const before = cache?.previous.get(id);
    if (before && before.key === key && out.keep(before.paths)) {
      written.push(...before.paths);
      units.push([id, before]);
      reused++;
      cpuMs += cpuSince(cpuBefore);
      Atomics.store(done, unit, 1);
      await afterUnit?.();
      continue;
    }
    let localeContext = contexts.get(locale);
    if (!localeContext) {
      localeContext = {
        ctx: createRenderContext(content, locale, options),
        feed: { site: options.site, base: options.base, locale, strings: useStrings(locale) },
      };
      contexts.set(locale, localeContext);
    }
    const { ctx, feed } = localeContext;
    const paths: string[] = [];
    const page = localePath(locale, config.defaultLocale, routes.incident(incident.slug));
    paths.push(out.write(page, renderIncidentPage(ctx, incident)));
    const rss = await getRssString(buildRssFeed(content, { kind: 'incident', incident }, feed));
    paths.push(out.write(localePath(locale, config.defaultLocale, routes.incidentFeed(incident.slug)), rss));
    for (const notice of incident.notices) {
      const share = localePath(locale, config.defaultLocale, routes.noticePage(incident.slug, notice.id));
      paths.push(out.write(share, renderNoticePage(ctx, incident, notice)));
    }
    // One copy, written by one unit (two threads writing the same file could meet half-way).
    if (locale === config.defaultLocale) {
      for (const file of incident.files) {
        paths.push(out.write(`${routes.incidentFiles(incident.slug)}${file.name}`, readFileSync(join(options.root, file.file))));
      }
    }
    written.push(...paths);
    rendered += paths.length;
    if (cache) units.push([id, { key, paths }]);
    cpuMs += cpuSince(cpuBefore);
    Atomics.store(done, unit, 1);
    await afterUnit?.();
  }
  return { written, units, reused, rendered, cpuMs };
}

/** This thread's CPU time (user and system) since `before`, in milliseconds. */
function cpuSince(before: NodeJS.CpuUsage): number {
  const used = threadCpu(before);
  return (used.user + used.system) / 1000;
}

/**
 * This thread's CPU clock (Node 23.9 and later; `npm run build` runs the pinned Node 24). On an older Node, the
 * process's, which counts both threads: the report is then too high, the build unchanged.
 */
function threadCpu(before?: NodeJS.CpuUsage): NodeJS.CpuUsage {
  return typeof process.threadCpuUsage === 'function' ? process.threadCpuUsage(before) : process.cpuUsage(before);
}

/** What `writePreviewImages` did: this build's record of the images (site path → key), and how many it drew. */
export interface PreviewImagesWritten {
  images: [string, string][];
  drawn: number;
}

/**
 * Writes the link-preview images: the site-wide /og.png and one per incident
 * that `incidentsWithPreview` selects (open ones plus the most recent), in
 * the default locale. Constant work per build, whatever the history's size.
 * With `cache`, an image whose key matches the previous build's record and
 * whose file is still there is kept, not drawn again.
 */
export async function writePreviewImages(
  content: SiteContent,
  options: Pick<WriteOptions, 'outDir' | 'now'>,
  out: OutputWriter = new OutputWriter(options.outDir),
  cache?: { buildKey: string; previous: ReadonlyMap<string, string> },
): Promise<PreviewImagesWritten> {
  const trees = [
    [SITE_PREVIEW_PATH, sitePreviewTree(content, options.now)] as const,
    ...incidentsWithPreview(content, options.now).map(
      (incident) => [previewImagePath(incident.slug), incidentPreviewTree(content, incident, options.now)] as const,
    ),
  ];
  let fonts: PreviewFont[] | undefined;
  const images: [string, string][] = [];
  let drawn = 0;
  for (const [sitePath, tree] of trees) {
    const key = cache ? previewImageKey(cache.buildKey, tree) : '';
    images.push([sitePath, key]);
    if (cache && cache.previous.get(sitePath) === key && out.keep([sitePath])) continue;
    fonts ??= loadPreviewFonts();
    out.write(sitePath, await toPng(tree, fonts));
    drawn++;
    // Lets the build's other work through between images (the search index's replies, in Pagefind's process).
    await setImmediate();
  }
  return { images, drawn };
}
