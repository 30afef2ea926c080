import { defineConfig, devices } from '@playwright/test';
import { resultsDir, spaUrl, storageStatePath } from './e2e/core/env';

/**
 * Browser tests in the real O3 app shell. `npm run test:e2e` (tools/e2e.mjs) starts the local
 * backend and app shell and sets E2E_BASE_URL; set E2E_BASE_URL yourself to test a running server.
 * Uses the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium): Playwright downloads no browser.
 */
export default defineConfig({
  testDir: './e2e/specs',
  outputDir: `${resultsDir}/artifacts`,
  timeout: 3 * 60 * 1000,
  expect: { timeout: 40 * 1000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  globalSetup: require.resolve('./e2e/core/global-setup'),
  // No HTML report: its JavaScript would land under e2e/, which `npm run lint` checks. On failure,
  // open the trace: npx playwright show-trace e2e/results/artifacts/<test>/trace.zip
  reporter: [['list'], ['junit', { outputFile: `${resultsDir}/junit.xml` }]],
  use: {
    baseURL: `${spaUrl}/`,
    storageState: storageStatePath,
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1440, height: 900 },
    actionTimeout: 30 * 1000,
    navigationTimeout: 60 * 1000,
    trace: 'retain-on-failure',
    // No video: it needs Playwright's own ffmpeg download. Traces and screenshots cover failures.
    video: 'off',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
