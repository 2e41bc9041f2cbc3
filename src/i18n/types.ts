import type { ComponentState, Impact, NoticeType } from '../lib/core/states.ts';

/** Every UI string, one key set for all locales: a missing key in any locale fails type checking. */
export interface UiStrings {
  /** BCP 47 tag for <html lang> and og:locale. */
  htmlLang: string;
  ogLocale: string;
  skipToContent: string;
  /** Footer note naming the display zone. */
  timesIn: (zone: string) => string;
  /** Button text offering the reader's zone; "{zone}" is replaced in the browser. */
  showLocalTimes: string;
  /** Label of the language switch. */
  languageSwitch: string;
  /** Shown on text that has no translation yet, e.g. "This notice is available in Japanese only". */
  onlyIn: (languageName: string) => string;
  /** Between the items of a list in running text (service names): 、 in Japanese, a comma in English. */
  listSeparator: string;
  nav: { status: string; history: string; faq: string; feeds: string; primary: string };
  /** The search box in every page's header: it submits to the search page. */
  siteSearch: { label: string; submit: string };
  states: Record<ComponentState, string>;
  noticeTypes: Record<NoticeType, string>;
  impacts: Record<Impact, string>;
  banner: {
    allOperational: string;
    /** The sentence when something is affected, e.g. 決済・出金: 一時停止中(2018年4月12日(木) 18:00 JSTから). */
    affected: (summary: string, since: string) => string;
    affectedNoSince: (summary: string) => string;
    /** One state group, e.g. 決済・出金: 一時停止中. */
    group: (state: string, names: string) => string;
    groupJoin: (groups: readonly string[]) => string;
    /** Joins service names in a sentence. */
    listJoin: (names: readonly string[]) => string;
  };
  home: {
    title: string;
    components: string;
    openIncidents: string;
    noOpenIncidents: string;
    /** After the open incidents `/` lists: how many more there are, all of them on the history page. */
    moreOpen: (count: number) => string;
    recentResolved: string;
    noResolved: string;
    allHistory: string;
    followUpdates: string;
    followUpdatesText: string;
    /** Words around a time in "since <time>". */
    since: { before: string; after: string };
  };
  incident: {
    started: string;
    resolved: string;
    duration: string;
    status: string;
    statusOpen: string;
    statusResolved: string;
    impact: string;
    affectedComponents: string;
    notices: string;
    latestNotice: string;
    postedAt: string;
    nextUpdate: string;
    noNextUpdate: string;
    nextUpdatePromise: (when: string) => string;
    relatedFaq: string;
    linkToNotice: string;
    componentStatesAtNotice: string;
    feed: string;
    readMore: string;
    overview: string;
  };
  /** Badge and iframe embed. */
  embed: { badgeLabel: string; more: string };
  share: {
    copyLink: string;
    /** Announced in the live region after a copy. */
    copied: string;
    copyFailed: string;
    replyHeading: string;
    replyHelp: string;
    copyReply: string;
    allNotices: string;
  };
  maintenance: {
    /** Shown by the page script when a cached page's planned window is over. */
    windowEnded: string;
    upcoming: string;
    inProgress: string;
    window: string;
    scheduled: string;
    cancelled: string;
    completed: string;
  };
  history: {
    byYear: string;
    yearLabel: (year: string) => string;
    olderInYears: string;
    title: string;
    description: string;
    empty: string;
    incidentCount: (n: number) => string;
  };
  faq: { allQuestions: string; title: string; description: string; affectedNow: string; aboutComponents: string; linkToAnswer: string };
  feeds: {
    componentDescription: (name: string) => string;
    atom: string;
    json: string;
    title: string;
    siteFeed: string;
    incidentFeed: (title: string) => string;
    description: string;
  };
  /** The search page (src/lib/render/pages/search.ts) and what its script says (src/scripts/search.ts). */
  search: {
    title: string;
    description: string;
    /** Label of the query box. */
    label: string;
    submit: string;
    /** Legend of the filters and each filter's label; `any` is the option that does not narrow. */
    filters: string;
    component: string;
    type: string;
    year: string;
    any: string;
    /** Shown without JavaScript, followed by a link to the history (`browseHistory`). */
    needsJavaScript: string;
    browseHistory: string;
    loading: string;
    /** How many results are shown; `{count}` is replaced in the browser (one / other for languages with plurals). */
    resultCount: { one: string; other: string };
    noResults: string;
    /** Button that loads the next results. */
    more: string;
    /** When the index cannot be loaded (the page says what went wrong after it). */
    unavailable: string;
  };
  support: { heading: string; email: string; url: string; phone: string; hours: string };
  notFound: { title: string; text: string; back: string };
  footer: { poweredBy: string };
  /** Messages `npm run notify` sends: e-mail, chat and webhooks (src/lib/outputs/notify/). */
  notify: {
    /** The link to the notice on the site. */
    viewNotice: string;
    /** After a text cut to fit a chat platform's limit, before the link to the whole notice. */
    continued: string;
    /** Footer link to the status page. */
    statusPage: string;
    /** Footer link to the site-wide RSS feed. */
    feed: string;
    /** E-mail footer: why this address receives the e-mail. */
    reason: (site: string) => string;
    /** E-mail footer: the link to stop the e-mails. */
    unsubscribe: string;
  };
  /** Per-component availability: 90 daily bars and uptime (src/lib/render/availability-bars.ts). */
  availability: {
    /** Appended to a tooltip that covers several days, each affected as long. */
    perDay: string;
    /** Heading on a component page, e.g. 過去90日間の稼働状況. */
    heading: (days: number) => string;
    /** One uptime figure, e.g. 稼働率(過去90日間): 99.95%; `value` is a percentage or `noData`. */
    uptime: (value: string, days: number) => string;
    /** Label of one of the 30/90/365-day figures, e.g. 過去30日間の稼働率. */
    period: (days: number) => string;
    /** Shown instead of a percentage or a bar's state before the component's start date. */
    noData: string;
    /** Ends of the bars' time axis. */
    daysAgo: (days: number) => string;
    today: string;
    /** Summary of the list of affected days, e.g. 影響のあった日(9日). */
    affectedDays: (count: number) => string;
    /** When no day in the period was affected. */
    noneAffected: (days: number) => string;
    /** How long the component was affected, e.g. 影響 6時間. */
    affectedFor: (duration: string) => string;
    /** A span of days, e.g. 2018年4月12日(木)〜2018年4月20日(金). */
    range: (from: string, to: string) => string;
    /** How the figures are counted (weights), one or two sentences. */
    method: string;
  };
}
