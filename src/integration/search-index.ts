import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BuildLogger } from './build-logger.ts';
import * as pagefind from 'pagefind';
import type { SiteConfig } from '../lib/content/config-schema.ts';
import { folderPath, sha256 } from '../lib/core/files.ts';
import { compareText } from '../lib/core/order.ts';
import { localePath, routes } from '../lib/core/urls.ts';
import { inIndexOrder, PRIMARY_SEARCH_PART, type SearchPart } from '../lib/model/search-parts.ts';
import type { Incident } from '../lib/content/types.ts';
import { PART_WORDS_FILTER } from '../scripts/search-results.ts';

/**
 * The search index: Pagefind (its Node API over its own binary, from the
 * npm package) reads the incident pages and FAQ pages of every language as
 * the build writes them, and writes a bundle per part of the index
 * (src/lib/model/search-parts.ts) under `/pagefind/` ({@link SearchIndexBuild}).
 * What is indexed, and how each notice and answer becomes a result of its
 * own, is marked in the page templates (src/lib/render/search-annotations.ts).
 * A part is written again whenever one of its pages changed, so it always
 * describes the pages beside it; otherwise it is kept.
 */

/** Where the pages to index are: the writer's incident pages (still in its staging folder) and Astro's FAQ pages. */
export interface IndexedPages {
  /** The folder laid out like the output folder that holds the incident pages. */
  incidents: string;
  /** The output folder, with the FAQ pages. */
  builtDir: string;
}

/** The index.html files (relative to the output folder) of a site path in every locale. */
function localePages(config: Pick<SiteConfig, 'locales' | 'defaultLocale'>, path: string): string[] {
  return config.locales.map((locale) => `${localePath(locale, config.defaultLocale, path).slice(1)}index.html`);
}

/** The pages of Astro's routes that are indexed (the FAQ page of each language), relative to the output folder. */
export function indexedRoutePages(config: Pick<SiteConfig, 'locales' | 'defaultLocale'>): string[] {
  return localePages(config, routes.faq());
}

/** Pagefind's ready-made search interfaces: the search page has its own (src/scripts/search.ts), so these are not published. */
const UNUSED_FILES = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;
/** Pagefind's code and WebAssembly, which only the primary part's are loaded of: a merged part brings its index alone. */
const CODE_FILES = /^(?:pagefind\.js|pagefind-worker\.js|wasm\.[^.]+\.pagefind)$/;

/**
 * The words of a part that the search page merges, in one language: the primary part holds them as a record of
 * its own. Pagefind answers a query word that no word of an index begins with by the longest word of that index
 * the query word begins with ("weekend" finds "we"). One index has the word or not; merged parts can differ, and
 * a part without the word would answer beside the right results with such stand-ins. With these records the
 * primary part has every word of the site, and the search page asks it whether each other part has the query's
 * words before it lets that part answer (src/scripts/search.ts).
 *
 * `text` is what Pagefind cuts into words, `meta` what it indexes whole (a title, a time as the page shows it):
 * the same words as the part's pages make (tests/build/search-words.test.ts), each piece once.
 */
export interface LanguageWords {
  text: string;
  meta: Record<string, string>;
}
/** {@link LanguageWords} of a part, by language. */
export type PartWords = Record<string, LanguageWords>;

/** How many incidents' pages Pagefind takes at a time while the writer writes (each part's own, in the writer's order). */
const BATCH_INCIDENTS = 100;

/** Pages of one part that Pagefind takes in one call, once the writer's first `readyAt` units are done. */
interface Batch {
  name: string;
  from: string;
  paths: string[];
  readyAt: number;
  /** Pages of the routes (the FAQ pages), not the writer's: they wait for `routePagesWritten` too. */
  routePages: boolean;
}

/** The search index's parts (src/lib/model/search-parts.ts) as a build left them. */
export interface SearchRecord {
  /** {@link searchDigest} of each part's pages (the first part's also of the other parts'). */
  parts: Record<string, string>;
  /** The words of each part after the first, per language, which the first part holds (below). */
  words: Record<string, PartWords>;
}

/**
 * What a part of the search index is made from: each of its incident pages' render key (which
 * decides its bytes, see src/lib/outputs/render-cache.ts) and the FAQ pages' bytes when it has them.
 */
export function searchDigest(unitKeys: Iterable<[string, string]>, faqPages: readonly Uint8Array[]): string {
  const units = [...unitKeys].sort(([a], [b]) => compareText(a, b));
  return sha256(JSON.stringify([units, faqPages.map((page) => sha256(page))]));
}

/** The build was stopped: what the index still waits for is not done. */
class Aborted extends Error {}

/**
 * The search index of one build, made while the writer writes its pages: each part (the incident pages of its
 * incidents, and the FAQ pages when it has them, in every language) into its own bundle,
 * `<builtDir>/pagefind/<part>/`; the primary part, last, also gets the words of every other part.
 *
 * A part whose digest is the one `previous` recorded (known once its pages are written) is kept as it is.
 * Another goes to Pagefind, in its own process, one part at a time: its pages in groups of `batchIncidents`
 * incidents as soon as the writer has written them (`pagesWritten`), then it is written out and its index
 * dropped, so Pagefind holds one part at a time (src/lib/model/search-parts.ts bounds their size). A part with
 * no previous digest (a first build) does not wait for its last page to start. Pagefind takes its requests one at
 * a time, in the order they are sent, and the groups depend on the content alone, not on which thread wrote
 * which page when: the same pages make the same index.
 */
export class SearchIndexBuild {
  private readonly pages: IndexedPages;
  private readonly parts: readonly SearchPart[];
  private readonly previous: SearchRecord | undefined;
  private readonly digestOf: (part: SearchPart, others: [string, string][]) => string;
  private readonly logger: BuildLogger;
  private readonly batches: Map<string, Batch[]>;
  private readonly lastUnit: Map<string, number>;
  /** Where each part's pages are linked for Pagefind: it reads folders, and a glob naming 20 000 pages does not parse. */
  private readonly linked: string;
  /**
   * Where Pagefind writes the parts' bundles until every part is done: the output folder may not hold them
   * before then (Astro's build empties it after the index has started), and a failed build leaves the old ones.
   */
  private readonly bundles: string;
  private readonly indexed: SearchPart[] = [];
  private readonly digests: Record<string, string> = {};
  private readonly words: Record<string, PartWords> = {};
  private readonly kept: string[] = [];
  private unitsDone = 0;
  private waiting: { readyAt: number; go: () => void; stop: (error: Error) => void }[] = [];
  private aborted = false;
  private running: Promise<void> | undefined;
  // The routes' indexed pages (the FAQ pages) are written: in Astro's build only at its end.
  private routePagesDone!: () => void;
  private readonly routePages = new Promise<void>((resolve) => (this.routePagesDone = resolve));
  private started = 0;

  /**
   * `parts`: every part of the index at this build's "now" (indexed {@link inIndexOrder}, as the writer writes
   * them); `unitsThrough(incident)` is how many of the writer's units must be done for all of that incident's
   * pages to be written; `digestOf(part, others)` is a part's digest once they are (`others`: the other parts'
   * digests, which the primary part's includes, as it holds their words).
   */
  constructor(options: {
    pages: IndexedPages;
    config: SiteConfig;
    parts: readonly SearchPart[];
    previous: SearchRecord | undefined;
    digestOf: (part: SearchPart, others: [string, string][]) => string;
    logger: BuildLogger;
    unitsThrough: (incident: Incident) => number;
    batchIncidents?: number;
  }) {
    const { pages, config, unitsThrough } = options;
    const batchIncidents = options.batchIncidents ?? BATCH_INCIDENTS;
    this.pages = pages;
    this.parts = inIndexOrder(options.parts);
    this.previous = options.previous;
    this.digestOf = options.digestOf;
    this.logger = options.logger;
    this.linked = `${folderPath(pages.builtDir)}.shirase-search`;
    this.bundles = `${folderPath(pages.builtDir)}.shirase-index`;
    const through = (incidents: readonly Incident[]) => {
      const units = Math.max(0, ...incidents.map(unitsThrough));
      if (!Number.isFinite(units)) throw new Error(`shirase: no unit count for the pages of ${incidents.map((item) => item.slug).join(', ')}`);
      return units;
    };
    this.lastUnit = new Map(this.parts.map((part) => [part.name, through(part.incidents)]));
    this.batches = new Map(
      this.parts.map((part) => {
        const groups: Batch[] = [];
        for (let at = 0; at < part.incidents.length; at += batchIncidents) {
          const incidents = part.incidents.slice(at, at + batchIncidents);
          groups.push({
            name: `incident-pages-${groups.length}`,
            from: pages.incidents,
            paths: incidents.flatMap((incident) => localePages(config, routes.incident(incident.slug))),
            readyAt: through(incidents),
            routePages: false,
          });
        }
        // The FAQ pages (Astro's routes'; see `routePagesWritten`) go after the part's last group.
        const faq = { name: 'faq-pages', from: pages.builtDir, paths: indexedRoutePages(config), readyAt: groups.at(-1)?.readyAt ?? 0, routePages: true };
        if (part.faq) groups.push(faq);
        return [part.name, groups];
      }),
    );
  }

  /** Starts: each part as its pages are written (`pagesWritten`). */
  start(): void {
    this.started = performance.now();
    // Left by a build that stopped half-way.
    rmSync(this.linked, { recursive: true, force: true });
    rmSync(this.bundles, { recursive: true, force: true });
    this.running = (async () => {
      for (const part of this.parts) {
        try {
          await this.indexPart(part);
        } catch (error) {
          if (error instanceof Aborted) throw error;
          throw new Error(`${routes.searchIndexPart(part.name)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
    })();
    // Awaited by finish; until then a failure must not count as unhandled.
    this.running.catch(() => {});
  }

  /** The routes' indexed pages (the FAQ pages) are written: the part that holds them may go on past its incidents. */
  routePagesWritten(): void {
    this.routePagesDone();
  }

  /** The writer's first `unitsDone` units are done: the groups of pages among them can go to Pagefind. */
  pagesWritten(unitsDone: number): void {
    this.unitsDone = unitsDone;
    const ready = this.waiting.filter((wait) => wait.readyAt <= unitsDone);
    this.waiting = this.waiting.filter((wait) => wait.readyAt > unitsDone);
    for (const wait of ready) wait.go();
  }

  /**
   * Every page is written: finishes every part. Throws on any problem Pagefind reports. Pagefind is stopped
   * either way.
   */
  async finish(): Promise<SearchRecord> {
    const pagesDone = performance.now();
    try {
      this.pagesWritten(Number.POSITIVE_INFINITY);
      await this.running;
      // Every part is written: into the output folder with them, and out with any part this build has not.
      for (const part of this.indexed) {
        const target = join(this.pages.builtDir, routes.searchIndexPart(part.name));
        rmSync(target, { recursive: true, force: true });
        mkdirSync(dirname(target), { recursive: true });
        renameSync(join(this.bundles, part.name), target);
      }
      removeOtherParts(this.pages.builtDir, this.parts);
    } catch (error) {
      throw new Error(`shirase: the search index could not be built: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      await this.stopPagefind();
    }
    if (this.kept.length > 0) this.logger.info(`search index: no page of ${this.kept.join(', ')} changed; kept`);
    const indexed = this.parts.length - this.kept.length;
    // Also for one part: what the bench reads as the index's time after the last page.
    if (indexed > 0) {
      const total = Math.round(performance.now() - this.started);
      this.logger.info(`search index: ${indexed} parts in ${total}ms, ${Math.round(performance.now() - pagesDone)}ms of them after the last page was written`);
    }
    return { parts: this.digests, words: this.words };
  }

  /** Stops a build that failed elsewhere: nothing more goes to Pagefind, and Pagefind stops. */
  async abort(): Promise<void> {
    this.aborted = true;
    this.routePagesDone();
    for (const wait of this.waiting.splice(0)) wait.stop(new Aborted('the build stopped'));
    await this.stopPagefind();
  }

  private async stopPagefind(): Promise<void> {
    // Pagefind's requests still waiting fail when it stops; the part that sent them is then done.
    await pagefind.close();
    await this.running?.catch(() => {});
    rmSync(this.linked, { recursive: true, force: true });
    rmSync(this.bundles, { recursive: true, force: true });
  }

  /** Resolves once the routes' indexed pages are written; rejects when the build stops first. */
  private async whenRoutePagesWritten(): Promise<void> {
    await this.routePages;
    if (this.aborted) throw new Aborted('the build stopped');
  }

  /** Resolves once the writer's first `readyAt` units are done; rejects when the build stops first. */
  private until(readyAt: number): Promise<void> {
    if (this.aborted) return Promise.reject(new Aborted('the build stopped'));
    if (readyAt <= this.unitsDone) return Promise.resolve();
    return new Promise((go, stop) => this.waiting.push({ readyAt, go, stop }));
  }

  /** A part's digest, once its pages are written: the primary part's includes the others'. */
  private digest(part: SearchPart): string {
    const others = part.name === PRIMARY_SEARCH_PART ? this.parts.filter((other) => other !== part).map((other) => this.digestedPart(other)) : [];
    return this.digestOf(part, others);
  }

  private digestedPart(part: SearchPart): [string, string] {
    this.digests[part.name] ??= this.digest(part);
    return [part.name, this.digests[part.name]!];
  }

  /** One part: kept when its pages are as before; else its pages group by group as they are written, then its bundle. */
  private async indexPart(part: SearchPart): Promise<void> {
    const before = this.previous?.parts[part.name];
    const beforeWords = part.name === PRIMARY_SEARCH_PART ? {} : this.previous?.words[part.name];
    if (before !== undefined && beforeWords !== undefined) {
      await this.until(this.lastUnit.get(part.name)!);
      if (part.faq) await this.whenRoutePagesWritten();
      if (this.digestedPart(part)[1] === before) {
        this.kept.push(part.name);
        if (part.name !== PRIMARY_SEARCH_PART) this.words[part.name] = beforeWords;
        return;
      }
    }
    const created = await pagefind.createIndex({});
    const index = created.index;
    if (!index) throw new Error(created.errors.join('\n'));
    const partStarted = performance.now();
    const requests: Promise<{ errors: string[]; page_count?: number }>[] = [];
    // Each request's reply is checked; one the part does not wait for (it failed before) must not count as unhandled.
    const check = <Result extends { errors: string[] }>(request: Promise<Result>) => {
      const checked = request.then((result) => {
        if (result.errors.length > 0) throw new Error(result.errors.join('\n'));
        return result;
      });
      checked.catch(() => {});
      return checked;
    };
    for (const batch of this.batches.get(part.name)!) {
      await this.until(batch.readyAt);
      if (batch.routePages) await this.whenRoutePagesWritten();
      const into = join(this.linked, part.name, batch.name);
      for (const path of batch.paths) linkOrCopy(join(batch.from, path), join(into, path));
      // Not awaited: Pagefind takes the next group while this thread writes pages.
      requests.push(check(index.addDirectory({ path: into })));
    }
    if (part.name === PRIMARY_SEARCH_PART) {
      for (const other of this.parts.filter((item) => item !== part)) {
        for (const [language, { text, meta }] of Object.entries(this.words[other.name]!)) {
          // One URL per part and language, never a page: the record is never a result (src/scripts/search-results.ts).
          const url = `${routes.searchIndexPart(other.name)}#words-${language}`;
          const record = { url, content: text, language, meta, filters: { [PART_WORDS_FILTER]: [other.name] } };
          requests.push(check(index.addCustomRecord(record)));
        }
      }
    }
    const bundle = join(this.bundles, part.name);
    rmSync(bundle, { recursive: true, force: true });
    const written = check(index.writeFiles({ outputPath: bundle }));
    const added = await Promise.all(requests);
    await written;
    // Pagefind holds one part at a time: its service numbers indexes by their place, so none may be left before the next.
    await index.deleteIndex();
    const pageCount = added.reduce((sum, result) => sum + (result.page_count ?? 0), 0);
    const unused = (name: string) => UNUSED_FILES.test(name) || (part.name !== PRIMARY_SEARCH_PART && CODE_FILES.test(name));
    for (const name of readdirSync(bundle)) if (unused(name)) rmSync(join(bundle, name));
    if (part.name !== PRIMARY_SEARCH_PART) this.words[part.name] = wordsOfBundle(bundle);
    this.indexed.push(part);
    this.digestedPart(part);
    rmSync(join(this.linked, part.name), { recursive: true, force: true });
    const ms = Math.round(performance.now() - partStarted);
    this.logger.info(`search index: ${pageCount} pages indexed into ${routes.searchIndexPart(part.name)} in ${ms}ms`);
  }
}

/**
 * Every word of a bundle's pages, per language, from their fragments (gzip, Pagefind's signature, then JSON):
 * the indexed text with Pagefind's word breaks (zero-width spaces) taken out again, cut at white space and
 * after each "。" so that each piece is kept once, the anchors' titles, and the pieces of the meta values (one
 * field per kind of meta: `time-<id>` fields are all times). Pagefind cuts them into the same words as the pages.
 */
export function wordsOfBundle(bundle: string): PartWords {
  const byLanguage = new Map<string, { pieces: Set<string>; meta: Map<string, Set<string>> }>();
  for (const { language, page } of readFragments(bundle)) {
    const words = byLanguage.get(language) ?? { pieces: new Set<string>(), meta: new Map<string, Set<string>>() };
    byLanguage.set(language, words);
    const add = (text: string | undefined) => {
      for (const piece of (text ?? '').replaceAll('\u200b', '').split(/\s+|(?<=。)/)) if (piece !== '') words.pieces.add(piece);
    };
    add(page.content);
    for (const anchor of page.anchors ?? []) add(anchor.title);
    for (const [key, value] of Object.entries(page.meta ?? {})) {
      // Pagefind indexes a meta value's pieces (between white space) whole: each piece once is enough.
      const kind = key.replace(/-.*/, '');
      const pieces = words.meta.get(kind) ?? new Set<string>();
      words.meta.set(kind, pieces);
      for (const piece of value.split(/\s+/)) if (piece !== '') pieces.add(piece);
    }
  }
  return Object.fromEntries(
    [...byLanguage]
      .sort(([a], [b]) => compareText(a, b))
      .map(([language, words]) => [
        language,
        {
          text: [...words.pieces].join(' '),
          meta: Object.fromEntries([...words.meta].sort(([a], [b]) => compareText(a, b)).map(([kind, values]) => [kind, [...values].join(' ')])),
        },
      ]),
  );
}

/** What a page's fragment holds (Pagefind's `fragment/<language>_<hash>.pf_fragment`), as far as the build reads it. */
export interface PagefindFragment {
  url: string;
  /** The indexed text, with Pagefind's word breaks (zero-width spaces) in it. */
  content: string;
  meta?: Record<string, string>;
  filters?: Record<string, string[]>;
  anchors?: { element: string; id: string; text?: string; title?: string; location: number }[];
}

/**
 * Every page fragment of a bundle, in file-name order, as Pagefind's browser code reads them: gzip, Pagefind's
 * signature, then JSON. The language is the file name's prefix. Throws on a file that is no fragment.
 */
export function readFragments(bundle: string): { name: string; language: string; page: PagefindFragment }[] {
  const folder = join(bundle, 'fragment');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.pf_fragment'))
    .sort(compareText)
    .map((name) => {
      const text = gunzipSync(readFileSync(join(folder, name))).toString('utf8');
      if (!text.startsWith(FRAGMENT_SIGNATURE)) throw new Error(`${join(folder, name)}: not a Pagefind fragment`);
      return { name, language: name.slice(0, name.indexOf('_')), page: JSON.parse(text.slice(FRAGMENT_SIGNATURE.length)) as PagefindFragment };
    });
}

/** What Pagefind's fragment files start with, after gzip. */
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

/** Removes what under `/pagefind/` is no part of this build's index (a part left without pages, an older layout). */
function removeOtherParts(builtDir: string, parts: readonly SearchPart[]): void {
  const folder = join(builtDir, routes.searchIndex());
  const names = new Set<string>(parts.map((part) => part.name));
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder)) if (!names.has(name)) rmSync(join(folder, name), { recursive: true, force: true });
}

/** A hard link where the file system allows one (the same bytes, no copy), else a copy. */
function linkOrCopy(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
