import { localizedText } from '../core/localized-text.ts';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import { absolute, routes, withBase } from '../core/urls.ts';
import type { RenderContext } from './context.ts';
import { languageName } from './datetime.ts';
import { attr, html, type SafeHtml } from './html.ts';
import { renderSocialMeta, type SocialImage, type SocialMeta } from './meta.ts';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH, SITE_PREVIEW_PATH } from './preview.ts';

/**
 * The page shell (head, header, footer) of every page, and what a page tells it.
 */
export interface ShellInput {
  /** Page title; the site name is appended. */
  title: string;
  description: string;
  /** Site path of this page without the locale prefix, e.g. /faq/: for canonical, hreflang and the language switch. */
  path: string;
  /** Feeds of this page's subject (an incident, a component), advertised besides the site's. */
  scopedFeeds?: { title: string; rss: string } | undefined;
  /** Canonical URL when it is not the page itself (share pages point at the notice on its incident page). */
  canonical?: string | undefined;
  noindex?: boolean | undefined;
  /** The page exists in the default locale only (404). */
  singleLocale?: boolean | undefined;
  /** Link-preview metadata; defaults to the page's title and description. */
  social?: Partial<SocialMeta> | undefined;
  /** This page's Content-Security-Policy when it needs more than every other page (csp.ts). */
  contentSecurityPolicy?: string | undefined;
  /** Module scripts of this page alone, after the layout's. */
  scripts?: readonly string[] | undefined;
}

export function renderHead(ctx: RenderContext, input: ShellInput): SafeHtml {
  const { config } = ctx;
  const fullTitle = input.title === ctx.siteName ? input.title : `${input.title} | ${ctx.siteName}`;
  const multilingual = !input.singleLocale && config.locales.length > 1;
  const feeds = [
    { type: 'application/rss+xml', title: `${ctx.siteName} (RSS)`, path: routes.feed() },
    { type: 'application/atom+xml', title: `${ctx.siteName} (Atom)`, path: routes.atom() },
    { type: 'application/feed+json', title: `${ctx.siteName} (JSON Feed)`, path: routes.jsonFeed() },
    ...(input.scopedFeeds ? [{ type: 'application/rss+xml', title: `${input.scopedFeeds.title} (RSS)`, path: input.scopedFeeds.rss }] : []),
  ];
  const url = input.canonical ?? ctx.url(input.path);
  const social = {
    title: input.title,
    description: input.description,
    url,
    type: 'website' as const,
    ...input.social,
    image: input.social?.image ?? siteImage(ctx),
  };
  return html`
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="${input.contentSecurityPolicy ?? CONTENT_SECURITY_POLICY}">
    <title>${ctx.drafts ? `[DRAFT] ${fullTitle}` : fullTitle}</title>
    <meta name="description" content="${input.description}">
    ${input.noindex || ctx.drafts ? html`<meta name="robots" content="noindex, nofollow">` : ''}
    <link rel="canonical" href="${url}">
    ${multilingual
      ? html`
        ${config.locales.map((l) => html`<link rel="alternate" hreflang="${l}" href="${ctx.url(input.path, l)}">`)}
        <link rel="alternate" hreflang="x-default" href="${ctx.url(input.path, config.defaultLocale)}">`
      : ''}
    <link rel="icon" href="${ctx.href(routes.favicon(), config.defaultLocale)}" type="image/svg+xml">
    ${feeds.map((f) => html`<link rel="alternate" type="${f.type}" title="${f.title}" href="${ctx.url(f.path)}">`)}
    <meta name="color-scheme" content="light dark">
    ${renderSocialMeta(ctx, social)}
    ${ctx.assets.styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}
    ${[...ctx.assets.scripts, ...(input.scripts ?? [])].map((src) => html`<script type="module" src="${src}"></script>`)}`;
}

/** The site-wide link-preview image (see src/lib/outputs/preview-image.ts): never locale-prefixed. */
export function siteImage(ctx: RenderContext): SocialImage {
  return { url: absolute(ctx.site, ctx.base, SITE_PREVIEW_PATH), width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, alt: ctx.siteName };
}

function renderHeader(ctx: RenderContext, input: ShellInput): SafeHtml {
  const { config, strings, locale } = ctx;
  const nav = [
    { label: strings.nav.status, path: routes.home() },
    { label: strings.nav.history, path: routes.history() },
    { label: strings.nav.faq, path: routes.faq() },
  ];
  const otherLocales = input.singleLocale ? [] : config.locales.filter((l) => l !== locale);
  return html`
    <a class="skip" href="#_main">${strings.skipToContent}</a>
    ${ctx.drafts
      ? html`<p class="draft-build" role="note">DRAFT PREVIEW — not the public site. Drafts are shown and marked.</p>`
      : ''}
    <header class="site-header">
      <div class="wrap">
        <a class="site-name" href="${ctx.href(routes.home())}">
          ${config.logo
            ? html`<img class="site-logo" src="${withBase(ctx.base, config.logo.src)}" alt="" width="${config.logo.width}" height="${config.logo.height}">`
            : ''}
          ${ctx.siteName}
        </a>
        <nav aria-label="${strings.nav.primary}">
          <ul>
            ${nav.map((item) => html`
              <li>
                <a href="${ctx.href(item.path)}"${attr('aria-current', item.path === input.path ? 'page' : undefined)}>${item.label}</a>
              </li>`)}
            <li><a href="${ctx.href(routes.feed())}">${strings.nav.feeds}</a></li>
          </ul>
        </nav>
        ${otherLocales.length > 0
          ? html`
            <nav class="lang-switch" aria-label="${strings.languageSwitch}">
              <ul>
                ${otherLocales.map((l) => html`
                  <li><a href="${ctx.href(input.path, l)}" hreflang="${l}" lang="${l}">${languageName(l, l)}</a></li>`)}
              </ul>
            </nav>`
          : ''}
        ${renderSiteSearch(ctx)}
      </div>
    </header>`;
}

/** The search box of every header: a plain GET form, so without JavaScript it still lands on the search page. */
function renderSiteSearch(ctx: RenderContext): SafeHtml {
  const { siteSearch } = ctx.strings;
  return html`
    <form class="site-search" role="search" aria-label="${siteSearch.label}" action="${ctx.href(routes.search())}" method="get">
      <label class="visually-hidden" for="_site-q">${siteSearch.label}</label>
      <input type="search" id="_site-q" name="q">
      <button type="submit">${siteSearch.submit}</button>
    </form>`;
}

function renderFooter(ctx: RenderContext): SafeHtml {
  const { config, strings, locale } = ctx;
  const support = config.support;
  const hours = localizedText(support.hours, locale, config.defaultLocale);
  const contact = support.email || support.url || support.phone
    ? html`
      <section aria-labelledby="_support">
        <h2 id="_support">${strings.support.heading}</h2>
        <dl class="support">
          ${support.email ? html`<dt>${strings.support.email}</dt><dd><a href="mailto:${support.email}">${support.email}</a></dd>` : ''}
          ${support.url ? html`<dt>${strings.support.url}</dt><dd><a href="${support.url}">${support.url}</a></dd>` : ''}
          ${support.phone ? html`<dt>${strings.support.phone}</dt><dd>${support.phone}</dd>` : ''}
          ${hours ? html`<dt>${strings.support.hours}</dt><dd>${hours}</dd>` : ''}
        </dl>
      </section>`
    : '';
  return html`
    <p id="_copy-status" class="visually-hidden" role="status" aria-live="polite"></p>
    <footer class="site-footer">
      <div class="wrap">
        <p class="times-note">
          ${strings.timesIn(config.timeZone)}
          ${' '}<button type="button" id="_local-times" class="copy-link" data-site-zone="${config.timeZone}"
            ${' '}data-label="${strings.showLocalTimes}" hidden></button>
        </p>
        ${contact}
        <p class="powered">${strings.footer.poweredBy}</p>
      </div>
    </footer>`;
}

/**
 * The one page shell: every HTML page of the site is a whole document made here,
 * whether an Astro route or the build's own writer renders it.
 */
export function renderDocument(ctx: RenderContext, input: ShellInput, main: SafeHtml): string {
  const page = html`
    <!DOCTYPE html>
    <html lang="${ctx.strings.htmlLang}">
      <head>${renderHead(ctx, input)}</head>
      <body>
        ${renderHeader(ctx, input)}
        <main id="_main" class="wrap">${main}</main>
        ${renderFooter(ctx)}
      </body>
    </html>`;
  return page.value;
}
