import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';

const fixtureRoot = join(projectRoot, 'tests/fixtures/sites/basic');
const SITE = 'https://status.fixture.example';

/** Every <meta property|name=… content=…> of a page, by key. */
function metaTags(html: string): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const match of html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"/g)) {
    tags.set(match[1]!, [...(tags.get(match[1]!) ?? []), match[2]!.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"')]);
  }
  return tags;
}

function one(tags: Map<string, string[]>, key: string): string {
  const values = tags.get(key) ?? [];
  expect(values, key).toHaveLength(1);
  return values[0]!;
}

/** What each fixture notice says, as a reader sees it: Markdown and the sanitised <script> gone. */
const DESCRIPTIONS: Record<string, string> = {
  '2024-01-10-suspension': 'We have stopped payouts.',
  '2024-01-11-update': 'Payments are back; payouts are still stopped.',
  '2024-01-12-resumption': 'Payouts are flowing again.',
  '2024-02-01-suspension': 'Logins are slow. We are looking into it.',
};

describe('links support staff paste', () => {
  let build: BuildResult;
  let files: string[];
  const content = loadSiteContentOrThrow(fixtureRoot);

  beforeAll(() => {
    build = buildSite(fixtureRoot);
    files = listFiles(build.outDir);
  });

  it('gives every notice its own page whose title, og:title and og:description describe that notice, canonical to its anchor', () => {
    expect(build.status, build.stderr).toBe(0);
    for (const incident of content.incidents) {
      for (const notice of incident.notices) {
        const path = `incidents/${incident.slug}/${notice.id}/index.html`;
        expect(files, path).toContain(path);
        const html = readOutput(build.outDir, path);
        const tags = metaTags(html);
        expect(html).toContain(`<link rel="canonical" href="${SITE}/incidents/${incident.slug}/#${notice.id}">`);
        expect(one(tags, 'og:url')).toBe(`${SITE}/incidents/${incident.slug}/${notice.id}/`);
        expect(one(tags, 'og:title')).toContain(incident.title);
        // The description is the notice's own text, not the incident summary.
        expect(one(tags, 'og:description')).toBe(DESCRIPTIONS[notice.id]);
        expect(one(tags, 'og:type')).toBe('article');
        expect(one(tags, 'article:published_time')).toBe(new Date(notice.at).toISOString().replace('.000Z', 'Z'));
        expect(html).toMatch(new RegExp(`<title>[^<]*${incident.title}`));
      }
    }
  });

  it('puts absolute Open Graph and Twitter metadata on every page', () => {
    for (const file of files.filter((f) => f.endsWith('.html') && !f.startsWith('embed/'))) {
      const tags = metaTags(readOutput(build.outDir, file));
      for (const key of ['og:site_name', 'og:type', 'og:title', 'og:description', 'og:url', 'og:locale', 'twitter:card', 'twitter:title']) {
        expect(tags.get(key)?.length, `${file} ${key}`).toBe(1);
      }
      expect(one(tags, 'og:url'), file).toMatch(/^https:\/\/status\.fixture\.example\//);
      expect(one(tags, 'og:site_name')).toBe('Fixture Pay Status');
    }
  });

  it('gives every FAQ answer a page that previews the answer, canonical to its anchor', () => {
    const html = readOutput(build.outDir, 'faq/payout-safety/index.html');
    const tags = metaTags(html);
    expect(one(tags, 'og:title')).toBe('Are my pending payouts safe?');
    expect(one(tags, 'og:description')).toBe('Yes. Pending payouts are held, not lost.');
    expect(html).toContain(`<link rel="canonical" href="${SITE}/faq/#payout-safety">`);
  });

  it('has a copy-link button for every notice and FAQ answer, hidden until JavaScript, copying the absolute share link', () => {
    const page = readOutput(build.outDir, 'incidents/2024-01-10-payouts-stopped/index.html');
    for (const notice of content.incidents.find((i) => i.slug === '2024-01-10-payouts-stopped')!.notices) {
      expect(page).toContain(`data-copy="${SITE}/incidents/2024-01-10-payouts-stopped/${notice.id}/"`);
    }
    expect(page).toMatch(/<button type="button" class="copy-link" data-copy="[^"]+" data-copied="Copied to the clipboard"[^>]* hidden(?: data-pagefind-ignore)?>Copy link<\/button>/);
    expect(page).toContain('<p id="_copy-status" class="visually-hidden" role="status" aria-live="polite"></p>');
    expect(readOutput(build.outDir, 'faq/index.html')).toContain(`data-copy="${SITE}/faq/payout-safety/"`);
  });

  it('offers a plain-text support reply on each incident page', () => {
    const page = readOutput(build.outDir, 'incidents/2024-02-01-login-slow/index.html');
    const reply = /<pre id="_reply">([^<]*)<\/pre>/.exec(page)![1]!;
    expect(reply.split('\n')).toEqual([
      'Slow logins',
      'Status: Ongoing',
      'Affected services: Login: Degraded performance',
      'Latest notice: Thu, 1 Feb 2024 08:00 PST',
      'Next update: Thu, 1 Feb 2024 10:00 PST',
      `${SITE}/incidents/2024-02-01-login-slow/`,
    ]);
  });

  it('serves an accessible SVG badge for the site and each component', () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const badge = parser.parse(readOutput(build.outDir, 'badge.svg')).svg;
    expect(badge['@_role']).toBe('img');
    expect(badge['@_aria-label']).toBe('status: Degraded performance');
    expect(badge.title).toBe('status: Degraded performance');
    const login = parser.parse(readOutput(build.outDir, 'components/login/badge.svg')).svg;
    expect(login['@_aria-label']).toBe('Login: Degraded performance');
    const payouts = parser.parse(readOutput(build.outDir, 'components/payouts/badge.svg')).svg;
    expect(payouts['@_aria-label']).toBe('Payouts: Operational');
  });

  it('has an embeddable page under 5 KB with no external requests and links that open outside the frame', () => {
    const html = readOutput(build.outDir, 'embed/index.html');
    const css = readOutput(build.outDir, 'embed.css');
    expect(Buffer.byteLength(html) + Buffer.byteLength(css)).toBeLessThan(5 * 1024);
    expect(html).not.toMatch(/<script/);
    for (const match of html.matchAll(/(?:href|src)="([^"]+)"/g)) expect(match[1]!.startsWith('/') || match[1]!.startsWith(SITE)).toBe(true);
    expect(html).toContain('Slow logins');
    expect(html).toContain('target="_blank" rel="noopener"');
  });

  it('publishes /status.json with the overall state, open incidents, their links and the promised next update', () => {
    const status = JSON.parse(readOutput(build.outDir, 'status.json'));
    expect(status.status).toEqual({ state: 'degraded', indicator: 'minor', description: 'Login: Degraded performance since Thu, 1 Feb 2024 08:00 PST' });
    expect(status.open_incidents).toEqual([
      {
        slug: '2024-02-01-login-slow',
        title: 'Slow logins',
        url: `${SITE}/incidents/2024-02-01-login-slow/`,
        impact: 'minor',
        started_at: '2024-02-01T16:00:00Z',
        latest_notice_at: '2024-02-01T16:00:00Z',
        latest_notice_url: `${SITE}/incidents/2024-02-01-login-slow/#2024-02-01-suspension`,
        next_update_at: '2024-02-01T18:00:00Z',
        components: { login: 'degraded' },
      },
    ]);
    expect(status.components.map((c: { id: string; state: string }) => [c.id, c.state])).toEqual([['payments', 'operational'], ['payouts', 'operational'], ['login', 'degraded']]);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(projectRoot, 'schemas/status.schema.json'), 'utf8')));
    expect(validate(status), JSON.stringify(validate.errors)).toBe(true);
    // The schema bites: a wrong state is rejected.
    expect(validate({ ...status, status: { ...status.status, state: 'down' } })).toBe(false);
  });
});
