import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident, SiteContent } from '../../src/lib/content/types.ts';
import { buildKey, codeFingerprint, rendererFingerprint, rendererModules, unitKey } from '../../src/lib/outputs/render-cache.ts';
import { makeConfig, makeFaq, makeIncident, ms, projectRoot } from './helpers.ts';

/**
 * The writer keeps an incident's pages from the previous build when its unit
 * key is unchanged; the key must change with everything those pages show,
 * and only with that.
 */
const maintenance = makeIncident('payouts-maintenance', {
  title: 'Payouts maintenance',
  notices: {
    m: { type: 'maintenance', date: '2024-03-01T12:00:00+09:00', window: ['2024-03-10T02:00:00+09:00', '2024-03-10T04:00:00+09:00'], components: { payouts: 'maintenance' } },
  },
});
const outage = makeIncident('payments-down', {
  title: 'Payments down',
  faq: ['q1'],
  notices: {
    s: { type: 'suspension', date: '2024-03-02T10:00:00+09:00', components: { payments: 'major_outage' }, nextUpdate: '2024-03-02T11:00:00+09:00' },
  },
});
const content: SiteContent = { config: makeConfig({ locales: ['en', 'ja'] }), incidents: [maintenance, outage], faq: [makeFaq('q1', 1, ['payments'])] };
const options = { base: '/', site: 'https://status.example.com', assets: { styles: ['/_astro/shirase.1.css'], scripts: ['/_astro/enhance.1.js'] }, drafts: false };
const BEFORE_WINDOW = ms('2024-03-05T00:00:00+09:00');
const fingerprint = 'code-v1';
const baseKey = buildKey(fingerprint, content, options);
const keyOf = (incident: Incident, at = BEFORE_WINDOW, site = content, build = baseKey) => unitKey(build, site, incident, 'en', at);

const withNotice = (incident: Incident, change: (notice: Incident['notices'][number]) => Incident['notices'][number]): Incident => ({ ...incident, notices: incident.notices.map(change) });

describe('a unit key', () => {
  it('is the same for the same inputs', () => {
    expect(keyOf(outage)).toBe(keyOf(structuredClone(outage)));
    expect(unitKey(baseKey, content, outage, 'en', BEFORE_WINDOW)).not.toBe(unitKey(baseKey, content, outage, 'ja', BEFORE_WINDOW));
  });

  describe.each([
    ['a notice body edited', withNotice(outage, (n) => ({ ...n, body: 'Payments are stopped.' }))],
    ['a translation added', withNotice(outage, (n) => ({ ...n, translations: { ja: { title: undefined, body: '決済が停止しています。' } } }))],
    ['a component state changed', withNotice(outage, (n) => ({ ...n, components: { payments: 'partial_outage' } }))],
    ['the next update moved', withNotice(outage, (n) => ({ ...n, nextUpdate: { written: '2024-03-02T12:00:00+09:00', at: ms('2024-03-02T12:00:00+09:00') } }))],
    ['the incident retitled', { ...outage, title: 'Payments stopped' }],
    ['a notice added', makeIncident('payments-down', { title: 'Payments down', faq: ['q1'], notices: { s: { type: 'suspension', date: '2024-03-02T10:00:00+09:00', components: { payments: 'major_outage' }, nextUpdate: '2024-03-02T11:00:00+09:00' }, r: { type: 'resumption', date: '2024-03-02T12:00:00+09:00' } } })],
  ])('changes with the incident: %s', (_what, changed) => {
    it('differs', () => expect(keyOf(changed)).not.toBe(keyOf(outage)));
  });

  it('changes when "now" moves a maintenance into its window, not before', () => {
    expect(keyOf(maintenance, ms('2024-03-06T00:00:00+09:00'))).toBe(keyOf(maintenance, BEFORE_WINDOW));
    expect(keyOf(maintenance, ms('2024-03-10T03:00:00+09:00'))).not.toBe(keyOf(maintenance, BEFORE_WINDOW));
  });

  it('changes when the incident loses its preview image (it is no longer among the newest)', () => {
    const newer = Array.from({ length: 12 }, (_, i) => makeIncident(`later-${i}`, { notices: { s: { type: 'suspension', date: `2024-04-${String(i + 1).padStart(2, '0')}T10:00:00+09:00`, components: { dashboard: 'degraded' } }, r: { type: 'resumption', date: `2024-04-${String(i + 1).padStart(2, '0')}T11:00:00+09:00` } } }));
    const resolved = withNotice(outage, (n) => n);
    const closed: Incident = { ...resolved, notices: [...resolved.notices, { ...resolved.notices[0]!, id: 'r', type: 'resumption', date: '2024-03-02T12:00:00+09:00', at: ms('2024-03-02T12:00:00+09:00'), components: {}, nextUpdate: undefined }] };
    const small: SiteContent = { ...content, incidents: [maintenance, closed] };
    const large: SiteContent = { ...content, incidents: [maintenance, closed, ...newer] };
    const later = ms('2024-05-01T00:00:00+09:00');
    expect(unitKey(baseKey, small, closed, 'en', later)).not.toBe(unitKey(baseKey, large, closed, 'en', later));
  });

  it('does not change when another incident changes', () => {
    const other = { ...maintenance, title: 'Payouts maintenance (moved)' };
    expect(keyOf(outage, BEFORE_WINDOW, { ...content, incidents: [other, outage] })).toBe(keyOf(outage));
  });

  describe.each([
    ['the base path', buildKey(fingerprint, content, { ...options, base: '/status/' })],
    ['the site URL', buildKey(fingerprint, content, { ...options, site: 'https://status.example.org' })],
    ['the stylesheet', buildKey(fingerprint, content, { ...options, assets: { ...options.assets, styles: ['/_astro/shirase.2.css'] } })],
    ['the config (a component renamed)', buildKey(fingerprint, { ...content, config: makeConfig({ locales: ['en', 'ja'], components: [{ id: 'payments', name: { en: 'Card payments', ja: '決済' } }, { id: 'payouts', name: { en: 'Payouts', ja: '出金' } }] }) }, options)],
    ['a FAQ question', buildKey(fingerprint, { ...content, faq: [{ ...makeFaq('q1', 1, ['payments']), question: 'When are payouts made?' }] }, options)],
    ['the rendering code', buildKey('code-v2', content, options)],
    ['a draft preview (every page marked DRAFT, noindex)', buildKey(fingerprint, content, { ...options, drafts: true })],
  ])('changes with %s', (_what, otherBuild) => {
    it('differs', () => expect(keyOf(outage, BEFORE_WINDOW, content, otherBuild)).not.toBe(keyOf(outage)));
  });
});

describe('the renderer fingerprint', () => {
  // A small project: the writer's worker imports the writer, which imports a page, the UI strings (type-only too) and,
  // dynamically, a module; the Statuspage API, the CLI and an Astro page are not the writer's.
  const files: Record<string, string> = {
    'src/lib/outputs/writer-worker.ts': "import { write } from './writer.ts';\nexport const run = write;\n",
    'src/lib/outputs/writer.ts': [
      "import { page } from '../render/pages/page.ts';",
      "import type { Strings } from '../../i18n/types.ts';",
      "export const write = async () => [page, (await import('./late.ts')).late] as unknown as Strings;",
      '',
    ].join('\n'),
    'src/lib/outputs/late.ts': 'export const late = 1;\n',
    'src/lib/render/pages/page.ts': "export { en as page } from '../../../i18n/en.ts';\n",
    'src/i18n/en.ts': 'export const en = {};\n',
    'src/i18n/types.ts': 'export type Strings = unknown;\n',
    'src/lib/outputs/statuspage.ts': "import { en } from '../../i18n/en.ts';\nexport const api = en;\n",
    'src/cli/bench.ts': "import { write } from '../lib/outputs/writer.ts';\nawait write();\n",
    'src/pages/index.astro': '---\n---\n',
    'package-lock.json': '{}',
  };
  const tree = () => {
    const root = mkdtempSync(join(tmpdir(), 'shirase-fingerprint-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };

  it('covers the modules the writer imports, directly or not, and no other', () => {
    expect(rendererModules(tree())).toEqual([
      'src/i18n/en.ts',
      'src/i18n/types.ts',
      'src/lib/outputs/late.ts',
      'src/lib/outputs/writer-worker.ts',
      'src/lib/outputs/writer.ts',
      'src/lib/render/pages/page.ts',
    ]);
  });

  it('of this project: the incident page and the strings, not the loader, the CLI, the Statuspage API or the routes', () => {
    const modules = rendererModules(projectRoot);
    expect(modules).toEqual(expect.arrayContaining(['src/lib/render/pages/incident.ts', 'src/lib/render/shell.ts', 'src/i18n/ja.ts', 'src/lib/outputs/feeds.ts']));
    expect(modules.filter((file) => /^src\/(cli|routes|pages|integration)\/|content\/load\.ts|outputs\/statuspage\.ts/.test(file))).toEqual([]);
  });

  it.each([
    ['the writer', 'src/lib/outputs/writer.ts', true],
    ['a page it renders', 'src/lib/render/pages/page.ts', true],
    ['a UI string (re-exported by the page)', 'src/i18n/en.ts', true],
    ['a type it imports', 'src/i18n/types.ts', true],
    ['a module it imports dynamically', 'src/lib/outputs/late.ts', true],
    ['the locked dependencies', 'package-lock.json', true],
    ['another output (the Statuspage API)', 'src/lib/outputs/statuspage.ts', false],
    ['the CLI (the bench)', 'src/cli/bench.ts', false],
    ['an Astro page (Astro renders those itself)', 'src/pages/index.astro', false],
  ])('%s edited: changes = %s', (_what, path, changes) => {
    const root = tree();
    const before = rendererFingerprint(root);
    writeFileSync(join(root, path), `${readFileSync(join(root, path), 'utf8')}// edited\n`);
    expect(rendererFingerprint(root) !== before).toBe(changes);
  });

  it.each([
    ['the statuspage output, from a second entry', 'src/lib/outputs/statuspage.ts', true],
    ['a UI string both entries reach', 'src/i18n/en.ts', true],
    ['the writer, which neither entry reaches', 'src/lib/outputs/writer.ts', false],
  ])('from other entries (the incident memo is keyed by the loader\'s): %s edited: changes = %s', (_what, path, changes) => {
    const root = tree();
    const entries = ['src/lib/render/pages/page.ts', 'src/lib/outputs/statuspage.ts'];
    const before = codeFingerprint(root, entries);
    writeFileSync(join(root, path), `${readFileSync(join(root, path), 'utf8')}// edited\n`);
    expect(codeFingerprint(root, entries) !== before).toBe(changes);
  });
});
