import type { RenderContext } from '../context.ts';

/** `/embed/`: STUB while the page moves from Astro to the html template. */
export function renderEmbedPage(ctx: RenderContext): string {
  return `<!DOCTYPE html><html lang="${ctx.strings.htmlLang}"><title>stub</title></html>`;
}
