import type { Plugin } from 'vite';
import { ContentError, type Diagnostic } from '../lib/content/diagnostics.ts';
import type { SiteContent } from '../lib/content/types.ts';
import type { RouteSettings } from '../lib/render/context.ts';

/**
 * The one channel from the integration to Astro's routes: the Vite virtual
 * module `virtual:shirase/build` (as Starlight's `virtual:starlight/user-config`).
 *
 * Its small settings (command, drafts, base, site, asset URLs, the build's one
 * "now") are written into the module's source as JSON. The validated content
 * is too large to print into a module (10 000 incidents), so the module hands
 * out the object the integration validated: the integration's config hooks and
 * Astro's prerenderer run in one process but in different module graphs, and
 * `globalThis` is what they share. Nothing else reads this state.
 */
export const VIRTUAL_MODULE = 'virtual:shirase/build';
const RESOLVED_ID = `\0${VIRTUAL_MODULE}`;
const STATE = Symbol.for('shirase.build');

export class BuildState {
  /** Set once Astro's config is final (`astro:config:done`: after `--base` and `--site`). */
  settings: RouteSettings | undefined;
  private content: SiteContent | undefined;
  private problems: readonly Diagnostic[] = [];
  /** "Now" when `settings.now` is not fixed (astro dev): read on every request. */
  readonly clock: () => number;

  constructor(clock: () => number) {
    this.clock = clock;
  }

  /** The content as last loaded: valid (and shown), or invalid (and its problems shown instead). */
  update(content: SiteContent | undefined, diagnostics: readonly Diagnostic[]): void {
    this.content = content;
    this.problems = content ? [] : diagnostics;
  }

  /** The problems that keep the content from being shown; none while it is valid. */
  get errors(): readonly Diagnostic[] {
    return this.problems;
  }

  siteContent(): SiteContent {
    if (!this.content) throw new ContentError(this.problems);
    return this.content;
  }

  now(): number {
    return this.settings?.now ?? this.clock();
  }
}

/** Makes `state` the one that `virtual:shirase/build` reads in this process. */
export function publishBuildState(state: BuildState): void {
  (globalThis as { [STATE]?: BuildState })[STATE] = state;
}

/** The Vite plugin that serves `virtual:shirase/build` from `state`. */
export function buildStatePlugin(state: BuildState): Plugin {
  return {
    name: 'shirase:build-state',
    resolveId: (id) => (id === VIRTUAL_MODULE ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      return buildStateModule(state);
    },
  };
}

/**
 * The source of `virtual:shirase/build` for `state`: served by Vite in Astro's
 * build and dev server, and by a Node module hook in the rebuild that runs the
 * same route files without Astro (src/publish/rebuild.ts).
 */
export function buildStateModule(state: BuildState): string {
  if (!state.settings) throw new Error('shirase: the build settings were read before Astro finished its config');
  return [
    `const state = globalThis[Symbol.for(${JSON.stringify(STATE.description)})];`,
    `export const settings = ${JSON.stringify(state.settings)};`,
    'export function siteContent() { return state.siteContent(); }',
    'export function now() { return state.now(); }',
  ].join('\n');
}

/** The module's id in Vite's module graphs, to invalidate it when the content changes in `astro dev`. */
export const VIRTUAL_MODULE_RESOLVED_ID = RESOLVED_ID;
