import type { APIRequestContext } from '@playwright/test';
import { restUrl } from '../core/env';
import { expect, test } from '../core/test';
import { LocationAccessPage } from '../pages/location-access-page';
import { LocationSwitcher } from '../pages/location-switcher';
import { LoginPage } from '../pages/login-page';
import { UserAccessPage } from '../pages/user-access-page';

// Runs against a server with openmrs-module-locationbasedaccess (LBAC); `npm run test:e2e` runs it
// in a second pass with the local backend's --lbac (see tools/e2e.mjs).

const OUTPATIENT = { name: 'Outpatient Clinic', uuid: '44c3efb0-2583-4c80-a79e-1f756a03c0a1' };
/** Seeded in LBAC mode: Nurse, locationUuid = Outpatient Clinic only, no Get Users. */
const nurse = { username: 'lbac.nurse', password: 'Password123' };
/** Seeded in LBAC mode: Nurse, no locationUuid; logs in at the Laboratory (a numeric defaultLocation). */
const sessionOnly = { username: 'lbac.sessiononly', password: 'Password123' };
const LABORATORY = 'Laboratory';
/** A family name about 40 of the 2,000 seeded patients have. */
const FAMILY_NAME = 'Otieno';

interface SearchedPatient {
  uuid: string;
  gender: string;
  attributes: Array<{ attributeType: { uuid: string }; value: unknown; voided?: boolean }>;
}

async function searchPatients(api: APIRequestContext, q: string): Promise<SearchedPatient[]> {
  const response = await api.get(
    `${restUrl}/patient?q=${encodeURIComponent(q)}&limit=100&v=custom:(uuid,person:(gender,attributes:(attributeType:(uuid),value,voided)))`,
  );
  expect(response.ok(), `GET /patient?q=${q}: ${response.status()} ${await response.text()}`).toBe(true);
  const body = await response.json();
  expect(body.links?.some((l: { rel: string }) => l.rel === 'next') ?? false, 'one page of results').toBe(false);
  return body.results.map((p: { uuid: string; person: Omit<SearchedPatient, 'uuid'> }) => ({
    uuid: p.uuid,
    ...p.person,
  }));
}

test.beforeAll(async ({ api }) => {
  const modules = await (await api.get('module?v=custom:(uuid)')).json();
  const lbac = (modules.results ?? []).some((m: { uuid: string }) => m.uuid === 'locationbasedaccess');
  test.skip(
    !lbac,
    'The server has no locationbasedaccess module (GET /module does not list it): nothing filters by location. ' +
      'npm run test:e2e runs this spec again against the local backend with --lbac.',
  );
});

test('with LBAC, patients bulk-assigned to a location are what a user of that location finds', async ({
  page,
  playwright,
  browser,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const locations = new LocationAccessPage(page);
  // No saved cookies: the test runner would otherwise add the admin's session, which the server prefers to Basic auth
  const nurseApi = await playwright.request.newContext({
    storageState: { cookies: [], origins: [] },
    httpCredentials: { username: nurse.username, password: nurse.password, send: 'always' },
  });
  const lbacType = (
    await (await api.get('systemsetting/locationbasedaccess.locationAttributeUuid?v=custom:(value)')).json()
  ).value as string;
  const atOutpatient = (p: SearchedPatient) =>
    p.attributes.some((a) => !a.voided && a.attributeType.uuid === lbacType && a.value === OUTPATIENT.uuid);

  try {
    await test.step('the setup check shows the module and its switches, and creates the app privileges', async () => {
      await locations.open('setup');
      const enforcement = page.getByRole('region', { name: 'Server-side enforcement' });
      await expect(enforcement).toContainText('Present: the locationbasedaccess module filters what users see.');
      await expect(enforcement.getByRole('list', { name: 'Module switches' })).toContainText(
        'locationbasedaccess.access.patient',
      );
      await expect(page.getByRole('region', { name: 'Where patient locations are stored' })).toContainText(
        'The locationbasedaccess module is installed',
      );
      await screenshot('setup check with LBAC');
      await checkA11y({ name: 'setup check with LBAC', include: UserAccessPage.root });
      if (await locations.createMissingButton().isVisible()) {
        await locations.createMissingButton().click();
      }
      await expect(locations.nothingMissingButton()).toBeDisabled();
    });

    let before: SearchedPatient[] = [];

    await test.step(`before: ${nurse.username} finds only the ${FAMILY_NAME} patients of ${OUTPATIENT.name}`, async () => {
      const all = await searchPatients(api, FAMILY_NAME);
      before = await searchPatients(nurseApi, FAMILY_NAME);
      expect(all.length).toBeGreaterThan(10);
      expect(before.map((p) => p.uuid).sort()).toEqual(
        all
          .filter(atOutpatient)
          .map((p) => p.uuid)
          .sort(),
      );
    });

    let assigned = 0;

    await test.step(`bulk assign the women named ${FAMILY_NAME} with no location to ${OUTPATIENT.name}`, async () => {
      await locations.open('bulk');
      await expect(page.getByText('Written through the locationbasedaccess module')).toBeVisible();
      await page.getByLabel('Name or identifier').fill(FAMILY_NAME);
      await locations.selectOption('Gender', 'Female');
      await locations.selectOption('Current patient location', 'No location');
      await page.getByRole('button', { name: 'Preview matching patients' }).click();
      await expect(page.getByText(/^(\d+) patients match/)).toBeVisible({ timeout: 60_000 });
      assigned = Number((await page.getByText(/^(\d+) patients match/).innerText()).match(/^(\d+)/)![1]);
      expect(assigned).toBeGreaterThan(0);
      await locations.selectOption('New patient location', OUTPATIENT.name);
      await screenshot('bulk assign preview with LBAC');
      await checkA11y({ name: 'bulk assign with LBAC', include: UserAccessPage.root });
      await page.getByRole('button', { name: `Assign ${assigned} patients to ${OUTPATIENT.name}` }).click();
      const job = page.getByRole('region', { name: `Assign ${assigned} patients to ${OUTPATIENT.name}` });
      await expect(job.getByText(`${assigned} succeeded, 0 failed`)).toBeVisible({ timeout: 120_000 });
      await job.getByText('Result for each patient').click();
      await expect(job.getByRole('list', { name: 'Result for each patient' }).getByRole('listitem')).toHaveCount(
        assigned,
      );
      await screenshot('bulk assignment done with LBAC');
    });

    await test.step(`after: ${nurse.username}'s patient search returns exactly the patients of ${OUTPATIENT.name}`, async () => {
      const all = await searchPatients(api, FAMILY_NAME);
      const expected = all.filter(atOutpatient);
      // the module stores the uuid itself (not a RESTWS-955 id): the assigned women now count as Outpatient Clinic
      expect(expected).toHaveLength(before.length + assigned);
      expect(expected.every((p) => p.gender === 'F' || before.some((b) => b.uuid === p.uuid))).toBe(true);
      const seen = await searchPatients(nurseApi, FAMILY_NAME);
      expect(seen.map((p) => p.uuid).sort()).toEqual(expected.map((p) => p.uuid).sort());
      // and the others stay hidden, even by uuid
      const hidden = all.find((p) => !atOutpatient(p));
      expect(hidden, `a ${FAMILY_NAME} patient outside ${OUTPATIENT.name}`).toBeTruthy();
      expect((await nurseApi.get(`${restUrl}/patient/${hidden!.uuid}`)).status()).toBe(404);
    });

    await test.step(`${nurse.username} logs in: one location, shown as a label`, async () => {
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      try {
        const nursePage = await context.newPage();
        const login = new LoginPage(nursePage);
        await login.goto();
        await login.enterUsername(nurse.username);
        await login.enterPassword(nurse.password);
        await login.chooseLocationIfAsked();
        const switcher = new LocationSwitcher(nursePage);
        await expect(switcher.root()).toContainText(OUTPATIENT.name);
        await expect(switcher.root().getByRole('button')).toHaveCount(0);
        await nursePage.screenshot({ path: await screenshot('lbac nurse logged in'), fullPage: true });
      } finally {
        await context.close();
      }
    });

    await test.step(`${sessionOnly.username} (no locationUuid) logs in: only the session location, shown as a label`, async () => {
      // LocationUtils.getUserAccessibleLocationUuids gives them the session location alone; any other is a 500
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
      try {
        const userPage = await context.newPage();
        const login = new LoginPage(userPage);
        await login.goto();
        await login.enterUsername(sessionOnly.username);
        await login.enterPassword(sessionOnly.password);
        await login.chooseLocationIfAsked({ locationName: LABORATORY });
        const switcher = new LocationSwitcher(userPage);
        await expect(switcher.root()).toContainText(LABORATORY);
        await expect(switcher.root().getByRole('button')).toHaveCount(0);
        await userPage.screenshot({ path: await screenshot('lbac session-only user logged in'), fullPage: true });
      } finally {
        await context.close();
      }
    });

    await test.step('the report takes its counts from the module', async () => {
      await locations.open('report');
      await expect(page.getByText(/Patient counts come from the locationbasedaccess module/)).toBeVisible();
      const table = page.getByRole('table', { name: 'Counts per location' });
      const row = table
        .locator('tbody tr')
        .filter({ has: page.getByRole('cell', { name: OUTPATIENT.name, exact: true }) });
      const lbacCounts = await (await api.get('lbac/locationwise-patients-count')).json();
      await expect(row.getByRole('button', { name: /Show the patients of/ })).toHaveAccessibleName(
        `${lbacCounts.results[OUTPATIENT.name]} (Show the patients of ${OUTPATIENT.name})`,
      );
      // users without locations are counted once, under "No location", not also at the admin's session
      // location (where the module's locationwise-users-count puts them)
      const usersOf = async (name: string) =>
        Number(
          (
            await table
              .locator('tbody tr')
              .filter({ has: page.getByRole('cell', { name, exact: true }) })
              .getByRole('button', { name: /Show the users of/ })
              .innerText()
          ).match(/^\d+/)![0],
        );
      const withoutLocation = await usersOf('No location');
      const atOutpatient = await usersOf(OUTPATIENT.name);
      const totalUsers = (await (await api.get('user?v=custom:(uuid)&limit=1&totalCount=true')).json()).totalCount;
      expect(withoutLocation).toBeGreaterThan(0);
      expect(atOutpatient + withoutLocation).toBeLessThanOrEqual(totalUsers);
      await screenshot('report with LBAC counts');
      await checkA11y({ name: 'report with LBAC', include: UserAccessPage.root });
    });
  } finally {
    await nurseApi.dispose();
  }

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
