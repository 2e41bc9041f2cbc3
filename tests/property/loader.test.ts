import fc from 'fast-check';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSiteContent } from '../../src/lib/content/load.ts';
import { readMarkdownFile } from '../../src/lib/content/markdown-file.ts';
import { projectRoot } from '../support/build.ts';

/**
 * Whatever an operator (or a broken editor) writes, the loader never crashes:
 * each input is either valid or produces an error naming its file.
 */

const VALID_NOTICE = `---
type: update
date: "2024-01-11T12:00:00-08:00"
components:
  payouts: suspended
next_update: "2024-01-12T12:00:00-08:00"
title: Still working on it
---
Payouts are still **stopped**.
`;

/** Small edits an operator might make by accident: delete, duplicate or insert characters anywhere. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(':', '-', '"', "'", '\n', '  ', '---', '{', '[', '#', '\t', '\u00a0', '2018-02-30', 'nxt_update: x', '&a', '*a', '!!binary', '\ufeff', '\r\n')) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: readonly Mutation[]): string {
  let out = text;
  for (const edit of edits) {
    const at = out.length === 0 ? 0 : edit.at % (out.length + 1);
    if (edit.kind === 'delete') out = out.slice(0, at) + out.slice(at + edit.length);
    else if (edit.kind === 'insert') out = out.slice(0, at) + edit.text + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + edit.length) + out.slice(at);
  }
  return out;
}

const FILE = 'incidents/2024-01-10-payouts-stopped/2024-01-11-update.md';

describe('readMarkdownFile never throws', () => {
  it('on mutated notices', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (edits) => {
        const result = readMarkdownFile(FILE, Buffer.from(mutate(VALID_NOTICE, edits)));
        if (!result.ok) {
          expect(result.diagnostics.length).toBeGreaterThan(0);
          for (const d of result.diagnostics) expect(d.file).toBe(FILE);
        }
      }),
      { numRuns: 1500, seed: 20180412 },
    );
  });

  it('on arbitrary bytes and arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)), fc.string({ maxLength: 400 }).map((s) => Buffer.from(`---\n${s}`))), (bytes) => {
        const result = readMarkdownFile(FILE, bytes);
        if (!result.ok) for (const d of result.diagnostics) expect(d.file).toBe(FILE);
      }),
      { numRuns: 1500, seed: 20180420 },
    );
  });
});

describe('loadSiteContent never throws and never drops a notice silently', () => {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('on a fixture site with one mutated notice', () => {
    const base = mkdtempSync(join(tmpdir(), 'shirase-prop-'));
    roots.push(base);
    cpSync(join(projectRoot, 'tests/fixtures/sites/basic'), base, { recursive: true });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (edits) => {
        writeFileSync(join(base, FILE), mutate(VALID_NOTICE, edits));
        const result = loadSiteContent(base);
        if (result.content) {
          // Valid: the notice is published (or deliberately a draft), never lost.
          const incident = result.content.incidents.find((i) => i.slug === '2024-01-10-payouts-stopped')!;
          const all = loadSiteContent(base, { includeDrafts: true }).content!.incidents.find((i) => i.slug === '2024-01-10-payouts-stopped')!;
          expect(all.notices.some((n) => n.id === '2024-01-11-update')).toBe(true);
          if (!all.notices.find((n) => n.id === '2024-01-11-update')!.draft) expect(incident.notices.some((n) => n.id === '2024-01-11-update')).toBe(true);
        } else {
          // Invalid: at least one error, and every error names a file.
          const errors = result.diagnostics.filter((d) => d.severity === 'error');
          expect(errors.length).toBeGreaterThan(0);
          for (const d of errors) expect(d.file.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 250, seed: 2018 },
    );
  });
});
