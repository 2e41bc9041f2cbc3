import { byNewestStart } from '../content/order.ts';
import type { Incident, SiteContent } from '../content/types.ts';
import { incidentPhase } from '../model/timeline.ts';

/**
 * Which pages get a link-preview image of their own, and where it is: the pages
 * link the images, src/lib/outputs/preview-image.ts renders them. Cost is kept
 * constant per build: only open incidents and the PREVIEW_RECENT most recently
 * started ones get their own image; every other page uses the site-wide one.
 */

export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;
/** How many of the most recently started incidents get their own image (besides every open one). */
export const PREVIEW_RECENT = 10;
/** The site-wide default image. */
export const SITE_PREVIEW_PATH = '/og.png';

/** Site path (without base, never locale-prefixed) of an incident's image. */
export function previewImagePath(slug: string): string {
  return `/og/incidents/${slug}.png`;
}

/** The incidents that get their own image: every open one plus the PREVIEW_RECENT most recently started, newest first. */
export function incidentsWithPreview(content: SiteContent, now: number): Incident[] {
  return [...selection(content, now)].map((slug) => content.incidents.find((i) => i.slug === slug)!);
}

/** Whether `incident` gets its own image (cached per content, so pages can ask once each). */
export function hasPreview(content: SiteContent, incident: Incident, now: number): boolean {
  return selection(content, now).has(incident.slug);
}

const selections = new WeakMap<SiteContent, { now: number; slugs: Set<string> }>();

function selection(content: SiteContent, now: number): Set<string> {
  const cached = selections.get(content);
  if (cached && cached.now === now) return cached.slugs;
  const newest = [...content.incidents].sort(byNewestStart);
  const slugs = new Set<string>();
  for (const incident of newest) if (incidentPhase(incident, now) !== 'resolved') slugs.add(incident.slug);
  for (const incident of newest.slice(0, PREVIEW_RECENT)) slugs.add(incident.slug);
  // Keep newest-first order.
  const ordered = new Set(newest.filter((i) => slugs.has(i.slug)).map((i) => i.slug));
  selections.set(content, { now, slugs: ordered });
  return ordered;
}
