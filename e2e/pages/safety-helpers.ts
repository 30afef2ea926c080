import { expect, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { adminPassword, adminUser } from '../core/env';
import type { DeactivationPage } from './deactivation-page';
import { LoginPage } from './login-page';
import { UserAccessPage } from './user-access-page';

/**
 * Setup for the safety specs: accounts with chosen privileges, created through the REST API as an
 * administrator would (POST /privilege, /role, /user), and fresh logins through the real login form.
 */

/** Creates the privilege unless it exists (this app's setup check creates them on a real server). */
export async function ensurePrivilege(api: APIRequestContext, name: string) {
  const found = await api.get(`privilege/${encodeURIComponent(name)}`);
  if (found.ok()) {
    return;
  }
  const created = await api.post('privilege', { data: { name, description: `Created by the safety e2e spec` } });
  expect(created.status(), await created.text()).toBe(201);
}

/** A role with these privileges (and inherited roles), unless one of that name exists. */
export async function ensureRole(
  api: APIRequestContext,
  name: string,
  { privileges = [], inheritedRoles = [] }: { privileges?: string[]; inheritedRoles?: string[] },
) {
  const found = await api.get(`role/${encodeURIComponent(name)}`);
  if (found.ok()) {
    return;
  }
  const created = await api.post('role', {
    data: { name, description: 'Created by the safety e2e spec', privileges, inheritedRoles },
  });
  expect(created.status(), await created.text()).toBe(201);
}

/** A user with these roles, unless that username exists; returns its uuid. */
export async function ensureUser(
  api: APIRequestContext,
  { username, password, roles, givenName, familyName }: { username: string; password: string; roles: string[]; givenName: string; familyName: string },
): Promise<string> {
  const found = await (await api.get(`user?q=${encodeURIComponent(username)}&v=custom:(uuid,username)`)).json();
  const existing = found.results?.find((u: { username: string }) => u.username === username);
  if (existing) {
    return existing.uuid;
  }
  const created = await api.post('user', {
    data: {
      username,
      password,
      roles,
      person: { names: [{ givenName, familyName }], gender: 'F' },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()).uuid;
}

/** A new browser context with no saved session, logged in through the login form. */
export async function loginInFreshContext(browser: Browser, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.enterUsername(username);
  await login.enterPassword(password);
  await login.chooseLocationIfAsked();
  return page;
}

/** Every request that could change something (not a GET) to the REST or FHIR API, from now on. */
export function recordWrites(page: Page): string[] {
  const writes: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET' && /\/ws\/(rest|fhir2)\//.test(request.url())) {
      writes.push(`${request.method()} ${request.url()}`);
    }
  });
  return writes;
}

/** Opens "Due now", or "Within N days" when nothing is due, and returns the table's first row. */
export async function firstActionableRow(deactivation: DeactivationPage) {
  await deactivation.gotoUpcoming();
  await expect(deactivation.rows().first().or(deactivation.page.getByText('No users here.'))).toBeVisible();
  if ((await deactivation.rows().count()) === 0) {
    await deactivation.openTab(/^Within \d+ days/);
  }
  await expect(deactivation.rows().first()).toBeVisible();
  return deactivation.rows().first();
}

/** Selects a row with its checkbox (Carbon's label covers the input, so force the check). */
export async function selectRow(row: Locator) {
  await row.getByRole('checkbox').check({ force: true });
}

/** A page of this app that the user may not see: the notice, and nothing of the page itself. */
export async function expectNoPermission(page: Page, privilege: string) {
  await expect(page.getByText('You do not have permission to see this page')).toBeVisible();
  await expect(page.getByText(`It requires the privilege "${privilege}".`)).toBeVisible();
  const root = page.locator(UserAccessPage.root);
  await expect(root.getByRole('table')).toHaveCount(0);
  await expect(root.getByRole('form')).toHaveCount(0);
  await expect(root.getByRole('button')).toHaveCount(0);
}

/** Whether `target` (or something inside it) has the keyboard focus; false when it is not there. */
export async function hasFocus(target: Locator) {
  return (
    (await target.count()) > 0 &&
    (await target.first().evaluate((el) => el === document.activeElement || el.contains(document.activeElement)))
  );
}

/** Presses Tab (or `key`, e.g. Shift+Tab) until `target` has the focus, as a keyboard user moves through a page. */
export async function pressUntilFocused(page: Page, target: Locator, { key = 'Tab', max = 80 } = {}) {
  for (let presses = 0; presses <= max; presses++) {
    if (await hasFocus(target)) {
      return presses;
    }
    await page.keyboard.press(key);
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`${max} × ${key} did not reach ${target}; the focus is on ${focused}`);
}

const policyPath = 'systemsetting/useraccess.deactivationPolicy';

/**
 * Stores a deactivation policy through the API (as the settings page would) and returns a function
 * that puts back what was there before.
 */
export async function withStoredPolicy(api: APIRequestContext, policy: object) {
  const before = await api.get(`${policyPath}?v=custom:(value)`);
  const previous = before.ok() ? ((await before.json()).value as string) : null;
  const save = async (value: string) => {
    const response = await api.post('systemsetting', {
      data: { property: 'useraccess.deactivationPolicy', value, description: 'Account deactivation policy (User Access app)' },
    });
    expect(response.ok(), await response.text()).toBe(true);
  };
  await save(JSON.stringify(policy));
  return async () => {
    if (previous === null) {
      await api.delete(`${policyPath}?purge=true`);
    } else {
      await save(previous);
    }
  };
}

/** The app's default policy with a 90-day limit, switched off: the table shows what it would do. */
export const previewPolicy = {
  version: 1,
  enabled: false,
  inactiveDays: 90,
  neverLoggedIn: 'never',
  demo: { enabled: true, inactiveDays: 2, familyName: 'Test Account', usernamePrefix: 'test-', systemIdPattern: '9+-\\d+' },
  exemptRoles: [],
  warningDays: 14,
  maxPerRun: 500,
};

/**
 * Logs the test's own page in through the login form as the administrator, instead of relying on
 * the session global-setup saved in e2e/results/storage-state.json (which another run of the suite
 * on this machine can overwrite with a session of its own backend: localhost cookies ignore ports).
 */
export async function loginAsAdmin(page: Page) {
  await page.context().clearCookies();
  const login = new LoginPage(page);
  await login.goto();
  await login.enterUsername(adminUser);
  await login.enterPassword(adminPassword);
  await login.chooseLocationIfAsked();
}
