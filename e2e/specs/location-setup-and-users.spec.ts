import type { APIRequestContext, Browser, BrowserContext } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../core/accessibility';
import { expect, test } from '../core/test';
import { LocationAccessPage } from '../pages/location-access-page';
import { LocationSwitcher } from '../pages/location-switcher';
import { LoginPage } from '../pages/login-page';
import { UserAccessPage } from '../pages/user-access-page';

const OUTPATIENT = { name: 'Outpatient Clinic', uuid: '44c3efb0-2583-4c80-a79e-1f756a03c0a1' };
const INPATIENT = { name: 'Inpatient Ward', uuid: 'ba685651-ed3b-4e63-a4a9-6b41ebf6b4d5' };
const ALL = 'All accessible locations';
const APP_PRIVILEGES = [
  'Manage Location Access',
  'Assign Patient Locations',
  'Bulk Change Patient Locations',
  'Manage Account Deactivation',
];
const APP_ATTRIBUTE_TYPE_UUID = '3f6c7e0a-9b1d-4c52-8e7a-5d2b0c4a91e7';
const APP_ATTRIBUTE_TYPE_NAME = 'Patient location (User Access app)';
const SEEDED_PASSWORD = 'Password123';

/** Two seeded users who logged in recently (the deactivation spec leaves them alone), both without locations. */
const twoLocationUser = { username: 'test-doctor', name: 'Trial Doctor' };
const oneLocationUser = { username: 'visitor2', name: 'Visiting Student' };

async function userProperties(api: APIRequestContext, username: string) {
  const body = await (await api.get(`user?q=${username}&v=custom:(uuid,username,userProperties)`)).json();
  const user = body.results.find((u: { username: string }) => u.username === username);
  expect(user, `user ${username}`).toBeTruthy();
  return user as { uuid: string; userProperties: Record<string, string> };
}

/** A browser context with nobody logged in, logged in as `username` through the real login form. */
async function logInThroughForm(browser: Browser, username: string): Promise<BrowserContext> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.enterUsername(username);
  await login.enterPassword(SEEDED_PASSWORD);
  await login.chooseLocationIfAsked();
  await expect(page.getByRole('banner')).toBeVisible();
  return context;
}

test('the setup check shows what is missing and creates it, and says that nothing enforces the assignments', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const locations = new LocationAccessPage(page);

  await test.step('start from a server without the app privileges', async () => {
    // The patients spec runs first in a full run and creates them through this page; the privileges
    // are held by no role, so removing them gives the check something to find again. The attribute
    // type then holds patients' locations and stays.
    for (const name of APP_PRIVILEGES) {
      const response = await api.delete(`privilege/${encodeURIComponent(name)}?purge=true`);
      expect([204, 404]).toContain(response.status());
    }
  });

  const typeExisted =
    (await (await api.get(`personattributetype?q=${encodeURIComponent(APP_ATTRIBUTE_TYPE_NAME)}`)).json()).results
      .length > 0;

  await test.step('the check lists the missing privileges and the missing attribute type', async () => {
    await locations.open('setup');
    const privileges = page.getByRole('region', { name: 'Privileges' });
    for (const name of APP_PRIVILEGES) {
      await expect(privileges.getByRole('listitem').filter({ hasText: name })).toContainText('Missing');
    }
    const storage = page.getByRole('region', { name: 'Where patient locations are stored' });
    await expect(storage).toContainText('The locationbasedaccess module is not installed');
    if (!typeExisted) {
      await expect(storage).toContainText(`The attribute type "${APP_ATTRIBUTE_TYPE_NAME}" does not exist yet.`);
    }
    const enforcement = page.getByRole('region', { name: 'Server-side enforcement' });
    await expect(enforcement).toContainText('No server-side enforcement');
    await expect(enforcement).toContainText('searches are not filtered by the server');
    await expect(locations.createMissingButton()).toBeEnabled();
    await screenshot('setup check with missing items');
    await checkA11y({ name: 'setup check, missing', include: UserAccessPage.root });
  });

  await test.step('"Create what is missing" creates the privileges and the attribute type', async () => {
    await locations.createMissingButton().click();
    await expect(locations.nothingMissingButton()).toBeDisabled();
    const privileges = page.getByRole('region', { name: 'Privileges' });
    for (const name of APP_PRIVILEGES) {
      await expect(privileges.getByRole('listitem').filter({ hasText: name })).toContainText('Present');
    }
    for (const name of APP_PRIVILEGES) {
      expect((await api.get(`privilege/${encodeURIComponent(name)}`)).ok(), name).toBe(true);
    }
    // REST does not take a uuid on create (not a creatable property), so the type may get the
    // server's uuid; the check then shows that uuid and says to put it in the config.
    const found = await (
      await api.get(`personattributetype?q=${encodeURIComponent(APP_ATTRIBUTE_TYPE_NAME)}&v=default`)
    ).json();
    expect(found.results).toHaveLength(1);
    const type = found.results[0];
    expect(type.format).toBe('org.openmrs.Location');
    expect(type.retired).toBe(false);
    const storage = page.getByRole('region', { name: 'Where patient locations are stored' });
    await expect(storage).toContainText(`${APP_ATTRIBUTE_TYPE_NAME} (${type.uuid})`);
    if (type.uuid !== APP_ATTRIBUTE_TYPE_UUID) {
      await expect(storage).toContainText(
        `Found by name with uuid ${type.uuid}; set the config key patientLocationAttributeTypeUuid`,
      );
    }
    await screenshot('setup check after creating');
    await checkA11y({ name: 'setup check, complete', include: UserAccessPage.root });
  });

  await test.step('a narrow window', async () => {
    await page.setViewportSize({ width: 640, height: 900 });
    await locations.open('setup');
    await screenshot('setup check at 640px');
  });

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});

test('an administrator gives a user two locations, and that user switches between them in the top navigation', async ({
  page,
  browser,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const locations = new LocationAccessPage(page);

  await test.step('find the user on the user locations page', async () => {
    await locations.open('');
    await expect(locations.usersTable()).toBeVisible();
    await screenshot('user locations');
    await checkA11y({ name: 'user locations', include: UserAccessPage.root });
    await locations.searchUsers(twoLocationUser.username);
    await expect(locations.userRow(twoLocationUser.username)).toHaveCount(1);
    await expect(locations.userRow(twoLocationUser.username)).toContainText('No location');
  });

  await test.step('choose Outpatient Clinic and Inpatient Ward, Inpatient Ward as the default', async () => {
    await locations
      .userRow(twoLocationUser.username)
      .getByRole('button', { name: `Edit the locations of ${twoLocationUser.name}` })
      .click();
    const dialog = locations.dialog();
    await expect(dialog.getByRole('heading', { name: `Locations of ${twoLocationUser.name}` })).toBeVisible();
    const choices = dialog.getByRole('group', { name: 'Locations this user can access' });
    // Carbon hides the checkbox input behind its label; a person clicks the label
    await choices.locator('label').filter({ hasText: OUTPATIENT.name }).click();
    await expect(choices.getByRole('checkbox', { name: new RegExp(`^${OUTPATIENT.name}`) })).toBeChecked();
    await choices.locator('label').filter({ hasText: INPATIENT.name }).click();
    await expect(choices.getByRole('checkbox', { name: new RegExp(`^${INPATIENT.name}`) })).toBeChecked();
    await locations.selectOption('Default location (used at login)', INPATIENT.name);
    await screenshot('two locations and a default');
    await checkA11y({ name: 'edit user locations', include: '[role="dialog"]' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    const row = locations.userRow(twoLocationUser.username);
    await expect(row).toContainText(OUTPATIENT.name);
    await expect(row).toContainText(`${INPATIENT.name} (default)`);
    await screenshot('saved');
    const { userProperties: props } = await userProperties(api, twoLocationUser.username);
    expect(props.locationUuid.split(',').sort()).toEqual([OUTPATIENT.uuid, INPATIENT.uuid].sort());
    expect(props.defaultLocation).toBe(INPATIENT.uuid);
  });

  await test.step('the location filter shows the user under each location', async () => {
    await locations.selectOption('Filter by location', INPATIENT.name);
    await expect(page).toHaveURL(new RegExp(`location=${INPATIENT.uuid}`));
    await locations.searchUsers(twoLocationUser.username);
    await expect(locations.userRow(twoLocationUser.username)).toHaveCount(1);
    await screenshot('filtered by Inpatient Ward');
  });

  const context = await logInThroughForm(browser, twoLocationUser.username);
  const userPage = context.pages()[0];
  const switcher = new LocationSwitcher(userPage);
  const shot = async (name: string) => userPage.screenshot({ path: await screenshot(name), fullPage: true });

  try {
    await test.step(`log in as ${twoLocationUser.username}: the switcher offers exactly the two locations, "All" first and selected`, async () => {
      await expect(switcher.button()).toHaveAccessibleName(`Location: ${ALL}`);
      await switcher.open();
      const names = await switcher.itemNames();
      expect(names[0]).toBe(ALL);
      expect(names.slice(1).sort()).toEqual([INPATIENT.name, OUTPATIENT.name]);
      await expect(switcher.item(ALL)).toHaveAttribute('aria-checked', 'true');
      await expect(switcher.menu().locator('[aria-checked="true"]')).toHaveCount(1);
      await shot('switcher menu after login');
      await expectNoSeriousA11yViolations(userPage, test.info(), {
        include: LocationSwitcher.extension,
        name: 'switcher menu',
      });
      await userPage.keyboard.press('Escape');
      const session = await switcher.session();
      expect([OUTPATIENT.uuid, INPATIENT.uuid]).toContain(session.sessionLocation?.uuid);
    });

    await test.step('choose Outpatient Clinic: it becomes the session location', async () => {
      await switcher.choose(OUTPATIENT.name);
      await expect(switcher.status()).toHaveText(`Location changed to ${OUTPATIENT.name}`);
      expect((await switcher.session()).sessionLocation?.uuid).toBe(OUTPATIENT.uuid);
      await shot('Outpatient Clinic chosen');
      await switcher.open();
      await expect(switcher.item(OUTPATIENT.name)).toHaveAttribute('aria-checked', 'true');
      await userPage.keyboard.press('Escape');
    });

    await test.step('back to All accessible locations: the session returns to the default location', async () => {
      await switcher.choose(ALL);
      expect((await switcher.session()).sessionLocation?.uuid).toBe(INPATIENT.uuid);
      await shot('All chosen again');
    });

    await test.step('keyboard only: Enter opens, arrows move, Escape closes, Enter chooses', async () => {
      const button = switcher.button();
      await button.focus();
      await userPage.keyboard.press('Enter');
      await expect(switcher.menu()).toBeVisible();
      await expect(switcher.item(ALL)).toBeFocused();
      await userPage.keyboard.press('ArrowDown');
      const second = switcher.items().nth(1);
      await expect(second).toBeFocused();
      await userPage.keyboard.press('ArrowUp');
      await expect(switcher.item(ALL)).toBeFocused();
      await userPage.keyboard.press('End');
      await expect(switcher.items().last()).toBeFocused();
      await userPage.keyboard.press('Escape');
      await expect(switcher.menu()).toHaveCount(0);
      await expect(button).toBeFocused();
      expect((await switcher.session()).sessionLocation?.uuid).toBe(INPATIENT.uuid);

      await userPage.keyboard.press('Enter');
      await expect(switcher.item(ALL)).toBeFocused();
      await userPage.keyboard.press('ArrowDown');
      const secondName = (await switcher.items().nth(1).innerText()).trim();
      await shot('keyboard: second item active');
      await userPage.keyboard.press('Enter');
      await expect(switcher.menu()).toHaveCount(0);
      await expect(button).toBeFocused();
      await expect(button).toHaveAccessibleName(`Location: ${secondName}`);
      await expect(button).not.toHaveAttribute('aria-busy', 'true');
      const expectedUuid = secondName === OUTPATIENT.name ? OUTPATIENT.uuid : INPATIENT.uuid;
      expect((await switcher.session()).sessionLocation?.uuid).toBe(expectedUuid);

      // ArrowDown on the button opens on the current choice; Home goes to "All"; Enter chooses it
      await userPage.keyboard.press('ArrowDown');
      await expect(switcher.item(secondName)).toBeFocused();
      await userPage.keyboard.press('Home');
      await expect(switcher.item(ALL)).toBeFocused();
      await userPage.keyboard.press('Enter');
      await expect(button).toHaveAccessibleName(`Location: ${ALL}`);
      await expect(button).toBeFocused();
      await shot('keyboard: back to All');
    });

    await test.step('a narrow window', async () => {
      await userPage.setViewportSize({ width: 640, height: 900 });
      await switcher.open();
      await shot('switcher menu at 640px');
      await userPage.keyboard.press('Escape');
    });
  } finally {
    await context.close();
  }

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});

test('a user with one location sees it as a plain label, not a menu', async ({
  browser,
  api,
  stepScreenshot: screenshot,
}) => {
  const { uuid, userProperties: props } = await userProperties(api, oneLocationUser.username);

  await test.step(`give ${oneLocationUser.username} only Outpatient Clinic`, async () => {
    const response = await api.post(`user/${uuid}`, {
      data: { userProperties: { ...props, locationUuid: OUTPATIENT.uuid, defaultLocation: OUTPATIENT.uuid } },
    });
    expect(response.ok()).toBe(true);
  });

  const context = await logInThroughForm(browser, oneLocationUser.username);
  try {
    const page = context.pages()[0];
    const switcher = new LocationSwitcher(page);

    await test.step('the top navigation shows the location as text', async () => {
      await expect(switcher.root()).toContainText(OUTPATIENT.name);
      await expect(switcher.root().getByRole('button')).toHaveCount(0);
      await page.screenshot({ path: await screenshot('one location label'), fullPage: true });
      await expectNoSeriousA11yViolations(page, test.info(), {
        include: LocationSwitcher.extension,
        name: 'one-location label',
      });
    });
  } finally {
    await context.close();
  }
});
