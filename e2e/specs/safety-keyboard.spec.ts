/**
 * Keyboard only: the deactivations table and the user locations table and their actions without a
 * mouse. Tab to a row's checkbox, select it with Space, reach the batch action with Shift+Tab, open it
 * with Enter, fill and confirm the dialog with the keyboard; switch tabs with the arrow keys and sort
 * with Enter; a row's Edit button and its dialog. axe runs on the tables and the dialogs. (The location
 * switcher's keyboard use is in location-setup-and-users.spec.ts.)
 */
import { expect, test } from '../core/test';
import { DeactivationPage } from '../pages/deactivation-page';
import { LocationAccessPage } from '../pages/location-access-page';
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
      await pressUntilFocused(page, dialog.getByLabel(/Reason for the reactivation/), { max: 10 });
      await keyboard.type('Test over');
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

test('keyboard only: give a user a location through the batch action, then take it away through the row\'s Edit dialog', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  // a long name, to see the table and the dialogs with it
  const username = 'maximiliana.montgomery';
  const locationName = 'Maternity Ward';
  const readUser = async () => {
    const body = await (await api.get(`user?q=${username}&v=custom:(uuid,username,userProperties)`)).json();
    return body.results.find((u: { username: string }) => u.username === username) as { uuid: string; userProperties: Record<string, string> };
  };
  const locationUuid = (await (await api.get(`location?q=${encodeURIComponent(locationName)}&v=custom:(uuid,name)`)).json()).results.find(
    (l: { name: string }) => l.name === locationName,
  ).uuid as string;
  const before = await readUser();
  expect(before.userProperties.locationUuid ?? '').not.toContain(locationUuid);

  await loginAsAdmin(page);
  const locations = new LocationAccessPage(page);
  const keyboard = page.keyboard;
  const row = locations.userRow(username);

  await test.step('Tab to the search, type the name, Tab to the row checkbox and select it with Space', async () => {
    await locations.open('');
    await page.locator('body').focus();
    await pressUntilFocused(page, page.getByRole('searchbox', { name: 'Search users' }));
    await keyboard.type('Montgomery');
    await expect(row).toHaveCount(1);
    const checkbox = row.getByRole('checkbox');
    await pressUntilFocused(page, checkbox, { max: 20 });
    await keyboard.press('Space');
    await expect(checkbox).toBeChecked();
    await screenshot('user selected with Space (long name)');
    await checkA11y({ name: 'user locations with a selected row', include: UserAccessPage.root });
  });

  await test.step('Shift+Tab to "Assign location", Enter; choose the location and assign, all by keyboard', async () => {
    await pressUntilFocused(page, page.getByRole('button', { name: 'Assign location' }), { key: 'Shift+Tab', max: 20 });
    await keyboard.press('Enter');
    const dialog = locations.dialog();
    await expect(dialog.getByRole('heading', { name: 'Assign a location to 1 user' })).toBeVisible();
    await expect.poll(() => hasFocus(dialog)).toBe(true);
    const select = dialog.getByLabel('Location');
    await pressUntilFocused(page, select, { max: 10 });
    // a closed native select chooses by typing the start of an option
    await keyboard.type(locationName);
    await expect(select.locator('option:checked')).toHaveText(new RegExp(`^${locationName}`));
    await checkA11y({ name: 'assign location dialog', include: '[role="dialog"]' });
    await pressUntilFocused(page, dialog.getByRole('button', { name: 'Assign', exact: true }), { max: 10 });
    await keyboard.press('Enter');
    await expect(dialog.getByText('1 succeeded, 0 failed')).toBeVisible();
    await screenshot('assigned by keyboard');
    await pressUntilFocused(page, dialog.getByRole('button', { name: 'Done' }), { max: 10 });
    await keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    expect((await readUser()).userProperties.locationUuid.split(',')).toContain(locationUuid);
    await expect(row).toContainText(locationName);
  });

  await test.step('the row\'s Edit button opens the user\'s locations; Space unchecks the location, Enter saves', async () => {
    await pressUntilFocused(page, row.getByRole('button', { name: /^Edit the locations of/ }), { max: 30 });
    await keyboard.press('Enter');
    const dialog = locations.dialog();
    await expect(dialog.getByRole('heading', { name: /^Locations of Maximiliana/ })).toBeVisible();
    const checkbox = dialog.getByRole('checkbox', { name: new RegExp(`^${locationName}`) });
    await expect(checkbox).toBeChecked();
    await pressUntilFocused(page, checkbox, { max: 30 });
    await keyboard.press('Space');
    await expect(checkbox).not.toBeChecked();
    await screenshot('edit dialog by keyboard (long name)');
    await checkA11y({ name: 'user locations dialog', include: '[role="dialog"]' });
    await pressUntilFocused(page, dialog.getByRole('button', { name: 'Save', exact: true }), { max: 30 });
    await keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    const after = await readUser();
    expect(after.userProperties.locationUuid ?? '').not.toContain(locationUuid);
    // properties the app does not own are kept
    expect(after.userProperties.lastLoginTimestamp).toBe(before.userProperties.lastLoginTimestamp);
    await expect(row).not.toContainText(locationName);
  });

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
