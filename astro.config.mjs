// @ts-check
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { loadSiteConfig } from './src/integration/config.ts';
import { outputFolder, siteFolder } from './src/integration/folders.ts';
import { shirase } from './src/integration/index.ts';

// The site whose content is built: this folder, or another one (test fixtures, benchmarks).
const projectRoot = fileURLToPath(new URL('.', import.meta.url));
const root = siteFolder(projectRoot, process.env);
const config = loadSiteConfig(root);

export default defineConfig({
  // `astro build --site <url>` and `--base <path>` override these two.
  site: config.url,
  base: config.base,
  trailingSlash: 'always',
  // External CSS and JS only, so the Content-Security-Policy needs no 'unsafe-inline'.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  outDir: outputFolder(projectRoot, process.env),
  // Scripts as files too (Astro inlines small ones otherwise): the CSP allows no inline script.
  vite: { build: { assetsInlineLimit: 0 } },
  integrations: [shirase(root)],
  devToolbar: { enabled: false },
});
