import { routes } from '../../core/urls.ts';
import type { RenderContext } from '../context.ts';
import { html } from '../html.ts';
import { renderDocument } from '../shell.ts';

/** `/404.html`, in the default language only: hosts serve it for every unknown path. */
export function renderNotFoundPage(ctx: RenderContext): string {
  const { strings } = ctx;
  const main = html`
    <h1>${strings.notFound.title}</h1>
    <p>${strings.notFound.text}</p>
    <p><a href="${ctx.href(routes.home())}">${strings.notFound.back}</a></p>`;
  return renderDocument(ctx, { title: strings.notFound.title, description: strings.notFound.text, path: '/404.html', noindex: true, singleLocale: true }, main);
}
