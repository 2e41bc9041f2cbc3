/**
 * The one channel from the shirase integration (src/integration/build-state.ts)
 * to the routes: what this build (or dev server) decided, once.
 */
declare module 'virtual:shirase/build' {
  /** The settings every page of this build shares; `now` is undefined in `astro dev`, where each request reads the clock. */
  export const settings: import('../lib/render/context.ts').RouteSettings;
  /** The validated content: loaded once per build; in `astro dev`, again after every edit (throws while it is invalid). */
  export function siteContent(): import('../lib/content/types.ts').SiteContent;
  /** "Now": the build's one instant, or in `astro dev` the moment of the request. */
  export function now(): number;
}
