import { expect, type APIRequestContext, type APIResponse, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { restUrl } from '../core/env';
import { LoginPage } from './login-page';

/**
 * Helpers for the fault spec, which runs against a backend started with --latency, --error-rate=0.05
 * and --unauthorized-after=N (see tools/e2e.mjs): any request may answer 500/503, and a session ends
 * after N requests.
 */

/** Whether this run's backend injects faults (tools/e2e.mjs sets E2E_FAULTS for that pass). */
export const faultsEnabled = process.env.E2E_FAULTS === '1';
/** The backend's --unauthorized-after: a session's request budget. */
export const sessionBudget = Number(process.env.E2E_FAULTS_UNAUTHORIZED_AFTER || 0);

/** An API call for setup and checks, repeated on the injected 5xx and on a session that just ended (401). */
export async function reliably(call: () => Promise<APIResponse>, attempts = 8): Promise<APIResponse> {
  let response: APIResponse | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    response = await call();
    if (response.status() < 500 && response.status() !== 401) {
      return response;
    }
  }
  return response!;
}

/**
 * Counts this context's requests to REST and FHIR from the login on (the first request carrying
 * credentials): the ones the backend's session budget counts. A page's own API calls (page.request)
 * are not seen here; `spendSessionRequests` adds those.
 */
export function countSessionRequests(context: BrowserContext) {
  const counter = { count: 0, loggedIn: false };
  context.on('request', (request) => {
    if (!/\/ws\/(rest|fhir2)\//.test(request.url())) {
      return;
    }
    counter.loggedIn ||= !!request.headers()['authorization'];
    if (counter.loggedIn) {
      counter.count++;
    }
  });
  return counter;
}

/**
 * Logs in through the login form. An injected 5xx can make the login app show an error or the app
 * shell come back to the login page; then it tries again, as a person would.
 */
export async function loginThroughForm(page: Page, username: string, password: string, attempts = 5) {
  const login = new LoginPage(page);
  for (let attempt = 1; ; attempt++) {
    try {
      await login.goto();
      await login.enterUsername(username);
      await login.enterPassword(password);
      await login.chooseLocationIfAsked();
      await expect(page.getByRole('banner')).toBeVisible({ timeout: 20_000 });
      return;
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
    }
  }
}

export async function freshContext(browser: Browser) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return { context, page: await context.newPage() };
}

/**
 * Opens a page of the app, logging in again if an injected fault sent the app shell to the login
 * page, and reloading when the page shows a load error (a 5xx on one of its first requests).
 */
export async function openAppPage(
  page: Page,
  path: string,
  ready: () => Promise<void>,
  credentials: { username: string; password: string },
  attempts = 5,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(path);
      if (/\/login(\/|$)/.test(new URL(page.url()).pathname)) {
        await loginThroughForm(page, credentials.username, credentials.password);
        await page.goto(path);
      }
      await ready();
      return;
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
    }
  }
}

/** Spends `n` requests of the page's session budget with harmless reads (GET /session), 8 at a time. */
export async function spendSessionRequests(page: Page, n: number) {
  for (let start = 0; start < n; start += 8) {
    const batch = Math.min(8, n - start);
    await Promise.all(Array.from({ length: batch }, () => page.request.get(`${restUrl}/session?v=custom:(uuid)`)));
  }
}

/** The current location (uuid) of each patient, read through the API, as the app's attribute holds it. */
export async function patientLocations(api: APIRequestContext, attributeTypeName: string, patientUuids: string[]) {
  const byPatient: Record<string, string | null> = {};
  for (const uuid of patientUuids) {
    const response = await reliably(() => api.get(`person/${uuid}/attribute?v=full`));
    expect(response.ok(), `GET person/${uuid}/attribute: ${response.status()}`).toBe(true);
    const attributes: Array<{ attributeType: { display: string }; value: { uuid?: string } | string | null; voided?: boolean }> = (
      await response.json()
    ).results;
    const attribute = attributes.find((a) => a.attributeType.display === attributeTypeName && !a.voided);
    const value = attribute?.value;
    byPatient[uuid] = value && typeof value === 'object' ? (value.uuid ?? null) : (value ?? null);
  }
  return byPatient;
}

/** The setup check until nothing is missing: "Create what is missing" again when a fault broke a creation. */
export async function completeSetupCheck(page: Page, attempts = 5) {
  const create = page.getByRole('button', { name: 'Create what is missing' });
  const nothingMissing = page.getByRole('button', { name: 'Nothing is missing' });
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await expect(create.or(nothingMissing)).toBeVisible();
    if (await nothingMissing.isVisible()) {
      return;
    }
    // disabled while an earlier attempt is still creating or re-checking
    await expect(create).toBeEnabled({ timeout: 60_000 });
    await create.click();
    await expect(nothingMissing.or(page.getByText('Could not create everything'))).toBeVisible({ timeout: 60_000 });
  }
  await expect(nothingMissing).toBeDisabled();
}

/** "Preview matching patients" until the preview arrives (an injected fault can fail the search); returns the count. */
export async function previewUntilDone(page: Page, attempts = 5): Promise<number> {
  const matching = page.getByText(/^\d+ patients match/);
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('button', { name: 'Preview matching patients' }).click();
    try {
      await expect(matching.or(page.getByText('The patient search failed'))).toBeVisible({ timeout: 120_000 });
      if (await matching.isVisible()) {
        return Number((await matching.innerText()).match(/^(\d+)/)![1]);
      }
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
    }
    if (attempt >= attempts) {
      throw new Error('the preview failed every time');
    }
  }
}

/** The stored location job of whoever is logged in (localStorage `useraccess.locationJob.<user uuid>`). */
export async function storedLocationJob(page: Page) {
  return page.evaluate(() => {
    const key = Object.keys(window.localStorage).find((k) => k.startsWith('useraccess.locationJob.'));
    return key
      ? (JSON.parse(window.localStorage.getItem(key)!) as {
          items: Array<{ uuid: string; label: string }>;
          results: Record<string, { status: 'success' | 'failed'; message?: string }>;
          running: boolean;
        })
      : null;
  });
}

/**
 * Waits for the job in `job` (its region) to end; while patients are left, checks that each failure of
 * the run is listed with its reason, then retries. Returns how many failures were reported on the way.
 */
export async function finishJobRetryingFailures(page: Page, job: Locator, total: number, attempts = 6) {
  let reported = 0;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const summary = job.getByText(/^\d+ succeeded, \d+ failed$/);
    await expect(summary).toBeVisible({ timeout: 240_000 });
    await expect(job.getByRole('button', { name: 'Stop' })).toHaveCount(0);
    const failed = Number((await summary.innerText()).match(/(\d+) failed/)![1]);
    if (failed > 0) {
      // every failure of this run is listed, each with the server's status and reason
      const failures = job.getByRole('list', { name: 'Failed items' }).getByRole('listitem');
      await expect(failures).toHaveCount(failed);
      for (const text of await failures.allInnerTexts()) {
        expect(text).toMatch(/: (5\d\d|4\d\d): ./);
      }
      reported += failed;
    }
    const stored = await storedLocationJob(page);
    expect(stored?.items.length).toBe(total);
    const left = stored!.items.filter((item) => stored!.results[item.uuid]?.status !== 'success').length;
    if (left === 0) {
      return reported;
    }
    await job.getByRole('button', { name: /^(Retry the failed|Resume the)/ }).click();
  }
  throw new Error(`the job still had patients left after ${attempts} runs`);
}
