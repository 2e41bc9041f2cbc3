import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadSiteContentOrThrow } from '../../src/lib/content/load.ts';
import type { Incident, SiteContent } from '../../src/lib/content/types.ts';
import {
  buildStatuspageApi,
  STATUSPAGE_COMPONENT_STATUS,
  STATUSPAGE_PATHS,
  statuspageTime,
  type StatuspageApi,
  type StatuspagePath,
} from '../../src/lib/outputs/statuspage.ts';
import { makeConfig, makeIncident, ms } from './helpers.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const summaryFixture: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/statuspage-summary.json', import.meta.url)), 'utf8'));

// ---------------------------------------------------------------------------
// Schemas

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);

const SCHEMA_FILES: Record<StatuspagePath, string> = {
  '/api/v2/summary.json': 'summary.schema.json',
  '/api/v2/status.json': 'status.schema.json',
  '/api/v2/components.json': 'components.schema.json',
  '/api/v2/incidents/unresolved.json': 'incidents-unresolved.schema.json',
  '/api/v2/incidents.json': 'incidents.schema.json',
  '/api/v2/scheduled-maintenances/upcoming.json': 'scheduled-maintenances-upcoming.schema.json',
  '/api/v2/scheduled-maintenances/active.json': 'scheduled-maintenances-active.schema.json',
  '/api/v2/scheduled-maintenances.json': 'scheduled-maintenances.schema.json',
};
const validators = new Map<StatuspagePath, ValidateFunction>(
  STATUSPAGE_PATHS.map((path) => [path, ajv.compile(JSON.parse(readFileSync(`${root}schemas/statuspage/${SCHEMA_FILES[path]}`, 'utf8')))]),
);

function expectValid(path: StatuspagePath, value: unknown): void {
  const validate = validators.get(path)!;
  const ok = validate(value);
  expect(ok ? [] : validate.errors, `${path} against its schema`).toEqual([]);
}

// ---------------------------------------------------------------------------
// A hand-made site: two open incidents, a resolved one with a postmortem,
// a completed, an in-progress and an upcoming maintenance.

const config = makeConfig({
  timeZone: 'Asia/Tokyo',
  components: [
    { id: 'registration', name: { en: 'Registration', ja: '新規登録' } },
    { id: 'payments', name: { en: 'Payments', ja: '決済' }, description: { en: 'Taking card payments', ja: 'カード決済の受付' } },
    { id: 'payouts', name: { en: 'Payouts', ja: '出金' } },
    { id: 'dashboard', name: { en: 'Dashboard', ja: '管理画面' } },
    { id: 'api', name: 'API', description: 'The merchant API', since: '2020-01-15' },
  ],
});

function withImpact(incident: Incident, impact: Incident['impact']): Incident {
  return { ...incident, impact };
}

const openPayments = withImpact(makeIncident('open-payments', {
  title: 'Payments failing',
  notices: {
    n1: { type: 'suspension', date: '2024-03-01T10:00:00+09:00', components: { payments: 'partial_outage', registration: 'degraded' }, body: 'Investigating.' },
    n2: { type: 'update', date: '2024-03-01T11:00:00+09:00', components: { payments: 'suspended' }, body: 'Payments stopped.' },
    n3: { type: 'update', date: '2024-03-01T12:00:00+09:00', body: 'Still working on it.' },
  },
}), 'critical');
const openDashboard = withImpact(makeIncident('open-dashboard', {
  title: 'Dashboard down',
  notices: {
    n1: { type: 'suspension', date: '2024-03-02T09:00:00+09:00', components: { dashboard: 'major_outage' } },
    n2: { type: 'update', date: '2024-03-02T09:30:00+09:00', components: { dashboard: 'operational' } },
  },
}), 'major');
const resolvedRegistration = withImpact(makeIncident('resolved-registration', {
  notices: {
    s: { type: 'suspension', date: '2024-02-01T10:00:00+09:00', components: { registration: 'major_outage' } },
    r: { type: 'resumption', date: '2024-02-01T12:00:00+09:00' },
    pm: { type: 'postmortem', date: '2024-02-05T18:00:00+09:00' },
  },
}), 'major');
const donePayouts = withImpact(makeIncident('done-payouts', {
  notices: {
    m: { type: 'maintenance', date: '2024-01-10T12:00:00+09:00', window: ['2024-01-20T02:00:00+09:00', '2024-01-20T04:00:00+09:00'], components: { payouts: 'maintenance' } },
    c: { type: 'completed', date: '2024-01-20T03:30:00+09:00', components: { payouts: 'operational' } },
  },
}), 'minor');
const activeApi = withImpact(makeIncident('active-api', {
  title: 'API maintenance',
  notices: {
    m: { type: 'maintenance', date: '2024-02-25T12:00:00+09:00', window: ['2024-03-01T01:00:00+09:00', '2024-03-03T06:00:00+09:00'], components: { api: 'maintenance' } },
    started: { type: 'update', date: '2024-03-01T01:00:00+09:00', components: { api: 'maintenance' } },
  },
}), 'minor');
const upcomingPayouts = withImpact(makeIncident('upcoming-payouts', {
  notices: {
    m: { type: 'maintenance', date: '2024-02-20T12:00:00+09:00', window: ['2024-03-10T02:00:00+09:00', '2024-03-10T05:00:00+09:00'], components: { payouts: 'maintenance' } },
  },
}), 'minor');

const handMade: SiteContent = {
  config,
  incidents: [openDashboard, openPayments, activeApi, upcomingPayouts, resolvedRegistration, donePayouts],
  faq: [],
};
const SITE = 'https://status.example.com';
const NOW = ms('2024-03-02T12:00:00+09:00');
const api = buildStatuspageApi(handMade, { site: SITE, base: '/', now: NOW });

const ids = (list: readonly { id: string }[]) => list.map((item) => item.id);

// ---------------------------------------------------------------------------
// The example site in this repository.

const example = loadSiteContentOrThrow(root);
/** After the last example notice (2018-09-03 11:00 JST): the payments incident is still open. */
const EXAMPLE_NOW = ms('2018-09-03T12:00:00+09:00');
const exampleApi = buildStatuspageApi(example, { site: 'https://status.kakeru-pay.example', base: '/', now: EXAMPLE_NOW });

describe('every document validates against its JSON Schema', () => {
  const cases: [string, SiteContent, string, number][] = [
    ['example site, payments incident open', example, 'https://status.kakeru-pay.example', EXAMPLE_NOW],
    ['example site, years later', example, 'https://status.kakeru-pay.example', ms('2030-01-01T00:00:00Z')],
    ['hand-made site, maintenance upcoming', handMade, SITE, ms('2024-02-28T00:00:00+09:00')],
    ['hand-made site, maintenance in progress', handMade, SITE, NOW],
    ['hand-made site, both maintenances in progress', handMade, SITE, ms('2024-03-10T03:00:00+09:00')],
    ['hand-made site, UTC page under a sub-path', { ...handMade, config: { ...config, timeZone: 'Etc/UTC' } }, 'https://example.org', NOW],
  ];
  for (const [name, content, site, now] of cases) {
    it(name, () => {
      const documents = buildStatuspageApi(content, { site, base: '/status', now });
      expect(Object.keys(documents).sort()).toEqual([...STATUSPAGE_PATHS].sort());
      for (const path of STATUSPAGE_PATHS) expectValid(path, documents[path]);
    });
  }

  it('the captured githubstatus.com summary itself validates against summary.schema.json (the schema describes the real shape)', () => {
    expectValid('/api/v2/summary.json', summaryFixture);
  });

  it('the schemas bite: an extra key, a status Statuspage does not have, a timestamp without milliseconds', () => {
    const summary = () => structuredClone(api['/api/v2/summary.json']);
    const extra = summary() as unknown as { page: Record<string, unknown> };
    extra.page.locale = 'en';
    expect(validators.get('/api/v2/summary.json')!(extra)).toBe(false);
    const badStatus = summary();
    (badStatus.components[0] as { status: string }).status = 'degraded';
    expect(validators.get('/api/v2/summary.json')!(badStatus)).toBe(false);
    const noMillis = summary();
    noMillis.page.updated_at = '2024-03-02T09:30:00+09:00';
    expect(validators.get('/api/v2/summary.json')!(noMillis)).toBe(false);
    // summary.json lists unresolved incidents only.
    const resolved = summary();
    resolved.incidents[0]!.status = 'resolved';
    expect(validators.get('/api/v2/summary.json')!(resolved)).toBe(false);
  });

  it('documents survive a JSON round trip unchanged (no undefined, no Dates)', () => {
    for (const path of STATUSPAGE_PATHS) expect(JSON.parse(JSON.stringify(api[path]))).toEqual(api[path]);
  });

  it('is deterministic: the same content and now give byte-identical JSON', () => {
    const again = buildStatuspageApi(handMade, { site: SITE, base: '/', now: NOW });
    for (const path of STATUSPAGE_PATHS) expect(JSON.stringify(again[path])).toBe(JSON.stringify(api[path]));
  });
});

// ---------------------------------------------------------------------------
// Shape: the same keys and value types as the real Statuspage capture.

type Kind = 'null' | 'boolean' | 'integer' | 'number' | 'timestamp' | 'date' | 'url' | 'string' | 'array' | 'object';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function kindOf(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return TIMESTAMP.test(value) ? 'timestamp' : DATE.test(value) ? 'date' : /^https?:\/\//.test(value) ? 'url' : 'string';
  if (typeof value === 'object') return 'object';
  throw new Error(`unexpected ${typeof value}`);
}

/** Per path (array indices written `[]`): the kinds seen there, and for objects their key lists. */
interface Shape {
  kinds: Map<string, Set<Kind>>;
  keys: Map<string, string[][]>;
}

function collectShape(value: unknown, path = '$', shape: Shape = { kinds: new Map(), keys: new Map() }): Shape {
  const kind = kindOf(value);
  shape.kinds.set(path, (shape.kinds.get(path) ?? new Set()).add(kind));
  if (kind === 'array') for (const item of value as unknown[]) collectShape(item, `${path}[]`, shape);
  if (kind === 'object') {
    shape.keys.set(path, [...(shape.keys.get(path) ?? []), Object.keys(value as object)]);
    for (const [key, item] of Object.entries(value as object)) collectShape(item, `${path}.${key}`, shape);
  }
  return shape;
}

/**
 * Where the fixture has only null (the GitHub capture has no monitoring or
 * resolved incident) but Statuspage documents a timestamp once the incident
 * reaches that state, ours may be a timestamp. Nothing else gets a pass:
 * `group_id`, `custom_tweet` and `tweet_id` must stay null. (Unions the
 * capture itself shows — `description` string|null, `start_date` date|null,
 * `affected_components` array|null — come from the data, not from here.)
 */
const NULL_MAY_BE: Record<string, Kind[]> = {
  '$.incidents[].monitoring_at': ['timestamp'],
  '$.incidents[].resolved_at': ['timestamp'],
  '$.scheduled_maintenances[].monitoring_at': ['timestamp'],
  '$.scheduled_maintenances[].resolved_at': ['timestamp'],
};

/**
 * The reference shape: the capture's, with two additions Statuspage
 * documents but the capture cannot show. It has no scheduled maintenance, so
 * a maintenance's element shape is its incident's plus `scheduled_for` /
 * `scheduled_until` (Statuspage: a scheduled maintenance is an incident with
 * a window). And the components listed inside an incident or maintenance are
 * the same objects as `components[]`, so they accept what `components[]`
 * shows there (e.g. a null `description`).
 */
function referenceShape(fixture: unknown): Shape {
  const f = structuredClone(fixture) as { incidents: Record<string, unknown>[]; scheduled_maintenances: unknown[] };
  expect(f.scheduled_maintenances).toEqual([]);
  f.scheduled_maintenances = f.incidents.map((incident) => ({ ...incident, scheduled_for: incident.started_at, scheduled_until: incident.updated_at }));
  const shape = collectShape(f);
  for (const [path, kinds] of shape.kinds) {
    if (!path.startsWith('$.components[]')) continue;
    for (const parent of ['$.incidents[]', '$.scheduled_maintenances[]']) {
      const nested = parent + path.slice(1);
      const existing = shape.kinds.get(nested);
      if (existing) for (const kind of kinds) existing.add(kind);
    }
  }
  return shape;
}

/**
 * Differences between our document and the reference shape; empty when they
 * match key for key (in order) and type for type. Every array element is
 * checked, not just the first. `rootKeys`: the document's own top-level keys
 * (the summary's by default); the paths under them must all be exercised,
 * except under `empty` (top-level arrays known to be empty in `ours`).
 */
function compareShape(ours: unknown, expected: Shape, rootKeys: readonly string[] = expected.keys.get('$')![0]!, empty: readonly string[] = []): string[] {
  const actual = collectShape(ours);
  const problems: string[] = [];
  for (const [path, kinds] of actual.kinds) {
    const allowed = expected.kinds.get(path);
    if (!allowed) {
      problems.push(`${path}: not in the fixture`);
      continue;
    }
    for (const kind of kinds) {
      const excused = allowed.has('null') && (NULL_MAY_BE[path] ?? []).includes(kind);
      if (!allowed.has(kind) && !excused) problems.push(`${path}: ${kind}, fixture has ${[...allowed].join('|')}`);
    }
  }
  for (const [path, keyLists] of actual.keys) {
    const fixtureKeys = path === '$' ? rootKeys : expected.keys.get(path)?.[0];
    for (const keys of keyLists) if (JSON.stringify(keys) !== JSON.stringify(fixtureKeys)) problems.push(`${path}: keys ${keys.join(',')} ≠ fixture's ${fixtureKeys?.join(',')}`);
  }
  // Every shape in the fixture must be exercised, so a missing array element cannot hide a difference.
  const covered = (path: string) => rootKeys.some((key) => !empty.includes(key) && path.startsWith(`$.${key}`));
  for (const path of expected.kinds.keys()) if (path !== '$' && covered(path) && !actual.kinds.has(path)) problems.push(`${path}: not exercised by our document`);
  return problems;
}

describe('summary.json has the shape of the real Statuspage capture', () => {
  const reference = referenceShape(summaryFixture);

  it('the fixture is consistent: objects at one path share one key list', () => {
    for (const [path, lists] of collectShape(summaryFixture).keys) {
      for (const keys of lists) expect(keys, path).toEqual(lists[0]);
    }
  });

  it('hand-made site: same keys, same key order, same value types at every level', () => {
    expect(compareShape(api['/api/v2/summary.json'], reference)).toEqual([]);
  });

  it('the comparison bites: a renamed key, a wrong type and an extra key are caught', () => {
    const broken = structuredClone(api['/api/v2/summary.json']) as unknown as Record<string, Record<string, unknown>[]>;
    const component = broken.components![0]!;
    component.position = '1';
    component.extra = true;
    delete component.showcase;
    const problems = compareShape(broken, reference);
    expect(problems.some((p) => p.startsWith('$.components[].position: string'))).toBe(true);
    expect(problems.some((p) => p.startsWith('$.components[].extra'))).toBe(true);
    expect(problems.some((p) => p.startsWith('$.components[]: keys'))).toBe(true);
  });

  it('the other documents reuse the same objects: page, components, incidents and maintenances match too', () => {
    for (const path of STATUSPAGE_PATHS) {
      const document = api[path];
      expect(compareShape(document, reference, Object.keys(document)), path).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------
// Values, worked out by hand from the notices above.

describe('timestamps', () => {
  it('are written with milliseconds and the page zone offset', () => {
    expect(statuspageTime(Date.UTC(2018, 3, 12, 9, 0, 0), 'Asia/Tokyo')).toBe('2018-04-12T18:00:00.000+09:00');
    expect(statuspageTime(Date.UTC(2024, 0, 15, 17, 4, 5, 7), 'America/New_York')).toBe('2024-01-15T12:04:05.007-05:00');
    expect(statuspageTime(Date.UTC(2024, 6, 15, 17, 4, 5), 'America/New_York')).toBe('2024-07-15T13:04:05.000-04:00');
  });

  it('use Z on a UTC page, like the captured Etc/UTC page', () => {
    expect(statuspageTime(Date.UTC(2022, 10, 25, 15, 50, 5, 892), 'Etc/UTC')).toBe('2022-11-25T15:50:05.892Z');
    expect(statuspageTime(Date.UTC(2024, 0, 1), 'Europe/London')).toBe('2024-01-01T00:00:00.000+00:00');
  });
});

describe('page', () => {
  const page = api['/api/v2/summary.json'].page;

  it('has a stable Statuspage-style id, the site name and URL, zone and newest notice time', () => {
    expect(page.id).toMatch(/^[a-z0-9]{12}$/);
    expect(page.name).toBe('Example Status');
    expect(page.url).toBe('https://status.example.com/');
    expect(page.time_zone).toBe('Asia/Tokyo');
    // Newest notice: open-dashboard n2.
    expect(page.updated_at).toBe('2024-03-02T09:30:00.000+09:00');
    expect(buildStatuspageApi(handMade, { site: SITE, base: '/', now: NOW + 86_400_000 })['/api/v2/status.json'].page).toEqual(page);
    expect(buildStatuspageApi(handMade, { site: 'https://other.example', base: '/', now: NOW })['/api/v2/status.json'].page.id).not.toBe(page.id);
  });

  it('is the same page in every document, dated by the newest change that document shows (never later than summary)', () => {
    const { updated_at: _summaryUpdated, ...identity } = page;
    for (const path of STATUSPAGE_PATHS) {
      const { updated_at, ...rest } = api[path].page;
      expect(rest, path).toEqual(identity);
      expect(Date.parse(updated_at), path).toBeLessThanOrEqual(Date.parse(page.updated_at));
    }
    // A document listing incidents is dated by its newest incident's latest notice.
    const newestListed = Math.max(...api['/api/v2/incidents.json'].incidents.map((i) => Date.parse(i.updated_at)));
    expect(Date.parse(api['/api/v2/incidents.json'].page.updated_at)).toBe(newestListed);
  });
});

describe('components', () => {
  const components = api['/api/v2/components.json'].components;
  const byId = (id: string) => components.find((c) => c.id === id)!;

  it('maps every state to Statuspage vocabulary', () => {
    expect(STATUSPAGE_COMPONENT_STATUS).toEqual({
      operational: 'operational',
      degraded: 'degraded_performance',
      partial_outage: 'partial_outage',
      major_outage: 'major_outage',
      suspended: 'major_outage',
      maintenance: 'under_maintenance',
    });
  });

  it('list every configured component in order with its state at now', () => {
    expect(components.map((c) => [c.id, c.position, c.status])).toEqual([
      ['registration', 1, 'degraded_performance'], // open-payments n1
      ['payments', 2, 'major_outage'], // suspended by open-payments n2
      ['payouts', 3, 'operational'], // upcoming-payouts not started yet
      ['dashboard', 4, 'operational'], // back to operational in open-dashboard n2
      ['api', 5, 'under_maintenance'], // active-api window 03-01 01:00 – 03-03 06:00
    ]);
  });

  it('take names and descriptions in the default locale, null when none is configured', () => {
    expect(byId('payments').name).toBe('Payments');
    expect(byId('payments').description).toBe('Taking card payments');
    expect(byId('registration').description).toBeNull();
    expect(byId('api').name).toBe('API');
  });

  it('date created_at from `since` (midnight in the page zone), else from the earliest notice', () => {
    expect(byId('api').created_at).toBe('2020-01-15T00:00:00.000+09:00');
    expect(byId('api').start_date).toBe('2020-01-15');
    // Earliest notice of the site: done-payouts m, 2024-01-10 12:00.
    expect(byId('registration').created_at).toBe('2024-01-10T12:00:00.000+09:00');
    expect(byId('registration').start_date).toBeNull();
  });

  it('date a `since` whose midnight the clocks skip from the first instant of that day (Santiago 2024-09-08: 01:00-03:00)', () => {
    const santiago: SiteContent = {
      config: makeConfig({ timeZone: 'America/Santiago', components: [{ id: 'payments', name: { en: 'Payments' }, since: '2024-09-08' }] }),
      incidents: [],
      faq: [],
    };
    const documents = buildStatuspageApi(santiago, { site: SITE, base: '/', now: ms('2024-10-01T12:00:00-03:00') });
    const [payments] = documents['/api/v2/components.json'].components;
    expect(payments!.created_at).toBe('2024-09-08T01:00:00.000-03:00');
    expect(payments!.updated_at).toBe('2024-09-08T01:00:00.000-03:00');
    // Without any notice, the page is as new as the newest start date.
    expect(documents['/api/v2/summary.json'].page.updated_at).toBe('2024-09-08T01:00:00.000-03:00');
  });

  it('date updated_at from the newest notice that set the component while in force', () => {
    expect(byId('registration').updated_at).toBe('2024-03-01T10:00:00.000+09:00');
    expect(byId('payments').updated_at).toBe('2024-03-01T11:00:00.000+09:00');
    // done-payouts completed; upcoming-payouts' announcement is not in force yet.
    expect(byId('payouts').updated_at).toBe('2024-01-20T03:30:00.000+09:00');
    expect(byId('dashboard').updated_at).toBe('2024-03-02T09:30:00.000+09:00');
    expect(byId('api').updated_at).toBe('2024-03-01T01:00:00.000+09:00');
  });

  it('are dated by changes of state only: an update repeating the states leaves every document showing them as it was', () => {
    const repeating = withImpact(makeIncident('open-payments', {
      title: 'Payments failing',
      notices: {
        n1: { type: 'suspension', date: '2024-03-01T10:00:00+09:00', components: { payments: 'partial_outage', registration: 'degraded' }, body: 'Investigating.' },
        n2: { type: 'update', date: '2024-03-01T11:00:00+09:00', components: { payments: 'suspended' }, body: 'Payments stopped.' },
        n3: { type: 'update', date: '2024-03-01T12:00:00+09:00', body: 'Still working on it.' },
        n4: { type: 'update', date: '2024-03-01T13:00:00+09:00', components: { payments: 'suspended', registration: 'degraded' }, body: 'Still stopped.' },
      },
    }), 'critical');
    const after = buildStatuspageApi({ ...handMade, incidents: handMade.incidents.map((i) => (i.slug === 'open-payments' ? repeating : i)) }, { site: SITE, base: '/', now: NOW });
    for (const path of ['/api/v2/components.json', '/api/v2/status.json', '/api/v2/scheduled-maintenances.json', '/api/v2/scheduled-maintenances/upcoming.json', '/api/v2/scheduled-maintenances/active.json'] as const) {
      expect(after[path], path).toEqual(api[path]);
    }
    // The documents that list the incident do show the new update.
    expect(after['/api/v2/incidents/unresolved.json']).not.toEqual(api['/api/v2/incidents/unresolved.json']);
    expect(after['/api/v2/summary.json'].incidents.find((i) => i.name === 'Payments failing')!.incident_updates).toHaveLength(4);
  });

  it('fill the fields we have no equivalent for with fixed values', () => {
    for (const c of components) {
      expect(c).toMatchObject({ showcase: true, group_id: null, group: false, only_show_if_degraded: false, page_id: api['/api/v2/status.json'].page.id });
    }
  });
});

describe('status', () => {
  it('indicator: the worst state now (payments suspended) is critical', () => {
    const { status } = api['/api/v2/status.json'];
    expect(status.indicator).toBe('critical');
    expect(status.description).toContain('Payments');
    expect(api['/api/v2/summary.json'].status).toEqual(status);
  });

  it('indicator: none when all is well, maintenance when only maintenance is under way', () => {
    const quiet = { ...handMade, incidents: [donePayouts, resolvedRegistration] };
    expect(buildStatuspageApi(quiet, { site: SITE, base: '/', now: NOW })['/api/v2/status.json'].status.indicator).toBe('none');
    const maintenanceOnly = { ...handMade, incidents: [activeApi, donePayouts] };
    expect(buildStatuspageApi(maintenanceOnly, { site: SITE, base: '/', now: NOW })['/api/v2/status.json'].status.indicator).toBe('maintenance');
  });
});

describe('incidents', () => {
  const all = api['/api/v2/incidents.json'].incidents;
  const byId = (id: string) => all.find((i) => i.id === id)!;

  it('incidents.json lists unplanned incidents only, newest first', () => {
    expect(ids(all)).toEqual(['open-dashboard', 'open-payments', 'resolved-registration']);
  });

  it('unresolved.json and summary.json list only the open ones', () => {
    expect(ids(api['/api/v2/incidents/unresolved.json'].incidents)).toEqual(['open-dashboard', 'open-payments']);
    expect(ids(api['/api/v2/summary.json'].incidents)).toEqual(['open-dashboard', 'open-payments']);
  });

  it('status follows the newest notice: identified, monitoring, postmortem', () => {
    expect(byId('open-payments').status).toBe('identified');
    expect(byId('open-dashboard').status).toBe('monitoring');
    expect(byId('resolved-registration').status).toBe('postmortem');
  });

  it('carry the incident fields', () => {
    expect(byId('open-payments')).toMatchObject({
      name: 'Payments failing',
      impact: 'critical',
      created_at: '2024-03-01T10:00:00.000+09:00',
      started_at: '2024-03-01T10:00:00.000+09:00',
      updated_at: '2024-03-01T12:00:00.000+09:00',
      monitoring_at: null,
      resolved_at: null,
      shortlink: 'https://status.example.com/incidents/open-payments/',
    });
    expect(byId('open-dashboard').monitoring_at).toBe('2024-03-02T09:30:00.000+09:00');
    expect(byId('resolved-registration').resolved_at).toBe('2024-02-01T12:00:00.000+09:00');
  });

  it('shortlink honours the base path', () => {
    const sub = buildStatuspageApi(handMade, { site: SITE, base: '/status', now: NOW });
    expect(sub['/api/v2/incidents.json'].incidents[0]!.shortlink).toBe('https://status.example.com/status/incidents/open-dashboard/');
    expect(sub['/api/v2/status.json'].page.url).toBe('https://status.example.com/status/');
  });

  it('list the components they touched, in display order, with their status now', () => {
    expect(byId('open-payments').components.map((c) => [c.id, c.status])).toEqual([['registration', 'degraded_performance'], ['payments', 'major_outage']]);
    expect(byId('resolved-registration').components.map((c) => [c.id, c.status])).toEqual([['registration', 'degraded_performance']]);
  });

  it('incident_updates: newest first, with statuses and old → new component states', () => {
    expect(byId('open-payments').incident_updates.map((u) => [u.id, u.status, u.created_at, u.body, u.affected_components])).toEqual([
      ['open-payments/n3', 'identified', '2024-03-01T12:00:00.000+09:00', 'Still working on it.', null],
      ['open-payments/n2', 'identified', '2024-03-01T11:00:00.000+09:00', 'Payments stopped.', [
        { code: 'payments', name: 'Payments', old_status: 'partial_outage', new_status: 'major_outage' },
      ]],
      ['open-payments/n1', 'investigating', '2024-03-01T10:00:00.000+09:00', 'Investigating.', [
        { code: 'registration', name: 'Registration', old_status: 'operational', new_status: 'degraded_performance' },
        { code: 'payments', name: 'Payments', old_status: 'operational', new_status: 'partial_outage' },
      ]],
    ]);
    for (const update of byId('open-payments').incident_updates) {
      expect(update).toMatchObject({ incident_id: 'open-payments', deliver_notifications: true, custom_tweet: null, tweet_id: null });
      expect(update.updated_at).toBe(update.created_at);
      expect(update.display_at).toBe(update.created_at);
    }
  });

  it('an update putting everything back is monitoring; a resumption resets what it does not mention', () => {
    expect(byId('open-dashboard').incident_updates.map((u) => [u.status, u.affected_components])).toEqual([
      ['monitoring', [{ code: 'dashboard', name: 'Dashboard', old_status: 'major_outage', new_status: 'operational' }]],
      ['investigating', [{ code: 'dashboard', name: 'Dashboard', old_status: 'operational', new_status: 'major_outage' }]],
    ]);
    expect(byId('resolved-registration').incident_updates.map((u) => [u.id, u.status, u.affected_components])).toEqual([
      ['resolved-registration/pm', 'postmortem', null],
      ['resolved-registration/r', 'resolved', [{ code: 'registration', name: 'Registration', old_status: 'major_outage', new_status: 'operational' }]],
      ['resolved-registration/s', 'investigating', [{ code: 'registration', name: 'Registration', old_status: 'operational', new_status: 'major_outage' }]],
    ]);
  });
});

describe('scheduled maintenances', () => {
  const all = api['/api/v2/scheduled-maintenances.json'].scheduled_maintenances;
  const byId = (id: string) => all.find((m) => m.id === id)!;
  const at = (iso: string) => buildStatuspageApi(handMade, { site: SITE, base: '/', now: ms(iso) });

  it('are never listed as incidents, and all of them are in scheduled-maintenances.json by window, latest first', () => {
    expect(ids(all)).toEqual(['upcoming-payouts', 'active-api', 'done-payouts']);
  });

  it('upcoming and active at now', () => {
    expect(ids(api['/api/v2/scheduled-maintenances/upcoming.json'].scheduled_maintenances)).toEqual(['upcoming-payouts']);
    expect(ids(api['/api/v2/scheduled-maintenances/active.json'].scheduled_maintenances)).toEqual(['active-api']);
    expect(ids(api['/api/v2/summary.json'].scheduled_maintenances)).toEqual(['active-api', 'upcoming-payouts']);
  });

  it('upcoming and active follow now: before either window, and once both have started', () => {
    const before = at('2024-02-28T00:00:00+09:00');
    expect(ids(before['/api/v2/scheduled-maintenances/upcoming.json'].scheduled_maintenances)).toEqual(['active-api', 'upcoming-payouts']);
    expect(ids(before['/api/v2/scheduled-maintenances/active.json'].scheduled_maintenances)).toEqual([]);
    expect(before['/api/v2/scheduled-maintenances.json'].scheduled_maintenances.find((m) => m.id === 'active-api')!.status).toBe('scheduled');
    const later = at('2024-03-10T03:00:00+09:00');
    expect(ids(later['/api/v2/scheduled-maintenances/upcoming.json'].scheduled_maintenances)).toEqual([]);
    // active-api's window has ended but no completed notice closed it: still in progress.
    expect(ids(later['/api/v2/scheduled-maintenances/active.json'].scheduled_maintenances)).toEqual(['active-api', 'upcoming-payouts']);
    expect(later['/api/v2/scheduled-maintenances/active.json'].scheduled_maintenances.map((m) => m.status)).toEqual(['in_progress', 'in_progress']);
    // One second before the window: still upcoming.
    expect(ids(at('2024-03-10T01:59:59+09:00')['/api/v2/scheduled-maintenances/upcoming.json'].scheduled_maintenances)).toEqual(['upcoming-payouts']);
  });

  it('carry the window and statuses scheduled / in_progress / completed', () => {
    expect(byId('active-api')).toMatchObject({
      name: 'API maintenance',
      status: 'in_progress',
      impact: 'minor',
      scheduled_for: '2024-03-01T01:00:00.000+09:00',
      scheduled_until: '2024-03-03T06:00:00.000+09:00',
      created_at: '2024-02-25T12:00:00.000+09:00',
      resolved_at: null,
    });
    expect(byId('upcoming-payouts')).toMatchObject({ status: 'scheduled', scheduled_for: '2024-03-10T02:00:00.000+09:00', scheduled_until: '2024-03-10T05:00:00.000+09:00' });
    expect(byId('done-payouts')).toMatchObject({ status: 'completed', resolved_at: '2024-01-20T03:30:00.000+09:00' });
  });

  it('updates: an announcement is scheduled and changes nothing yet; the window start puts components under maintenance', () => {
    expect(byId('active-api').incident_updates.map((u) => [u.id, u.status, u.affected_components])).toEqual([
      ['active-api/started', 'in_progress', [{ code: 'api', name: 'API', old_status: 'operational', new_status: 'under_maintenance' }]],
      ['active-api/m', 'scheduled', [{ code: 'api', name: 'API', old_status: 'operational', new_status: 'operational' }]],
    ]);
    // No "started" notice: the completed one still finds payouts under maintenance, since the window began at 02:00.
    expect(byId('done-payouts').incident_updates.map((u) => [u.status, u.affected_components])).toEqual([
      ['completed', [{ code: 'payouts', name: 'Payouts', old_status: 'under_maintenance', new_status: 'operational' }]],
      ['scheduled', [{ code: 'payouts', name: 'Payouts', old_status: 'operational', new_status: 'operational' }]],
    ]);
  });
});

describe('the example site', () => {
  it('lists its three incidents newest first, the payments one unresolved', () => {
    const incidents = exampleApi['/api/v2/incidents.json'].incidents;
    expect(ids(incidents)).toEqual(['2018-09-03-payments-degraded', '2018-06-05-dashboard-slow', '2018-04-12-payouts-suspended']);
    expect(incidents.map((i) => i.status)).toEqual(['identified', 'resolved', 'postmortem']);
    expect(ids(exampleApi['/api/v2/incidents/unresolved.json'].incidents)).toEqual(['2018-09-03-payments-degraded']);
    expect(incidents[0]!.name).toBe('一部カードブランドで決済エラーが増加');
  });

  it('reports the suspension notice by notice, resumption resetting every component', () => {
    const suspension = exampleApi['/api/v2/incidents.json'].incidents.find((i) => i.id === '2018-04-12-payouts-suspended')!;
    expect(suspension.incident_updates).toHaveLength(10);
    expect(suspension.incident_updates.map((u) => u.status)).toEqual(['postmortem', 'resolved', ...Array<string>(7).fill('identified'), 'investigating']);
    expect(suspension.incident_updates[1]!.affected_components).toEqual([
      { code: 'registration', name: '新規登録', old_status: 'major_outage', new_status: 'operational' },
      { code: 'payments', name: '決済', old_status: 'major_outage', new_status: 'operational' },
      { code: 'payouts', name: '出金', old_status: 'major_outage', new_status: 'operational' },
      { code: 'dashboard', name: '管理画面', old_status: 'operational', new_status: 'operational' },
    ]);
    expect(suspension.incident_updates.at(-1)!.created_at).toBe('2018-04-12T18:00:00.000+09:00');
    expect(suspension).toMatchObject({ impact: 'critical', resolved_at: '2018-04-20T20:00:00.000+09:00' });
  });

  it('has its one maintenance, completed, and none upcoming or active', () => {
    const maintenances = exampleApi['/api/v2/scheduled-maintenances.json'].scheduled_maintenances;
    expect(maintenances.map((m) => [m.id, m.status, m.scheduled_for, m.scheduled_until])).toEqual([
      ['2018-05-20-payouts-maintenance', 'completed', '2018-05-20T02:00:00.000+09:00', '2018-05-20T05:00:00.000+09:00'],
    ]);
    expect(maintenances[0]!.incident_updates.map((u) => u.status)).toEqual(['completed', 'in_progress', 'scheduled']);
    expect(exampleApi['/api/v2/scheduled-maintenances/upcoming.json'].scheduled_maintenances).toEqual([]);
    expect(exampleApi['/api/v2/scheduled-maintenances/active.json'].scheduled_maintenances).toEqual([]);
  });

  it('shows payments in partial outage, a minor indicator, and the newest notice as updated_at', () => {
    const summary = exampleApi['/api/v2/summary.json'];
    expect(summary.components.map((c) => [c.id, c.status])).toEqual([
      ['registration', 'operational'], ['payments', 'partial_outage'], ['payouts', 'operational'], ['dashboard', 'operational'],
    ]);
    expect(summary.status.indicator).toBe('minor');
    expect(summary.page).toMatchObject({ name: 'カケルペイ ステータス', url: 'https://status.kakeru-pay.example/', time_zone: 'Asia/Tokyo', updated_at: '2018-09-03T11:00:00.000+09:00' });
  });

  it('matches the shape of the real Statuspage capture too', () => {
    const reference = referenceShape(summaryFixture);
    // Nothing is planned in September 2018, so the summary's scheduled_maintenances is empty; the maintenance is checked in scheduled-maintenances.json.
    expect(exampleApi['/api/v2/summary.json'].scheduled_maintenances).toEqual([]);
    expect(compareShape(exampleApi['/api/v2/summary.json'], reference, undefined, ['scheduled_maintenances'])).toEqual([]);
    expect(compareShape(exampleApi['/api/v2/incidents.json'], reference, ['page', 'incidents'])).toEqual([]);
    expect(compareShape(exampleApi['/api/v2/scheduled-maintenances.json'], reference, ['page', 'scheduled_maintenances'])).toEqual([]);
  });
});

// Keep the typed map and the untyped one in step.
const _typecheck: Record<StatuspagePath, unknown> = {} as StatuspageApi;
void _typecheck;
