import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';
import { PREVIEW_RECENT } from '../../src/lib/render/preview.ts';

const fixtureRoot = join(projectRoot, 'tests/fixtures/sites/basic');
const SITE = 'https://status.fixture.example';
const OPEN = '2024-02-01-login-slow';
const OLD = '2024-01-10-payouts-stopped';

/** The fixture plus PREVIEW_RECENT resolved incidents started after both of its incidents: OLD (resolved) falls beyond the cap, OPEN keeps its image as it is open. */
function fixtureWithNewerIncidents(): string {
  const root = mkdtempSync(join(tmpdir(), 'shirase-og-site-'));
  cpSync(fixtureRoot, root, { recursive: true });
  for (let i = 0; i < PREVIEW_RECENT; i++) {
    const day = String(10 + i).padStart(2, '0');
    const dir = join(root, 'incidents', `2024-02-${day}-blip-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'incident.md'), `---\ntitle: Blip ${i}\nsummary: A short payments blip.\n---\n`);
    writeFileSync(join(dir, `2024-02-${day}-suspension.md`), `---\ntype: suspension\ndate: "2024-02-${day}T09:00:00-08:00"\ncomponents:\n  payments: degraded\n---\nPayments are slow.\n`);
    writeFileSync(join(dir, `2024-02-${day}-resumption.md`), `---\ntype: resumption\ndate: "2024-02-${day}T10:00:00-08:00"\n---\nPayments are back to normal.\n`);
  }
  return root;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: Buffer): { width: number; height: number } {
  expect(file.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature').toBe(true);
  expect(file.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR');
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}

function meta(html: string, key: string): string | undefined {
  return new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];
}

describe('link-preview images', () => {
  let basic: BuildResult;
  let again: BuildResult;
  let capped: BuildResult;

  beforeAll(() => {
    basic = buildSite(fixtureRoot);
    again = buildSite(fixtureRoot);
    capped = buildSite(fixtureWithNewerIncidents());
  });

  it('renders the site image and the open incident image as 1200×630 PNGs', () => {
    expect(basic.status, basic.stderr).toBe(0);
    const files = listFiles(basic.outDir);
    for (const path of ['og.png', `og/incidents/${OPEN}.png`]) {
      expect(files).toContain(path);
      expect(pngSize(readFileSync(join(basic.outDir, path)))).toEqual({ width: 1200, height: 630 });
    }
    // Drafts are not published, so they get no image either.
    expect(files.filter((f) => f.startsWith('og/'))).toEqual([`og/incidents/${OLD}.png`, `og/incidents/${OPEN}.png`]);
  });

  it('points the incident page and its notice share pages at the incident image, with absolute URLs and a large card', () => {
    const image = `${SITE}/og/incidents/${OPEN}.png`;
    const page = readOutput(basic.outDir, `incidents/${OPEN}/index.html`);
    expect(meta(page, 'og:image')).toBe(image);
    expect(meta(page, 'og:image:width')).toBe('1200');
    expect(meta(page, 'og:image:height')).toBe('630');
    expect(meta(page, 'og:image:alt')).toBe('Slow logins');
    expect(meta(page, 'twitter:card')).toBe('summary_large_image');
    const share = listFiles(basic.outDir).find((f) => f.startsWith(`incidents/${OPEN}/`) && f.endsWith('/index.html') && f !== `incidents/${OPEN}/index.html`)!;
    expect(meta(readOutput(basic.outDir, share), 'og:image')).toBe(image);
  });

  it('gives every other page the site image', () => {
    for (const path of ['index.html', 'faq/index.html', 'history/index.html']) {
      const page = readOutput(basic.outDir, path);
      expect(meta(page, 'og:image'), path).toBe(`${SITE}/og.png`);
      expect(meta(page, 'twitter:card'), path).toBe('summary_large_image');
    }
  });

  it('gives a resolved incident beyond the most recent ones the site image and no image of its own, but keeps an open one', () => {
    expect(capped.status, capped.stderr).toBe(0);
    const files = listFiles(capped.outDir);
    expect(files.filter((f) => f.startsWith('og/incidents/'))).toHaveLength(PREVIEW_RECENT + 1);
    expect(files).toContain(`og/incidents/${OPEN}.png`);
    expect(files).not.toContain(`og/incidents/${OLD}.png`);
    expect(meta(readOutput(capped.outDir, `incidents/${OLD}/index.html`), 'og:image')).toBe(`${SITE}/og.png`);
    expect(meta(readOutput(capped.outDir, `incidents/${OLD}/2024-01-12-resumption/index.html`), 'og:image')).toBe(`${SITE}/og.png`);
    expect(meta(readOutput(capped.outDir, `incidents/${OPEN}/index.html`), 'og:image')).toBe(`${SITE}/og/incidents/${OPEN}.png`);
  });

  it('is deterministic: two builds give byte-identical images', () => {
    expect(again.status, again.stderr).toBe(0);
    for (const path of ['og.png', `og/incidents/${OPEN}.png`, `og/incidents/${OLD}.png`]) {
      expect(readFileSync(join(again.outDir, path)).equals(readFileSync(join(basic.outDir, path))), path).toBe(true);
    }
  });
});
