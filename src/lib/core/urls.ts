/**
 * The URL contract. Paths are site-relative without the base ("/incidents/x/");
 * `withBase` and `absolute` add the configured base path and site URL, so the
 * same content serves from a domain root or a sub-path like /status/.
 */

export const routes = {
  home: () => '/',
  incident: (slug: string) => `/incidents/${slug}/`,
  /** The permanent link to one notice: its anchor on the incident page. */
  notice: (slug: string, noticeId: string) => `/incidents/${slug}/#${noticeId}`,
  /** A notice's own small page, for link previews; its canonical is the notice's anchor. */
  noticePage: (slug: string, noticeId: string) => `/incidents/${slug}/${noticeId}/`,
  incidentFeed: (slug: string) => `/incidents/${slug}/rss.xml`,
  /**
   * The folder the files kept beside an incident's notices (images, PDFs) are
   * published in: the incident page's folder of the default locale, never
   * prefixed, so every locale's pages and feeds link to the one copy.
   */
  incidentFiles: (slug: string) => `/incidents/${slug}/`,
  component: (id: string) => `/components/${id}/`,
  componentFeed: (id: string) => `/components/${id}/rss.xml`,
  history: () => '/history/',
  historyYear: (year: string) => `/history/${year}/`,
  faq: () => '/faq/',
  faqEntry: (id: string) => `/faq/#${id}`,
  faqPage: (id: string) => `/faq/${id}/`,
  /** Full-text search over notices and the FAQ; `?q=` fills the box and runs it. */
  search: () => '/search/',
  /** Where the build writes the search index (a Pagefind bundle per part); never locale-prefixed. */
  searchIndex: () => '/pagefind/',
  /** One part's bundle (src/lib/model/search-parts.ts), which the search page merges with the others. */
  searchIndexPart: (part: string) => `/pagefind/${part}/`,
  badge: () => '/badge.svg',
  componentBadge: (id: string) => `/components/${id}/badge.svg`,
  embed: () => '/embed/',
  statusJson: () => '/status.json',
  feed: () => '/rss.xml',
  atom: () => '/atom.xml',
  jsonFeed: () => '/feed.json',
  /** XSL that renders RSS and Atom as a readable page in a browser. */
  feedStylesheet: () => '/feed.xsl',
  calendar: () => '/maintenance.ics',
  sitemap: () => '/sitemap.xml',
  favicon: () => '/favicon.svg',
} as const;

/** A path in a locale: the default locale lives at the root, others under /<locale>/. */
export function localePath(locale: string, defaultLocale: string, path: string): string {
  return locale === defaultLocale ? path : `/${locale}${path}`;
}

/** "/status" or "/status/" or "/" → "/status/" or "/". */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** A site-relative path with the base path in front: withBase("/status", "/faq/") → "/status/faq/". */
export function withBase(base: string, path: string): string {
  return normalizeBase(base) + path.replace(/^\/+/, '');
}

/** An absolute URL for feeds, canonical links and anything pasted elsewhere. */
export function absolute(site: string | URL, base: string, path: string): string {
  return new URL(withBase(base, path), site).href;
}

/** What a feed covers, as far as its paths go: the whole site, one incident, or one component. */
export type FeedPathScope = { kind: 'site' } | { kind: 'incident'; incident: { slug: string } } | { kind: 'component'; componentId: string };

/**
 * Site paths (without locale) of a scope's page and feeds. The site has RSS,
 * Atom and JSON Feed; incidents and components have RSS only, which keeps the
 * files that multiply with incidents × locales few.
 */
export function feedPaths(scope: FeedPathScope): { page: string; rss: string; atom: string | undefined; json: string | undefined } {
  switch (scope.kind) {
    case 'site':
      return { page: routes.home(), rss: routes.feed(), atom: routes.atom(), json: routes.jsonFeed() };
    case 'incident':
      return { page: routes.incident(scope.incident.slug), rss: routes.incidentFeed(scope.incident.slug), atom: undefined, json: undefined };
    case 'component':
      return { page: routes.component(scope.componentId), rss: routes.componentFeed(scope.componentId), atom: undefined, json: undefined };
  }
}
