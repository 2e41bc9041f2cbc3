import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildWorkFolder, projectRoot } from '../support/build.ts';

/**
 * `npm run dev` as an operator uses it during an incident: the dev server
 * stays up while notices are written, and every page shows the content as it
 * is on disk now. A real `astro dev` on a copy of the basic fixture, edited
 * while it runs.
 */

const SLUG = '2024-01-10-payouts-stopped';
const INCIDENT_DIR = `incidents/${SLUG}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Fetches `path` until `accept` holds for the response, or throws after `ms`; returns the last response and how long it took. */
async function until(origin: string, path: string, accept: (status: number, body: string) => boolean, ms = 15_000) {
  const started = Date.now();
  let last = { status: 0, body: '' };
  while (Date.now() - started < ms) {
    try {
      const response = await fetch(origin + path, { headers: { accept: 'text/html' } });
      last = { status: response.status, body: await response.text() };
      if (accept(last.status, last.body)) return { ...last, ms: Date.now() - started };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} did not change as expected within ${ms} ms; last answer ${last.status}:\n${last.body.slice(0, 600)}`);
}

/** A real `npm run dev` runs outside the test runner: without its variables (NODE_ENV=test, VITEST…), which change how Vite serves. */
function outsideTestRunner(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(name)));
}

function startDev(siteRoot: string, port: number, env: Record<string, string> = {}): { child: ChildProcess; output: () => string; work: string } {
  const work = buildWorkFolder();
  let output = '';
  const child = spawn(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'dev', '--root', projectRoot, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: work,
    env: { ...outsideTestRunner(), ASTRO_TELEMETRY_DISABLED: '1', SHIRASE_SITE_ROOT: siteRoot, SOURCE_DATE_EPOCH: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, work };
}

describe('npm run dev shows every edit', () => {
  let site: string;
  let origin: string;
  let dev: ReturnType<typeof startDev>;
  /** The output folder of the (absent) last build, where the dev server looks for a search index. */
  let outDir: string;

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), 'shirase-dev-'));
    outDir = mkdtempSync(join(tmpdir(), 'shirase-dev-out-'));
    cpSync(join(projectRoot, 'tests/fixtures/sites/basic'), site, { recursive: true });
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    dev = startDev(site, port, { SHIRASE_OUT_DIR: outDir });
    await until(origin, '/', (status) => status === 200, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\n--- astro dev said:\n${dev.output()}`);
    });
  });

  afterAll(() => {
    dev?.child.kill();
    rmSync(site, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dev.work, { recursive: true, force: true });
  });

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), text);
  };
  const edit = (path: string, change: (text: string) => string) => write(path, change(readFileSync(join(site, path), 'utf8')));

  it('serves the search page; its index is the last build\'s, and without one the page is told to run npm run build', async () => {
    const page = await until(origin, '/search/', (status) => status === 200);
    expect(page.body).toContain('<form id="_search"');
    // The first part's module, which the search page loads first.
    expect(page.body).toContain('data-index="/pagefind/" data-parts="recent');
    const missing = await fetch(`${origin}/pagefind/recent/pagefind.js`);
    expect(missing.headers.get('content-type')).toMatch(/^text\/javascript/);
    // A module that fails with what to do: the search page shows its message.
    expect(await missing.text()).toMatch(/^throw new Error\(".*run npm run build/);
    mkdirSync(join(outDir, 'pagefind/recent'), { recursive: true });
    writeFileSync(join(outDir, 'pagefind/recent/pagefind.js'), 'export const lastBuild = true;\n');
    const served = await fetch(`${origin}/pagefind/recent/pagefind.js`);
    expect(await served.text()).toBe('export const lastBuild = true;\n');
  });

  it('an edited incident title shows on the incident page and on /', async () => {
    expect((await until(origin, `/incidents/${SLUG}/`, (s) => s === 200)).body).toContain('Payouts stopped');
    edit(`${INCIDENT_DIR}/incident.md`, (text) => text.replace(/^title: .*$/m, 'title: "Payouts halted by the processor"'));
    const page = await until(origin, `/incidents/${SLUG}/`, (_, body) => body.includes('Payouts halted by the processor'));
    expect(page.body).toContain('<title>Payouts halted by the processor | Fixture Pay Status</title>');
    const history = await until(origin, '/history/', (_, body) => body.includes('Payouts halted by the processor'));
    expect(history.status).toBe(200);
  });

  it('a new notice appears on its incident page and gets its own share page', async () => {
    write(
      `${INCIDENT_DIR}/2024-01-11-afternoon.md`,
      ['---', 'type: update', 'date: "2024-01-11T15:00:00-08:00"', 'components:', '  payouts: suspended', '---', 'Payout files for Friday are queued.', ''].join('\n'),
    );
    const page = await until(origin, `/incidents/${SLUG}/`, (_, body) => body.includes('Payout files for Friday are queued.'));
    expect(page.body).toContain('id="2024-01-11-afternoon"');
    const share = await until(origin, `/incidents/${SLUG}/2024-01-11-afternoon/`, (status) => status === 200);
    expect(share.body).toContain('Payout files for Friday are queued.');
  });

  it('an edited FAQ answer and site config show without a restart', async () => {
    edit('src/site.config.yaml', (text) => text.replace('name: Fixture Pay Status', 'name: Fixture Pay Live Status'));
    const home = await until(origin, '/', (_, body) => body.includes('Fixture Pay Live Status'));
    expect(home.body).toContain('<a class="site-name" href="/">Fixture Pay Live Status</a>');
  });

  it('invalid content shows the same file:line:col list as check, and the site recovers when it is fixed', async () => {
    const file = `${INCIDENT_DIR}/2024-01-11-afternoon.md`;
    edit(file, (text) => text.replace('type: update', 'type: updte'));
    const broken = await until(origin, '/', (status) => status === 500);
    expect(broken.body).toContain(`${file}:2:7: error: type is &quot;updte&quot;`);
    expect(broken.body).toContain('Did you mean &quot;update&quot;?');
    edit(file, (text) => text.replace('type: updte', 'type: update'));
    const fixed = await until(origin, '/', (status) => status === 200);
    expect(fixed.body).toContain('Fixture Pay Live Status');
  });

  it('a deleted notice disappears from its page', async () => {
    unlinkSync(join(site, `${INCIDENT_DIR}/2024-01-11-afternoon.md`));
    const page = await until(origin, `/incidents/${SLUG}/`, (_, body) => !body.includes('Payout files for Friday are queued.'));
    expect(page.status).toBe(200);
    expect((await until(origin, `/incidents/${SLUG}/2024-01-11-afternoon/`, (status) => status === 404)).status).toBe(404);
  });

  it('reads "now" per request: a maintenance window that starts while the server runs turns to in progress', async () => {
    const start = Math.ceil((Date.now() + 4_000) / 1000) * 1000; // whole seconds, as written in a notice
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00');
    write('incidents/2024-05-01-window/incident.md', ['---', 'title: Ledger upgrade', 'summary: A short window.', 'impact: minor', '---', 'Planned.', ''].join('\n'));
    write(
      'incidents/2024-05-01-window/2024-05-01-maintenance.md',
      ['---', 'type: maintenance', `date: "${iso(start - 3_600_000)}"`, `window_start: "${iso(start)}"`, `window_end: "${iso(start + 3_600_000)}"`,
        'components:', '  payouts: maintenance', '---', 'Payout files are processed after the window.', ''].join('\n'),
    );
    const page = '/incidents/2024-05-01-window/';
    const before = await until(origin, page, (status, body) => status === 200 && body.includes('Ledger upgrade'));
    expect(Date.now()).toBeLessThan(start);
    expect(before.body).toContain('Scheduled');
    expect(before.body).not.toContain('Maintenance in progress');
    // No file changes after this: only the clock moves.
    const after = await until(origin, page, (_, body) => body.includes('Maintenance in progress'), 20_000);
    expect(Date.now()).toBeGreaterThanOrEqual(start);
    expect(after.body).not.toContain('Scheduled');
  });
});

describe('npm run dev:drafts', () => {
  it('shows drafts, marked DRAFT and kept out of search engines', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const child = spawn('npm', ['run', 'dev:drafts', '--', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: projectRoot,
      env: { ...outsideTestRunner(), ASTRO_TELEMETRY_DISABLED: '1', SHIRASE_SITE_ROOT: join(projectRoot, 'tests/fixtures/sites/basic') },
      stdio: 'ignore',
      detached: true,
    });
    try {
      const draft = await until(origin, '/incidents/2024-03-05-draft-incident/', (status) => status === 200, 60_000);
      expect(draft.body).toContain('<p class="draft-build" role="note">DRAFT PREVIEW');
      expect(draft.body).toContain('<meta name="robots" content="noindex, nofollow">');
    } finally {
      // npm starts astro as a child: end the whole group.
      process.kill(-child.pid!, 'SIGTERM');
    }
  });
});
