import type { RenderContext } from '../context.ts';

/** `/components/<id>/`: STUB while the page moves from Astro to the html template. */
export function renderComponentPage(ctx: RenderContext, id: string): string {
  return `<!DOCTYPE html><html lang="${ctx.strings.htmlLang}"><title>stub ${id}</title></html>`;
}
