import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';

const fixtureRoot = join(projectRoot, 'tests/fixtures/sites/basic');
const invalidRoot = join(projectRoot, 'tests/fixtures/sites/invalid');

function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
}

function rssItems(xml: string): { guid: string; link: string; title: string; pubDate: string }[] {
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
  const items = parsed.rss.channel.item ?? [];
  return (Array.isArray(items) ? items : [items]).map((item: Record<string, unknown>) => ({
    guid: (item.guid as Record<string, string>)['#text']!,
    link: item.link as string,
    title: item.title as string,
    pubDate: item.pubDate as string,
  }));
}

describe('build of the fixture site', () => {
  let build: BuildResult;
  let files: string[];
  const content = loadSiteContentOrThrow(fixtureRoot);
  const allContent = loadSiteContentOrThrow(fixtureRoot, { includeDrafts: true });

  beforeAll(() => {
    build = buildSite(fixtureRoot);
    files = listFiles(build.outDir);
  });

  it('succeeds and reports the pages it wrote', () => {
    expect(build.status, build.stderr).toBe(0);
    // Astro lists the pages it rendered; the build's own writer lists the incident pages, feeds and share pages.
    expect(build.stdout).toContain('/index.html');
    expect(build.stdout).toMatch(/├─ \/incidents\/2024-01-10-payouts-stopped\/\n/);
    expect(build.stdout).toMatch(/incident pages and feeds: \d+ in place \(\d+ from the writer thread, \d+ from the main thread/);
    expect(build.stdout).toContain('/rss.xml');
  });

  it('writes every page type, feed, sitemap, robots.txt, 404 and favicon', () => {
    for (const path of [
      'index.html', '404.html', 'faq/index.html', 'history/index.html', 'rss.xml', 'sitemap.xml', 'robots.txt', 'favicon.svg',
      'incidents/2024-01-10-payouts-stopped/index.html', 'incidents/2024-01-10-payouts-stopped/rss.xml',
      'incidents/2024-02-01-login-slow/index.html', 'incidents/2024-02-01-login-slow/rss.xml',
    ]) {
      expect(files, path).toContain(path);
    }
  });

  it('shows every published notice on its incident page as <article id="notice-id"> with a link to itself', () => {
    for (const incident of content.incidents) {
      const html = readOutput(build.outDir, `incidents/${incident.slug}/index.html`);
      for (const notice of incident.notices) {
        expect(html).toMatch(new RegExp(`<article id="${notice.id}"`));
        expect(html).toContain(`href="#${notice.id}"`);
      }
    }
  });

  it('puts every published notice in /rss.xml with the notice permalink as guid, newest first', () => {
    const items = rssItems(readOutput(build.outDir, 'rss.xml'));
    const expected = content.incidents.flatMap((i) => i.notices.map((n) => ({ at: n.at, url: `https://status.fixture.example/incidents/${i.slug}/#${n.id}` })));
    expect(items.map((i) => i.guid).sort()).toEqual(expected.map((e) => e.url).sort());
    expect(items.map((i) => i.guid)).toEqual([...expected].sort((a, b) => b.at - a.at).map((e) => e.url));
    for (const item of items) expect(item.link).toBe(item.guid);
  });

  it('gives each incident a feed with all of its notices', () => {
    for (const incident of content.incidents) {
      const items = rssItems(readOutput(build.outDir, `incidents/${incident.slug}/rss.xml`));
      expect(items.map((i) => i.guid).sort()).toEqual(incident.notices.map((n) => `https://status.fixture.example/incidents/${incident.slug}/#${n.id}`).sort());
    }
  });

  it('names the incident and the notice type in each feed item title', () => {
    const items = rssItems(readOutput(build.outDir, 'rss.xml'));
    const resumption = items.find((i) => i.guid.endsWith('#2024-01-12-resumption'))!;
    expect(resumption.title).toBe('Payouts stopped: Resumption — Payouts resumed');
    expect(resumption.pubDate).toBe('Fri, 12 Jan 2024 20:00:00 GMT');
  });

  it('publishes no draft anywhere: no page, feed item, sitemap entry or text', () => {
    const drafts = allContent.incidents.flatMap((i) => i.notices.filter((n) => n.draft || i.draft).map((n) => ({ incident: i, notice: n })));
    expect(drafts.length).toBeGreaterThan(0);
    expect(files.some((f) => f.includes('2024-03-05-draft-incident'))).toBe(false);
    for (const file of files.filter((f) => /\.(html|xml|txt|json)$/.test(f))) {
      const text = readOutput(build.outDir, file);
      expect(text, file).not.toContain('DRAFT-NOTICE-MARKER');
      expect(text, file).not.toContain('DRAFT-INCIDENT-MARKER');
      expect(text, file).not.toContain('DRAFT-FAQ-MARKER');
      expect(text, file).not.toContain('2024-01-12-draft-update');
      expect(text, file).not.toContain('2024-03-05-draft-incident');
    }
  });

  it('advertises the site feeds (RSS, Atom, JSON Feed) on every HTML page', () => {
    // /embed/ is a bare widget for iframes (no layout), so it is the one page without them.
    for (const file of files.filter((f) => f.endsWith('.html') && !f.startsWith('embed/'))) {
      const html = readOutput(build.outDir, file);
      expect(html, file).toContain('<link rel="alternate" type="application/rss+xml" title="Fixture Pay Status (RSS)" href="https://status.fixture.example/rss.xml">');
      expect(html, file).toContain('<link rel="alternate" type="application/atom+xml" title="Fixture Pay Status (Atom)" href="https://status.fixture.example/atom.xml">');
      expect(html, file).toContain('<link rel="alternate" type="application/feed+json" title="Fixture Pay Status (JSON Feed)" href="https://status.fixture.example/feed.json">');
    }
  });

  it('shows times in the configured zone with its abbreviation and the UTC instant in datetime', () => {
    const html = readOutput(build.outDir, 'incidents/2024-01-10-payouts-stopped/index.html');
    // 2024-01-10T18:00:00-08:00 is 2024-01-11T02:00:00Z; Los Angeles is on PST in January.
    expect(html).toContain('<time datetime="2024-01-11T02:00:00Z">Wed, 10 Jan 2024 18:00 PST</time>');
  });

  it('strips script from notice bodies', () => {
    for (const file of files.filter((f) => /\.(html|xml)$/.test(f))) {
      expect(readOutput(build.outDir, file), file).not.toMatch(/<script[^>]*>\s*alert|&lt;script&gt;alert/);
    }
  });

  it('lists open incidents on / with the latest notice time and the promised next update', () => {
    const html = readOutput(build.outDir, 'index.html');
    expect(html).toContain('Login: Degraded performance since');
    expect(html).toContain('href="/incidents/2024-02-01-login-slow/"');
    expect(html).toContain('<time datetime="2024-02-01T18:00:00Z">Thu, 1 Feb 2024 10:00 PST</time>');
  });

  it('lists FAQ entries with their ids and the sitemap lists every incident page', () => {
    expect(ids(readOutput(build.outDir, 'faq/index.html'))).toContain('payout-safety');
    const sitemap = readOutput(build.outDir, 'sitemap.xml');
    for (const incident of content.incidents) expect(sitemap).toContain(`<loc>https://status.fixture.example/incidents/${incident.slug}/</loc>`);
    expect(readOutput(build.outDir, 'robots.txt')).toContain('Sitemap: https://status.fixture.example/sitemap.xml');
  });
});

describe('build under a base path and another site URL', () => {
  it('honours astro build --base and --site in links, feeds and permalinks', () => {
    const build = buildSite(fixtureRoot, { args: ['--base', '/status', '--site', 'https://example.org'] });
    expect(build.status, build.stderr).toBe(0);
    const home = readOutput(build.outDir, 'index.html');
    expect(home).toContain('href="/status/incidents/2024-02-01-login-slow/"');
    expect(home).toContain('href="https://example.org/status/rss.xml"');
    const guids = rssItems(readOutput(build.outDir, 'rss.xml')).map((i) => i.guid);
    expect(guids).toContain('https://example.org/status/incidents/2024-01-10-payouts-stopped/#2024-01-10-suspension');
  });
});

describe('build of invalid content', () => {
  it('fails with file:line:col messages naming the field and the fix, and writes nothing', () => {
    const build = buildSite(invalidRoot);
    expect(build.status).not.toBe(0);
    expect(build.stderr).toContain('incidents/2024-01-10-bad/2024-01-10-suspension.md:3:7: error: date "2024-01-10 18:00" has no UTC offset; write 2024-01-10T18:00:00-08:00');
    expect(build.stderr).toContain('incidents/2024-01-10-bad/2024-01-10-suspension.md:6:1: error: unknown field "nxt_update". Did you mean "next_update"?');
    expect(build.stderr).toContain('nothing was built');
    expect(listFiles(build.outDir)).toEqual([]);
  });
});

describe('build of the example site', () => {
  it('builds the shipped example with every notice on its page and in the feed', () => {
    const build = buildSite(projectRoot);
    expect(build.status, build.stderr).toBe(0);
    const example = loadSiteContentOrThrow(projectRoot);
    const feed = rssItems(readOutput(build.outDir, 'rss.xml')).map((i) => i.guid);
    for (const incident of example.incidents) {
      const html = readFileSync(join(build.outDir, `incidents/${incident.slug}/index.html`), 'utf8');
      for (const notice of incident.notices) {
        expect(ids(html)).toContain(notice.id);
        expect(feed).toContain(`https://status.kakeru-pay.example/incidents/${incident.slug}/#${notice.id}`);
      }
    }
    expect(existsSync(join(build.outDir, 'index.html'))).toBe(true);
  });
});
