import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInstant, toZonedIso } from '../lib/core/dates.ts';

/**
 * Synthetic sites for the benchmark: realistic Japanese notices with English
 * translations, ~5 notices per incident, some open, some planned maintenance,
 * a 30-entry FAQ. Deterministic (seeded), so runs are comparable.
 */

const ZONE = 'Asia/Tokyo';
const COMPONENTS = [
  { id: 'registration', ja: '新規登録', en: 'Registration' },
  { id: 'payments', ja: '決済', en: 'Payments' },
  { id: 'payouts', ja: '出金', en: 'Payouts' },
  { id: 'dashboard', ja: '管理画面', en: 'Dashboard' },
];
const START = Date.UTC(2015, 0, 1, 0, 0, 0);
const HOUR = 3_600_000;
const YEAR = 365.25 * 24 * HOUR;
/** The benchmark's "now" (its builds set SOURCE_DATE_EPOCH to it): 2026-01-01T00:00Z. */
export const BENCH_NOW = Date.UTC(2026, 0, 1, 0, 0, 0);

/** How busy the generated history is. */
export interface Density {
  /**
   * Incidents per year, spread evenly so that the newest starts a few hours
   * before BENCH_NOW: how busy the last 90 days are (a busy service has about
   * 85 a year). Without it, one incident every 9 hours from 2015, long before
   * BENCH_NOW, as the build-time benchmark has always measured.
   */
  perYear?: number | undefined;
  /** How many of the newest incidents are still open. */
  open?: number | undefined;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const JA_BODIES = [
  '現在、{c}で障害が発生しています。売上金は保全されており、失われることはありません。原因を調査しています。次のお知らせは{n}までに掲載します。',
  '{c}の障害について、原因を特定し復旧作業を進めています。この間に受け付けた決済は記録されており、再開後に順次処理します。',
  '復旧作業の進捗をお知らせします。{c}は一部で回復しています。引き続き状況を確認し、次のお知らせは{n}までに掲載します。',
  '{c}は復旧しました。ご不便をおかけし申し訳ございませんでした。保留中の入金は予定どおり振り込みます。',
];
const EN_BODIES = [
  '{c} is currently disrupted. Your sales are safe and will not be lost. We are investigating and will post the next update by {n}.',
  'We have found the cause of the {c} disruption and are working on a fix. Payments taken meanwhile are recorded and will be processed.',
  'Progress update: {c} is partly recovered. We keep monitoring and will post the next update by {n}.',
  '{c} has recovered. We are sorry for the inconvenience. Held payouts will be paid as scheduled.',
];

function notice(front: Record<string, unknown>, body: string): string {
  const lines = Object.entries(front).map(([key, value]) =>
    typeof value === 'object' && value !== null
      ? `${key}:\n${Object.entries(value)
          .map(([k, v]) => `  ${k}: ${v}`)
          .join('\n')}`
      : `${key}: ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
  );
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}

/** Writes a whole site with `incidents` incidents into `root`; returns the number of notices. */
export function generateSite(root: string, incidents: number, density: Density = {}): { notices: number } {
  const openCount = density.open ?? 2;
  const spacing = density.perYear === undefined ? 9 * HOUR : YEAR / density.perYear;
  const first = density.perYear === undefined ? START : BENCH_NOW - 6 * HOUR - (incidents - 1) * spacing;
  const next = random(incidents);
  mkdirSync(join(root, 'src/content/faq'), { recursive: true });
  writeFileSync(
    join(root, 'src/site.config.yaml'),
    [
      'name: { ja: ベンチペイ ステータス, en: Bench Pay Status }',
      'url: https://status.bench.example',
      'defaultLocale: ja',
      'locales: [ja, en]',
      `timeZone: ${ZONE}`,
      'support: { email: support@bench.example }',
      'components:',
      ...COMPONENTS.map((c) => `  - { id: ${c.id}, name: { ja: ${c.ja}, en: ${c.en} } }`),
      '',
    ].join('\n'),
  );
  for (let i = 1; i <= 30; i++) {
    const component = COMPONENTS[i % COMPONENTS.length]!;
    writeFileSync(
      join(root, `src/content/faq/q${i}.md`),
      `---\nquestion: ${component.ja}についての質問 ${i}\norder: ${i}\ncomponents: [${component.id}]\n---\n\n${component.ja}に関する回答です。売上金は保全されています。\n`,
    );
    writeFileSync(
      join(root, `src/content/faq/q${i}.en.md`),
      `---\nquestion: Question ${i} about ${component.en}\n---\n\nAn answer about ${component.en}. Your sales are safe.\n`,
    );
  }

  let total = 0;
  for (let i = 0; i < incidents; i++) {
    // Spread evenly; an incident's own notices are an hour apart.
    const start = Math.round(first + i * spacing);
    const day = toZonedIso(start, ZONE).slice(0, 10);
    const slug = `${day}-incident-${i}`;
    const dir = join(root, 'incidents', slug);
    mkdirSync(dir, { recursive: true });
    const component = COMPONENTS[Math.floor(next() * COMPONENTS.length)]!;
    const open = i >= incidents - openCount;
    const maintenance = !open && i % 10 === 7;
    writeFileSync(
      join(dir, 'incident.md'),
      `---\ntitle: ${component.ja}の${maintenance ? '定期メンテナンス' : '障害'} ${i}\nsummary: ${component.ja}に影響が出ています。売上金は保全されています。\nfaq: [q${1 + (i % 30)}]\n---\n`,
    );
    writeFileSync(
      join(dir, 'incident.en.md'),
      `---\ntitle: ${component.en} ${maintenance ? 'maintenance' : 'incident'} ${i}\nsummary: ${component.en} is affected. Your sales are safe.\n---\n`,
    );
    const updates = 2 + Math.floor(next() * 3);
    const types: string[] = maintenance
      ? ['maintenance', 'update', 'completed']
      : ['suspension', ...Array.from({ length: updates }, () => 'update'), ...(open ? [] : ['resumption'])];
    types.forEach((type, n) => {
      const at = start + n * HOUR;
      const id = `${n}-${type}`;
      const closing = type === 'resumption' || type === 'completed';
      const front: Record<string, unknown> = { type, date: toZonedIso(at, ZONE) };
      if (type === 'maintenance') {
        front.window_start = toZonedIso(start + HOUR, ZONE);
        front.window_end = toZonedIso(start + 3 * HOUR, ZONE);
        front.components = { [component.id]: 'maintenance' };
      } else if (closing) {
        front.components = { [component.id]: 'operational' };
      } else {
        front.components = { [component.id]: n === 0 ? 'major_outage' : 'partial_outage' };
        front.next_update = toZonedIso(at + HOUR, ZONE);
      }
      const which = closing ? 3 : Math.min(n, 2);
      const fill = (text: string, name: string) => text.replace('{c}', name).replace('{n}', toZonedIso(at + HOUR, ZONE).slice(11, 16));
      writeFileSync(join(dir, `${id}.md`), notice(front, fill(JA_BODIES[which]!, component.ja)));
      // Most notices are translated; every seventh is left in Japanese only.
      if ((i + n) % 7 !== 0) writeFileSync(join(dir, `${id}.en.md`), `---\n---\n\n${fill(EN_BODIES[which]!, component.en)}\n`);
      total++;
    });
  }
  return { notices: total };
}

/**
 * Adds one update to the newest open incident, as an operator would during an
 * incident with `npm run new`: in Japanese first (the translation comes
 * later), the components' states carried forward from the previous notice, a
 * new promise of the next update. Returns its slug and the notice id.
 */
export function addOneNotice(root: string): { slug: string; noticeId: string } {
  const slugs = readdirSync(join(root, 'incidents')).sort();
  const slug = slugs[slugs.length - 1]!;
  const dir = join(root, 'incidents', slug);
  const notices = readdirSync(dir)
    .filter((f) => /^\d+-\w+\.md$/.test(f))
    .sort((a, b) => Number.parseInt(a) - Number.parseInt(b));
  const count = notices.length;
  const previous = readFileSync(join(dir, notices.at(-1)!), 'utf8');
  // An hour after the previous notice, as the generator spaces them.
  const written = /^date: "(.*)"$/m.exec(previous)?.[1] ?? '';
  const previousAt = parseInstant(written, ZONE);
  // The generator wrote that date itself: a notice it cannot read back is a bug here, not something to guess around.
  if (!previousAt.ok) throw new Error(`bench: ${slug}/${notices.at(-1)} has date "${written}", which ${previousAt.problem}`);
  const at = previousAt.epochMs + HOUR;
  const components = Object.fromEntries([...previous.matchAll(/^ {2}(\w+): (\w+)$/gm)].map((m) => [m[1]!, m[2]!]));
  writeFileSync(
    join(dir, `${count}-update.md`),
    notice({ type: 'update', date: toZonedIso(at, ZONE), components, next_update: toZonedIso(at + HOUR, ZONE) }, '追加のお知らせです。'),
  );
  return { slug, noticeId: `${count}-update` };
}
