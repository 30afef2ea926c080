import { adminPassword, adminUser } from '../core/env';
import { expect, test } from '../core/test';
import { AppShell } from '../pages/app-shell';
import { LoginPage } from '../pages/login-page';
import { SystemAdminPage } from '../pages/system-admin-page';
import { UserAccessPage } from '../pages/user-access-page';

// This spec tests the real login form, so it starts without the saved API session.
test.use({ storageState: { cookies: [], origins: [] } });

test('an administrator logs in, finds the user access cards in System Administration and opens the app', async ({
  page,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const loginPage = new LoginPage(page);
  const shell = new AppShell(page);
  const systemAdmin = new SystemAdminPage(page);
  const userAccess = new UserAccessPage(page);

  await test.step('open the login page', async () => {
    await loginPage.goto();
    await screenshot('login page');
  });

  await test.step(`log in as ${adminUser} through the login form`, async () => {
    await loginPage.enterUsername(adminUser);
    await screenshot('password step');
    await loginPage.enterPassword(adminPassword);
    await loginPage.chooseLocationIfAsked({ beforeChoosing: () => screenshot('location picker') });
    await expect(shell.topNav()).toBeVisible();
    await screenshot('logged in');
  });

  await test.step('open System Administration and see both cards', async () => {
    await systemAdmin.goto();
    await expect(systemAdmin.card('Account deactivation')).toBeVisible();
    await expect(systemAdmin.card('Location access')).toBeVisible();
    await screenshot('system administration cards');
    await checkA11y({
      name: 'system administration cards',
      include: [SystemAdminPage.cardExtensions.accountDeactivation, SystemAdminPage.cardExtensions.locationAccess],
    });
  });

  await test.step('open the account deactivation card', async () => {
    await systemAdmin.card('Account deactivation').click();
    await userAccess.expectLoaded();
    await expect(page).toHaveURL(/\/spa\/user-access\/.+/);
    await expect(userAccess.sectionNav()).toBeVisible();
    await screenshot('user access page');
    await checkA11y({ name: 'user access page', include: UserAccessPage.root });
  });

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
