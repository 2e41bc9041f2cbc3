import { expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumInstalled, launchChromium, skipBrowserTests } from '../support/browser.ts';

// The browser tests need Debian's Chromium. Without it they are skipped
// locally; on CI (CI set) this test fails, so the run's "N failed" count
// shows it even though the other browser files only fail in their beforeAll.

it.skipIf(skipBrowserTests)(`Chromium is installed at ${CHROMIUM_PATH} and launches`, async () => {
  expect(chromiumInstalled, `${CHROMIUM_PATH} is missing: apt-get install -y chromium (.ci/run does this)`).toBe(true);
  const browser = await launchChromium();
  try {
    expect(browser.version()).toMatch(/^\d+\./);
  } finally {
    await browser.close();
  }
});
