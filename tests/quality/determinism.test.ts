import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { buildSite, listFiles, projectRoot, type BuildResult } from '../support/build.ts';
import { compareTrees, formatTreeDifferences } from '../support/determinism.ts';

// The same content builds to the same bytes on any machine: buildSite fixes
// SOURCE_DATE_EPOCH; the machine's time zone and locale must not leak in.

describe('deterministic build of the example', () => {
  let utc: BuildResult;
  let losAngelesJa: BuildResult;

  beforeAll(() => {
    utc = buildSite(projectRoot, { env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' } });
    losAngelesJa = buildSite(projectRoot, { env: { TZ: 'America/Los_Angeles', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' } });
  });
  afterAll(() => {
    for (const build of [utc, losAngelesJa]) if (build) rmSync(build.outDir, { recursive: true, force: true });
  });

  it('builds under TZ=UTC LANG=C and under TZ=America/Los_Angeles LANG=ja_JP.UTF-8', () => {
    expect(utc.status, utc.stderr).toBe(0);
    expect(losAngelesJa.status, losAngelesJa.stderr).toBe(0);
  });

  it('produces byte-identical dist trees', () => {
    expect(listFiles(utc.outDir).length).toBeGreaterThan(20);
    const differences = compareTrees(utc.outDir, losAngelesJa.outDir);
    expect(differences, formatTreeDifferences(differences)).toEqual([]);
  });
});
