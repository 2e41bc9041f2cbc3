import { useStrings } from '../../i18n/index.ts';
import type { RenderContext } from './context.ts';
import { html, type SafeHtml } from './html.ts';
import { toUtcIso } from '../core/dates.ts';

/** Open Graph and Twitter card tags, so a pasted link previews the right thing in chat, mail and social posts. */
export interface SocialMeta {
  title: string;
  description: string;
  /** Absolute URL of what the preview is about. */
  url: string;
  type: 'website' | 'article';
  published?: number | undefined;
  modified?: number | undefined;
  /** Link-preview image (absolute URL); with one, Twitter shows a large card. */
  image?: SocialImage | undefined;
}

export interface SocialImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

export function renderSocialMeta(ctx: RenderContext, meta: SocialMeta): SafeHtml {
  const otherLocales = ctx.config.locales.filter((l) => l !== ctx.locale);
  return html`
    <meta property="og:site_name" content="${ctx.siteName}">
    <meta property="og:type" content="${meta.type}">
    <meta property="og:title" content="${meta.title}">
    <meta property="og:description" content="${meta.description}">
    <meta property="og:url" content="${meta.url}">
    <meta property="og:locale" content="${ctx.strings.ogLocale}">
    ${otherLocales.map((l) => html`<meta property="og:locale:alternate" content="${useStrings(l).ogLocale}">`)}
    ${meta.published !== undefined ? html`<meta property="article:published_time" content="${toUtcIso(meta.published)}">` : ''}
    ${meta.modified !== undefined ? html`<meta property="article:modified_time" content="${toUtcIso(meta.modified)}">` : ''}
    ${meta.image
      ? html`
        <meta property="og:image" content="${meta.image.url}">
        <meta property="og:image:width" content="${String(meta.image.width)}">
        <meta property="og:image:height" content="${String(meta.image.height)}">
        <meta property="og:image:alt" content="${meta.image.alt}">`
      : ''}
    <meta name="twitter:card" content="${meta.image ? 'summary_large_image' : 'summary'}">
    <meta name="twitter:title" content="${meta.title}">
    <meta name="twitter:description" content="${meta.description}">`;
}
