import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { projectRoot } from '../support/build.ts';
import { sourceFiles } from '../support/source-files.ts';

/**
 * The layers of docs/architecture.md, bottom first. A file may import files of its
 * own folder and of any layer below its own, never above and never a sibling
 * folder of the same rank (integration, routes and cli are three separate tops).
 */
const LAYERS: { rank: number; folder: string }[] = [
  { rank: 0, folder: 'src/lib/core/' },
  { rank: 1, folder: 'src/i18n/' },
  { rank: 2, folder: 'src/lib/content/' },
  { rank: 3, folder: 'src/lib/model/' },
  { rank: 4, folder: 'src/lib/render/' },
  { rank: 5, folder: 'src/lib/outputs/' },
  { rank: 6, folder: 'src/integration/' },
  { rank: 6, folder: 'src/routes/' },
  { rank: 6, folder: 'src/cli/' },
  { rank: 7, folder: 'src/pages/' },
  { rank: 7, folder: 'src/publish/' },
  // The browser's progressive enhancement: imports nothing of the site's code.
  { rank: 0, folder: 'src/scripts/' },
];

function layerOf(file: string): { rank: number; folder: string } | undefined {
  return LAYERS.find((layer) => file.startsWith(layer.folder));
}

interface Import {
  from: string;
  to: string;
  line: number;
}

/** The relative imports (static, dynamic and type-only) of a source text, resolved to project paths. */
export function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])([^'"]+)\1/gm;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[2]!;
    const line = text.slice(0, match.index).split('\n').length;
    if (specifier.startsWith('.')) {
      found.push({ from: file, to: relative(projectRoot, resolve(projectRoot, dirname(file), specifier)).split('\\').join('/'), line });
    } else {
      found.push({ from: file, to: specifier, line });
    }
  }
  return found;
}

/** Every import that goes against the arrow, as `file:line → target (why)`. */
export function violations(imports: readonly Import[]): string[] {
  const wrong: string[] = [];
  for (const { from, to, line } of imports) {
    const source = layerOf(from);
    const where = `${from}:${line} → ${to}`;
    if (!source) {
      wrong.push(`${where} (the importing file is in no layer)`);
      continue;
    }
    if (from.startsWith('src/lib/') && /^(astro:|virtual:)/.test(to)) {
      wrong.push(`${where} (src/lib stays free of Astro's runtime and build settings; they come in as arguments)`);
      continue;
    }
    if (!to.startsWith('src/') && !to.startsWith('.')) continue; // a package or node: built-in
    if (to.startsWith(source.folder)) continue;
    const target = layerOf(to);
    if (!target) wrong.push(`${where} (the imported file is in no layer)`);
    else if (target.rank > source.rank) wrong.push(`${where} (${source.folder} may not import the layer above it, ${target.folder})`);
    else if (target.rank === source.rank) wrong.push(`${where} (${source.folder} and ${target.folder} are separate parts of one layer)`);
  }
  return wrong;
}

describe('imports only go down the layers', () => {
  const files = sourceFiles('src', /\.(ts|mts|astro|mjs|js)$/);
  const imports = files.flatMap((file) => importsOf(file, readFileSync(join(projectRoot, file), 'utf8')));

  it('finds the source files and their imports', () => {
    expect(files).toContain('src/lib/render/html.ts');
    expect(imports.some((i) => i.from === 'src/lib/render/shell.ts' && i.to === 'src/lib/render/html.ts')).toBe(true);
  });

  it('no import goes against the arrow', () => {
    expect(violations(imports)).toEqual([]);
  });

  it('catches an import against the arrow, across siblings, from outside the layers, and of astro: in src/lib', () => {
    const fake = [
      ...importsOf('src/lib/model/timeline.ts', "import { html } from '../render/html.ts';"),
      ...importsOf('src/routes/index.ts', "import type { X } from '../integration/index.ts';"),
      ...importsOf('src/stray.ts', "import { routes } from './lib/core/urls.ts';"),
      ...importsOf('src/lib/render/context.ts', "import { settings } from 'virtual:shirase/build';"),
      ...importsOf('src/lib/core/urls.ts', "const m = await import('../outputs/feeds.ts');"),
    ];
    expect(violations(fake)).toEqual([
      'src/lib/model/timeline.ts:1 → src/lib/render/html.ts (src/lib/model/ may not import the layer above it, src/lib/render/)',
      'src/routes/index.ts:1 → src/integration/index.ts (src/routes/ and src/integration/ are separate parts of one layer)',
      'src/stray.ts:1 → src/lib/core/urls.ts (the importing file is in no layer)',
      "src/lib/render/context.ts:1 → virtual:shirase/build (src/lib stays free of Astro's runtime and build settings; they come in as arguments)",
      'src/lib/core/urls.ts:1 → src/lib/outputs/feeds.ts (src/lib/core/ may not import the layer above it, src/lib/outputs/)',
    ]);
  });

  it('reads no environment variable below the command-line, integration and build entry points', () => {
    const entry = /^src\/(cli\/|integration\/|publish\/build\.ts$)/;
    const readers = files.filter((file) => !entry.test(file) && /process\.env/.test(readFileSync(join(projectRoot, file), 'utf8')));
    expect(readers).toEqual([]);
  });
});
