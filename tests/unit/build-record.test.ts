import { cpSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { astroSettingsKey, buildInputsKey, contentSignature, needsAstroEveryTime, recordableFlags, type BuildRequest } from '../../src/integration/build-record.ts';
import { projectRoot } from '../support/build.ts';

/** What decides whether `npm run build` may rebuild without Astro (src/integration/build-record.ts). */
describe('the build record\'s key: everything Astro decides', () => {
  /** A project of its own: the code files the key reads, and a site with content. */
  function project(): BuildRequest {
    const root = mkdtempSync(join(tmpdir(), 'shirase-key-'));
    for (const entry of ['src/pages', 'src/lib/core', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) {
      cpSync(join(projectRoot, entry), join(root, entry), { recursive: true });
    }
    mkdirSync(join(root, 'src/content/faq'), { recursive: true });
    writeFileSync(join(root, 'src/content/faq/a.md'), '---\nquestion: Q?\n---\nA.\n');
    writeFileSync(join(root, 'src/site.config.yaml'), 'name: X\n');
    return { projectRoot: root, siteRoot: root, outDir: join(root, 'dist'), flags: [], drafts: false };
  }

  it('changes with the code, the public files, the lock file, the site config, the flags, drafts and the folders', () => {
    const request = project();
    const key = buildInputsKey(request);
    expect(buildInputsKey(request)).toBe(key);
    const changes: [string, () => BuildRequest][] = [
      ['a source file', () => (writeFileSync(join(request.projectRoot, 'src/lib/core/new.ts'), 'export {};\n'), request)],
      ['a public file', () => (writeFileSync(join(request.projectRoot, 'public/favicon.svg'), '<svg/>'), request)],
      ['the lock file', () => (writeFileSync(join(request.projectRoot, 'package-lock.json'), '{}'), request)],
      ['the site config', () => (writeFileSync(join(request.siteRoot, 'src/site.config.yaml'), 'name: Y\n'), request)],
      ['the flags', () => ({ ...request, flags: ['--base', '/status'] })],
      ['drafts', () => ({ ...request, drafts: true })],
      ['the output folder', () => ({ ...request, outDir: join(request.projectRoot, 'dist-2') })],
    ];
    // Every key differs from every other: a change the key ignored would repeat an earlier one.
    const keys = [['nothing', key], ...changes.map(([what, change]) => [what, buildInputsKey(change())])];
    for (const [what, next] of keys) expect(keys.filter(([, other]) => other === next).map(([name]) => name), what).toEqual([what]);
  });

  it('has a part without the folders, which decides the settings Astro gives a build of any folder', () => {
    const request = project();
    const moved = { ...request, siteRoot: mkdtempSync(join(tmpdir(), 'shirase-key-site-')), outDir: join(request.projectRoot, 'dist-2') };
    mkdirSync(join(moved.siteRoot, 'src'));
    cpSync(join(request.siteRoot, 'src/site.config.yaml'), join(moved.siteRoot, 'src/site.config.yaml'));
    expect(astroSettingsKey(moved)).toBe(astroSettingsKey(request));
    expect(buildInputsKey(moved)).not.toBe(buildInputsKey(request));
    // The settings part changes with the site config's bytes, wherever it is.
    writeFileSync(join(moved.siteRoot, 'src/site.config.yaml'), 'name: Y\n');
    expect(astroSettingsKey(moved)).not.toBe(astroSettingsKey(request));
    expect(astroSettingsKey({ ...request, flags: ['--site', 'https://a.example'] })).not.toBe(astroSettingsKey(request));
    expect(astroSettingsKey({ ...request, drafts: true })).not.toBe(astroSettingsKey(request));
  });

  it('does not change with the content: notices and FAQ answers are the rebuild\'s to render', () => {
    const request = project();
    const key = buildInputsKey(request);
    writeFileSync(join(request.siteRoot, 'src/content/faq/a.md'), '---\nquestion: Q?\n---\nAnother answer.\n');
    mkdirSync(join(request.siteRoot, 'incidents/x'), { recursive: true });
    writeFileSync(join(request.siteRoot, 'incidents/x/incident.md'), '---\ntitle: X\n---\n');
    expect(buildInputsKey(request)).toBe(key);
  });
});

describe('the content signature', () => {
  it('changes with an edit, even one that keeps the size and the modification time, and with a new empty folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-signature-'));
    mkdirSync(join(root, 'incidents/a'), { recursive: true });
    const file = join(root, 'incidents/a/incident.md');
    writeFileSync(file, 'title: one\n');
    const first = contentSignature(root);
    expect(contentSignature(root)).toBe(first);
    // Same size, modification time set back: the change time still moves.
    const { atime, mtime } = { atime: new Date(0), mtime: new Date(1_000_000) };
    utimesSync(file, atime, mtime);
    const before = contentSignature(root);
    // Change times come from a clock that, before Linux 6.13, ticks every few milliseconds: an edit in the same
    // tick as the signature would go unseen (contentSignature says so). Wait past a tick, as any real edit is.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    writeFileSync(file, 'title: two\n');
    utimesSync(file, atime, mtime);
    expect(readFileSync(file, 'utf8')).toBe('title: two\n');
    expect(contentSignature(root)).not.toBe(before);
    const withFile = contentSignature(root);
    mkdirSync(join(root, 'incidents/Bad Name'));
    expect(contentSignature(root)).not.toBe(withFile);
  });
});

describe('flags and config a record can hold', () => {
  it('holds --base and --site only; anything else is Astro\'s build every time', () => {
    expect(recordableFlags([])).toBe(true);
    expect(recordableFlags(['--base', '/status', '--site', 'https://x.example'])).toBe(true);
    expect(recordableFlags(['--base=/status'])).toBe(true);
    expect(recordableFlags(['--base'])).toBe(false);
    expect(recordableFlags(['--verbose'])).toBe(false);
    expect(recordableFlags(['--site', 'https://x.example', '--force'])).toBe(false);
  });

  it('says why a config needs Astro for every build', () => {
    const ours = { format: 'directory', redirects: 0, integrations: ['shirase'], middleware: false };
    expect(needsAstroEveryTime(ours)).toBeUndefined();
    expect(needsAstroEveryTime({ ...ours, format: 'file' })).toMatch(/build\.format is "file"/);
    expect(needsAstroEveryTime({ ...ours, redirects: 1 })).toMatch(/redirects/);
    expect(needsAstroEveryTime({ ...ours, integrations: ['shirase', '@astrojs/sitemap'] })).toMatch(/@astrojs\/sitemap/);
    expect(needsAstroEveryTime({ ...ours, middleware: true })).toMatch(/middleware/);
  });
});
