/**
 * The deactivation history: every action asks for a reason and records it on the account (with the
 * retire reason core clears on reactivation), "Deactivate all due" is kept in the run history, an
 * administrator without Manage Global Properties is told before the run and downloads its results,
 * and the History page filters and exports it all.
 */
import fs from 'node:fs';
import type { APIRequestContext, Download, Page } from '@playwright/test';
import { expect, test } from '../core/test';
import { expectNoSeriousA11yViolations } from '../core/accessibility';
import { stepScreenshots } from '../core/screenshots';
import { DeactivationPage } from '../pages/deactivation-page';
import { UserAccessPage } from '../pages/user-access-page';
import { ensurePrivilege, ensureRole, ensureUser, loginAsAdmin, loginInFreshContext, withStoredPolicy } from '../pages/safety-helpers';

const DAY = 24 * 60 * 60 * 1000;
const RUNS = 'systemsetting/useraccess.deactivationRuns';
const accounts = [
  { username: 'history.ana', givenName: 'Anastasia Wilhelmina Oluwaseun', familyName: 'Kowalczyk-Montgomery-Nakamura' },
  { username: 'history.ben', givenName: 'Ben', familyName: 'Historian' },
  { username: 'history.cleo', givenName: 'Cleo', familyName: 'Archivist' },
];
const editor = { username: 'history.editor', password: 'Editor123', role: 'History spec: deactivates without Manage Global Properties' };
const policy = {
  version: 1,
  enabled: true,
  inactiveDays: 3000,
  neverLoggedIn: 'never',
  demo: { enabled: false, inactiveDays: 2, familyName: 'Test Account', usernamePrefix: 'test-', systemIdPattern: '9+-\\d+' },
  exemptRoles: [],
  warningDays: 14,
  maxPerRun: 500,
};

interface ApiUser {
  uuid: string;
  retired: boolean;
  userProperties: Record<string, string>;
  auditInfo: { retireReason?: string };
}

async function apiUser(api: APIRequestContext, uuid: string): Promise<ApiUser> {
  return (await api.get(`user/${uuid}?v=custom:(uuid,retired,userProperties,auditInfo)`)).json();
}

/** Active, without exemption or history, last logged in `daysAgo` days ago. */
async function resetAccount(api: APIRequestContext, uuid: string, daysAgo: number) {
  const user = await apiUser(api, uuid);
  const props = { ...user.userProperties, lastLoginTimestamp: String(Date.now() - daysAgo * DAY) };
  for (const key of ['useraccess.exemptUntil', 'useraccess.exemptReason', 'useraccess.history']) {
    delete props[key];
  }
  const response = await api.post(`user/${uuid}`, { data: { retired: false, userProperties: props } });
  expect(response.status(), await response.text()).toBe(200);
}

const historyOf = async (api: APIRequestContext, uuid: string) => JSON.parse((await apiUser(api, uuid)).userProperties['useraccess.history'] ?? '[]');
const storedRuns = async (api: APIRequestContext) => {
  const response = await api.get(`${RUNS}?v=custom:(value)`);
  return response.ok() ? JSON.parse((await response.json()).value) : [];
};

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
}

test('every action asks for a reason and is kept, runs are kept or downloaded, and the History page filters and exports them', async ({
  page,
  browser,
  api,
}, testInfo) => {
  const screenshot = stepScreenshots(page, testInfo);
  const deactivation = new DeactivationPage(page);
  const uuids: string[] = [];
  for (const account of accounts) {
    uuids.push(await ensureUser(api, { ...account, password: 'History123', roles: [] }));
  }
  const [ana, , cleo] = uuids;
  for (const uuid of uuids) {
    await resetAccount(api, uuid, 3100);
  }
  await ensurePrivilege(api, 'Manage Account Deactivation');
  await ensureRole(api, editor.role, {
    privileges: ['Manage Account Deactivation', 'Get Users', 'Edit Users', 'Get Global Properties', 'Get Roles', 'Get Privileges', 'Get Locations'],
  });
  await ensureUser(api, { username: editor.username, password: editor.password, roles: [editor.role], givenName: 'Edda', familyName: 'Editor' });
  const restorePolicy = await withStoredPolicy(api, policy);

  try {
    await loginAsAdmin(page);

    await test.step('deactivating one account asks for the reason', async () => {
      await deactivation.gotoUpcoming();
      await deactivation.selectRowOf('history.ana');
      await page.getByRole('button', { name: 'Deactivate now' }).click();
      await deactivation.dialog().getByRole('button', { name: 'Deactivate' }).click();
      await expect(deactivation.dialog().getByText('Give a reason for the audit log.')).toBeVisible();
      await deactivation.field(/Reason, recorded/, 'Left for another facility');
      await screenshot('deactivate asks for a reason');
      await deactivation.dialog().getByRole('button', { name: 'Deactivate' }).click();
      await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
      await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
    });

    await test.step('reactivating asks for the reason, and the entry keeps the retire reason core clears', async () => {
      await deactivation.openTab(/^Recently deactivated/);
      await deactivation.selectRowOf('history.ana');
      await page.getByRole('button', { name: 'Reactivate' }).click();
      await deactivation.field(/Reason for the reactivation/, 'Came back after the transfer');
      await screenshot('reactivate asks for a reason');
      await expectNoSeriousA11yViolations(page, testInfo, { name: 'reactivate dialog', include: '[role="dialog"]' });
      await deactivation.dialog().getByRole('button', { name: 'Reactivate' }).click();
      await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
      await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
      const user = await apiUser(api, ana);
      expect(user.retired).toBe(false);
      expect(user.auditInfo.retireReason).toBeUndefined();
      expect((await historyOf(api, ana)).map((e: { action: string; previousRetireReason: string | null }) => [e.action, e.previousRetireReason])).toEqual([
        ['deactivate', null],
        ['reactivate', expect.stringContaining('Left for another facility')],
      ]);
    });

    await test.step('removing an exemption asks for the reason and is recorded', async () => {
      await deactivation.openTab(/^Exempt/);
      await deactivation.selectRowOf('history.ana');
      await page.getByRole('button', { name: 'Remove exemption' }).click();
      await deactivation.field(/Reason for removing the exemption/, 'Grace period not needed');
      await screenshot('remove exemption asks for a reason');
      await deactivation.dialog().getByRole('button', { name: 'Remove exemption' }).click();
      await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
      await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
      expect((await historyOf(api, ana)).at(-1)).toMatchObject({ action: 'removeExemption', reason: 'Grace period not needed', by: 'admin' });
    });

    const runsBefore = (await storedRuns(api)).length;

    await test.step('without Manage Global Properties: told before the run, results downloaded after it', async () => {
      const editorPage = await loginInFreshContext(browser, editor.username, editor.password);
      // one numbered series per test: the editor's page is saved under the admin's series
      const shot = async (name: string) => editorPage.screenshot({ path: await screenshot(name), fullPage: true, animations: 'disabled' });
      const editorDeactivation = new DeactivationPage(editorPage);
      await editorDeactivation.gotoUpcoming();
      await editorPage.getByRole('button', { name: /Deactivate all due accounts \(3\)/ }).click();
      await expect(editorDeactivation.dialog().getByText('This run will not be kept in the run history.')).toBeVisible();
      await shot('run history unwritable, before the run');
      await expectNoSeriousA11yViolations(editorPage, testInfo, { name: 'run history unwritable', include: '[role="dialog"]' });
      await editorDeactivation.dialog().getByRole('button', { name: 'Deactivate' }).click();
      await expect(editorDeactivation.dialog().getByText('3 succeeded, 0 failed')).toBeVisible();
      const { name, text } = await downloadText(editorPage, () =>
        editorDeactivation.dialog().getByRole('button', { name: 'Download the results (CSV)' }).click(),
      );
      expect(name).toMatch(/^deactivation-run-.*\.csv$/);
      expect(text.split('\r\n').slice(1, 4).sort()).toEqual(['history.ana,deactivated,', 'history.ben,deactivated,', 'history.cleo,deactivated,']);
      await shot('run results offered as CSV');
      await editorPage.context().close();
      expect((await storedRuns(api))).toHaveLength(runsBefore);
      expect((await historyOf(api, cleo)).at(-1)).toMatchObject({ action: 'deactivate', by: editor.username });
    });

    await test.step('"Deactivate all due" by an administrator who may write it is kept in the run history', async () => {
      await resetAccount(api, cleo, 3100);
      await deactivation.gotoUpcoming();
      await page.getByRole('button', { name: /Deactivate all due accounts \(1\)/ }).click();
      await expect(deactivation.dialog().getByText('This run will not be kept in the run history.')).toHaveCount(0);
      await deactivation.dialog().getByRole('button', { name: 'Deactivate' }).click();
      await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
      await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
      const runs = await storedRuns(api);
      expect(runs).toHaveLength(Math.min(runsBefore + 1, 200));
      // the stored form (run-history-codec.ts): by, via page, not a dry run, counts, accounts
      expect(runs.at(-1)).toMatchObject({ b: 'admin', v: 'p', d: 0, n: [1, 1, 0, 0, 0], a: [['history.cleo', 'D']] });
    });

    await test.step('the History page lists the changes and the run, filters them and exports CSV', async () => {
      await page.getByRole('link', { name: 'Deactivation history' }).click();
      const table = page.getByRole('table', { name: 'Deactivation history' });
      await expect(table).toBeVisible();
      await page.getByLabel('Account', { exact: true }).fill('Kowalczyk');
      await expect(table.locator('tbody tr')).toHaveCount(4);
      await expect(table).toContainText('Came back after the transfer');
      await expect(table).toContainText('Left for another facility');
      await screenshot('history of one account, long name');
      await expectNoSeriousA11yViolations(page, testInfo, { name: 'history page', include: UserAccessPage.root });
      const csv = await downloadText(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
      expect(csv.name).toBe('deactivation-history.csv');
      expect(csv.text).toContain('Reactivation');
      expect(csv.text).toContain('Came back after the transfer');

      await page.getByLabel('Account', { exact: true }).fill('');
      await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Run' });
      await page.getByLabel('Runner', { exact: true }).selectOption({ label: 'This app' });
      const today = new Date().toISOString().slice(0, 10);
      await page.getByLabel('From (UTC)').fill(today);
      await page.getByLabel('To (UTC)').fill(today);
      await expect(table.locator('tbody tr').first()).toContainText('history.cleo: Deactivated');
      await screenshot('runs of today');

      await page.getByLabel('Account', { exact: true }).fill('nobody-has-this-name');
      await expect(page.getByText('No entries match these filters.')).toBeVisible();
      await screenshot('nothing matches');

      await page.setViewportSize({ width: 480, height: 900 });
      await page.getByLabel('Account', { exact: true }).fill('history.ana');
      await page.getByLabel('Action', { exact: true }).selectOption({ label: 'All' });
      await page.getByLabel('Runner', { exact: true }).selectOption({ label: 'All' });
      await expect(table.locator('tbody tr').first()).toBeVisible();
      await screenshot('narrow window');
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await test.step('when the run history cannot be read, the accounts\' history is still shown', async () => {
      await page.route('**/ws/rest/v1/systemsetting/useraccess.deactivationRuns*', (route) =>
        route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { message: 'Simulated server error' } }) }),
      );
      await page.reload();
      await expect(page.getByText("The run history could not be read; only the accounts' own history is shown.")).toBeVisible();
      await expect(page.getByRole('table', { name: 'Deactivation history' })).toBeVisible();
      await screenshot('run history unreadable');
      await page.unroute('**/ws/rest/v1/systemsetting/useraccess.deactivationRuns*');
    });
  } finally {
    await restorePolicy();
    for (const uuid of uuids) {
      await resetAccount(api, uuid, 1);
    }
  }
});
