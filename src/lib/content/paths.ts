/** Where content lives, relative to the site root. Part of the contract documented in docs/authoring.md. */
export const CONFIG_FILE = 'src/site.config.yaml';
export const INCIDENTS_DIR = 'incidents';
/** Everything under it is content: the FAQ and the notice templates. */
export const CONTENT_DIR = 'src/content';
export const FAQ_DIR = `${CONTENT_DIR}/faq`;
export const TEMPLATES_DIR = `${CONTENT_DIR}/templates`;
export const INCIDENT_FILE = 'incident.md';
