import { NOTICE_TYPES } from '../../core/states.ts';
import { routes, withBase } from '../../core/urls.ts';
import type { RenderContext } from '../context.ts';
import { SEARCH_CONTENT_SECURITY_POLICY } from '../csp.ts';
import { attr, html, type SafeHtml } from '../html.ts';
import type { SearchFacet } from '../search-annotations.ts';
import { renderDocument } from '../shell.ts';
import { noticeYears } from '../view.ts';
import { searchParts } from '../../model/search-parts.ts';

/**
 * `/search/`: full-text search over the notices and the FAQ of this language,
 * run in the browser by the page's own script (src/scripts/search.ts) over
 * the index the build writes (src/integration/search-index.ts), whose parts
 * (src/lib/model/search-parts.ts) the script merges. The form is a
 * GET form: `?q=…&component=…&type=…&year=…` fills it, so a search can be
 * pasted as a link. Without JavaScript the page says search needs it and
 * points to the history.
 */
export function renderSearchPage(ctx: RenderContext): string {
  const { strings, content, config, zone } = ctx;
  const { search } = strings;
  const facets: { name: SearchFacet; label: string; options: [string, string][] }[] = [
    { name: 'component', label: search.component, options: config.components.map((c) => [c.id, ctx.componentName(c.id)]) },
    { name: 'type', label: search.type, options: NOTICE_TYPES.map((type) => [type, strings.noticeTypes[type]]) },
    { name: 'year', label: search.year, options: noticeYears(content.incidents, zone).map((year) => [year, strings.history.yearLabel(year)]) },
  ];
  // What the script needs besides the form: where the index's parts and the pages are, and the words it shows.
  const data: [string, string][] = [
    ['index', withBase(ctx.base, routes.searchIndex())],
    ['parts', searchParts(content.incidents, ctx.now).map((part) => part.name).join(' ')],
    ['base', withBase(ctx.base, '/')],
    ['loading', search.loading],
    ['count-one', search.resultCount.one],
    ['count-other', search.resultCount.other],
    ['none', search.noResults],
    ['unavailable', search.unavailable],
    ['faq', strings.faq.title],
    ['separator', strings.listSeparator],
  ];
  const main = html`
    <h1>${search.title}</h1>
    <noscript>
      <p class="search-needs-js">${search.needsJavaScript} <a href="${ctx.href(routes.history())}">${search.browseHistory}</a></p>
    </noscript>
    <form id="_search" class="search" role="search" aria-label="${search.title}" action="${ctx.href(routes.search())}" method="get" hidden
      ${data.map(([name, value]) => attr(`data-${name}`, value))}>
      <p class="search-query">
        <label for="_q">${search.label}</label>
        <input type="search" id="_q" name="q" autocomplete="off">
        <button type="submit">${search.submit}</button>
      </p>
      <fieldset class="search-filters">
        <legend>${search.filters}</legend>
        ${facets.map((facet) => renderFacet(ctx, facet.name, facet.label, facet.options))}
      </fieldset>
    </form>
    <p id="_search-status" class="search-status" role="status" aria-live="polite"></p>
    <ol id="_search-results" class="search-results"></ol>
    <p><button type="button" id="_search-more" class="search-more" hidden>${search.more}</button></p>`;
  return renderDocument(
    ctx,
    {
      title: search.title,
      description: search.description,
      path: routes.search(),
      // A tool, not content: the pages it finds are what search engines should show.
      noindex: true,
      contentSecurityPolicy: SEARCH_CONTENT_SECURITY_POLICY,
      scripts: ctx.assets.searchScripts,
    },
    main,
  );
}

/** One filter: a select whose first option does not narrow. */
function renderFacet(ctx: RenderContext, name: SearchFacet, label: string, options: readonly [string, string][]): SafeHtml {
  const id = `_f-${name}`;
  return html`
    <span class="search-facet">
      <label for="${id}">${label}</label>
      <select id="${id}" name="${name}">
        <option value="">${ctx.strings.search.any}</option>
        ${options.map(([value, text]) => html`<option value="${value}">${text}</option>`)}
      </select>
    </span>`;
}
