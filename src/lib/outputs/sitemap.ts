import { deriveIncidentTimeline } from '../model/timeline.ts';
import type { SiteContent } from '../content/types.ts';
import { absolute, localePath, routes } from '../core/urls.ts';
import { escapeXml } from './xml.ts';
import { historyYears } from '../render/view.ts';

/** sitemaps.org XML listing every public page; lastmod is the newest notice shown on it (never the build time). */
export function buildSitemap(content: SiteContent, site: string | URL, base: string): string {
  const newest = Math.max(0, ...content.incidents.map((i) => deriveIncidentTimeline(i).latest.at));
  const entries: { path: string; lastmod: number | undefined }[] = [
    { path: routes.home(), lastmod: newest || undefined },
    { path: routes.history(), lastmod: newest || undefined },
    { path: routes.faq(), lastmod: undefined },
    ...historyYears(content.incidents, content.config.timeZone).map(({ year }) => ({ path: routes.historyYear(year), lastmod: undefined })),
    ...content.config.components.map((component) => ({ path: routes.component(component.id), lastmod: undefined })),
    ...content.incidents.map((incident) => ({ path: routes.incident(incident.slug), lastmod: deriveIncidentTimeline(incident).latest.at })),
  ];
  const { locales, defaultLocale } = content.config;
  const urls = locales
    .flatMap((locale) => entries.map(({ path, lastmod }) => {
      const loc = `<loc>${escapeXml(absolute(site, base, localePath(locale, defaultLocale, path)))}</loc>`;
      return `<url>${loc}${lastmod ? `<lastmod>${new Date(lastmod).toISOString()}</lastmod>` : ''}</url>`;
    }))
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

/** robots.txt that allows everything and names the sitemap. */
export function buildRobotsTxt(site: string | URL, base: string, drafts = false): string {
  // A draft preview must never be indexed, wherever it ends up.
  if (drafts) return 'User-agent: *\nDisallow: /\n';
  return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(site, base, routes.sitemap())}\n`;
}
