import type { z } from 'astro/zod';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SiteConfigSchema, SITE_CONFIG_KEYS, type SiteConfig } from './config-schema.ts';
import { parseInstant } from '../core/dates.ts';
import { compareText, oldestFirst } from '../core/order.ts';
import { LOCALES, STATE_SEVERITY, type ComponentState, type Impact, type Locale, type NoticeType } from '../core/states.ts';
import { byNewestStart } from './order.ts';
import type { FaqEntry, FaqText, Incident, IncidentFile, IncidentText, NoticeTemplate, NoticeTemplateText, NoticeText, SiteContent } from './types.ts';
import { ContentError, didYouMean, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { issuesToDiagnostics } from './issues.ts';
import { decodeText, parseYamlSource, readMarkdownFile, type MarkdownFile } from './markdown-file.ts';
import { CONFIG_FILE, FAQ_DIR, INCIDENTS_DIR, INCIDENT_FILE, TEMPLATES_DIR } from './paths.ts';
import {
  createFaqSchema,
  createIncidentSchema,
  createNoticeSchema,
  createTemplateSchema,
  FaqTranslationSchema,
  ID_PATTERN,
  IncidentTranslationSchema,
  NoticeTranslationSchema,
  TemplateTranslationSchema,
  type SchemaContext,
} from './schema.ts';
import { checkIncidentRules, type SourcedNotice } from './rules.ts';
import { findPlaceholders, holdsPlaceholder, PLACEHOLDER_MARKER, placeholderProblem } from './placeholder.ts';
import { checkReferences, type TextFolder } from './references.ts';

export interface LoadOptions {
  /** Keep drafts (marked `draft: true`) for a draft-preview build. Never for the public build. */
  includeDrafts?: boolean;
  /** What earlier loads gave for incident folders that have not changed since (src/integration/incident-memo.ts). */
  incidentMemo?: IncidentMemo | undefined;
}

/** One incident folder loaded: the incident (none when it has errors) and its folder's diagnostics. */
export interface LoadedIncident {
  incident: Incident | undefined;
  diagnostics: Diagnostic[];
}

/**
 * Remembers what loading each incident folder gave, so that a build can skip reading the folders that did not
 * change. `inputs` stands for everything else an incident's load depends on (the config's zone, components and
 * locales, the FAQ's ids, drafts or not): a folder is recalled only with the same inputs.
 */
export interface IncidentMemo {
  recall(slug: string, inputs: string): LoadedIncident | undefined;
  keep(slug: string, inputs: string, loaded: LoadedIncident): void;
}

export interface LoadResult {
  /** Undefined when there are errors: invalid content is never half-published. */
  content: SiteContent | undefined;
  /** Every problem found, errors and warnings, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** The notice templates for `npm run new`, by name (none when there are errors). Never part of the site. */
  templates: NoticeTemplate[];
}

/** Reads and validates config, incidents and FAQ under `root`, collecting every problem in one pass. */
export function loadSiteContent(root: string, options: LoadOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const config = loadConfigFile(root, diagnostics);
  const context: SchemaContext = {
    timeZone: config?.timeZone ?? 'UTC',
    componentIds: config?.components.map((c) => c.id),
    locales: config?.locales ?? [...LOCALES],
  };
  const faq = loadFaq(root, context, diagnostics);
  const incidents = loadIncidents(root, context, new Set(faq.map((f) => f.id)), options, diagnostics);
  const templates = loadTemplates(root, context, diagnostics);

  const sorted = sortDiagnostics(diagnostics);
  if (!config || hasErrors(sorted)) return { content: undefined, diagnostics: sorted, templates: [] };

  const keep = <T extends { draft: boolean }>(item: T) => options.includeDrafts === true || !item.draft;
  const published = incidents
    .filter(keep)
    .map((incident) => ({ ...incident, notices: incident.notices.filter(keep) }))
    .filter((incident) => incident.notices.length > 0)
    .sort(byNewestStart);
  return {
    content: { config, incidents: published, faq: faq.filter(keep).sort((a, b) => a.order - b.order || compareText(a.id, b.id)) },
    diagnostics: sorted,
    templates,
  };
}

/** Like loadSiteContent, but throws a ContentError listing every error. */
export function loadSiteContentOrThrow(root: string, options: LoadOptions = {}): SiteContent {
  const result = loadSiteContent(root, options);
  if (!result.content) throw new ContentError(result.diagnostics);
  return result.content;
}

export function loadConfigFile(root: string, diagnostics: Diagnostic[]): SiteConfig | undefined {
  const path = join(root, CONFIG_FILE);
  if (!existsSync(path)) {
    diagnostics.push({
      file: CONFIG_FILE,
      line: 0,
      column: 0,
      severity: 'error',
      message: `site config is missing; create ${CONFIG_FILE} (see docs/authoring.md)`,
    });
    return undefined;
  }
  const decoded = decodeText(CONFIG_FILE, readFileSync(path));
  if (!decoded.ok) {
    diagnostics.push(...decoded.diagnostics);
    return undefined;
  }
  const yaml = parseYamlSource(CONFIG_FILE, decoded.text, 'site config');
  if (!yaml.ok) {
    diagnostics.push(...yaml.diagnostics);
    return undefined;
  }
  const parsed = SiteConfigSchema.safeParse(yaml.value.data);
  if (!parsed.success) {
    diagnostics.push(...issuesToDiagnostics(CONFIG_FILE, parsed.error.issues, yaml.value, SITE_CONFIG_KEYS));
    return undefined;
  }
  const seen = new Set<string>();
  parsed.data.components.forEach((component, index) => {
    if (seen.has(component.id)) {
      const { line, column } = yaml.value.locate(['components', index, 'id']);
      diagnostics.push({
        file: CONFIG_FILE,
        line,
        column,
        severity: 'error',
        message: `components has id "${component.id}" twice; every component needs its own id`,
      });
    }
    seen.add(component.id);
  });
  return seen.size === parsed.data.components.length ? parsed.data : undefined;
}

function listDir(path: string) {
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => compareText(a.name, b.name));
}

function readSource(root: string, file: string, diagnostics: Diagnostic[]): MarkdownFile | undefined {
  const result = readMarkdownFile(file, readFileSync(join(root, file)));
  if (!result.ok) {
    diagnostics.push(...result.diagnostics);
    return undefined;
  }
  return result.value;
}

function checkBody(source: MarkdownFile, what: string, draft: boolean, diagnostics: Diagnostic[]): void {
  if (source.body.trim() === '') {
    diagnostics.push({
      file: source.file,
      line: source.bodyLine,
      column: 1,
      severity: 'error',
      message: `${what} has no text; write it below the closing "---" line`,
    });
    return;
  }
  if (holdsPlaceholder(source.body)) {
    const offset = source.body.slice(0, source.body.indexOf(PLACEHOLDER_MARKER)).split('\n').length - 1;
    diagnostics.push(
      draft
        ? {
            file: source.file,
            line: source.bodyLine + offset,
            column: 1,
            severity: 'warning',
            message: `draft ${what} still holds the placeholder text from "npm run new"; write it, delete the placeholder line, ` +
              `then set "draft: false" to publish`,
          }
        : {
            file: source.file,
            line: source.bodyLine + offset,
            column: 1,
            severity: 'error',
            message: `${what} still holds the placeholder text from "npm run new"; write it and delete the placeholder line, ` +
              `or set "draft: true" to keep it unpublished`,
          },
    );
  }
}

/** `name.md` or `name.<locale>.md`. */
const FILE_NAME = /^(.+?)(?:\.([a-z]{2}))?\.md$/;

interface NamedFile {
  stem: string;
  /** Locale suffix of a translation file. */
  locale: string | undefined;
}

function splitFileName(name: string): NamedFile | undefined {
  const match = FILE_NAME.exec(name);
  return match ? { stem: match[1]!, locale: match[2] } : undefined;
}

/** A translation file, read and checked, waiting for its original. */
interface TranslationFile<T> {
  stem: string;
  locale: Locale;
  file: string;
  text: T;
  draft: boolean;
}

/** Front matter checked against `schema`: the data, or undefined once every problem is reported. */
function parseFrontMatter<S extends z.ZodObject>(source: MarkdownFile, schema: S, diagnostics: Diagnostic[]): z.output<S> | undefined {
  const parsed = schema.safeParse(source.data);
  if (parsed.success) return parsed.data;
  diagnostics.push(...issuesToDiagnostics(source.file, parsed.error.issues, source, Object.keys(schema.shape)));
  return undefined;
}

/** A translation's front matter: first only the fields a translation carries (a field of the original gets a message naming it), then valid. */
function parseTranslationFrontMatter<S extends z.ZodObject>(
  source: MarkdownFile,
  schema: S,
  originalFile: string,
  diagnostics: Diagnostic[],
): z.output<S> | undefined {
  if (!checkTranslationFields(source, Object.keys(schema.shape), originalFile, diagnostics)) return undefined;
  return parseFrontMatter(source, schema, diagnostics);
}

/** A translation's locale must be one the site publishes, and not the original's own. */
function checkTranslationLocale(file: string, locale: string, context: SchemaContext, diagnostics: Diagnostic[]): locale is Locale {
  if (!(context.locales as readonly string[]).includes(locale)) {
    diagnostics.push({
      file,
      line: 0,
      column: 0,
      severity: 'error',
      message: `translation into "${locale}", which is not one of the site's locales (${context.locales.join(', ')}); ` +
        `add it to "locales" in ${CONFIG_FILE} or rename the file`,
    });
    return false;
  }
  return true;
}

/**
 * Collects translation files `<stem>.<locale>.md` against their originals:
 * errors for a translation without an original or in the original's own
 * language, warnings for each locale a published original is missing.
 */
function attachTranslations<T>(
  originals: ReadonlyMap<string, { file: string; lang: Locale; draft: boolean }>,
  failedStems: ReadonlySet<string>,
  translations: readonly TranslationFile<T>[],
  context: SchemaContext,
  /** What the originals are, for the missing-translation warning; undefined: a missing translation is no warning. */
  what: string | undefined,
  diagnostics: Diagnostic[],
): Map<string, Partial<Record<Locale, T>>> {
  const result = new Map<string, Partial<Record<Locale, T>>>();
  for (const translation of translations) {
    const original = originals.get(translation.stem);
    // An original that failed to load has its own error; do not pile "no original" on top of it.
    if (!original && failedStems.has(translation.stem)) continue;
    if (!original) {
      diagnostics.push({
        file: translation.file,
        line: 0,
        column: 0,
        severity: 'error',
        message: `translation has no original: there is no ${translation.stem}.md beside it; rename it to match its original, or add the original`,
      });
      continue;
    }
    if (original.lang === translation.locale) {
      diagnostics.push({
        file: translation.file,
        line: 0,
        column: 0,
        severity: 'error',
        message: `translation into "${translation.locale}", but ${original.file} is already written in "${translation.locale}"; remove one of them`,
      });
      continue;
    }
    if (translation.draft) continue;
    const map = result.get(translation.stem) ?? {};
    map[translation.locale] = translation.text;
    result.set(translation.stem, map);
  }
  for (const [stem, original] of originals) {
    // Without a valid config the site's locales are unknown: no point listing translations.
    if (what === undefined || original.draft || context.componentIds === undefined) continue;
    for (const locale of context.locales) {
      if (locale === original.lang || result.get(stem)?.[locale]) continue;
      diagnostics.push({
        file: original.file,
        line: 0,
        column: 0,
        severity: 'warning',
        message:
          `${what} has no "${locale}" translation; readers of /${locale}/ will see the original (${original.lang}). ` +
          `Add ${original.file.replace(/\.md$/, `.${locale}.md`)} when it is ready`,
      });
    }
  }
  return result;
}

/** The fields of an original that a translation may not repeat, for a precise message. */
function checkTranslationFields(source: MarkdownFile, allowed: readonly string[], originalFile: string, diagnostics: Diagnostic[]): boolean {
  let ok = true;
  for (const key of Object.keys(source.data)) {
    if (allowed.includes(key)) continue;
    const { line, column } = source.locate([key], { key: true });
    diagnostics.push({
      file: source.file,
      line,
      column,
      severity: 'error',
      message: `translation has field "${key}", which belongs to the original ${originalFile}; ` +
        `a translation carries only ${allowed.join(', ')} and the body — remove "${key}"`,
    });
    ok = false;
  }
  return ok;
}

/**
 * A folder of Markdown files with translations beside them (the FAQ, the
 * templates): each file's name checked, the file read, an original handed to
 * `visit.original` (false when it failed), a translation (`<stem>.<locale>.md`)
 * to `visit.translation` once its locale is one of the site's. Returns the
 * stems whose original failed, so their translations are not reported again
 * as having no original.
 */
function readTranslatedFolder(
  root: string,
  folder: string,
  context: SchemaContext,
  diagnostics: Diagnostic[],
  visit: {
    /** The error for a file name that is no valid id. */
    badName: (fileName: string, stem: string) => string;
    original: (source: MarkdownFile, stem: string) => boolean;
    translation: (source: MarkdownFile, stem: string, locale: Locale) => void;
  },
): Set<string> {
  const failedStems = new Set<string>();
  for (const entry of listDir(join(root, folder))) {
    const file = `${folder}/${entry.name}`;
    const named = entry.isFile() ? splitFileName(entry.name) : undefined;
    if (!named) {
      diagnostics.push({ file, line: 0, column: 0, severity: 'warning', message: 'is not a Markdown (.md) file and is ignored' });
      continue;
    }
    if (!ID_PATTERN.test(named.stem)) {
      diagnostics.push({ file, line: 0, column: 0, severity: 'error', message: visit.badName(entry.name, named.stem) });
      continue;
    }
    const source = readSource(root, file, diagnostics);
    if (!source) {
      if (named.locale === undefined) failedStems.add(named.stem);
      continue;
    }
    if (named.locale !== undefined) {
      if (checkTranslationLocale(file, named.locale, context, diagnostics)) visit.translation(source, named.stem, named.locale);
      continue;
    }
    if (!visit.original(source, named.stem)) failedStems.add(named.stem);
  }
  return failedStems;
}

function loadFaq(root: string, context: SchemaContext, diagnostics: Diagnostic[]): FaqEntry[] {
  if (!existsSync(join(root, FAQ_DIR))) return [];
  const schema = createFaqSchema(context);
  const entries: FaqEntry[] = [];
  const translations: TranslationFile<FaqText>[] = [];
  const failedStems = readTranslatedFolder(root, FAQ_DIR, context, diagnostics, {
    badName: (fileName, stem) =>
      `FAQ file name "${fileName}" is not a valid id; use lowercase letters a-z, digits and hyphens, e.g. "${suggestId(stem)}.md"`,
    translation(source, stem, locale) {
      const data = parseTranslationFrontMatter(source, FaqTranslationSchema, `${FAQ_DIR}/${stem}.md`, diagnostics);
      if (!data) return;
      checkBody(source, 'FAQ answer', data.draft, diagnostics);
      checkReferences(source, undefined, diagnostics);
      translations.push({ stem, locale, file: source.file, text: { question: data.question, body: source.body }, draft: data.draft });
    },
    original(source, stem) {
      const data = parseFrontMatter(source, schema, diagnostics);
      if (!data) return false;
      checkBody(source, 'FAQ answer', data.draft, diagnostics);
      checkReferences(source, undefined, diagnostics);
      entries.push({
        id: stem,
        file: source.file,
        question: data.question,
        order: data.order,
        components: data.components,
        body: source.body,
        lang: data.lang ?? context.locales[0]!,
        translations: {},
        draft: data.draft,
      });
      return true;
    },
  });
  const attached = attachTranslations(new Map(entries.map((e) => [e.id, e])), failedStems, translations, context, 'FAQ entry', diagnostics);
  return entries.map((entry) => ({ ...entry, translations: attached.get(entry.id) ?? {} }));
}

/**
 * The notice templates in src/content/templates/: checked like notices (front
 * matter, body, translations beside them) and for placeholders `npm run new`
 * cannot fill. A missing translation is no warning: the template is not published.
 */
function loadTemplates(root: string, context: SchemaContext, diagnostics: Diagnostic[]): NoticeTemplate[] {
  if (!existsSync(join(root, TEMPLATES_DIR))) return [];
  const schema = createTemplateSchema(context);
  const templates: NoticeTemplate[] = [];
  const translations: (TranslationFile<NoticeTemplateText> & { source: MarkdownFile })[] = [];
  const failedStems = readTranslatedFolder(root, TEMPLATES_DIR, context, diagnostics, {
    badName: (fileName, stem) =>
      `template file name "${fileName}" is not a valid name for --template; ` +
      `use lowercase letters a-z, digits and hyphens, e.g. "${suggestId(stem)}.md"`,
    translation(source, stem, locale) {
      const data = parseTranslationFrontMatter(source, TemplateTranslationSchema, `${TEMPLATES_DIR}/${stem}.md`, diagnostics);
      if (!data) return;
      checkBody(source, 'translated template', true, diagnostics);
      translations.push({ stem, locale, file: source.file, text: { title: data.title, body: source.body }, draft: false, source });
    },
    original(source, stem) {
      const data = parseFrontMatter(source, schema, diagnostics);
      if (!data) return false;
      checkBody(source, 'template', true, diagnostics);
      checkTemplatePlaceholders(source, data.title, data.type, diagnostics);
      templates.push({
        name: stem, file: source.file, type: data.type, label: data.label, title: data.title, body: source.body, components: data.components,
        updateCadenceHours: data.update_cadence_hours, lang: data.lang ?? context.locales[0]!, translations: {},
      });
      return true;
    },
  });
  // A translation's placeholders are checked against its original's type.
  const types = new Map(templates.map((t) => [t.name, t.type]));
  for (const translation of translations) {
    const type = types.get(translation.stem);
    if (type) checkTemplatePlaceholders(translation.source, translation.text.title, type, diagnostics);
  }
  const originals = new Map(templates.map((t) => [t.name, { ...t, draft: false }]));
  const attached = attachTranslations(originals, failedStems, translations, context, undefined, diagnostics);
  return templates.map((template) => ({ ...template, translations: attached.get(template.name) ?? {} }));
}

/** Each placeholder in a template's title and body that `npm run new` could not fill, at its line and column. */
function checkTemplatePlaceholders(source: MarkdownFile, title: string | undefined, type: NoticeType, diagnostics: Diagnostic[]): void {
  for (const { name } of findPlaceholders(title ?? '')) {
    const problem = placeholderProblem(name, type);
    if (problem) diagnostics.push({ file: source.file, ...source.locate(['title']), severity: 'error', message: `title: ${problem}` });
  }
  for (const { name, index } of findPlaceholders(source.body)) {
    const problem = placeholderProblem(name, type);
    if (!problem) continue;
    const before = source.body.slice(0, index).split('\n');
    const line = source.bodyLine + before.length - 1;
    diagnostics.push({ file: source.file, line, column: before[before.length - 1]!.length + 1, severity: 'error', message: problem });
  }
}

/** A lowercase-ASCII version of a name, for "rename it to …" hints. */
export function suggestId(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii === '' ? 'example-id' : ascii;
}

function loadIncidents(root: string, context: SchemaContext, faqIds: ReadonlySet<string>, options: LoadOptions, diagnostics: Diagnostic[]): Incident[] {
  const dir = join(root, INCIDENTS_DIR);
  if (!existsSync(dir)) {
    diagnostics.push({ file: INCIDENTS_DIR, line: 0, column: 0, severity: 'warning', message: 'folder is missing; the site will show no incidents' });
    return [];
  }
  const incidents: Incident[] = [];
  const inputs = JSON.stringify([context, [...faqIds].sort(compareText), options.includeDrafts === true]);
  const loadAndKeep = (slug: string): LoadedIncident => {
    const own: Diagnostic[] = [];
    const loaded = { incident: loadIncident(root, slug, context, faqIds, options, own), diagnostics: own };
    options.incidentMemo?.keep(slug, inputs, loaded);
    return loaded;
  };
  for (const entry of listDir(dir)) {
    const path = `${INCIDENTS_DIR}/${entry.name}`;
    if (!entry.isDirectory()) {
      diagnostics.push(
        entry.name.endsWith('.md')
          ? {
              file: path,
              line: 0,
              column: 0,
              severity: 'error',
              message: `notice is outside any incident folder; move it into ${INCIDENTS_DIR}/<slug>/ next to that incident's incident.md`,
            }
          : { file: path, line: 0, column: 0, severity: 'warning', message: 'is not an incident folder and is ignored' },
      );
      continue;
    }
    if (!ID_PATTERN.test(entry.name)) {
      diagnostics.push({
        file: path,
        line: 0,
        column: 0,
        severity: 'error',
        message: `incident folder name "${entry.name}" is not a valid slug; the slug is the permanent URL, so use only lowercase letters a-z, ` +
          `digits and hyphens, e.g. "${suggestId(entry.name)}"`,
      });
      continue;
    }
    const loaded = options.incidentMemo?.recall(entry.name, inputs) ?? loadAndKeep(entry.name);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.incident) incidents.push(loaded.incident);
  }
  return incidents;
}

// Building a zod schema is costly (zod compiles it); build each once per context, not once per incident.
const schemaCache = new WeakMap<
  SchemaContext,
  { noticeSchema: ReturnType<typeof createNoticeSchema>; incidentSchema: ReturnType<typeof createIncidentSchema> }
>();

function schemasFor(context: SchemaContext) {
  let schemas = schemaCache.get(context);
  if (!schemas) {
    schemas = { noticeSchema: createNoticeSchema(context), incidentSchema: createIncidentSchema() };
    schemaCache.set(context, schemas);
  }
  return schemas;
}

/** What an incident folder holds, each file read and checked on its own. */
interface IncidentFolder {
  hasIncidentFile: boolean;
  notices: SourcedNotice[];
  noticeTranslations: TranslationFile<NoticeText>[];
  incidentTranslations: TranslationFile<IncidentText>[];
  /** Notices that failed to load: their translations get no "has no original" error on top of the notice's own. */
  failedStems: Set<string>;
  /** A file had an error: the incident is left out, though the rest of its files are still checked and reported. */
  failed: boolean;
  /** Files that are not notices: published beside them if a text refers to them. */
  besides: Set<string>;
  /** Which of those files each text refers to: a notice's (by its id) or the incident's own. */
  uses: FileUse[];
  textFolder: TextFolder;
}

interface FileUse {
  stem: string;
  /** A draft translation is never shown, so its files are not published for it. */
  draftTranslation: boolean;
  names: string[];
}

/**
 * One incident: its folder's files each read and checked (readIncidentFolder),
 * then incident.md (readIncidentFile), translations matched to their originals,
 * and, when every file loaded, the rules across its notices
 * (orderAndCheckNotices). Diagnostics come in that order.
 */
function loadIncident(
  root: string,
  slug: string,
  context: SchemaContext,
  faqIds: ReadonlySet<string>,
  options: LoadOptions,
  diagnostics: Diagnostic[],
): Incident | undefined {
  const folder = readIncidentFolder(root, slug, context, diagnostics);
  const head = readIncidentFile(root, slug, folder.hasIncidentFile, faqIds, context, diagnostics);
  if (!head) return undefined;
  const { file, data, source } = head;
  folder.uses.push({ stem: 'incident', draftTranslation: false, names: checkReferences(source, folder.textFolder, diagnostics) });
  warnUnusedFiles(`${INCIDENTS_DIR}/${slug}`, folder.besides, folder.uses, diagnostics);
  const lang = data.lang ?? context.locales[0]!;
  const noticeTexts = attachTranslations(
    new Map(folder.notices.map((n) => [n.notice.id, { file: n.notice.file, lang: n.notice.lang, draft: n.notice.draft || data.draft }])),
    folder.failedStems,
    folder.noticeTranslations,
    context,
    'notice',
    diagnostics,
  );
  const incidentTexts = attachTranslations(
    new Map([['incident', { file, lang, draft: data.draft }]]),
    new Set(),
    folder.incidentTranslations,
    context,
    'incident',
    diagnostics,
  );
  if (folder.failed) return undefined;
  const published = orderAndCheckNotices(file, folder.notices, data.draft, diagnostics);
  return {
    slug,
    file,
    title: data.title,
    summary: data.summary,
    overview: source.body,
    impact: data.impact ?? impactFromStates(published.flatMap((n) => Object.values(n.notice.components))),
    faq: data.faq,
    notices: folder.notices.map((n) => ({ ...n.notice, translations: noticeTexts.get(n.notice.id) ?? {} })),
    lang,
    translations: incidentTexts.get('incident') ?? {},
    files: publishedFiles(root, `${INCIDENTS_DIR}/${slug}`, folder, options),
    draft: data.draft,
  };
}

/** The files beside the notices that the published texts refer to (a draft's only in a draft preview), in name order. */
function publishedFiles(root: string, folder: string, incident: IncidentFolder, options: LoadOptions): IncidentFile[] {
  const shown = new Set(incident.notices.filter((n) => options.includeDrafts === true || !n.notice.draft).map((n) => n.notice.id));
  const used = incident.uses.filter((use) => !use.draftTranslation && (use.stem === 'incident' || shown.has(use.stem)));
  return [...new Set(used.flatMap((use) => use.names))].sort().map((name) => readFileBeside(root, folder, name));
}

/** A file beside the notices, with a hash of its bytes: a changed image changes the incident's render key. */
function readFileBeside(root: string, folder: string, name: string): IncidentFile {
  const file = `${folder}/${name}`;
  return {
    name,
    file,
    sha256: createHash('sha256')
      .update(readFileSync(join(root, file)))
      .digest('hex'),
  };
}

/** A file in an incident folder that no text refers to is not published: say so, it may be a forgotten link or a misplaced file. */
function warnUnusedFiles(folder: string, besides: ReadonlySet<string>, uses: readonly { names: readonly string[] }[], diagnostics: Diagnostic[]): void {
  const used = new Set(uses.flatMap((use) => use.names));
  for (const name of besides) {
    if (used.has(name)) continue;
    diagnostics.push({
      file: `${folder}/${name}`,
      line: 0,
      column: 0,
      severity: 'warning',
      message:
        'is not a notice (.md), and no notice refers to it, so it is not published; ' +
        `refer to it from a notice, e.g. ![what it shows](${name}), or remove it`,
    });
  }
}

/** Every file of an incident folder but incident.md itself, read and checked in name order: notices, their translations, incident.md's translations. */
function readIncidentFolder(root: string, slug: string, context: SchemaContext, diagnostics: Diagnostic[]): IncidentFolder {
  const folder = `${INCIDENTS_DIR}/${slug}`;
  const entries = listDir(join(root, folder));
  const besides = new Set(entries.filter((entry) => entry.isFile() && !splitFileName(entry.name)).map((entry) => entry.name));
  const noticeIds = entries.flatMap((entry) => {
    const named = entry.isFile() ? splitFileName(entry.name) : undefined;
    return named && named.stem !== 'incident' ? [named.stem] : [];
  });
  const result: IncidentFolder = {
    hasIncidentFile: false,
    notices: [],
    noticeTranslations: [],
    incidentTranslations: [],
    failedStems: new Set(),
    failed: false,
    besides,
    uses: [],
    textFolder: { slug, files: besides, noticeIds },
  };
  const refer = (source: MarkdownFile, stem: string, draftTranslation: boolean) =>
    result.uses.push({ stem, draftTranslation, names: checkReferences(source, result.textFolder, diagnostics) });
  for (const entry of entries) {
    const file = `${folder}/${entry.name}`;
    if (besides.has(entry.name)) continue;
    const named = entry.isFile() ? splitFileName(entry.name) : undefined;
    if (!named) {
      diagnostics.push({ file, line: 0, column: 0, severity: 'warning', message: `is not a Markdown (.md) notice and is ignored` });
      continue;
    }
    if (named.stem === 'incident') {
      if (named.locale === undefined) {
        result.hasIncidentFile = true;
        continue;
      }
      const translation = readIncidentTranslation(root, file, named.locale, `${folder}/${INCIDENT_FILE}`, context, diagnostics, refer);
      if (translation) result.incidentTranslations.push(translation);
      else result.failed = true;
      continue;
    }
    if (!ID_PATTERN.test(named.stem)) {
      diagnostics.push({
        file,
        line: 0,
        column: 0,
        severity: 'error',
        message:
          `notice file name "${entry.name}" is not a valid id; the file name is the notice's permanent link, ` +
          `so use lowercase letters a-z, digits and hyphens, e.g. "${suggestId(named.stem)}.md"`,
      });
      result.failed = true;
      continue;
    }
    const source = readSource(root, file, diagnostics);
    if (!source) {
      result.failed = true;
      if (named.locale === undefined) result.failedStems.add(named.stem);
      continue;
    }
    if (named.locale !== undefined) {
      const translation = readNoticeTranslation(source, named.stem, named.locale, `${folder}/${named.stem}.md`, context, diagnostics);
      if (translation) refer(source, named.stem, translation.draft);
      if (translation) result.noticeTranslations.push(translation);
      else result.failed = true;
      continue;
    }
    const notice = parseNotice(source, slug, named.stem, context, diagnostics);
    if (notice) refer(source, named.stem, false);
    if (notice) result.notices.push(notice);
    else {
      result.failed = true;
      result.failedStems.add(named.stem);
    }
  }
  return result;
}

/** `incident.<locale>.md`: the translated title, summary and overview, or undefined after reporting why not. */
function readIncidentTranslation(
  root: string,
  file: string,
  locale: string,
  incidentFile: string,
  context: SchemaContext,
  diagnostics: Diagnostic[],
  refer: (source: MarkdownFile, stem: string, draftTranslation: boolean) => void,
): TranslationFile<IncidentText> | undefined {
  if (!checkTranslationLocale(file, locale, context, diagnostics)) return undefined;
  const source = readSource(root, file, diagnostics);
  if (!source) return undefined;
  const data = parseTranslationFrontMatter(source, IncidentTranslationSchema, incidentFile, diagnostics);
  if (!data) return undefined;
  refer(source, 'incident', false);
  return { stem: 'incident', locale, file, text: { title: data.title, summary: data.summary, overview: source.body }, draft: false };
}

/** `<notice>.<locale>.md`: the translated title and body, or undefined after reporting why not. */
function readNoticeTranslation(
  source: MarkdownFile,
  stem: string,
  locale: string,
  originalFile: string,
  context: SchemaContext,
  diagnostics: Diagnostic[],
): TranslationFile<NoticeText> | undefined {
  if (!checkTranslationLocale(source.file, locale, context, diagnostics)) return undefined;
  const data = parseTranslationFrontMatter(source, NoticeTranslationSchema, originalFile, diagnostics);
  if (!data) return undefined;
  checkBody(source, 'translated notice', data.draft, diagnostics);
  return { stem, locale, file: source.file, text: { title: data.title, body: source.body }, draft: data.draft };
}

/** A notice file as a Notice (translations are attached later), or undefined after reporting why not. */
function parseNotice(source: MarkdownFile, slug: string, id: string, context: SchemaContext, diagnostics: Diagnostic[]): SourcedNotice | undefined {
  const data = parseFrontMatter(source, schemasFor(context).noticeSchema, diagnostics);
  if (!data) return undefined;
  checkBody(source, 'notice', data.draft, diagnostics);
  // The schema has checked every date, so each parses.
  const at = (value: string) => (parseInstant(value, context.timeZone) as { epochMs: number }).epochMs;
  return {
    notice: {
      id,
      incidentSlug: slug,
      file: source.file,
      type: data.type,
      date: data.date,
      at: at(data.date),
      components: data.components,
      nextUpdate: data.next_update === undefined ? undefined : { written: data.next_update, at: at(data.next_update) },
      window: data.window_start !== undefined && data.window_end !== undefined ? { start: at(data.window_start), end: at(data.window_end) } : undefined,
      cancelled: data.cancelled ?? false,
      title: data.title,
      body: source.body,
      lang: data.lang ?? context.locales[0]!,
      translations: {},
      draft: data.draft,
    },
    source,
  };
}

/** incident.md: present, valid, and naming only FAQ entries that exist; undefined when it cannot be used. */
function readIncidentFile(root: string, slug: string, present: boolean, faqIds: ReadonlySet<string>, context: SchemaContext, diagnostics: Diagnostic[]) {
  const folder = `${INCIDENTS_DIR}/${slug}`;
  const file = `${folder}/${INCIDENT_FILE}`;
  if (!present) {
    diagnostics.push({
      file: folder,
      line: 0,
      column: 0,
      severity: 'error',
      message: `incident folder has no ${INCIDENT_FILE}; add one with at least "title:" and "summary:" (see docs/authoring.md)`,
    });
    return undefined;
  }
  const source = readSource(root, file, diagnostics);
  if (!source) return undefined;
  const data = parseFrontMatter(source, schemasFor(context).incidentSchema, diagnostics);
  if (!data) return undefined;
  data.faq.forEach((faqId, index) => {
    if (!faqIds.has(faqId)) {
      const { line, column } = source.locate(['faq', index]);
      diagnostics.push({
        file,
        line,
        column,
        severity: 'error',
        message: `faq refers to "${faqId}", but there is no ${FAQ_DIR}/${faqId}.md; create it or remove the reference.${didYouMean(faqId, [...faqIds])}`,
      });
    }
  });
  return { file, data, source };
}

/**
 * Puts the notices in time order and checks the rules across them
 * (rules.ts) on the published ones, as readers will see them; an incident
 * with no notice, or only drafts, is reported. Returns the published notices.
 */
function orderAndCheckNotices(incidentFile: string, notices: SourcedNotice[], incidentDraft: boolean, diagnostics: Diagnostic[]): SourcedNotice[] {
  notices.sort(
    oldestFirst(
      (n) => n.notice.at,
      (n) => n.notice.id,
    ),
  );
  const published = notices.filter((n) => !n.notice.draft);
  checkIncidentRules(incidentFile, published, diagnostics);
  if (!incidentDraft && published.length === 0 && notices.length > 0) {
    diagnostics.push({
      file: incidentFile,
      line: 0,
      column: 0,
      severity: 'warning',
      message: 'incident has only draft notices; it will not appear on the site until one is published',
    });
  }
  if (notices.length === 0) {
    diagnostics.push({
      file: incidentFile,
      line: 0,
      column: 0,
      severity: 'error',
      message:
        'incident has no notices; add its opening notice, e.g. npm run new -- suspension, ' + 'or a file like 2018-04-12-suspension.md with "type: suspension"',
    });
  }
  return published;
}

function impactFromStates(states: readonly ComponentState[]): Impact {
  const worst = Math.max(0, ...states.map((s) => STATE_SEVERITY[s]));
  return worst >= STATE_SEVERITY.major_outage ? 'critical' : worst >= STATE_SEVERITY.partial_outage ? 'major' : 'minor';
}

/** Whether `path` is an existing directory (for CLI argument checks). */
export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
