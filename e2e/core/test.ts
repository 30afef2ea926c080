import { test as base, type APIRequestContext } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './accessibility';
import { basicAuthHeader, restUrl } from './env';
import { stepScreenshots } from './screenshots';

/** Bundles of the assembled core apps, e.g. /openmrs/spa/openmrs-esm-primary-navigation-app-10.0.0/7786.js */
const coreAppBundle = /\/openmrs-esm-(login|primary-navigation|home|system-admin)-app-[\d.]+[^/]*\//;

interface Fixtures {
  /** Saves a numbered screenshot of the current step to e2e/screenshots/. */
  stepScreenshot: (name: string) => Promise<string>;
  /** Fails on serious/critical axe violations inside `include` (this module's DOM). */
  checkA11y: (options: { include: string | Array<string>; name: string; exclude?: Array<string> }) => Promise<void>;
  /**
   * Uncaught browser errors during the test that are not from the core apps around this module
   * (those are recorded as test annotations instead, since this module cannot fix them).
   */
  pageErrors: Array<Error>;
}

interface WorkerFixtures {
  /** REST client for /ws/rest/v1/ authenticated as the admin with Basic auth, for setup and checks. */
  api: APIRequestContext;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  api: [
    async ({ playwright }, use) => {
      const api = await playwright.request.newContext({
        baseURL: `${restUrl}/`,
        extraHTTPHeaders: { Authorization: basicAuthHeader },
      });
      await use(api);
      await api.dispose();
    },
    { scope: 'worker' },
  ],
  stepScreenshot: async ({ page }, use, testInfo) => {
    await use(stepScreenshots(page, testInfo));
  },
  checkA11y: async ({ page }, use, testInfo) => {
    await use((options) => expectNoSeriousA11yViolations(page, testInfo, options));
  },
  pageErrors: async ({ page }, use, testInfo) => {
    const errors: Array<Error> = [];
    page.on('pageerror', (error) => {
      const firstFrame = (error.stack ?? '').split('\n').find((line) => /https?:\/\//.test(line)) ?? '';
      if (coreAppBundle.test(firstFrame)) {
        testInfo.annotations.push({ type: 'core app error', description: `${error.message} (${firstFrame.trim()})` });
      } else {
        errors.push(error);
      }
    });
    await use(errors);
  },
});

export { expect } from '@playwright/test';
