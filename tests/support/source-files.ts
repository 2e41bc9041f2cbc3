import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './build.ts';

/** Project-relative paths (forward slashes) of the files under `dir` whose names match `pattern`, depth first. */
export function sourceFiles(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(projectRoot, dir)).sort()) {
    const path = `${dir}/${name}`;
    if (statSync(join(projectRoot, path)).isDirectory()) out.push(...sourceFiles(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}
