import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deriveComponentStates, deriveIncidentTimeline, incidentPhase } from '../model/timeline.ts';
import type { Incident, SiteContent } from '../content/types.ts';
import { createRenderContext } from '../render/context.ts';
import { formatDateTime } from '../render/datetime.ts';
import { localizeIncident } from '../model/localize.ts';
import { worstState } from '../core/states.ts';
import { deriveBanner, phaseLabel } from '../render/view.ts';
import { STATE_COLOURS } from '../render/colours.ts';
import { PREVIEW_HEIGHT, PREVIEW_WIDTH } from '../render/preview.ts';

/** Images show text, never links: the settings a page's render would need beyond that do not matter here. */
const IMAGE_SETTINGS = (site: string, now: number) => ({ base: '/', site, now, drafts: false, assets: { styles: [], scripts: [], searchScripts: [] } });

/**
 * Link-preview images (Open Graph / Twitter cards), rendered with satori
 * (layout to SVG) and resvg (SVG to PNG) in Noto Sans JP Bold from
 * @fontsource/noto-sans-jp.
 *
 * Which incidents get an image, and its path, are decided in
 * src/lib/render/preview.ts (the pages link them); images are in the site's
 * default locale, and the site-wide one shows the site name and the overall
 * state. satori and resvg are loaded lazily (dynamic import) only when an
 * image is actually rendered.
 */

export interface PreviewFont {
  name: string;
  data: Buffer;
  weight: 700;
  style: 'normal';
}

const FONT_NAME = 'Noto Sans JP';

function fontsourceDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-jp/package.json'));
}

function fontFile(subset: string): Buffer {
  return readFileSync(join(fontsourceDir(), 'files', `noto-sans-jp-${subset}-700-normal.woff`));
}

/**
 * Noto Sans JP Bold as WOFF (satori reads TTF/OTF/WOFF, not WOFF2), from
 * @fontsource/noto-sans-jp. Its `japanese` file covers ASCII, Latin-1, kana,
 * CJK punctuation and the common (JIS) kanji; `latin-ext` adds accented
 * Latin. Rarer kanji live in the numbered unicode-range subsets, which are
 * loaded on demand (see `fallbackFonts`): parsing all 120 of them costs
 * ~0.4 s per build, for characters most sites never use.
 *
 * Each font has its own name: satori falls back along the array glyph by
 * glyph only across differently named fonts. Load once per build and pass
 * the same array to every render (satori caches parsed fonts by array).
 */
export function loadPreviewFonts(): PreviewFont[] {
  return ['japanese', 'latin-ext'].map((subset) => ({ name: `${FONT_NAME} ${subset}`, data: fontFile(subset), weight: 700, style: 'normal' }));
}

let numbered: { subset: string; ranges: [number, number][] }[] | undefined;
const handedOut = new WeakMap<readonly PreviewFont[], Set<string>>();

/** The numbered subsets covering any character of `text` that satori found no glyph for, each handed to satori once per font array. */
function fallbackFonts(fonts: readonly PreviewFont[], text: string): PreviewFont[] {
  numbered ??= Object.entries(JSON.parse(readFileSync(join(fontsourceDir(), 'unicode.json'), 'utf8')) as Record<string, string>)
    .filter(([key]) => /^\[\d+\]$/.test(key))
    .map(([key, value]) => ({
      subset: key.slice(1, -1),
      ranges: value.split(',').map((range) => {
        const [from = '', to = from] = range.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(from, 16), parseInt(to, 16)] as [number, number];
      }),
    }));
  const given = handedOut.get(fonts) ?? new Set<string>();
  handedOut.set(fonts, given);
  const result: PreviewFont[] = [];
  for (const char of new Set(text)) {
    const cp = char.codePointAt(0)!;
    const hit = numbered.find((n) => n.ranges.some(([from, to]) => cp >= from && cp <= to));
    if (!hit || given.has(hit.subset)) continue;
    given.add(hit.subset);
    result.push({ name: `${FONT_NAME} ${hit.subset}`, data: fontFile(hit.subset), weight: 700, style: 'normal' });
  }
  return result;
}

// ---------------------------------------------------------------------------
// Rendering

const COLOURS = STATE_COLOURS;
const INK = '#1a1a1a';
const MUTED = '#555555';

/** A satori element (the React-element shape satori accepts, without React). */
export interface Node {
  type: string;
  props: { style?: Record<string, string | number>; children?: string | Node | (string | Node)[] };
}

function el(type: string, style: Record<string, string | number>, children?: string | Node | (string | Node)[]): Node {
  return { type, props: children === undefined ? { style } : { style, children } };
}

/** Shortens text to `max` characters (by code point) with an ellipsis. */
function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

function frame(accent: string, children: Node[]): Node {
  return el(
    'div',
    {
      width: PREVIEW_WIDTH,
      height: PREVIEW_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      backgroundColor: '#ffffff',
      color: INK,
      fontFamily: `${FONT_NAME} japanese`,
      boxSizing: 'border-box',
      borderTop: `24px solid ${accent}`,
      padding: '48px 64px 56px',
    },
    children,
  );
}

function pill(label: string, colour: string, size = 30): Node {
  return el(
    'div',
    { display: 'flex', alignItems: 'center', backgroundColor: colour, color: '#ffffff', fontSize: size, padding: '6px 20px', borderRadius: 8 },
    label,
  );
}

/** Draws an image's tree: the PNG depends on the tree, the fonts and the code only (so a tree's hash can stand for its image). */
export async function toPng(tree: Node, fonts: readonly PreviewFont[]): Promise<Buffer> {
  const [{ default: satori }, { Resvg }] = await Promise.all([import('satori'), import('@resvg/resvg-js')]);
  const svg = await satori(tree as Parameters<typeof satori>[0], {
    width: PREVIEW_WIDTH,
    height: PREVIEW_HEIGHT,
    fonts: fonts as PreviewFont[],
    // Characters none of the loaded fonts has (rare kanji): add the subsets that have them.
    loadAdditionalAsset: async (code, segment) => (code === 'emoji' ? [] : fallbackFonts(fonts, segment)),
  });
  // Text is already outlined by satori; no system fonts, so the output depends on the input only.
  return new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
}

/** The preview of one incident in the site's default locale: title, status, each affected service's state, dates, site name. */
export function incidentPreviewTree(content: SiteContent, incident: Incident, now: number): Node {
  const { config } = content;
  const ctx = createRenderContext(content, config.defaultLocale, IMAGE_SETTINGS(config.url, now));
  const { strings, locale, zone } = ctx;
  const timeline = deriveIncidentTimeline(incident);
  const phase = incidentPhase(incident, now);
  const text = localizeIncident(incident, locale);
  const status = phaseLabel(strings, incident, now);
  const states = timeline.affected.map((id) => ({ name: ctx.componentName(id), state: timeline.current[id] ?? 'operational' }));
  const worst = phase === 'resolved' ? 'operational' : phase === 'upcoming' ? 'maintenance' : worstState(states.map((s) => s.state));
  const shown = states.slice(0, 4);
  const dates = [
    `${strings.incident.started}: ${formatDateTime(timeline.startedAt, locale, zone)}`,
    ...(timeline.resolvedAt !== undefined ? [`${strings.incident.resolved}: ${formatDateTime(timeline.resolvedAt, locale, zone)}`] : []),
  ];
  const title = clip(text.title, locale === 'ja' ? 40 : 80);
  return frame(COLOURS[worst], [
    el('div', { display: 'flex', fontSize: 30, color: MUTED }, clip(ctx.siteName, 60)),
    el('div', { display: 'flex', marginTop: 28 }, pill(status, COLOURS[worst])),
    el('div', { display: 'flex', marginTop: 24, fontSize: title.length > 40 ? 52 : 64, lineHeight: 1.25 }, title),
    el('div', { display: 'flex', flexDirection: 'column', marginTop: 'auto' }, [
      el('div', { display: 'flex', flexWrap: 'wrap', gap: 12 }, [
        ...shown.map((s) =>
          el('div', { display: 'flex', alignItems: 'center', fontSize: 28, border: `3px solid ${COLOURS[s.state]}`, borderRadius: 8, padding: '4px 14px' }, [
            el('div', { display: 'flex', width: 18, height: 18, borderRadius: 9, backgroundColor: COLOURS[s.state], marginRight: 12 }),
            clip(`${s.name}: ${strings.states[s.state]}`, 40),
          ]),
        ),
        ...(states.length > shown.length
          ? [el('div', { display: 'flex', alignItems: 'center', fontSize: 28, color: MUTED }, `+${states.length - shown.length}`)]
          : []),
      ]),
      el(
        'div',
        { display: 'flex', flexDirection: 'column', marginTop: 20, fontSize: 26, color: MUTED },
        dates.map((line) => el('div', { display: 'flex' }, line)),
      ),
    ]),
  ]);
}

/** The site-wide preview in the default locale: site name and the overall state sentence at `now`. */
export function sitePreviewTree(content: SiteContent, now: number): Node {
  const { config } = content;
  const ctx = createRenderContext(content, config.defaultLocale, IMAGE_SETTINGS(config.url, now));
  const statuses = deriveComponentStates(config.components, content.incidents, now, ctx.locale, config.defaultLocale);
  const banner = deriveBanner(statuses, ctx.strings, ctx.locale, ctx.zone);
  const name = clip(ctx.siteName, 50);
  return frame(COLOURS[banner.state], [
    el('div', { display: 'flex', fontSize: name.length > 25 ? 64 : 80, lineHeight: 1.2, marginTop: 40 }, name),
    el('div', { display: 'flex', marginTop: 'auto', alignItems: 'center' }, [
      el('div', { display: 'flex', width: 40, height: 40, borderRadius: 20, backgroundColor: COLOURS[banner.state], marginRight: 24, flexShrink: 0 }),
      el('div', { display: 'flex', fontSize: 40, color: COLOURS[banner.state], lineHeight: 1.3 }, clip(banner.text, 110)),
    ]),
  ]);
}
