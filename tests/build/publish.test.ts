import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildSite, differingFiles, listFiles, projectRoot, publishSite as publishWithColours, type BuildResult } from '../support/build.ts';

/**
 * `npm run build` (src/publish/build.ts): Astro's build the first time, then,
 * while only the content or "now" changes, the same build without starting
 * Astro. Whatever path a build takes, the folder must end up byte for byte
 * what a cold `astro build` of the same content writes.
 */

/** `npm run build`, its log without colour codes (Astro colours its lines when the environment asks for colour). */
function publishSite(...args: Parameters<typeof publishWithColours>): BuildResult {
  const result = publishWithColours(...args);
  const plain = stripVTControlCharacters;
  return { ...result, stdout: plain(result.stdout), stderr: plain(result.stderr) };
}

const ASTRO = '[build] Complete!';
const WITHOUT_ASTRO = 'rebuilt without Astro';
const NEW_FOLDER = 'built a new folder without Astro';
/**
 * A build of the whole folder: Astro's, or, when Astro built the same code, config and flags before (another
 * test may have, with the same fixture), the one without Astro that starts from an empty folder.
 */
const WHOLE = /\[build\] Complete!|built a new folder without Astro/;
const NOTHING = 'nothing changed since the last build of this folder';

function fixture(name: string): string {
  const root = mkdtempSync(join(tmpdir(), 'shirase-publish-'));
  cpSync(join(projectRoot, 'tests/fixtures/sites', name), root, { recursive: true });
  return root;
}

/** A fixture whose site config no other build has had: its first build is Astro's, whatever the cache holds. */
function unseenFixture(name: string): string {
  const root = fixture(name);
  const config = join(root, 'src/site.config.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}\n# ${randomUUID()}\n`);
  return root;
}

/** Modification times of every file, to show a build wrote nothing. */
function mtimes(dir: string): Map<string, number> {
  return new Map(listFiles(dir).map((path) => [path, statSync(join(dir, path)).mtimeMs]));
}

const update = (date: string, text: string) =>
  `---\ntype: update\ndate: "${date}"\ncomponents:\n  login: degraded\nnext_update: "2024-02-01T11:00:00-08:00"\n---\n${text}\n`;

describe('npm run build after a content change', () => {
  it('rebuilds without Astro and writes exactly what Astro writes, through added, edited and removed notices and FAQ answers', () => {
    const root = fixture('basic');
    const outDir = mkdtempSync(join(tmpdir(), 'shirase-published-'));
    const first = publishSite(root, outDir);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(WHOLE);

    // A new notice: the pages that show it change, the search index is made again, and Astro does not start.
    const added = join(root, 'incidents/2024-02-01-login-slow/2024-02-01-update.md');
    writeFileSync(added, update('2024-02-01T09:00:00-08:00', 'Still slow; the cause is a database failover.'));
    const second = publishSite(root, outDir);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(WITHOUT_ASTRO);
    expect(second.stdout).not.toContain(ASTRO);
    expect(second.stdout).toMatch(/search index: \d+ pages indexed/);
    expect(readFileSync(join(outDir, 'incidents/2024-02-01-login-slow/index.html'), 'utf8')).toContain('database failover');
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);

    // An edited FAQ answer: Astro's FAQ pages change, and with them the index.
    const faq = join(root, 'src/content/faq/payout-safety.md');
    writeFileSync(faq, readFileSync(faq, 'utf8').replace('held, not lost', 'held in a separate account, not lost'));
    const third = publishSite(root, outDir);
    expect(third.stdout).toContain(WITHOUT_ASTRO);
    expect(readFileSync(join(outDir, 'faq/index.html'), 'utf8')).toContain('held in a separate account');
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);

    // Nothing changed at all: nothing is written, not even the search index.
    const before = mtimes(outDir);
    const fourth = publishSite(root, outDir);
    expect(fourth.status, fourth.stderr).toBe(0);
    expect(fourth.stdout).toContain(NOTHING);
    expect(mtimes(outDir)).toEqual(before);

    // Only "now" moved on (a day later): pages that depend on it change; the index, whose pages did not, is kept.
    const later = { SOURCE_DATE_EPOCH: '1700086400' };
    const fifth = publishSite(root, outDir, { env: later });
    expect(fifth.stdout).toContain(WITHOUT_ASTRO);
    expect(fifth.stdout).toContain('search index: no page of recent changed; kept');
    expect(fifth.stdout).not.toMatch(/pages indexed into/);
    expect(differingFiles(outDir, buildSite(root, { env: later }).outDir)).toEqual([]);

    // The notice removed again: its share page goes, and so does everything that showed it.
    rmSync(added);
    const sixth = publishSite(root, outDir, { env: later });
    expect(sixth.stdout).toContain(WITHOUT_ASTRO);
    expect(existsSync(join(outDir, 'incidents/2024-02-01-login-slow/2024-02-01-update/index.html'))).toBe(false);
    expect(differingFiles(outDir, buildSite(root, { env: later }).outDir)).toEqual([]);
    expect(existsSync(`${outDir}.shirase-staging`)).toBe(false);
  });

  it('indexes again only the part of the search index whose pages changed', () => {
    const root = fixture('basic');
    const outDir = mkdtempSync(join(tmpdir(), 'shirase-published-'));
    // June 2024: the payout incident (resolved in January) is in the archive, the open login incident is recent.
    const june = { SOURCE_DATE_EPOCH: String(Date.parse('2024-06-01T00:00:00Z') / 1000) };
    const first = publishSite(root, outDir, { env: june });
    expect(first.status, first.stderr).toBe(0);
    // One language: the FAQ page and the login incident's page; the payout incident's page.
    expect(first.stdout).toMatch(/search index: 2 pages indexed into \/pagefind\/recent\//);
    expect(first.stdout).toMatch(/search index: 1 pages indexed into \/pagefind\/archive-2024\//);
    const searchPage = () => readFileSync(join(outDir, 'search/index.html'), 'utf8');
    expect(searchPage()).toContain('data-index="/pagefind/" data-parts="recent archive-2024"');

    // A notice during the open incident: the recent part is made again, the archive is left as it is.
    const archive = mtimes(join(outDir, 'pagefind/archive-2024'));
    writeFileSync(join(root, 'incidents/2024-02-01-login-slow/2024-02-01-update.md'), update('2024-02-01T09:00:00-08:00', 'Still slow.'));
    const second = publishSite(root, outDir, { env: june });
    expect(second.stdout).toContain(WITHOUT_ASTRO);
    expect(second.stdout).toMatch(/search index: 2 pages indexed into \/pagefind\/recent\//);
    expect(second.stdout).toContain('search index: no page of archive-2024 changed; kept');
    expect(mtimes(join(outDir, 'pagefind/archive-2024'))).toEqual(archive);
    expect(differingFiles(outDir, buildSite(root, { env: june }).outDir)).toEqual([]);

    // A late postmortem on the archived incident moves it to the recent part; the archive, now empty, goes.
    const postmortem = '---\ntype: postmortem\ndate: "2024-05-30T10:00:00+09:00"\n---\nWhat happened, and what we changed.\n';
    writeFileSync(join(root, 'incidents/2024-01-10-payouts-stopped/2024-05-30-postmortem.md'), postmortem);
    const third = publishSite(root, outDir, { env: june });
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout).toContain(WITHOUT_ASTRO);
    expect(third.stdout).toMatch(/search index: 3 pages indexed into \/pagefind\/recent\//);
    expect(existsSync(join(outDir, 'pagefind/archive-2024'))).toBe(false);
    expect(searchPage()).toContain('data-index="/pagefind/" data-parts="recent"');
    expect(differingFiles(outDir, buildSite(root, { env: june }).outDir)).toEqual([]);
  });

  it('does the same under --base and --site, in two languages, with files beside the notices', () => {
    const root = fixture('media');
    const outDir = mkdtempSync(join(tmpdir(), 'shirase-published-'));
    const args = ['--base', '/status', '--site', 'https://pay.example.com'];
    expect(publishSite(root, outDir, { args }).stdout).toMatch(WHOLE);
    const notice = join(root, 'incidents/2024-07-01-payouts-failed');
    const [first] = listFiles(notice).filter((file) => file.endsWith('.md') && !file.endsWith('.ja.md'));
    writeFileSync(join(notice, first!), readFileSync(join(notice, first!), 'utf8').replace(/\n---\n/, '\n---\nA line added for the rebuild.\n\n'));
    const rebuilt = publishSite(root, outDir, { args });
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain(WITHOUT_ASTRO);
    expect(differingFiles(outDir, buildSite(root, { args }).outDir)).toEqual([]);
  });
});

describe('npm run build of a new folder, once Astro built the same code and config', () => {
  it('is built without Astro, byte for byte what Astro writes, under --base and --site too', () => {
    const root = unseenFixture('media');
    const args = ['--base', '/status', '--site', 'https://pay.example.com'];
    // Both folders start with a file of another site and a .git: Astro's build empties the folder, both of them
    // included (Astro 7 means to keep a .git, but removes it), and so must the build without it.
    const withLeftovers = () => {
      const folder = mkdtempSync(join(tmpdir(), 'shirase-published-'));
      writeFileSync(join(folder, 'stale.html'), 'from another site');
      mkdirSync(join(folder, '.git'));
      writeFileSync(join(folder, '.git/HEAD'), 'ref: refs/heads/main\n');
      return folder;
    };
    const astroFolder = withLeftovers();
    const first = publishSite(root, astroFolder, { args });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(ASTRO);

    const newFolder = withLeftovers();
    const second = publishSite(root, newFolder, { args });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(NEW_FOLDER);
    expect(second.stdout).not.toContain(ASTRO);
    for (const folder of [astroFolder, newFolder]) {
      expect(existsSync(join(folder, 'stale.html'))).toBe(false);
      expect(existsSync(join(folder, '.git'))).toBe(false);
    }
    expect(differingFiles(newFolder, astroFolder)).toEqual([]);

    // Its record is a folder's like any other: the next content change is a rebuild.
    const notice = join(root, 'incidents/2024-07-01-payouts-failed');
    const [text] = listFiles(notice).filter((file) => file.endsWith('.md') && !file.endsWith('.ja.md'));
    writeFileSync(join(notice, text!), readFileSync(join(notice, text!), 'utf8').replace(/\n---\n/, '\n---\nA line added for the rebuild.\n\n'));
    const third = publishSite(root, newFolder, { args });
    expect(third.stdout).toContain(WITHOUT_ASTRO);
    expect(differingFiles(newFolder, buildSite(root, { args }).outDir)).toEqual([]);
  });

  it('is Astro\'s when SHIRASE_ASTRO_BUILD=1 asks, and when the flags differ from the ones Astro built with', () => {
    const root = unseenFixture('basic');
    expect(publishSite(root, mkdtempSync(join(tmpdir(), 'shirase-published-'))).stdout).toContain(ASTRO);
    const asked = publishSite(root, mkdtempSync(join(tmpdir(), 'shirase-published-')), { env: { SHIRASE_ASTRO_BUILD: '1' } });
    expect(asked.status, asked.stderr).toBe(0);
    expect(asked.stdout).toContain(ASTRO);
    expect(publishSite(root, mkdtempSync(join(tmpdir(), 'shirase-published-')), { args: ['--base', '/status'] }).stdout).toContain(ASTRO);
    expect(publishSite(root, mkdtempSync(join(tmpdir(), 'shirase-published-'))).stdout).toContain(NEW_FOLDER);
  });

  it('refuses invalid content without emptying the folder', () => {
    const root = unseenFixture('basic');
    expect(publishSite(root, mkdtempSync(join(tmpdir(), 'shirase-published-'))).stdout).toContain(ASTRO);
    writeFileSync(join(root, 'incidents/2024-02-01-login-slow/2024-02-01-update.md'), update('2024-02-31T09:00:00-08:00', 'No such day.'));
    const newFolder = mkdtempSync(join(tmpdir(), 'shirase-published-'));
    writeFileSync(join(newFolder, 'index.html'), 'the site as it was');
    const refused = publishSite(root, newFolder);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('Astro built this code, config and flags before');
    expect(refused.stderr).toContain('nothing was built');
    expect(listFiles(newFolder)).toEqual(['index.html']);
  });
});

describe('npm run build refuses before it reads or writes anything', () => {
  it('an output folder that holds the site, or lies in what the build reads', () => {
    const root = fixture('basic');
    const before = mtimes(root);
    for (const outDir of [root, join(root, 'incidents/out'), join(projectRoot, 'public/out')]) {
      const refused = publishSite(root, outDir);
      expect(refused.status, outDir).toBe(1);
      expect(refused.stderr).toMatch(/^npm run build: the output folder .* (holds|is inside) .*, and a build empties it first; choose another \(SHIRASE_OUT_DIR\)/);
      expect(existsSync(outDir) && outDir !== root, outDir).toBe(false);
    }
    expect(mtimes(root)).toEqual(before);
  });

  it('a SOURCE_DATE_EPOCH that is not whole seconds, on Astro\'s build too: one line, nothing written', () => {
    const root = unseenFixture('basic');
    const outDir = mkdtempSync(join(tmpdir(), 'shirase-published-'));
    for (const epoch of ['1.7e9', '1700000000000']) {
      const refused = publishSite(root, outDir, { env: { SOURCE_DATE_EPOCH: epoch } });
      expect(refused.status, epoch).toBe(1);
      expect(refused.stderr.trim()).toMatch(new RegExp(`^npm run build: SOURCE_DATE_EPOCH must be whole seconds since 1970.*, got "${epoch}"`));
      expect(refused.stdout, epoch).not.toContain('[build]');
    }
    expect(listFiles(outDir)).toEqual([]);
  });
});

describe('npm run build after content was deleted', () => {
  it('removes the pages no route makes any more (a deleted FAQ answer\'s page) and the folders they leave empty', () => {
    const root = fixture('basic');
    const outDir = mkdtempSync(join(tmpdir(), 'shirase-published-'));
    expect(publishSite(root, outDir).stdout).toMatch(WHOLE);
    expect(existsSync(join(outDir, 'faq/payout-safety/index.html'))).toBe(true);
    rmSync(join(root, 'src/content/faq/payout-safety.md'));
    // And the incident's link to it, which would otherwise be refused.
    const incident = join(root, 'incidents/2024-01-10-payouts-stopped/incident.md');
    writeFileSync(incident, readFileSync(incident, 'utf8').replace('faq: [payout-safety]\n', ''));
    const rebuilt = publishSite(root, outDir);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain(WITHOUT_ASTRO);
    expect(rebuilt.stdout).toMatch(/, \d+ removed/);
    expect(existsSync(join(outDir, 'faq/payout-safety'))).toBe(false);
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);
  });
});

describe('npm run build when something Astro decides changed', () => {
  it('builds the whole folder again: other flags, a draft preview, a changed site config, a missing output file', () => {
    const root = fixture('basic');
    const outDir = mkdtempSync(join(tmpdir(), 'shirase-published-'));
    expect(publishSite(root, outDir).stdout).toMatch(WHOLE);
    expect(publishSite(root, outDir).stdout).toContain(NOTHING);

    const based = publishSite(root, outDir, { args: ['--base', '/status'] });
    expect(based.stdout).toMatch(WHOLE);
    expect(differingFiles(outDir, buildSite(root, { args: ['--base', '/status'] }).outDir)).toEqual([]);
    // Back to no flags: the record was for --base, so the whole folder again.
    const unbased = publishSite(root, outDir);
    expect(unbased.stdout).toMatch(WHOLE);
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);

    const drafts = { SHIRASE_DRAFTS: '1' };
    expect(publishSite(root, outDir, { env: drafts }).stdout).toMatch(WHOLE);
    expect(differingFiles(outDir, buildSite(root, { env: drafts }).outDir)).toEqual([]);
    expect(publishSite(root, outDir).stdout).toMatch(WHOLE);
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);

    // A site config never built before: Astro's build, whatever other tests built.
    const config = join(root, 'src/site.config.yaml');
    const title = `Fixture Pay Status Page ${randomUUID()}`;
    writeFileSync(config, readFileSync(config, 'utf8').replace('Fixture Pay Status', title));
    const renamed = publishSite(root, outDir);
    expect(renamed.stdout).toContain(ASTRO);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain(title);

    rmSync(join(outDir, 'favicon.svg'));
    const refilled = publishSite(root, outDir);
    expect(refilled.stdout).toContain(NEW_FOLDER);
    expect(existsSync(join(outDir, 'favicon.svg'))).toBe(true);

    // A deleted incident page is not "nothing changed": the rebuild writes it again.
    rmSync(join(outDir, 'incidents/2024-01-10-payouts-stopped/index.html'));
    const restored = publishSite(root, outDir);
    expect(restored.stdout).toContain(WITHOUT_ASTRO);
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);
  });

  it('refuses invalid content without touching the folder, and rebuilds without Astro once it is fixed', () => {
    const root = fixture('basic');
    const outDir = mkdtempSync(join(tmpdir(), 'shirase-published-'));
    expect(publishSite(root, outDir).status).toBe(0);
    const before = mtimes(outDir);
    const broken = join(root, 'incidents/2024-02-01-login-slow/2024-02-01-update.md');
    writeFileSync(broken, update('2024-02-31T09:00:00-08:00', 'A date that does not exist.'));
    const refused = publishSite(root, outDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/incidents\/2024-02-01-login-slow\/2024-02-01-update\.md:\d+:\d+: error: .*date/);
    expect(refused.stderr).toContain('nothing was built');
    expect(mtimes(outDir)).toEqual(before);

    // A SOURCE_DATE_EPOCH that is no number of seconds: one line naming it, nothing written.
    const badNow = publishSite(root, outDir, { env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(badNow.status).toBe(1);
    expect(badNow.stderr.trim()).toBe('npm run build: SOURCE_DATE_EPOCH must be whole seconds since 1970, got "yesterday"');
    expect(mtimes(outDir)).toEqual(before);

    writeFileSync(broken, update('2024-02-01T09:00:00-08:00', 'Fixed.'));
    const fixed = publishSite(root, outDir);
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain(WITHOUT_ASTRO);
    expect(differingFiles(outDir, buildSite(root).outDir)).toEqual([]);
  });
});
