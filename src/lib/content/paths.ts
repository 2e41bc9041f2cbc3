/** Where content lives, relative to the site root. Part of the contract documented in docs/authoring.md. */
export const CONFIG_FILE = 'src/site.config.yaml';
export const INCIDENTS_DIR = 'incidents';
export const FAQ_DIR = 'src/content/faq';
export const INCIDENT_FILE = 'incident.md';
