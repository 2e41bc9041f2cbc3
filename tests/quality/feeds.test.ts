import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';
import { checkFeed, feedFormatOf, type FeedFormat, type FeedVerdict } from '../support/feeds.ts';
import { DistIndex } from '../support/links.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';

// Every feed the example publishes (RSS, Atom, JSON Feed; site, incident and
// component level; every locale) parses in two real clients and passes the
// strict checks of tests/support/feeds.ts.

const content = loadSiteContentOrThrow(projectRoot);
const { config } = content;
const siteRoot = new URL(config.base.replace(/\/?$/, '/'), config.url).href;

function localePrefix(locale: string): string {
  return locale === config.defaultLocale ? '' : `${locale}/`;
}

describe('feeds of the built example', () => {
  let build: BuildResult;
  const verdicts = new Map<string, FeedVerdict>();

  beforeAll(async () => {
    build = buildSite(projectRoot);
    if (build.status !== 0) return;
    for (const file of listFiles(build.outDir)) {
      const format = feedFormatOf(file);
      if (format) verdicts.set(file, await checkFeed(format, readOutput(build.outDir, file), new URL(file, siteRoot).href));
    }
  });
  afterAll(() => {
    if (build) rmSync(build.outDir, { recursive: true, force: true });
  });

  it('builds', () => {
    expect(build.status, build.stderr).toBe(0);
  });

  it('publishes RSS, Atom and JSON Feed for the site and RSS for every incident and component, in every locale', () => {
    const expected: string[] = [];
    for (const locale of config.locales) {
      const prefix = localePrefix(locale);
      expected.push(`${prefix}rss.xml`, `${prefix}atom.xml`, `${prefix}feed.json`);
      for (const incident of content.incidents) expected.push(`${prefix}incidents/${incident.slug}/rss.xml`);
      for (const component of config.components) expected.push(`${prefix}components/${component.id}/rss.xml`);
    }
    expect([...verdicts.keys()].sort()).toEqual(expect.arrayContaining(expected.sort()));
    const formats = new Set<FeedFormat>([...verdicts.values()].map((v) => v.strict.format));
    expect([...formats].sort()).toEqual(['atom', 'json', 'rss']);
  });

  it('every feed parses in rss-parser and @extractus/feed-extractor and passes the strict checks', () => {
    expect(verdicts.size).toBeGreaterThan(0);
    const failures = [...verdicts].filter(([, v]) => v.problems.length > 0).map(([file, v]) => `${file}:\n  ${v.problems.join('\n  ')}`);
    expect(failures, failures.join('\n')).toEqual([]);
    for (const [file, verdict] of verdicts) {
      expect(verdict.strict.entries.length, `${file} has no entries`).toBeGreaterThan(0);
      const clients = verdict.clients.map((c) => c.client);
      expect(clients, file).toContain('feed-extractor');
      if (verdict.strict.format !== 'json') expect(clients, file).toContain('rss-parser');
    }
  });

  it('every published notice is in its locale\'s site feeds (or, past the cap, in its incident feed)', () => {
    const missing: string[] = [];
    for (const locale of config.locales) {
      const prefix = localePrefix(locale);
      const idsOf = (file: string) => new Set(verdicts.get(file)?.strict.entries.map((e) => e.id) ?? []);
      for (const incident of content.incidents) {
        const incidentFeed = idsOf(`${prefix}incidents/${incident.slug}/rss.xml`);
        for (const notice of incident.notices) {
          const permalink = new URL(`${prefix}incidents/${incident.slug}/#${notice.id}`, siteRoot).href;
          if (!incidentFeed.has(permalink)) missing.push(`${permalink} not in ${prefix}incidents/${incident.slug}/rss.xml`);
          for (const site of ['rss.xml', 'atom.xml', 'feed.json']) {
            const file = `${prefix}${site}`;
            const ids = idsOf(file);
            const capped = ids.size >= config.feedLimit;
            if (!ids.has(permalink) && !(capped && incidentFeed.has(permalink))) missing.push(`${permalink} not in ${file}`);
          }
        }
      }
    }
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('every entry links to a page and #fragment that exist in dist', () => {
    const index = new DistIndex(build.outDir, { site: config.url, base: config.base });
    const problems: string[] = [];
    for (const [file, verdict] of verdicts) {
      for (const entry of verdict.strict.entries) {
        const url = new URL(entry.link);
        if (url.origin !== new URL(config.url).origin) {
          problems.push(`${file}: ${entry.link} is not on the site`);
          continue;
        }
        const problem = index.check(url);
        if (problem) problems.push(`${file}: ${entry.link} — ${problem}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
