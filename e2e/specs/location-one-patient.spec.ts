/**
 * One patient's location: find the patient by identifier and by name, set the location, see it in
 * the results, remove it; a search that finds nobody; the page in a narrow window. Every change is
 * checked through the REST API, where the app's attribute type holds the location.
 */
import type { APIRequestContext } from '@playwright/test';
import { fhirUrl } from '../core/env';
import { expect, test } from '../core/test';
import { LocationAccessPage } from '../pages/location-access-page';
import { loginAsAdmin } from '../pages/safety-helpers';
import { patientLocations } from '../pages/safety-faults';
import { UserAccessPage } from '../pages/user-access-page';

const ATTRIBUTE_TYPE_NAME = 'Patient location (User Access app)';
const TARGET = 'Radiology';

interface FhirPatient {
  id: string;
  identifier: Array<{ value: string }>;
  name: Array<{ family: string; given: string[] }>;
}

/** The last patient FHIR lists: the patient specs select by filters and leave the tail of the list alone more often. */
async function somePatient(api: APIRequestContext) {
  const first = await (await api.get(`${fhirUrl}/Patient?_count=1`)).json();
  const total: number = first.total;
  const page = await (await api.get(`${fhirUrl}/Patient?_count=1&_getpagesoffset=${Math.max(0, total - 1)}`)).json();
  const patient: FhirPatient = (page.entry?.[0] ?? first.entry[0]).resource;
  return {
    uuid: patient.id,
    identifier: patient.identifier[0].value,
    family: patient.name[0].family,
    name: `${patient.name[0].given.join(' ')} ${patient.name[0].family}`,
  };
}

test('find one patient by identifier and by name, set the location, see it in the results and remove it', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const locations = new LocationAccessPage(page);
  const patient = await somePatient(api);
  const targetUuid: string = (await (await api.get(`location?q=${TARGET}&v=custom:(uuid,name)`)).json()).results.find(
    (l: { name: string }) => l.name === TARGET,
  ).uuid;
  const locationOf = async () => (await patientLocations(api, ATTRIBUTE_TYPE_NAME, [patient.uuid]))[patient.uuid];
  const search = async (text: string) => {
    await page.getByRole('searchbox', { name: 'Find a patient by name or identifier' }).fill(text);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
  };
  const results = page.getByRole('list', { name: 'Search results' });

  await loginAsAdmin(page);

  await test.step('the server is set up for patient locations', async () => {
    await locations.open('setup');
    if (await locations.createMissingButton().isVisible()) {
      await locations.createMissingButton().click();
    }
    await expect(locations.nothingMissingButton()).toBeDisabled();
  });

  const original = await locationOf();

  await test.step('a search that finds nobody says so', async () => {
    await locations.open('patient');
    await screenshot('one patient, before a search');
    await search('Nobody-Has-This-Name');
    await expect(page.getByText('No patient found for "Nobody-Has-This-Name". Check the spelling, or search by identifier.')).toBeVisible();
    await screenshot('no patient found');
  });

  await test.step(`find ${patient.name} by identifier and give the patient ${TARGET}`, async () => {
    await search(patient.identifier);
    await expect(page.getByText('1 patient found')).toBeVisible();
    await results.getByRole('button', { name: patient.name }).click();
    await expect(page.getByRole('heading', { level: 3, name: patient.name })).toBeVisible();
    await locations.selectOption('New patient location', TARGET);
    await screenshot('patient with the new location chosen');
    await checkA11y({ name: 'one patient', include: UserAccessPage.root });
    await page.getByRole('button', { name: 'Save location' }).click();
    await expect(page.getByText(`Current patient location: ${TARGET}`)).toBeVisible();
    await expect(page.getByText('Patient location saved')).toBeVisible();
    expect(await locationOf()).toBe(targetUuid);
  });

  await test.step('searching by name lists the patient with the new location', async () => {
    await page.getByRole('button', { name: 'Back to the results' }).click();
    await search(patient.name);
    const row = results.getByRole('listitem').filter({ has: page.getByRole('button', { name: patient.name }) });
    await expect(row).toContainText(`— ${TARGET}`);
    await screenshot('results by name');
  });

  await test.step('remove the location: the patient has none, on screen and on the server', async () => {
    await results.getByRole('button', { name: patient.name }).first().click();
    await page.getByRole('button', { name: 'Remove location' }).click();
    await expect(page.getByText('Current patient location: No location')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Remove location' })).toBeDisabled();
    expect(await locationOf()).toBeNull();
  });

  await test.step('a narrow window', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    await screenshot('one patient, narrow window');
    await checkA11y({ name: 'one patient, narrow', include: UserAccessPage.root });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  if (original) {
    await test.step('put back the location the patient had', async () => {
      const optionValue = page.getByLabel('New patient location').locator(`option[value="${original}"]`);
      await page.getByLabel('New patient location').selectOption((await optionValue.getAttribute('value'))!);
      await page.getByRole('button', { name: 'Save location' }).click();
      await expect.poll(locationOf).toBe(original);
    });
  }

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
