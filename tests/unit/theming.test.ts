import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SiteConfigSchema } from '../../src/lib/content/config-schema.ts';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import { createRenderContext } from '../../src/lib/render/context.ts';
import { renderNotFoundPage } from '../../src/lib/render/pages/not-found.ts';
import { projectRoot } from '../support/build.ts';

/** Theming is data: a logo in the config, colours in src/styles/theme.css (docs/theming.md). */

const content = loadSiteContentOrThrow(join(projectRoot, 'tests/fixtures/sites/basic'));
const settings = { base: '/status/', site: 'https://status.example', now: 0, drafts: false, assets: { styles: [], scripts: [], searchScripts: [] } };

describe('theming', () => {
  it('a configured logo stands before the site name, with the base path and its size, and the name stays the link text', () => {
    const config = { ...content.config, logo: { src: '/brand/logo.svg', width: 120, height: 32 } };
    const page = renderNotFoundPage(createRenderContext({ ...content, config }, 'en', settings));
    expect(page).toContain(
      '<a class="site-name" href="/status/"><img class="site-logo" src="/status/brand/logo.svg" alt="" width="120" height="32">Fixture Pay Status</a>',
    );
  });

  it('without a logo the header is the name alone', () => {
    const page = renderNotFoundPage(createRenderContext(content, 'en', settings));
    expect(page).toContain('<a class="site-name" href="/status/">Fixture Pay Status</a>');
    expect(page).not.toContain('site-logo');
  });

  it('a logo from another site or without a size is refused with what to write instead', () => {
    const base = { name: 'X', url: 'https://x.example', defaultLocale: 'en', timeZone: 'UTC', components: [{ id: 'a', name: 'A' }] };
    const remote = SiteConfigSchema.safeParse({ ...base, logo: { src: 'https://cdn.example/logo.png', width: 10, height: 10 } });
    expect(remote.success).toBe(false);
    expect(remote.error?.issues[0]?.message).toBe('must be the path of an image in public/, e.g. "/logo.svg"');
    expect(SiteConfigSchema.safeParse({ ...base, logo: { src: '/logo.svg' } }).success).toBe(false);
  });

  it('every colour the stylesheet uses is defined in theme.css, in light and dark', () => {
    const theme = readFileSync(join(projectRoot, 'src/styles/theme.css'), 'utf8');
    const global = readFileSync(join(projectRoot, 'src/styles/global.css'), 'utf8');
    const used = new Set([...global.matchAll(/var\((--[a-z-]+)\)/g)].map((m) => m[1]!));
    const [light, dark] = theme.split('@media (prefers-color-scheme: dark)');
    for (const name of used) {
      expect(light, `${name} in the light theme`).toContain(`${name}:`);
      expect(dark, `${name} in the dark theme`).toContain(`${name}:`);
    }
    expect(global).not.toMatch(/--[a-z-]+:\s*#/);
  });
});
