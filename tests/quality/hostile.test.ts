import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';
import { checkFeed, feedFormatOf, htmlToText, sameTitle, type FeedVerdict } from '../support/feeds.ts';
import { elements, parseHtml } from '../support/html.ts';
import { cspProblems, findExecutableMarkup } from '../support/safety.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';

// A site whose every text field attacks: script tags, on* handlers,
// javascript: and data: URLs, "]]>", "&" and "<" in titles, U+202E, a
// 10 000-character line, lists nested 200 deep. It must build; no page may
// carry anything that runs; every feed must parse and give titles back as
// the literal text the operator wrote. (Chromium checks: tests/browser/hostile.test.ts.)

const hostileRoot = join(projectRoot, 'tests/fixtures/sites/hostile');
const content = loadSiteContentOrThrow(hostileRoot);
const siteRoot = 'https://status.hostile.example/';

function textOf(html: string, tagName: string): string[] {
  return elements(parseHtml(html))
    .filter((e) => e.tagName === tagName)
    .map((e) => {
      const parts: string[] = [];
      const walk = (nodes: readonly unknown[]) => {
        for (const node of nodes as { nodeName: string; value?: string; childNodes?: unknown[] }[]) {
          if (node.nodeName === '#text') parts.push(node.value ?? '');
          else if (node.childNodes) walk(node.childNodes);
        }
      };
      walk(e.childNodes);
      return parts.join('');
    });
}

describe('hostile content fixture', () => {
  let build: BuildResult;
  let files: string[] = [];
  const verdicts = new Map<string, FeedVerdict>();

  beforeAll(async () => {
    build = buildSite(hostileRoot);
    if (build.status !== 0) return;
    files = listFiles(build.outDir);
    for (const file of files) {
      const format = feedFormatOf(file);
      if (format) verdicts.set(file, await checkFeed(format, readOutput(build.outDir, file), new URL(file, siteRoot).href));
    }
  });
  afterAll(() => {
    if (build) rmSync(build.outDir, { recursive: true, force: true });
  });

  it('uses the hostile strings it claims to (U+202E, "]]>", a 10 000-character line, 200-deep lists)', () => {
    const raw = (path: string) => readFileSync(join(hostileRoot, path), 'utf8');
    const incident = content.incidents.find((i) => i.slug === '2024-05-01-hostile-payouts')!;
    expect(incident.title).toContain('\u202E');
    expect(incident.title).toContain(']]>');
    expect(incident.title).toContain('<script>');
    const longest = Math.max(...raw('incidents/2024-06-01-hostile-open/2024-06-01-suspension.md').split('\n').map((l) => l.length));
    expect(longest).toBeGreaterThanOrEqual(10_000);
    expect(raw('incidents/2024-06-01-hostile-open/2024-06-01-suspension.md')).toContain(`${' '.repeat(398)}- level 200`);
    expect(raw('src/content/faq/deep-nesting.md').match(/<ul>/g)?.length).toBe(200);
  });

  it('builds', () => {
    expect(build.status, build.stderr).toBe(0);
    expect(files).toContain('incidents/2024-05-01-hostile-payouts/index.html');
    // The image kept beside the notice (the onload carrier) is published next to the incident page, once.
    expect(files.filter((f) => f.endsWith('pixel.png'))).toEqual(['incidents/2024-05-01-hostile-payouts/pixel.png']);
  });

  it('no page carries a script (other than the site\'s own external module), an on* attribute or a javascript:/data: URL', () => {
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    const findings = pages.flatMap((file) => findExecutableMarkup(readOutput(build.outDir, file)).map((p) => `${file}: ${p}`));
    expect(findings, findings.join('\n')).toEqual([]);
  });

  it('every page has the Content-Security-Policy meta, and it forbids inline script', () => {
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    // The same check the "gates bite" test proves on a weak policy.
    for (const file of pages) expect(cspProblems(readOutput(build.outDir, file)), file).toEqual([]);
  });

  it('pages show the hostile titles as literal text', () => {
    const incident = content.incidents.find((i) => i.slug === '2024-05-01-hostile-payouts')!;
    const html = readOutput(build.outDir, 'incidents/2024-05-01-hostile-payouts/index.html');
    expect(textOf(html, 'h1')).toEqual([incident.title]);
    expect(textOf(html, 'title')[0]).toContain(incident.title);
    const faq = content.faq.find((f) => f.id === 'hostile-answer')!;
    expect(textOf(readOutput(build.outDir, 'faq/index.html'), 'h2').some((t) => t.includes(faq.question))).toBe(true);
  });

  it('every feed is well-formed and parses in rss-parser and @extractus/feed-extractor', () => {
    expect([...verdicts.keys()]).toEqual(expect.arrayContaining(['rss.xml', 'atom.xml', 'feed.json', 'incidents/2024-05-01-hostile-payouts/rss.xml']));
    const failures = [...verdicts]
      .map(([file, v]) => [file, v.problems] as const)
      .filter(([, problems]) => problems.length > 0)
      .map(([file, problems]) => `${file}:\n  ${problems.join('\n  ')}`);
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('feed titles come back from both clients as the literal text', () => {
    const problems: string[] = [];
    const siteName = typeof content.config.name === 'string' ? content.config.name : Object.values(content.config.name)[0]!;
    for (const [file, verdict] of verdicts) {
      const format = verdict.strict.format;
      for (const client of verdict.clients) {
        if (client.error !== undefined) {
          problems.push(`${file}: ${client.client} cannot parse it`);
          continue;
        }
        if (file.split('/').length === 1 && !sameTitle(siteName, client.title, format)) problems.push(`${file}: ${client.client} feed title ${JSON.stringify(client.title)} ≠ ${JSON.stringify(siteName)}`);
        for (const entry of client.entries) {
          const match = content.incidents.flatMap((i) => i.notices.map((n) => ({ i, n }))).find(({ i, n }) => entry.id === `${siteRoot}incidents/${i.slug}/#${n.id}` || entry.link === `${siteRoot}incidents/${i.slug}/#${n.id}`);
          if (!match) {
            // feed-extractor reports JSON Feed and Atom ids; rss-parser RSS guids. Both must identify the notice.
            problems.push(`${file}: ${client.client} entry ${JSON.stringify(entry.id)} is no notice`);
            continue;
          }
          const title = entry.title ?? '';
          // An Atom type="html" title may come back still as HTML; its text must then say the same.
          const literal = (expected: string) => title.includes(expected) || (format === 'atom' && htmlToText(title).includes(expected));
          if (!literal(match.i.title)) problems.push(`${file}: ${client.client} title ${JSON.stringify(title)} lacks the incident title ${JSON.stringify(match.i.title)}`);
          if (match.n.title && !literal(match.n.title)) problems.push(`${file}: ${client.client} title ${JSON.stringify(title)} lacks the notice title ${JSON.stringify(match.n.title)}`);
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
