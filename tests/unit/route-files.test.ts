import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../src/integration/build-record.ts';
import { outputPath, pageFileNames, RouteShapeError, routeMakes, unreadableRouteFile } from '../../src/publish/route-files.ts';
import { projectRoot } from '../support/build.ts';

/** The rebuild without Astro reads src/pages itself (src/publish/route-files.ts). */
describe('route files as the rebuild reads them', () => {
  it('reads every page file under src/pages (a page of another shape would make every build Astro\'s)', () => {
    const pages = filesUnder(join(projectRoot, 'src/pages')).filter((file) => file.endsWith('.astro'));
    expect(pages.length).toBeGreaterThan(5);
    for (const file of pages) expect(() => pageFileNames(file, readFileSync(join(projectRoot, 'src/pages', file), 'utf8')), file).not.toThrow();
    expect(pageFileNames('x.astro', "---\nimport { pages, paths } from '../routes/index.ts';\n\nexport const getStaticPaths = paths.locales;\n---\n<Fragment set:html={pages.home(Astro.params)} />\n"))
      .toEqual({ paths: 'locales', page: 'home' });
  });

  it('says a project whose page files are all readable can be rebuilt without Astro, and one with another shape cannot', () => {
    expect(unreadableRouteFile(projectRoot)).toBeUndefined();
    const other = mkdtempSync(join(tmpdir(), 'shirase-routes-'));
    mkdirSync(join(other, 'src/pages'), { recursive: true });
    // Files and folders whose names start with "_" are no routes for Astro, nor for the rebuild.
    writeFileSync(join(other, 'src/pages/_notes.ts'), 'export const anything = 1;\n');
    writeFileSync(join(other, 'src/pages/rss.xml.ts'), "import { endpoints } from '../routes/index.ts';\n\nexport const GET = endpoints.siteFeed('rss');\n");
    expect(unreadableRouteFile(other)).toBeUndefined();
    // An endpoint that computes something itself, and a page with a script of its own: Astro's build.
    writeFileSync(join(other, 'src/pages/time.json.ts'), 'export const GET = () => new Response(String(Date.now()));\n');
    // The reason names the file: the build prints it, so a slow publish says why.
    expect(unreadableRouteFile(other)).toMatch(/^src\/pages\/time\.json\.ts is not a route file the rebuild can read/);
    rmSync(join(other, 'src/pages/time.json.ts'));
    writeFileSync(join(other, 'src/pages/index.astro'), "---\nconst title = 'x';\n---\n<h1>{title}</h1>\n");
    expect(unreadableRouteFile(other)).toMatch(/^src\/pages\/index\.astro /);
  });

  it('refuses a page file that does more than name its two route functions', () => {
    const shapes = [
      "---\nimport { pages } from '../routes/index.ts';\nconst title = 'x';\n---\n<Fragment set:html={pages.home(Astro.params)} />\n",
      "---\nimport { pages } from '../routes/index.ts';\n---\n<Fragment set:html={pages.home(Astro.params)} />\n<p>more</p>\n",
      "---\nimport { pages } from '../routes/index.ts';\n---\n<Layout><Fragment set:html={pages.home()} /></Layout>\n",
    ];
    for (const text of shapes) expect(() => pageFileNames('x.astro', text)).toThrow(RouteShapeError);
  });

  it('names outputs as Astro does with build.format "directory"', () => {
    expect(outputPath('[...lang]/index.astro', {})).toBe('index.html');
    expect(outputPath('[...lang]/index.astro', { lang: 'en' })).toBe('en/index.html');
    expect(outputPath('[...lang]/history/[year].astro', { lang: 'en', year: '2025' })).toBe('en/history/2025/index.html');
    expect(outputPath('[...lang]/faq/[id]/index.astro', { id: 'payouts' })).toBe('faq/payouts/index.html');
    expect(outputPath('404.astro', {})).toBe('404.html');
    expect(outputPath('embed/index.astro', {})).toBe('embed/index.html');
    expect(outputPath('[...lang]/rss.xml.ts', { lang: 'en' })).toBe('en/rss.xml');
    expect(outputPath('api/v2/[...file].json.ts', { file: 'incidents/unresolved' })).toBe('api/v2/incidents/unresolved.json');
    expect(outputPath('components/[id]/badge.svg.ts', { id: 'payments' })).toBe('components/payments/badge.svg');
  });

  it('knows which route files can make a page, so the ones the search index reads are rendered first', () => {
    expect(routeMakes('[...lang]/faq/index.astro', 'faq/index.html')).toBe(true);
    expect(routeMakes('[...lang]/faq/index.astro', 'en/faq/index.html')).toBe(true);
    expect(routeMakes('[...lang]/faq/[id]/index.astro', 'faq/index.html')).toBe(false);
    expect(routeMakes('[...lang]/rss.xml.ts', 'faq/index.html')).toBe(false);
    expect(routeMakes('api/v2/[...file].json.ts', 'api/v2/incidents/unresolved.json')).toBe(true);
    expect(routeMakes('api/v2/[...file].json.ts', 'faq/index.html')).toBe(false);
  });
});
