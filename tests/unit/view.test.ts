import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { deriveComponentStates, type ComponentStatus } from '../../src/lib/model/timeline.ts';
import type { Incident } from '../../src/lib/content/types.ts';
import type { ComponentState, Locale } from '../../src/lib/core/states.ts';
import { createRenderContext } from '../../src/lib/render/context.ts';
import { renderIncidentListItem } from '../../src/lib/render/incident-list.ts';
import { deriveBanner, deriveHomeView, groupIncidentsByMonth, orderFaq, phaseLabel } from '../../src/lib/render/view.ts';
import { makeConfig, makeFaq, makeIncident, ms } from './helpers.ts';

const config = makeConfig();
const strings = { ja, en } as const;
const NOW = ms('2018-06-01T00:00:00Z');

function opened(slug: string, date: string, components: Record<string, ComponentState>): Incident {
  return makeIncident(slug, { notices: { s: { type: 'suspension', date, components } } });
}

function statuses(incidents: Incident[], locale: Locale): ComponentStatus[] {
  return deriveComponentStates(config.components, incidents, NOW, locale, 'en');
}

describe('deriveBanner', () => {
  const stopped = opened('stop', '2018-04-12T18:00:00+09:00', { payments: 'suspended', payouts: 'suspended', dashboard: 'degraded' });

  it.each([
    ['ja', 'すべてのサービスは正常に稼働しています'],
    ['en', 'All services are operating normally'],
  ] as const)('all operational (%s)', (locale, text) => {
    expect(deriveBanner(statuses([], locale), strings[locale], locale, 'Asia/Tokyo')).toEqual({ state: 'operational', text });
  });

  it.each([
    ['ja', 'Asia/Tokyo', '決済・出金: 一時停止中、管理画面: 性能低下(2018年4月12日(木) 18:00 JSTから)'],
    ['en', 'Asia/Tokyo', 'Payments and Payouts: Suspended; Dashboard: Degraded performance since Thu, 12 Apr 2018 18:00 JST'],
    ['en', 'America/Los_Angeles', 'Payments and Payouts: Suspended; Dashboard: Degraded performance since Thu, 12 Apr 2018 02:00 PDT'],
    ['ja', 'UTC', '決済・出金: 一時停止中、管理画面: 性能低下(2018年4月12日(木) 09:00 UTCから)'],
  ] as const)('suspended and degraded components (%s, %s)', (locale, zone, text) => {
    expect(deriveBanner(statuses([stopped], locale), strings[locale], locale, zone)).toEqual({ state: 'suspended', text });
  });

  it('leads with the worst state whatever the config order, and lists three names in a sentence', () => {
    const incident = opened('mixed', '2018-04-12T18:00:00+09:00', { registration: 'degraded', payments: 'major_outage', payouts: 'major_outage', dashboard: 'major_outage' });
    expect(deriveBanner(statuses([incident], 'en'), en, 'en', 'Asia/Tokyo')).toEqual({
      state: 'major_outage',
      text: 'Payments, Payouts and Dashboard: Major outage; Registration: Degraded performance since Thu, 12 Apr 2018 18:00 JST',
    });
  });

  it('dates the banner from the earliest affected component', () => {
    const early = opened('early', '2018-04-12T18:00:00+09:00', { payouts: 'degraded' });
    const late = opened('late', '2018-04-14T09:30:00+09:00', { payments: 'suspended' });
    expect(deriveBanner(statuses([late, early], 'ja'), ja, 'ja', 'Asia/Tokyo').text).toBe('決済: 一時停止中、出金: 性能低下(2018年4月12日(木) 18:00 JSTから)');
  });

  it('leaves the time out when no start is known', () => {
    const manual: ComponentStatus[] = [
      { id: 'payouts', name: 'Payouts', description: '', state: 'suspended', since: undefined, incidents: [] },
      { id: 'payments', name: 'Payments', description: '', state: 'operational', since: undefined, incidents: [] },
    ];
    expect(deriveBanner(manual, en, 'en', 'Asia/Tokyo')).toEqual({ state: 'suspended', text: 'Payouts: Suspended' });
    expect(deriveBanner(manual.map((s) => ({ ...s, name: s.id === 'payouts' ? '出金' : '決済' })), ja, 'ja', 'Asia/Tokyo')).toEqual({ state: 'suspended', text: '出金: 一時停止中' });
  });
});

describe('groupIncidentsByMonth', () => {
  // 08:30 JST on 1 May is 23:30 UTC on 30 April: May in Tokyo, April in UTC.
  const mayInTokyo = opened('a-may-in-tokyo', '2018-05-01T08:30:00+09:00', { payouts: 'suspended' });
  // 23:30 JST on 30 April is 14:30 UTC the same day: April everywhere below.
  const lateApril = opened('b-late-april', '2018-04-30T23:30:00+09:00', { payouts: 'suspended' });
  // 10:00 JST on 2 April is 18:00 PDT on 1 April.
  const earlyApril = opened('c-early-april', '2018-04-02T10:00:00+09:00', { payouts: 'suspended' });
  // 20:00 PDT on 31 March is 03:00 UTC / 12:00 JST on 1 April.
  const marchInLosAngeles = opened('d-march-in-la', '2018-03-31T20:00:00-07:00', { payouts: 'suspended' });
  const all = [earlyApril, marchInLosAngeles, mayInTokyo, lateApril];
  const shape = (months: ReturnType<typeof groupIncidentsByMonth>) => months.map((m) => ({ key: m.key, label: m.label, slugs: m.incidents.map((i) => i.slug) }));

  it('groups by the month in the display zone, newest first (Asia/Tokyo, ja)', () => {
    expect(shape(groupIncidentsByMonth(all, 'ja', 'Asia/Tokyo'))).toEqual([
      { key: '2018-05', label: '2018年5月', slugs: ['a-may-in-tokyo'] },
      { key: '2018-04', label: '2018年4月', slugs: ['b-late-april', 'c-early-april', 'd-march-in-la'] },
    ]);
  });

  it('puts the same incidents in one month in UTC (en)', () => {
    expect(shape(groupIncidentsByMonth(all, 'en', 'UTC'))).toEqual([
      { key: '2018-04', label: 'April 2018', slugs: ['a-may-in-tokyo', 'b-late-april', 'c-early-april', 'd-march-in-la'] },
    ]);
  });

  it('and splits them differently in America/Los_Angeles', () => {
    expect(shape(groupIncidentsByMonth(all, 'en', 'America/Los_Angeles'))).toEqual([
      { key: '2018-04', label: 'April 2018', slugs: ['a-may-in-tokyo', 'b-late-april', 'c-early-april'] },
      { key: '2018-03', label: 'March 2018', slugs: ['d-march-in-la'] },
    ]);
  });

  it('separates the same month of different years and handles no incidents', () => {
    const lastYear = opened('last-year', '2017-04-15T12:00:00+09:00', { payouts: 'suspended' });
    expect(shape(groupIncidentsByMonth([lastYear, earlyApril], 'en', 'Asia/Tokyo')).map((m) => m.key)).toEqual(['2018-04', '2017-04']);
    expect(groupIncidentsByMonth([], 'ja', 'Asia/Tokyo')).toEqual([]);
  });
});

describe('orderFaq', () => {
  const faq = [makeFaq('payouts-safe', 1, ['payouts']), makeFaq('contact', 2, []), makeFaq('dashboard', 3, ['payments', 'dashboard']), makeFaq('registration', 4, ['registration'])];

  it('puts entries about affected components first, keeping the configured order within each group', () => {
    const now = statuses([opened('x', '2018-04-12T18:00:00+09:00', { payouts: 'suspended', dashboard: 'degraded' })], 'en');
    expect(orderFaq(faq, now).map((item) => [item.entry.id, item.affectedNow])).toEqual([
      ['payouts-safe', true],
      ['dashboard', true],
      ['contact', false],
      ['registration', false],
    ]);
  });

  it('keeps the configured order when everything is operational', () => {
    expect(orderFaq(faq, statuses([], 'en')).map((item) => [item.entry.id, item.affectedNow])).toEqual([
      ['payouts-safe', false],
      ['contact', false],
      ['dashboard', false],
      ['registration', false],
    ]);
  });
});

describe('deriveHomeView', () => {
  it('combines statuses, banner, open and the most recently resolved incidents', () => {
    const open = opened('open', '2018-05-01T09:00:00+09:00', { payments: 'partial_outage' });
    const resolved = (slug: string, end: string) =>
      makeIncident(slug, { notices: { s: { type: 'suspension', date: '2018-03-01T09:00:00+09:00', components: { payouts: 'degraded' } }, r: { type: 'resumption', date: end } } });
    const content = { config: makeConfig({ recentResolved: 1 }), incidents: [resolved('older', '2018-03-02T09:00:00+09:00'), open, resolved('newer', '2018-03-03T09:00:00+09:00')], faq: [] };
    const view = deriveHomeView(content, 'en', en, NOW);
    expect(view.statuses.map((s) => s.state)).toEqual(['operational', 'partial_outage', 'operational', 'operational']);
    expect(view.banner).toEqual({ state: 'partial_outage', text: 'Payments: Partial outage since Tue, 1 May 2018 09:00 JST' });
    expect(view.open.map((i) => i.slug)).toEqual(['open']);
    expect(view.upcoming).toEqual([]);
    expect(view.recentResolved.map((i) => i.slug)).toEqual(['newer']);
  });
});

describe('phaseLabel: the status of an incident in words, the same in every place that names it', () => {
  const window: [string, string] = ['2018-06-10T02:00:00+09:00', '2018-06-10T04:00:00+09:00'];
  const announced = { type: 'maintenance', date: '2018-05-20T12:00:00+09:00', window, components: { payouts: 'maintenance' } } as const;
  const cases: [string, Incident, number, string, string][] = [
    ['an open incident', opened('open', '2018-05-01T09:00:00+09:00', { payments: 'suspended' }), NOW, 'Ongoing', '対応中'],
    [
      'a resolved incident',
      makeIncident('closed', { notices: { s: { type: 'suspension', date: '2018-05-01T09:00:00+09:00', components: { payments: 'suspended' } }, r: { type: 'resumption', date: '2018-05-01T10:00:00+09:00' } } }),
      NOW, 'Resolved', '解決済み',
    ],
    ['a maintenance before its window', makeIncident('m', { notices: { m: announced } }), NOW, 'Scheduled', '予定'],
    ['a maintenance in its window', makeIncident('m', { notices: { m: announced } }), ms('2018-06-10T03:00:00+09:00'), 'Maintenance in progress', 'メンテナンス中'],
    ['a completed maintenance', makeIncident('m', { notices: { m: announced, c: { type: 'completed', date: '2018-06-10T03:30:00+09:00' } } }), NOW, 'Completed', '完了'],
    ['a cancelled maintenance', makeIncident('m', { notices: { m: announced, c: { type: 'completed', date: '2018-06-01T09:00:00+09:00', cancelled: true } } }), NOW, 'Cancelled', '中止'],
  ];

  it.each(cases)('%s', (_what, incident, now, english, japanese) => {
    expect(phaseLabel(en, incident, now)).toBe(english);
    expect(phaseLabel(ja, incident, now)).toBe(japanese);
  });

  it.each(cases.filter(([, incident]) => incident.notices.every((n) => n.type !== 'resumption' && n.type !== 'completed')))(
    'a list of incidents names %s by the same words while it has no end',
    (_what, incident, now, english, japanese) => {
      const content = { config: makeConfig({ locales: ['en', 'ja'] }), incidents: [incident], faq: [] };
      const settings = { base: '/', site: 'https://status.example.com', now, drafts: false, assets: { styles: [], scripts: [], searchScripts: [] } };
      expect(String(renderIncidentListItem(createRenderContext(content, 'en', settings), incident))).toContain(`<strong>${english}</strong>`);
      expect(String(renderIncidentListItem(createRenderContext(content, 'ja', settings), incident))).toContain(`<strong>${japanese}</strong>`);
    },
  );
});
