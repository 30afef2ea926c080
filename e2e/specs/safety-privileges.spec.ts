/**
 * Safety: every page and action of this app as users without its privileges. The admin cards are
 * hidden, a direct link shows "You do not have permission", and when the app privilege is there but
 * the server's own privileges (Get Users) are not, the server's 403 is shown, never a blank page or a
 * misleading empty result. Every login goes through the real login form in a fresh browser context.
 */
import { expect, test } from '../core/test';
import { restUrl } from '../core/env';
import { expectNoSeriousA11yViolations } from '../core/accessibility';
import { stepScreenshots } from '../core/screenshots';
import { SystemAdminPage } from '../pages/system-admin-page';
import { UserAccessPage } from '../pages/user-access-page';
import { ensurePrivilege, ensureRole, ensureUser, expectNoPermission, loginInFreshContext } from '../pages/safety-helpers';

const reviewer = { username: 'safety.reviewer', password: 'Reviewer123', role: 'Safety: Deactivation reviewer' };

test('a Registration Clerk sees no admin card and a clear "no permission" on every page of the app', async ({ browser, pageErrors }, testInfo) => {
  const page = await loginInFreshContext(browser, 'clerk', 'Clerk123');
  const screenshot = stepScreenshots(page, testInfo);
  const userAccess = new UserAccessPage(page);

  await test.step('System Administration has neither card', async () => {
    await page.goto('system-administration');
    // the dashboard's own card shows the slot has rendered
    await expect(page.getByRole('link', { name: /Legacy Admin/ })).toBeVisible();
    await expect(page.locator(SystemAdminPage.cardExtensions.accountDeactivation)).toHaveCount(0);
    await expect(page.locator(SystemAdminPage.cardExtensions.locationAccess)).toHaveCount(0);
    await expect(page.getByRole('link', { name: /Account deactivation|Location access/ })).toHaveCount(0);
    await screenshot('system administration as clerk');
  });

  const pages = [
    { path: 'deactivation', privilege: 'Manage Account Deactivation' },
    { path: 'deactivation/settings', privilege: 'Manage Account Deactivation' },
    { path: 'locations', privilege: 'Manage Location Access' },
    { path: 'locations/report', privilege: 'Manage Location Access' },
    { path: 'locations/setup', privilege: 'Manage Location Access' },
    { path: 'locations/patient', privilege: 'Assign Patient Locations' },
    { path: 'locations/bulk', privilege: 'Bulk Change Patient Locations' },
    { path: 'locations/move', privilege: 'Bulk Change Patient Locations' },
  ];
  for (const { path, privilege } of pages) {
    await test.step(`a direct link to /user-access/${path} says what is missing`, async () => {
      await userAccess.goto(path);
      await expectNoPermission(page, privilege);
    });
  }

  await test.step('the notice is accessible', async () => {
    for (const path of ['deactivation', 'locations']) {
      await userAccess.goto(path);
      await expect(page.getByText('You do not have permission to see this page')).toBeVisible();
      await screenshot(`no permission ${path}`);
      await expectNoSeriousA11yViolations(page, testInfo, { name: `no permission ${path}`, include: UserAccessPage.root });
    }
  });

  await test.step('the server refuses the same data to this session (hiding is not the only guard)', async () => {
    const users = await page.request.get(`${restUrl}/user?v=default&limit=1`);
    expect(users.status()).toBe(403);
    const policy = await page.request.post(`${restUrl}/systemsetting`, {
      data: { property: 'useraccess.deactivationPolicy', value: '{}' },
    });
    expect(policy.status()).toBe(403);
  });

  await page.context().close();
  expect(pageErrors.map((e) => e.message)).toEqual([]);
});

test('a user with the app privilege but not the server privileges sees the server 403, not an empty page', async ({ browser, api }, testInfo) => {
  await test.step('create a role with only "Manage Account Deactivation" on top of Registration Clerk, and a user', async () => {
    await ensurePrivilege(api, 'Manage Account Deactivation');
    await ensureRole(api, reviewer.role, {
      privileges: ['Manage Account Deactivation'],
      inheritedRoles: ['Organizational: Registration Clerk'],
    });
    await ensureUser(api, {
      username: reviewer.username,
      password: reviewer.password,
      roles: [reviewer.role],
      givenName: 'Safety',
      familyName: 'Reviewer',
    });
  });

  const page = await loginInFreshContext(browser, reviewer.username, reviewer.password);
  const screenshot = stepScreenshots(page, testInfo);
  const userAccess = new UserAccessPage(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await test.step('System Administration shows the account deactivation card only', async () => {
    await page.goto('system-administration');
    await expect(page.locator(SystemAdminPage.cardExtensions.accountDeactivation).getByRole('link', { name: /Account deactivation/ })).toBeVisible();
    await expect(page.locator(SystemAdminPage.cardExtensions.locationAccess)).toHaveCount(0);
    await screenshot('system administration as reviewer');
  });

  await test.step('upcoming deactivations: the server 403 for the user list is shown with its message', async () => {
    await userAccess.goto('deactivation');
    const notification = page.locator(UserAccessPage.root).getByRole('status').or(page.locator(UserAccessPage.root).locator('.cds--inline-notification'));
    await expect(page.getByText('Could not load users and the deactivation policy')).toBeVisible();
    await expect(notification.first()).toContainText(/403: .*Privileges required: Get (Users|Global Properties)/);
    await expect(page.getByRole('table', { name: 'Deactivations' })).toHaveCount(0);
    await screenshot('upcoming with a server 403');
    await expectNoSeriousA11yViolations(page, testInfo, { name: 'upcoming with a server 403', include: UserAccessPage.root });
  });

  await test.step('inactivity settings: no preview of zeros, the 403 instead', async () => {
    await userAccess.goto('deactivation/settings');
    await expect(
      page.getByText('Could not load the users, so there is no preview').or(page.getByText('Could not load the deactivation policy')),
    ).toBeVisible();
    await expect(page.locator(UserAccessPage.root).getByText(/403: .*Privileges required/).first()).toBeVisible();
    await screenshot('settings with a server 403');
    await expectNoSeriousA11yViolations(page, testInfo, { name: 'settings with a server 403', include: UserAccessPage.root });
  });

  await page.context().close();
  expect(errors).toEqual([]);
});

test('a user who may read users but not edit them sees the table with no action on it', async ({ browser, api }, testInfo) => {
  const viewer = { username: 'safety.viewer', password: 'Viewer123', role: 'Safety: Deactivation viewer' };
  await ensurePrivilege(api, 'Manage Account Deactivation');
  await ensureRole(api, viewer.role, {
    privileges: ['Manage Account Deactivation', 'Get Users', 'Get Global Properties'],
    inheritedRoles: ['Organizational: Registration Clerk'],
  });
  await ensureUser(api, { ...viewer, roles: [viewer.role], givenName: 'Safety', familyName: 'Viewer' });

  const page = await loginInFreshContext(browser, viewer.username, viewer.password);
  const screenshot = stepScreenshots(page, testInfo);
  await new UserAccessPage(page).goto('deactivation');
  const table = page.getByRole('table', { name: 'Deactivations' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  await expect(table.getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Deactivate all due accounts/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Deactivate now|Exempt until|Reactivate/ })).toHaveCount(0);
  await screenshot('read-only table');
  await expectNoSeriousA11yViolations(page, testInfo, { name: 'read-only table', include: UserAccessPage.root });
  await page.context().close();
});
