import type { AstroIntegrationLogger } from 'astro';

/** What the build's steps log through: Astro's logger in `astro build`, the console in a rebuild without Astro. */
export type BuildLogger = Pick<AstroIntegrationLogger, 'info' | 'warn'>;

/** Lines like Astro's own (`12:00:00 [shirase] …`), so a rebuild's log reads like a build's. */
export function consoleLogger(label = 'shirase'): BuildLogger {
  const line = (message: string) => `${new Date().toTimeString().slice(0, 8)} [${label}] ${message}`;
  return {
    info: (message) => console.log(line(message)),
    warn: (message) => console.warn(line(message)),
  };
}
