import { formatDiagnostic } from '../lib/content/diagnostics.ts';
import { loadConfigFile } from '../lib/content/load.ts';
import type { SiteConfig } from '../lib/content/config-schema.ts';

/** The site config for astro.config.mjs; exits with every problem listed when it is invalid. */
export function loadSiteConfig(root: string): SiteConfig {
  const diagnostics: Parameters<typeof loadConfigFile>[1] = [];
  const config = loadConfigFile(root, diagnostics);
  if (!config) {
    for (const diagnostic of diagnostics) console.error(formatDiagnostic(diagnostic));
    console.error('\nshirase: the site config is invalid; nothing was built.');
    process.exit(1);
  }
  return config;
}

