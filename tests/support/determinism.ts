import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './build.ts';

/**
 * Byte-for-byte comparison of two output trees: the determinism gate says
 * the same content builds to the same bytes whatever the machine's time
 * zone or locale.
 */

export interface TreeDifference {
  file: string;
  problem: 'only in first' | 'only in second' | 'bytes differ';
  /** For "bytes differ": where, and a snippet of each side there. */
  offset?: number;
  first?: string;
  second?: string;
}

function snippet(bytes: Buffer, at: number): string {
  return JSON.stringify(bytes.subarray(Math.max(0, at - 40), at + 60).toString('utf8'));
}

export function compareTrees(first: string, second: string): TreeDifference[] {
  const a = listFiles(first);
  const b = listFiles(second);
  const inB = new Set(b);
  const inA = new Set(a);
  const differences: TreeDifference[] = [];
  for (const file of a) if (!inB.has(file)) differences.push({ file, problem: 'only in first' });
  for (const file of b) if (!inA.has(file)) differences.push({ file, problem: 'only in second' });
  for (const file of a.filter((f) => inB.has(f))) {
    const x = readFileSync(join(first, file));
    const y = readFileSync(join(second, file));
    if (x.equals(y)) continue;
    let at = 0;
    while (at < x.length && at < y.length && x[at] === y[at]) at++;
    differences.push({ file, problem: 'bytes differ', offset: at, first: snippet(x, at), second: snippet(y, at) });
  }
  return differences.sort((p, q) => (p.file < q.file ? -1 : p.file > q.file ? 1 : 0));
}

export function formatTreeDifferences(differences: readonly TreeDifference[]): string {
  return differences
    .map((d) => (d.problem === 'bytes differ' ? `${d.file}: bytes differ at ${d.offset}\n    first:  ${d.first}\n    second: ${d.second}` : `${d.file}: ${d.problem}`))
    .join('\n');
}
