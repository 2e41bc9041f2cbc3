import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Build tests run `astro build` on fixture sites; the machine has 2 cores.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
