import { localizeFaq } from '../../model/localize.ts';
import type { FaqEntry } from '../../content/types.ts';
import { routes } from '../../core/urls.ts';
import type { RenderContext } from '../context.ts';
import { copyButton, untranslatedNote } from '../fragments.ts';
import { attr, html, raw, type SafeHtml } from '../html.ts';
import { markdownToPlainText, renderMarkdown } from '../../content/markdown.ts';
import { renderDocument, type ShellInput } from '../shell.ts';
import { facet, indexedPart, notIndexed, otherLanguage, resultAnchor } from '../search-annotations.ts';
import { orderFaq } from '../view.ts';
import { deriveComponentStates } from '../../model/timeline.ts';

/**
 * One FAQ answer as a `<section id="<faq-id>">`, with a link to itself and a copy-link button. On /faq/ (h2)
 * each answer is a search result of its own; its own page (h1) is not indexed.
 */
export function renderFaqEntry(ctx: RenderContext, entry: FaqEntry, affectedNow: boolean, heading: 'h1' | 'h2' = 'h2'): SafeHtml {
  const { strings, locale } = ctx;
  const text = localizeFaq(entry, locale);
  const lang = text.translated ? undefined : text.lang;
  const headingTag = raw(heading);
  // On /faq/ the answer is a section of the list and links to its anchor; on its own page (h1) it links to that anchor on /faq/.
  const onList = heading === 'h2';
  const className = `faq${affectedNow ? ' faq--affected' : ''}`;
  const components = entry.components.map((id) =>
    onList ? html`<span${facet('component', id)}>${ctx.componentName(id)}</span>` : ctx.componentName(id),
  );
  const separated = components.flatMap((name, i) => (i === 0 ? [name] : [ctx.strings.listSeparator, name]));
  // The "affected now" flag is in the heading, which is not indexed: the index does not change with "now".
  const result = onList
    ? resultAnchor(entry.id, text.question, { kind: 'faq', component: entry.components })
    : '';
  const unsearched = onList ? notIndexed : '';
  return html`
    <section${attr('id', onList ? entry.id : undefined)} class="${className}" aria-labelledby="${entry.id}-q"${result}>
      <${headingTag} id="${entry.id}-q"${unsearched}>
        ${affectedNow ? html`<span class="flag">${strings.faq.affectedNow}</span> ` : ''}
        <span${attr('lang', lang)}>${text.question}</span>
      </${headingTag}>
      ${text.translated ? '' : untranslatedNote(ctx, text.lang, unsearched)}
      <div class="prose"${attr('lang', lang)}${onList ? otherLanguage(lang) : ''}>${raw(renderMarkdown(text.body))}</div>
      <p class="faq-meta"${unsearched}>
        ${entry.components.length > 0 ? html`<span>${strings.faq.aboutComponents}: ${separated}</span> ` : ''}
        <a class="permalink" href="${onList ? `#${entry.id}` : ctx.href(routes.faqEntry(entry.id))}">${strings.faq.linkToAnswer}</a>
        ${' '}${copyButton(ctx, ctx.url(routes.faqPage(entry.id)), strings.share.copyLink)}
      </p>
    </section>`;
}

/** An answer's own small page for link previews; canonical to its anchor on /faq/. */
export function faqShareShell(ctx: RenderContext, entry: FaqEntry): ShellInput {
  const text = localizeFaq(entry, ctx.locale);
  return {
    title: text.question,
    description: markdownToPlainText(text.body, 200),
    path: routes.faqPage(entry.id),
    canonical: ctx.url(routes.faqEntry(entry.id)),
    social: { url: ctx.url(routes.faqPage(entry.id)), type: 'article' },
  };
}

/**
 * `/faq/`: every answer, those about a service that is affected now first. Search indexes the answers, each a
 * result of its own: they sit inside the indexed part (Pagefind keeps no result anchor on an indexed part's own element).
 */
export function renderFaqPage(ctx: RenderContext): string {
  const { content, config, strings, locale, now } = ctx;
  const statuses = deriveComponentStates(config.components, content.incidents, now, locale, config.defaultLocale);
  const main = html`
    <h1>${strings.faq.title}</h1>
    <div${indexedPart}>
      ${orderFaq(content.faq, statuses).map(({ entry, affectedNow }) => renderFaqEntry(ctx, entry, affectedNow))}
    </div>`;
  return renderDocument(ctx, { title: strings.faq.title, description: strings.faq.description, path: routes.faq() }, main);
}

/** `/faq/<id>/`: one answer on its own, for link previews. */
export function renderFaqEntryPage(ctx: RenderContext, entry: FaqEntry): string {
  const main = html`
    ${renderFaqEntry(ctx, entry, false, 'h1')}
    <p class="share-back"><a href="${ctx.href(routes.faqEntry(entry.id))}">${ctx.strings.faq.allQuestions}</a></p>`;
  return renderDocument(ctx, faqShareShell(ctx, entry), main);
}
