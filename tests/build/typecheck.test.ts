import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../support/build.ts';

// Types are part of the contract: a UI string missing in one locale, or a page
// using a field the schema does not have, must fail the test run.
it('passes astro check (TypeScript strict over src, pages and tests)', () => {
  const result = spawnSync(process.execPath, [join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'check'], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
});
