import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { serveDir, type StaticServer } from '../support/serve.ts';
import { launchChromium, probeExecution, runAxe, skipBrowserTests, targetState, VIEWPORTS, watchRequests } from '../support/browser.ts';
import { findExecutableMarkup } from '../support/safety.ts';

// The browser gates, fed one deliberately broken page each, must fail — and
// the repaired page must pass. Same functions as the real browser tests.

const page = (body: string, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bite</title>${head}</head><body><main><h1>Bite</h1>${body}</main></body></html>\n`;

const FILES: Record<string, string> = {
  'unlabeled-button/index.html': page('<p>Press it.</p><button type="button"></button>'),
  'labeled-button/index.html': page('<p>Press it.</p><button type="button">Copy link</button>'),
  'inline-script/index.html': page('<p>Notice</p><script>alert("inline-script")</script>'),
  'handler/index.html': page('<p>Notice</p><img src="missing.png" alt="x" onerror="alert(\'onerror\')">'),
  'javascript-link/index.html': page('<p><a href="javascript:alert(\'javascript-link\')">details</a></p>'),
  'clean/index.html': page('<p>Notice <a href="/clean/#n1">link</a></p><article id="n1">One</article>'),
  'foreign-request/index.html': page('<p><img src="http://localhost:9/tracker.png" alt="tracker"></p>'),
  'no-target-style/index.html': page(`<div style="height:3000px"></div><article id="a1" class="notice">One</article><article id="a2" class="notice">Two</article><div style="height:3000px"></div>`),
};

describe.skipIf(skipBrowserTests)('browser gates bite', () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shirase-bite-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    server = await serveDir(dir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('axe reports button-name for an unlabeled button, and nothing once it is labeled', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, bypassCSP: true });
    const tab = await context.newPage();
    await tab.goto(`${server.origin}/unlabeled-button/`);
    const violations = await runAxe(tab);
    expect(violations.map((v) => v.id)).toContain('button-name');
    await tab.goto(`${server.origin}/labeled-button/`);
    expect(await runAxe(tab)).toEqual([]);
    await context.close();
  });

  it('the "nothing executes" probe catches an unsanitised <script>, an on* handler and a javascript: link, and not a clean page', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, bypassCSP: true });
    const tab = await context.newPage();
    expect((await probeExecution(tab, `${server.origin}/inline-script/`)).dialogs).toEqual(['alert: inline-script']);
    expect((await probeExecution(tab, `${server.origin}/handler/`)).dialogs).toContain('alert: onerror');
    expect((await probeExecution(tab, `${server.origin}/javascript-link/`)).dialogs).toContain('alert: javascript-link');
    expect((await probeExecution(tab, `${server.origin}/clean/`)).dialogs).toEqual([]);
    await context.close();
    // The static check flags the same pages.
    expect(findExecutableMarkup(FILES['inline-script/index.html']!)).not.toEqual([]);
    expect(findExecutableMarkup(FILES['handler/index.html']!)).not.toEqual([]);
    expect(findExecutableMarkup(FILES['javascript-link/index.html']!)).not.toEqual([]);
    expect(findExecutableMarkup(FILES['clean/index.html']!)).toEqual([]);
  });

  it('the request watch reports a request to another origin (and stops it)', async () => {
    const context = await browser.newContext();
    const requests = await watchRequests(context, server.origin);
    const tab = await context.newPage();
    await tab.goto(`${server.origin}/clean/`);
    expect(requests.offOrigin()).toEqual([]);
    await tab.goto(`${server.origin}/foreign-request/`);
    expect(requests.offOrigin()).toEqual(['http://localhost:9/tracker.png']);
    await context.close();
  });

  it('the :target check sees no highlight when the target is not styled', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const tab = await context.newPage();
    await tab.goto(`${server.origin}/no-target-style/#a2`);
    const state = await targetState(tab, 'a2', 'article.notice');
    expect(state.matchesTarget).toBe(true);
    expect(state.inViewport).toBe(true);
    expect(state.style).toBe(state.otherStyle);
    await context.close();
  });
});
