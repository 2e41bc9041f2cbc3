import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { loadSiteContent, loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import { buildSite, projectRoot, readOutput, type BuildResult } from '../support/build.ts';

const SITE = 'https://status.kakeru-pay.example';
const UNTRANSLATED = { slug: '2018-04-12-payouts-suspended', id: '2018-04-15-update' };

/** The opening tag of the element with this id. */
function openingTag(html: string, id: string): string {
  return new RegExp(`<[a-z]+ id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
}

describe('the bilingual example site', () => {
  let build: BuildResult;
  const content = loadSiteContentOrThrow(projectRoot);

  beforeAll(() => {
    build = buildSite(projectRoot);
  });

  it('publishes every notice in every locale: on its incident page and in that locale\'s feeds', () => {
    expect(build.status, build.stderr).toBe(0);
    const parser = new XMLParser({ ignoreAttributes: false });
    for (const locale of ['', 'en/']) {
      for (const incident of content.incidents) {
        const page = readOutput(build.outDir, `${locale}incidents/${incident.slug}/index.html`);
        const feed = parser.parse(readOutput(build.outDir, `${locale}incidents/${incident.slug}/rss.xml`)).rss.channel;
        const items = [feed.item].flat().map((item: { guid: { '#text': string } }) => item.guid['#text']);
        for (const notice of incident.notices) {
          expect(page, `${locale}${incident.slug}#${notice.id}`).toContain(`<article id="${notice.id}"`);
          expect(items).toContain(`${SITE}/${locale}incidents/${incident.slug}/#${notice.id}`);
        }
      }
    }
  });

  it('shows an untranslated notice in Japanese on /en/, marked with lang and a note, never dropped', () => {
    const en = readOutput(build.outDir, `en/incidents/${UNTRANSLATED.slug}/index.html`);
    const article = en.slice(en.indexOf(`<article id="${UNTRANSLATED.id}"`), en.indexOf('</article>', en.indexOf(`<article id="${UNTRANSLATED.id}"`)));
    // (Left out of the search index, which finds the notice by its own text.)
    expect(article).toMatch(/<p class="untranslated"(?: data-pagefind-ignore)?>This notice is available in Japanese only<\/p>/);
    expect(article).toMatch(/<div class="prose" lang="ja"(?: data-pagefind-ignore)?>/);
    // A translated notice on the same page carries no such note and no lang override.
    const translated = en.slice(en.indexOf('<article id="2018-04-16-update"'), en.indexOf('</article>', en.indexOf('<article id="2018-04-16-update"')));
    expect(translated).not.toContain('untranslated');
    expect(translated).not.toContain('lang="ja"');
    // In Japanese, nothing is marked.
    const ja = readOutput(build.outDir, `incidents/${UNTRANSLATED.slug}/index.html`);
    expect(openingTag(ja, UNTRANSLATED.id)).not.toContain('lang=');
    expect(ja).not.toContain('class="untranslated"');
  });

  it('puts the untranslated notice in the English feed, in Japanese, with the note', () => {
    const feed = readOutput(build.outDir, `en/incidents/${UNTRANSLATED.slug}/rss.xml`);
    expect(feed).toContain(`${SITE}/en/incidents/${UNTRANSLATED.slug}/#${UNTRANSLATED.id}`);
    expect(feed).toContain('This notice is available in Japanese only');
    expect(feed).toContain('&lt;div lang=&quot;ja&quot;&gt;');
  });

  it('sets <html lang>, hreflang alternates and a language switch to the same page', () => {
    for (const [path, lang, other, otherPath] of [
      ['index.html', 'ja', 'en', '/en/'],
      ['en/index.html', 'en', 'ja', '/'],
      [`en/incidents/${UNTRANSLATED.slug}/index.html`, 'en', 'ja', `/incidents/${UNTRANSLATED.slug}/`],
      ['faq/index.html', 'ja', 'en', '/en/faq/'],
    ] as const) {
      const html = readOutput(build.outDir, path);
      expect(html.startsWith(`<!DOCTYPE html><html lang="${lang}">`), path).toBe(true);
      expect(html).toContain(`<link rel="alternate" hreflang="${other}" href="${SITE}${otherPath}">`);
      expect(html).toContain(`<link rel="alternate" hreflang="x-default"`);
      expect(html).toContain(`<a href="${otherPath}" hreflang="${other}" lang="${other}">`);
    }
  });

  it('formats dates for each locale in the display zone', () => {
    const ja = readOutput(build.outDir, `incidents/${UNTRANSLATED.slug}/index.html`);
    const en = readOutput(build.outDir, `en/incidents/${UNTRANSLATED.slug}/index.html`);
    expect(ja).toContain('<time datetime="2018-04-12T09:00:00Z">2018年4月12日(木) 18:00 JST</time>');
    expect(en).toContain('<time datetime="2018-04-12T09:00:00Z">Thu, 12 Apr 2018 18:00 JST</time>');
    expect(ja).toContain('8日2時間');
    expect(en).toContain('8 days, 2 hours');
  });
});

describe('translation rules', () => {
  function siteWith(files: Record<string, string>) {
    const root = mkdtempSync(join(tmpdir(), 'shirase-i18n-'));
    cpSync(join(projectRoot, 'src'), join(root, 'src'), { recursive: true });
    cpSync(join(projectRoot, 'incidents/2018-06-05-dashboard-slow'), join(root, 'incidents/2018-06-05-dashboard-slow'), { recursive: true });
    for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
    return loadSiteContent(root);
  }
  const dir = 'incidents/2018-06-05-dashboard-slow';

  it('errors when a translation repeats a fact that belongs to the original', () => {
    const result = siteWith({ [`${dir}/2018-06-05-suspension.en.md`]: '---\ntitle: Slow dashboard\ndate: "2018-06-05T10:20:00+09:00"\n---\nThe dashboard is slow.\n' });
    expect(result.content).toBeUndefined();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      { file: `${dir}/2018-06-05-suspension.en.md`, line: 3, column: 1, severity: 'error', message: `translation has field "date", which belongs to the original ${dir}/2018-06-05-suspension.md; a translation carries only title, draft and the body — remove "date"` },
    ]);
  });

  it('errors on a translation without an original, and on a locale the site does not publish', () => {
    const result = siteWith({ [`${dir}/2018-06-06-update.en.md`]: '---\n---\nNo original.\n', [`${dir}/2018-06-05-resumption.fr.md`]: '---\n---\nFrançais.\n' });
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.message}`);
    expect(errors).toContain(`${dir}/2018-06-06-update.en.md: translation has no original: there is no 2018-06-06-update.md beside it; rename it to match its original, or add the original`);
    expect(errors).toContain(`${dir}/2018-06-05-resumption.fr.md: translation into "fr", which is not one of the site's locales (ja, en); add it to "locales" in src/site.config.yaml or rename the file`);
  });

  it('warns, not errors, for each missing translation', () => {
    const result = siteWith({});
    expect(result.content).toBeDefined();
    expect(result.diagnostics.filter((d) => d.file.startsWith(dir))).toEqual([]);
    const stripped = siteWith({ [`${dir}/2018-06-05-resumption.en.md`]: '---\ndraft: true\n---\nNot yet.\n' });
    expect(stripped.diagnostics.filter((d) => d.file.startsWith(dir))).toEqual([
      { file: `${dir}/2018-06-05-resumption.md`, line: 0, column: 0, severity: 'warning', message: `notice has no "en" translation; readers of /en/ will see the original (ja). Add ${dir}/2018-06-05-resumption.en.md when it is ready` },
    ]);
  });
});
