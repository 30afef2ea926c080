/**
 * Keyboard only: the deactivations table and its actions without a mouse. Tab to a row's checkbox,
 * select it with Space, reach the batch action with Shift+Tab, open it with Enter, fill and confirm
 * the dialog with the keyboard; switch tabs with the arrow keys and sort with Enter. axe runs on the
 * table and the dialog. (The location switcher's keyboard use is in location-setup-and-users.spec.ts.)
 */
import { expect, test } from '../core/test';
import { DeactivationPage } from '../pages/deactivation-page';
import { UserAccessPage } from '../pages/user-access-page';
import { hasFocus, loginAsAdmin, pressUntilFocused, previewPolicy, withStoredPolicy } from '../pages/safety-helpers';

test('keyboard only: select an account, deactivate it through the batch action and its dialog, switch tabs and sort', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const restorePolicy = await withStoredPolicy(api, previewPolicy);
  await loginAsAdmin(page);
  const deactivation = new DeactivationPage(page);
  const keyboard = page.keyboard;
  let username = '';

  try {
    await test.step('Tab from the top of the page to the first row checkbox, and Space selects it', async () => {
      await deactivation.gotoUpcoming();
      await expect(deactivation.rows().first()).toBeVisible();
      username = await deactivation.usernameOf(deactivation.rows().first());
      const checkbox = deactivation.rows().first().getByRole('checkbox');
      await page.locator('body').focus();
      const presses = await pressUntilFocused(page, checkbox);
      expect(presses).toBeGreaterThan(0);
      await keyboard.press('Space');
      await expect(checkbox).toBeChecked();
      await expect(page.getByText('Selected: 1', { exact: true })).toBeVisible();
      await screenshot('row selected with Space');
      await checkA11y({ name: 'table with a selected row', include: UserAccessPage.root });
    });

    await test.step('Shift+Tab reaches the batch action, Enter opens its dialog with the focus inside', async () => {
      const action = page.getByRole('button', { name: 'Deactivate now' });
      await pressUntilFocused(page, action, { key: 'Shift+Tab', max: 20 });
      await keyboard.press('Enter');
      await expect(deactivation.dialog()).toBeVisible();
      await expect(deactivation.dialog().getByText(`(${username})`)).toBeVisible();
      await expect.poll(() => hasFocus(deactivation.dialog())).toBe(true);
    });

    await test.step('fill the reason and confirm with the keyboard; the focus stays in the dialog', async () => {
      const dialog = deactivation.dialog();
      await pressUntilFocused(page, dialog.getByLabel(/Reason, recorded/), { max: 10 });
      await keyboard.type('Left the hospital (keyboard test)');
      await screenshot('dialog filled by keyboard');
      await checkA11y({ name: 'deactivate dialog', include: '[role="dialog"]' });
      // Tab must cycle inside the open modal, never to the page behind it
      for (let i = 0; i < 8; i++) {
        await keyboard.press('Tab');
        expect(await hasFocus(dialog)).toBe(true);
      }
      await pressUntilFocused(page, dialog.getByRole('button', { name: 'Deactivate', exact: true }), { max: 10 });
      await keyboard.press('Enter');
      await expect(dialog.getByText('1 succeeded, 0 failed')).toBeVisible();
      await screenshot('done, by keyboard');
      await checkA11y({ name: 'deactivate dialog with results', include: '[role="dialog"]' });
      await pressUntilFocused(page, dialog.getByRole('button', { name: 'Done' }), { max: 10 });
      await keyboard.press('Enter');
      await expect(dialog).toHaveCount(0);
      const users = await (await api.get(`user?q=${username}&includeAll=true&v=custom:(username,retired,auditInfo)`)).json();
      const user = users.results.find((u: { username: string }) => u.username === username);
      expect(user.retired).toBe(true);
      expect(user.auditInfo.retireReason).toContain('Left the hospital (keyboard test)');
    });

    await test.step('arrow keys move between the tabs, Enter on a column header sorts', async () => {
      const due = deactivation.tab(/^Due now/);
      await due.focus();
      await keyboard.press('ArrowRight');
      await expect(deactivation.tab(/^Within \d+ days/)).toBeFocused();
      await keyboard.press('ArrowRight');
      await keyboard.press('ArrowRight');
      const deactivated = deactivation.tab(/^Recently deactivated/);
      await expect(deactivated).toBeFocused();
      await keyboard.press('Enter');
      await expect(deactivated).toHaveAttribute('aria-selected', 'true');
      await expect(deactivation.rows().filter({ hasText: username })).toHaveCount(1);

      const nameHeader = deactivation.table().getByRole('columnheader', { name: /^Name/ });
      const sortButton = nameHeader.getByRole('button');
      await pressUntilFocused(page, sortButton, { max: 40 });
      await keyboard.press('Enter');
      await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
      await keyboard.press('Enter');
      await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
      await screenshot('recently deactivated, sorted by keyboard');
      await checkA11y({ name: 'recently deactivated tab', include: UserAccessPage.root });
    });

    await test.step('reactivate it again by keyboard, so later specs find the account as it was', async () => {
      await deactivation.search(username);
      const checkbox = deactivation.rows().filter({ hasText: username }).getByRole('checkbox');
      await pressUntilFocused(page, checkbox, { max: 60 });
      await keyboard.press('Space');
      await pressUntilFocused(page, page.getByRole('button', { name: 'Reactivate' }), { key: 'Shift+Tab', max: 20 });
      await keyboard.press('Enter');
      const dialog = deactivation.dialog();
      await pressUntilFocused(page, dialog.getByRole('button', { name: 'Reactivate', exact: true }), { max: 10 });
      await keyboard.press('Enter');
      await expect(dialog.getByText('1 succeeded, 0 failed')).toBeVisible();
      await keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    });
  } finally {
    await restorePolicy();
  }

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
