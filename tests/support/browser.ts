import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Dialog, type Page } from 'playwright-core';
import { buildSite, projectRoot, type BuildResult } from './build.ts';
import { serveDir, type StaticServer } from './serve.ts';

/**
 * Debian's Chromium driven by playwright-core (no browser downloads). On CI
 * a missing Chromium fails the browser tests; locally they are skipped.
 */

/** Debian's Chromium; SHIRASE_CHROMIUM points elsewhere (or, set to a missing path, shows how the suite behaves without it). */
export const CHROMIUM_PATH = process.env.SHIRASE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
export const chromiumInstalled = existsSync(CHROMIUM_PATH);
/** Skip browser tests only when Chromium is missing and this is not CI. */
export const skipBrowserTests = !chromiumInstalled && !process.env.CI;

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 360, height: 740 } as const;
export const VIEWPORTS = { desktop: DESKTOP, phone: PHONE } as const;

export const screenshotDir = join(projectRoot, 'test-results/screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!chromiumInstalled) {
    throw new Error(`Chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium); browser tests cannot run${process.env.CI ? ' and CI requires them' : ''}.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export function ensureScreenshotDir(): string {
  mkdirSync(screenshotDir, { recursive: true });
  return screenshotDir;
}

// ---------------------------------------------------------------------------------------------- axe

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const axePath = join(projectRoot, 'node_modules/axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the loaded page. The page's CSP forbids inline script, so
 * the context must be created with `bypassCSP: true` for the injection.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return JSON.parse(JSON.stringify(result.violations)) as never;
  }, AXE_TAGS);
}

export function formatAxeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.helpUrl}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`).join('\n')}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------- requests

export interface RequestLog {
  /** Every URL any page of the context requested, in order. */
  urls: string[];
  /** Those not on `origin` (they were aborted, never sent). */
  offOrigin(): string[];
}

/**
 * Records every request of a browser context and aborts those that would
 * leave `origin`, so a test can assert none was attempted without any
 * actually going out.
 */
export async function watchRequests(context: BrowserContext, origin: string): Promise<RequestLog> {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  await context.route('**/*', (route) => (route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient')));
  return { urls, offOrigin: () => urls.filter((url) => !url.startsWith(`${origin}/`)) };
}

// ---------------------------------------------------------------------------------------------- :target

export interface TargetState {
  found: boolean;
  /** Some part of the element is inside the viewport. */
  inViewport: boolean;
  /** Its top edge is inside the viewport (it was scrolled to, not just touched). */
  topInViewport: boolean;
  matchesTarget: boolean;
  /** Computed outline and background of the target, and of a sibling of the same kind that is not the target. */
  style: string;
  otherStyle: string | undefined;
}

/** Where the element `#id` is and how it looks, compared with another element matching `peers` that is not the target. */
export async function targetState(page: Page, id: string, peers: string): Promise<TargetState> {
  return page.evaluate(
    ({ id, peers }) => {
      const element = document.getElementById(id);
      const describe = (e: Element) => {
        const s = getComputedStyle(e);
        return `outline: ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}; background: ${s.backgroundColor} ${s.backgroundImage}`;
      };
      if (!element) return { found: false, inViewport: false, topInViewport: false, matchesTarget: false, style: '', otherStyle: undefined };
      const box = element.getBoundingClientRect();
      const other = Array.from(document.querySelectorAll(peers)).find((e) => e !== element);
      return {
        found: true,
        inViewport: box.bottom > 0 && box.top < window.innerHeight,
        topInViewport: box.top >= 0 && box.top < window.innerHeight,
        matchesTarget: element.matches(':target'),
        style: describe(element),
        otherStyle: other ? describe(other) : undefined,
      };
    },
    { id, peers },
  );
}

// ---------------------------------------------------------------------------------------------- execution probe

/**
 * Opens `url` in `page` and pokes every element the way a reader might
 * (hover, focus, click; navigation away is cancelled so the probe stays on
 * the page), collecting every dialog (alert/confirm/prompt) that code opens.
 * Empty `dialogs`: nothing executed. Use a context created with
 * `bypassCSP: true` so the page's CSP does not mask a sanitiser failure.
 */
export async function probeExecution(page: Page, url: string): Promise<{ dialogs: string[]; pageErrors: string[] }> {
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const onDialog = (dialog: Dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  };
  const onError = (error: Error) => pageErrors.push(error.message);
  page.on('dialog', onDialog);
  page.on('pageerror', onError);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(async () => {
      document.addEventListener('click', (event) => {
        const link = (event.target as Element | null)?.closest?.('a[href], area[href]') as HTMLAnchorElement | null;
        if (link && link.protocol !== 'javascript:') event.preventDefault();
      }, true);
      document.addEventListener('submit', (event) => event.preventDefault(), true);
      // Only an attribute (on*, a javascript: URL) can make an element run code on an event; elements without any are skipped.
      for (const element of Array.from(document.querySelectorAll('body *')).filter((e) => e.attributes.length > 0)) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin']) element.dispatchEvent(new Event(type, { bubbles: type !== 'mouseenter' && type !== 'focus' }));
        if (element instanceof HTMLElement) {
          element.focus();
          element.click();
        }
      }
      await new Promise((done) => setTimeout(done, 50));
    });
  } finally {
    page.off('dialog', onDialog);
    page.off('pageerror', onError);
  }
  return { dialogs, pageErrors };
}

/** The example site built, served on 127.0.0.1 and opened in Chromium: what every browser suite starts from. */
export interface ServedExample {
  build: BuildResult;
  server: StaticServer;
  browser: Browser;
}

/** Builds and serves the example and launches Chromium; `close()` undoes it all (safe after a failed start). */
export async function serveExampleInChromium(): Promise<ServedExample> {
  const build = buildSite(projectRoot);
  if (build.status !== 0) throw new Error(`example build failed:\n${build.stderr}`);
  const server = await serveDir(build.outDir);
  const browser = await launchChromium();
  return { build, server, browser };
}

export async function closeServedExample(served: Partial<ServedExample> | undefined): Promise<void> {
  await served?.browser?.close();
  await served?.server?.close();
  if (served?.build) rmSync(served.build.outDir, { recursive: true, force: true });
}
