import rss from '@astrojs/rss';
import type { APIContext, APIRoute, GetStaticPathsResult } from 'astro';
import { now, settings, siteContent } from 'virtual:shirase/build';
import { useStrings } from '../i18n/index.ts';
import type { FaqEntry, Incident, Notice } from '../lib/content/types.ts';
import type { Locale } from '../lib/core/states.ts';
import { deriveComponentStates } from '../lib/model/timeline.ts';
import { buildAvailabilityJson } from '../lib/outputs/availability-json.ts';
import { buildAtomFeed, buildJsonFeed, buildRssFeed, type FeedScope } from '../lib/outputs/feeds.ts';
import { buildMaintenanceCalendar } from '../lib/outputs/ics.ts';
import { buildRobotsTxt, buildSitemap } from '../lib/outputs/sitemap.ts';
import { buildBadgeSvg, buildStatusJson, overallState } from '../lib/outputs/status.ts';
import { buildStatuspageApi, STATUSPAGE_PATHS } from '../lib/outputs/statuspage.ts';
import { createRenderContext, type RenderContext, type RenderSettings } from '../lib/render/context.ts';
import { renderComponentPage } from '../lib/render/pages/component.ts';
import { renderEmbedPage } from '../lib/render/pages/embed.ts';
import { renderFaqEntryPage, renderFaqPage } from '../lib/render/pages/faq.ts';
import { renderHistoryPage, renderHistoryYearPage } from '../lib/render/pages/history.ts';
import { renderHomePage } from '../lib/render/pages/home.ts';
import { renderIncidentPage, renderNoticePage } from '../lib/render/pages/incident.ts';
import { renderNotFoundPage } from '../lib/render/pages/not-found.ts';
import { renderSearchPage } from '../lib/render/pages/search.ts';
import { historyYears } from '../lib/render/view.ts';

/**
 * Route data in one module: every file under src/pages is a few lines over
 * this. The content and the build's settings come from the integration
 * through `virtual:shirase/build`, the pages' HTML from src/lib/render/pages.
 */

/** The settings of this request's render: the build's, with the build's one "now" (in `astro dev`, this request's). */
function renderSettings(): RenderSettings {
  return { ...settings, now: settings.now ?? now() };
}

/** The render context for locale `lang` of `[...lang]` (undefined: the default locale). */
export function pageContext(lang: string | undefined): RenderContext {
  const content = siteContent();
  return createRenderContext(content, (lang ?? content.config.defaultLocale) as Locale, renderSettings());
}

// ---- Static paths -------------------------------------------------------------------------------

/** `[...lang]` params for every configured locale: undefined (the root) for the default. */
function localeParams(): { lang: string | undefined }[] {
  const { config } = siteContent();
  return config.locales.map((locale) => ({ lang: locale === config.defaultLocale ? undefined : locale }));
}

/**
 * Pages and feeds that multiply with incidents × locales are written by the
 * build's own writer (src/lib/outputs/writer.ts) in `astro build`; Astro
 * serves them only in `astro dev`.
 */
const servedByAstro = () => settings.command === 'dev';

export const paths = {
  /** Pages that exist once per locale. */
  locales: (): GetStaticPathsResult => localeParams().map((params) => ({ params })),
  incidents: (): GetStaticPathsResult =>
    servedByAstro()
      ? localeParams().flatMap(({ lang }) => siteContent().incidents.map((incident) => ({ params: { lang, slug: incident.slug }, props: { incident } })))
      : [],
  notices: (): GetStaticPathsResult =>
    servedByAstro()
      ? localeParams().flatMap(({ lang }) =>
          siteContent().incidents.flatMap((incident) =>
            incident.notices.map((notice) => ({ params: { lang, slug: incident.slug, notice: notice.id }, props: { incident, notice } })),
          ),
        )
      : [],
  components: (): GetStaticPathsResult =>
    localeParams().flatMap(({ lang }) => siteContent().config.components.map((component) => ({ params: { lang, id: component.id } }))),
  /** Components once, for what exists in one language only (badges). */
  componentIds: (): GetStaticPathsResult => siteContent().config.components.map((component) => ({ params: { id: component.id } })),
  historyYears: (): GetStaticPathsResult => {
    const content = siteContent();
    const years = historyYears(content.incidents, content.config.timeZone);
    return localeParams().flatMap(({ lang }) => years.map(({ year }) => ({ params: { lang, year } })));
  },
  faqEntries: (): GetStaticPathsResult =>
    localeParams().flatMap(({ lang }) => siteContent().faq.map((entry) => ({ params: { lang, id: entry.id }, props: { entry } }))),
  statuspageApi: (): GetStaticPathsResult =>
    STATUSPAGE_PATHS.map((path) => ({ params: { file: path.slice('/api/v2/'.length, -'.json'.length) } })),
};

// ---- Pages --------------------------------------------------------------------------------------

type Params = Record<string, string | undefined>;
/** A route's props, as `paths` above made them (Astro types them as unknown in a route file). */
type Props = Record<string, unknown>;

/** Each page as a whole HTML document, from a route's params and props. */
export const pages = {
  home: (params: Params) => renderHomePage(pageContext(params.lang)),
  incident: (params: Params, props: Props) => renderIncidentPage(pageContext(params.lang), props.incident as Incident),
  notice: (params: Params, props: Props) => renderNoticePage(pageContext(params.lang), props.incident as Incident, props.notice as Notice),
  component: (params: Params) => renderComponentPage(pageContext(params.lang), String(params.id)),
  history: (params: Params) => renderHistoryPage(pageContext(params.lang)),
  historyYear: (params: Params) => renderHistoryYearPage(pageContext(params.lang), String(params.year)),
  faq: (params: Params) => renderFaqPage(pageContext(params.lang)),
  faqEntry: (params: Params, props: Props) => renderFaqEntryPage(pageContext(params.lang), props.entry as FaqEntry),
  search: (params: Params) => renderSearchPage(pageContext(params.lang)),
  notFound: () => renderNotFoundPage(pageContext(undefined)),
  embed: () => renderEmbedPage(pageContext(undefined)),
};

// ---- Endpoints ----------------------------------------------------------------------------------

const TYPES = {
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  jsonFeed: 'application/feed+json; charset=utf-8',
  svg: 'image/svg+xml',
  calendar: 'text/calendar; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;

const respond = (body: string, type: string) => new Response(body, { headers: { 'Content-Type': type } });
/** Pretty-printed JSON with a final newline. */
const json = (value: unknown, type: string = TYPES.json) => respond(`${JSON.stringify(value, null, 2)}\n`, type);

/** A feed endpoint: a scope (site, incident, component) in the route's locale, in one of three formats. */
function feed(format: 'rss' | 'atom' | 'json', scopeOf: (context: APIContext) => FeedScope): APIRoute {
  return async (context) => {
    const ctx = pageContext(context.params.lang);
    const scope = scopeOf(context);
    const options = { site: ctx.site, base: ctx.base, locale: ctx.locale, strings: ctx.strings };
    if (format === 'rss') return rss(buildRssFeed(ctx.content, scope, options));
    if (format === 'atom') return respond(buildAtomFeed(ctx.content, scope, options), TYPES.atom);
    return json(buildJsonFeed(ctx.content, scope, options), TYPES.jsonFeed);
  };
}

/** The Statuspage API of one content and "now", made once for its eight files. */
const statuspageApi = new WeakMap<object, { now: number; files: Record<string, unknown> }>();

export const endpoints = {
  siteFeed: (format: 'rss' | 'atom' | 'json') => feed(format, () => ({ kind: 'site' })),
  incidentFeed: feed('rss', (context) => ({ kind: 'incident', incident: (context.props as { incident: Incident }).incident })),
  componentFeed: feed('rss', (context) => ({ kind: 'component', componentId: String(context.params.id) })),
  statusJson: (() => {
    const content = siteContent();
    const { base, site, now } = renderSettings();
    return json(buildStatusJson(content, { site, base, now, strings: useStrings(content.config.defaultLocale) }));
  }) satisfies APIRoute,
  availabilityJson: (() => json(buildAvailabilityJson(siteContent(), renderSettings().now))) satisfies APIRoute,
  badge: (() => {
    const content = siteContent();
    const strings = useStrings(content.config.defaultLocale);
    return respond(buildBadgeSvg(strings.embed.badgeLabel, overallState(content, renderSettings().now), strings), TYPES.svg);
  }) satisfies APIRoute,
  componentBadge: (({ params }) => {
    const { config, incidents } = siteContent();
    const strings = useStrings(config.defaultLocale);
    const statuses = deriveComponentStates(config.components, incidents, renderSettings().now, config.defaultLocale, config.defaultLocale);
    const status = statuses.find((s) => s.id === params.id)!;
    return respond(buildBadgeSvg(status.name, status.state, strings), TYPES.svg);
  }) satisfies APIRoute,
  calendar: (() => {
    const { base, site, now } = renderSettings();
    return respond(buildMaintenanceCalendar(siteContent(), { site, base, now }), TYPES.calendar);
  }) satisfies APIRoute,
  sitemap: (() => respond(buildSitemap(siteContent(), settings.site, settings.base), TYPES.xml)) satisfies APIRoute,
  robots: (() => respond(buildRobotsTxt(settings.site, settings.base, settings.drafts), TYPES.text)) satisfies APIRoute,
  statuspage: (({ params }) => {
    const content = siteContent();
    const { base, site, now } = renderSettings();
    let api = statuspageApi.get(content);
    if (api?.now !== now) {
      api = { now, files: buildStatuspageApi(content, { site, base, now }) };
      statuspageApi.set(content, api);
    }
    const value = api.files[`/api/v2/${params.file}.json`];
    return value === undefined ? new Response(null, { status: 404 }) : json(value);
  }) satisfies APIRoute,
};
