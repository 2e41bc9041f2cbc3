import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDistSafety } from '../support/safety.ts';
import { rmSync } from 'node:fs';
import { buildSite, projectRoot, type BuildResult } from '../support/build.ts';
import { checkLinks, formatLinkProblems } from '../support/links.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';

// Every internal href/src and #fragment of every built page resolves to a
// file (and an id) in dist — at the domain root and under a base path.

const { config } = loadSiteContentOrThrow(projectRoot);

describe('internal links of the built example', () => {
  let atRoot: BuildResult;
  let underBase: BuildResult;

  beforeAll(() => {
    atRoot = buildSite(projectRoot);
    underBase = buildSite(projectRoot, { args: ['--base', '/status', '--site', 'https://links.example.org'] });
  });
  afterAll(() => {
    for (const build of [atRoot, underBase]) if (build) rmSync(build.outDir, { recursive: true, force: true });
  });

  it('builds at the root and under --base /status', () => {
    expect(atRoot.status, atRoot.stderr).toBe(0);
    expect(underBase.status, underBase.stderr).toBe(0);
  });

  it('no page of the example carries script-running markup or a weak Content-Security-Policy', () => {
    expect(scanDistSafety(atRoot.outDir)).toEqual([]);
  });

  it('every link and #fragment resolves at the domain root, and no link leaves the site', () => {
    const report = checkLinks(atRoot.outDir, { site: config.url, base: config.base });
    expect(report.checked).toBeGreaterThan(100);
    expect(report.problems, formatLinkProblems(report.problems)).toEqual([]);
    expect(report.external, formatLinkProblems(report.external)).toEqual([]);
  });

  it('every link and #fragment resolves under a base path and another site URL', () => {
    const report = checkLinks(underBase.outDir, { site: 'https://links.example.org', base: '/status/' });
    expect(report.checked).toBeGreaterThan(100);
    expect(report.problems, formatLinkProblems(report.problems)).toEqual([]);
    expect(report.external, formatLinkProblems(report.external)).toEqual([]);
  });
});
