import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, listFiles, projectRoot, readOutput, type BuildResult } from '../support/build.ts';

/**
 * The build indexes each language in a Pagefind process of its own and merges
 * the bundles (src/integration/search-index.ts). That is only right if the
 * merged bundle is what one Pagefind writes for all languages: the same
 * files, byte for byte, so the search page and every earlier check of the
 * index stay true.
 */
describe('the search index, one Pagefind process per language', () => {
  let build: BuildResult;
  let single: string;
  beforeAll(async () => {
    build = buildSite(join(projectRoot, 'tests/fixtures/sites/media'));
    expect(build.status, build.stderr).toBe(0);
    // One Pagefind over the same pages, in the build's order: every incident page, then every FAQ page.
    single = mkdtempSync(join(tmpdir(), 'shirase-pagefind-'));
    const { index } = await pagefind.createIndex({});
    await index!.addDirectory({ path: build.outDir, glob: '{incidents/*/index.html,ja/incidents/*/index.html}' });
    await index!.addDirectory({ path: build.outDir, glob: '{faq/index.html,ja/faq/index.html}' });
    rmSync(single, { recursive: true, force: true });
    await index!.writeFiles({ outputPath: single });
    for (const name of readdirSync(single)) if (/^pagefind-(?:ui|modular-ui|component-ui|highlight)\./.test(name)) rmSync(join(single, name));
  }, 120_000);
  afterAll(() => pagefind.close());

  it('is byte for byte the bundle one Pagefind writes for both languages', () => {
    const merged = join(build.outDir, 'pagefind');
    expect(listFiles(merged)).toEqual(listFiles(single));
    for (const file of listFiles(single)) expect(readFileSync(join(merged, file)).equals(readFileSync(join(single, file))), file).toBe(true);
    const entry = JSON.parse(readOutput(build.outDir, 'pagefind/pagefind-entry.json')) as { languages: Record<string, unknown> };
    expect(Object.keys(entry.languages)).toEqual(['en', 'ja']);
  });

  it('leaves no language folder behind', () => {
    expect(readdirSync(build.outDir).filter((name) => name.startsWith('pagefind'))).toEqual(['pagefind']);
  });
});
