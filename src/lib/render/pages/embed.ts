import { routes, withBase } from '../../core/urls.ts';
import { localizeIncident } from '../../model/localize.ts';
import type { RenderContext } from '../context.ts';
import { CONTENT_SECURITY_POLICY } from '../csp.ts';
import { attr, html, raw } from '../html.ts';
import { deriveHomeView } from '../view.ts';

/**
 * `/embed/`: a page for an <iframe> in a merchant dashboard. Its own small
 * document rather than the page shell: no header, footer or script, one tiny
 * stylesheet (public/embed.css), and links that open outside the frame.
 */
export function renderEmbedPage(ctx: RenderContext): string {
  const { content, strings, locale, now } = ctx;
  const view = deriveHomeView(content, locale, strings, now);
  const outside = raw(' target="_blank" rel="noopener"');
  // The policy is a constant without `"`, `&` or `<`; written as is, its quotes stay quotes as they always were on this page.
  const page = html`
    <!DOCTYPE html>
    <html lang="${strings.htmlLang}">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="${raw(CONTENT_SECURITY_POLICY)}">
        <meta name="robots" content="noindex">
        <title>${ctx.siteName}</title>
        <link rel="stylesheet" href="${withBase(ctx.base, '/embed.css')}">
      </head>
      <body>
        <main>
          <h1 class="state state--${view.banner.state}"><a href="${ctx.url(routes.home())}"${outside}>${view.banner.text}</a></h1>
          ${view.open.length > 0
            ? html`
              <ul>
                ${view.open.map((incident) => {
                  const text = localizeIncident(incident, locale);
                  const lang = text.translated ? undefined : text.lang;
                  return html`<li><a href="${ctx.url(routes.incident(incident.slug))}"${outside}${attr('lang', lang)}>${text.title}</a></li>`;
                })}
              </ul>`
            : ''}
          <p class="more"><a href="${ctx.url(routes.home())}"${outside}>${strings.embed.more}</a></p>
        </main>
      </body>
    </html>`;
  return page.value;
}
