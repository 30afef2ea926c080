/**
 * The alert after login: with the policy on and accounts due or upcoming, an administrator is told
 * how many, once, and can follow its link to the upcoming deactivations. The alert must not take the
 * focus: while it is on screen, what the administrator types into a form stays there.
 */
import { expect, test } from '../core/test';
import { DeactivationPage } from '../pages/deactivation-page';
import { hasFocus, loginAsAdmin, pressUntilFocused, previewPolicy, withStoredPolicy } from '../pages/safety-helpers';
import { SystemAdminPage } from '../pages/system-admin-page';
import { UserAccessPage } from '../pages/user-access-page';

test('after login an administrator is told how many accounts will be deactivated, keeps typing undisturbed, and follows the alert to the list', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  // maxPerRun only stops runs; it does not change what the alert counts
  const restorePolicy = await withStoredPolicy(api, { ...previewPolicy, enabled: true, neverLoggedIn: 'countFromCreation', maxPerRun: 10000 });
  const deactivation = new DeactivationPage(page);
  const systemAdmin = new SystemAdminPage(page);
  const alert = page.locator('.omrs-snackbars-container').filter({ hasText: /Accounts to be deactivated within 14 days: \d+/ });

  try {
    await test.step('log in: the alert says how many accounts are due or upcoming', async () => {
      await loginAsAdmin(page);
      await systemAdmin.goto();
      await expect(alert).toBeVisible();
      await screenshot('alert after login');
      await checkA11y({ name: 'deactivation alert', include: '.omrs-snackbars-container' });
    });

    await test.step('while the alert shows, Tab reaches the settings, and a value typed there stays and keeps the focus', async () => {
      await systemAdmin.card('Account deactivation').click();
      await page.getByRole('navigation', { name: 'Account deactivation pages' }).getByRole('link', { name: 'Inactivity settings' }).click();
      const limit = page.getByLabel('Days without a login before an account is deactivated');
      await expect(limit).toBeVisible();
      await expect(alert).toBeVisible();
      // the alert does not hold the keyboard: Tab leaves it
      await alert.getByRole('link', { name: 'Review the upcoming deactivations' }).focus();
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('Tab');
      }
      expect(await hasFocus(alert)).toBe(false);
      // and from the top of the page, Tab passes it and reaches the field
      await page.locator('body').focus();
      await pressUntilFocused(page, limit, { max: 60 });
      await page.keyboard.press('Control+a');
      await page.keyboard.type('0');
      await expect(limit).toHaveValue('0');
      await expect(limit).toBeFocused();
      await expect(limit).toHaveAttribute('aria-invalid', 'true');
      await screenshot('typing while the alert shows');
    });

    await test.step('the alert links to the upcoming deactivations', async () => {
      await alert.getByRole('link', { name: 'Review the upcoming deactivations' }).click();
      await expect(page).toHaveURL(/\/spa\/user-access\/deactivation$/);
      await expect(page.getByRole('tab', { name: /^Due now/ })).toBeVisible();
      await checkA11y({ name: 'upcoming deactivations from the alert', include: UserAccessPage.root });
    });

    await test.step('the alert is not shown again in the same login', async () => {
      await deactivation.gotoSettings();
      await expect(page.getByText('Due now', { exact: true })).toBeVisible();
      await expect(alert).toHaveCount(0);
    });
  } finally {
    await restorePolicy();
  }

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
