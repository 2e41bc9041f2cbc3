import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentStamps } from '../../src/integration/build-record.ts';
import { openIncidentMemo } from '../../src/integration/incident-memo.ts';
import { loadSiteContent, type IncidentMemo, type LoadOptions } from '../../src/lib/content/load.ts';
import { projectRoot } from './helpers.ts';

/**
 * The incident memo (src/integration/incident-memo.ts): a build recalls the incident folders that did not change
 * since the last build of its output folder instead of reading them. Whatever it recalls, the load must give
 * exactly what reading every folder gives.
 */

let site: string;
let outDir: string;
beforeEach(() => {
  site = mkdtempSync(join(tmpdir(), 'shirase-memo-site-'));
  outDir = mkdtempSync(join(tmpdir(), 'shirase-memo-out-'));
  cpSync(join(projectRoot, 'tests/fixtures/sites/media'), site, { recursive: true });
});
afterEach(() => {
  rmSync(site, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

/** A load with the memo of `site` → `into`, saved after it; returns the result and which folders were recalled. */
function loadWithMemo(options: Omit<LoadOptions, 'incidentMemo'> = {}, into = outDir, project = projectRoot, stamps?: ReadonlyMap<string, string>) {
  const memo = openIncidentMemo(project, site, into, stamps);
  const recalled: string[] = [];
  const counting: IncidentMemo = {
    recall: (slug, inputs) => {
      const loaded = memo.recall(slug, inputs);
      if (loaded) recalled.push(slug);
      return loaded;
    },
    keep: (slug, inputs, loaded) => memo.keep(slug, inputs, loaded),
  };
  const result = loadSiteContent(site, { ...options, incidentMemo: counting });
  memo.save();
  return { result, recalled: recalled.sort() };
}

const slugs = () => loadSiteContent(site).content!.incidents.map((incident) => incident.slug).sort();
const firstNotice = (slug: string) => {
  const incident = loadSiteContent(site).content!.incidents.find((i) => i.slug === slug)!;
  return join(site, incident.notices[0]!.file);
};

describe('the incident memo', () => {
  it('recalls every folder of an unchanged site, and the load is the same as reading them all', () => {
    const first = loadWithMemo();
    expect(first.recalled).toEqual([]);
    const second = loadWithMemo();
    expect(second.recalled).toEqual(slugs());
    expect(second.result).toEqual(loadSiteContent(site));
  });

  it('reads again a folder with a notice edited to the same size, and recalls the others', () => {
    loadWithMemo();
    const [edited, ...others] = slugs();
    const notice = firstNotice(edited!);
    const before = readFileSync(notice, 'utf8');
    // One ASCII letter for another: the same bytes long, so only the file's times tell.
    const after = before.replace(/([a-z])([^a-z]*)$/, (_, letter: string, rest: string) => `${letter === 'x' ? 'y' : 'x'}${rest}`);
    expect(after).not.toBe(before);
    writeFileSync(notice, after);
    expect(statSync(notice).size).toBe(Buffer.byteLength(before));
    const second = loadWithMemo();
    expect(second.recalled).toEqual(others);
    expect(second.result).toEqual(loadSiteContent(site));
  });

  it("reads again a folder whose notice gained a problem, and reports it as reading it would", () => {
    loadWithMemo();
    const [edited, ...others] = slugs();
    const notice = firstNotice(edited!);
    appendFileSync(notice, '\nSee ![](missing.png).\n');
    const second = loadWithMemo();
    expect(second.recalled).toEqual(others);
    const fresh = loadSiteContent(site);
    expect(second.result).toEqual(fresh);
    expect(fresh.diagnostics.some((d) => d.file === notice.slice(site.length + 1))).toBe(true);
  });

  it("takes the folders' stamps from the build's content signature when it has them, the same as its own", () => {
    loadWithMemo();
    const { incidentFolders } = contentStamps(site);
    expect([...incidentFolders.keys()].sort()).toEqual(slugs());
    expect(loadWithMemo({}, outDir, projectRoot, incidentFolders).recalled).toEqual(slugs());
    // And a folder whose stamp differs is read again.
    const [first, ...others] = slugs();
    const stale = new Map(incidentFolders).set(first!, 'another stamp');
    expect(loadWithMemo({}, outDir, projectRoot, stale).recalled).toEqual(others);
  });

  it('reads again a folder with a new file beside its notices', () => {
    loadWithMemo();
    const [changed, ...others] = slugs();
    writeFileSync(join(site, 'incidents', changed!, 'new-chart.png'), 'not really a PNG');
    const second = loadWithMemo();
    expect(second.recalled).toEqual(others);
    expect(second.result).toEqual(loadSiteContent(site));
  });

  it('recalls nothing when what every incident is checked against changed: drafts, the FAQ, the config', () => {
    // Each change alone, after a load that would recall every folder.
    const all = slugs();
    const settled = () => {
      loadWithMemo();
      expect(loadWithMemo().recalled).toEqual(all);
    };
    settled();
    expect(loadWithMemo({ includeDrafts: true }).recalled).toEqual([]);
    settled();
    // An FAQ answer an incident names is gone: that incident now has an error, which a recalled load would not report.
    rmSync(join(site, 'src/content/faq/embedding.md'));
    rmSync(join(site, 'src/content/faq/embedding.ja.md'));
    const afterFaq = loadWithMemo();
    expect(afterFaq.recalled).toEqual([]);
    expect(afterFaq.result).toEqual(loadSiteContent(site));
    expect(afterFaq.result.diagnostics.some((d) => d.severity === 'error' && d.message.includes('embedding'))).toBe(true);
    settled();
    const config = join(site, 'src/site.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^timeZone: .*$/m, 'timeZone: Europe/London'));
    const afterConfig = loadWithMemo();
    expect(afterConfig.recalled).toEqual([]);
    expect(afterConfig.result).toEqual(loadSiteContent(site));
  });

  it("recalls nothing once the loader's code changed: a module load.ts imports, directly or not", () => {
    // A project of its own, whose loader is two modules (the memo hashes the modules load.ts reaches).
    const project = mkdtempSync(join(tmpdir(), 'shirase-memo-project-'));
    mkdirSync(join(project, 'src/lib/content'), { recursive: true });
    writeFileSync(join(project, 'src/lib/content/load.ts'), "import { schema } from './schema.ts';\nexport const load = schema;\n");
    writeFileSync(join(project, 'src/lib/content/schema.ts'), 'export const schema = 1;\n');
    writeFileSync(join(project, 'src/lib/content/unused.ts'), 'export const unused = 1;\n');
    loadWithMemo({}, outDir, project);
    expect(loadWithMemo({}, outDir, project).recalled).toEqual(slugs());
    // A module the loader does not import: the memo still holds.
    appendFileSync(join(project, 'src/lib/content/unused.ts'), '// edited\n');
    expect(loadWithMemo({}, outDir, project).recalled).toEqual(slugs());
    appendFileSync(join(project, 'src/lib/content/schema.ts'), '// edited\n');
    expect(loadWithMemo({}, outDir, project).recalled).toEqual([]);
    rmSync(project, { recursive: true, force: true });
  });

  it('is kept per output folder: another folder (a reference build) reads every incident itself, and keeps its own', () => {
    loadWithMemo();
    const other = mkdtempSync(join(tmpdir(), 'shirase-memo-other-'));
    try {
      expect(loadWithMemo({}, other).recalled).toEqual([]);
      expect(loadWithMemo({}, other).recalled).toEqual(slugs());
      expect(loadWithMemo().recalled).toEqual(slugs());
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('works in a project without package-lock.json or a cache folder yet', () => {
    const project = mkdtempSync(join(tmpdir(), 'shirase-memo-project-'));
    try {
      expect(loadWithMemo({}, outDir, project).recalled).toEqual([]);
      expect(loadWithMemo({}, outDir, project).recalled).toEqual(slugs());
      expect(readdirSync(join(project, 'node_modules/.cache/shirase')).some((name) => name.startsWith('incidents-'))).toBe(true);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
