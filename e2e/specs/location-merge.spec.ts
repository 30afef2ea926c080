import fs from 'node:fs';
import type { APIRequestContext, Download, Locator, Page } from '@playwright/test';
import { expect, test } from '../core/test';
import { LocationAccessPage } from '../pages/location-access-page';
import { UserAccessPage } from '../pages/user-access-page';

// The preview reads every seeded patient (some 2,000): give the test room.
test.setTimeout(8 * 60 * 1000);

const APP_ATTRIBUTE_TYPE_NAME = 'Patient location (User Access app)';
const END_DATES = 'useraccess.locationEndDates';
const run = Date.now().toString(36);
/** A name starting with = : the CSV exports must not let a spreadsheet run it as a formula. */
const SOURCE_A = `=Merge Source A ${run}`;
const SOURCE_B = `Merge Source B ${run}`;
const TARGET = `Merged District Hospital of the Northern Highlands, Outpatient and Inpatient Services ${run}`;

/** The app's attribute type as the setup check created it (the configured uuid, or another when the server picked one). */
let APP_ATTRIBUTE_TYPE_UUID = '';
async function findAppAttributeType(api: APIRequestContext): Promise<string> {
  const found = await (await api.get(`personattributetype?q=${encodeURIComponent(APP_ATTRIBUTE_TYPE_NAME)}&v=custom:(uuid,name,retired)`)).json();
  const type = found.results.find((t: { name: string; retired?: boolean }) => t.name === APP_ATTRIBUTE_TYPE_NAME && !t.retired);
  expect(type, APP_ATTRIBUTE_TYPE_NAME).toBeTruthy();
  return type.uuid;
}

async function createLocation(api: APIRequestContext, name: string): Promise<string> {
  const created = await api.post('location', { data: { name } });
  expect(created.status(), await created.text()).toBe(201);
  return (await created.json()).uuid;
}

async function createUser(api: APIRequestContext, username: string, userProperties: Record<string, string>): Promise<string> {
  const created = await api.post('user', {
    data: { username, password: 'Password123', roles: [], person: { names: [{ givenName: 'Merge', familyName: username }], gender: 'F' } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const uuid = (await created.json()).uuid;
  expect((await api.post(`user/${uuid}`, { data: { userProperties } })).ok()).toBe(true);
  return uuid;
}

async function userPropertiesOf(api: APIRequestContext, uuid: string): Promise<Record<string, string>> {
  return (await (await api.get(`user/${uuid}?v=custom:(uuid,userProperties)`)).json()).userProperties;
}

interface SeededPatient {
  uuid: string;
  name: string;
}

/** Patients found by a given name, each given a location through the app's attribute type. */
async function placePatients(api: APIRequestContext, query: string, count: number, locationUuid: string): Promise<SeededPatient[]> {
  const found = await (await api.get(`patient?q=${query}&limit=${count}&v=custom:(uuid,display)`)).json();
  const patients = (found.results as Array<{ uuid: string; display: string }>).slice(0, count);
  expect(patients).toHaveLength(count);
  for (const p of patients) {
    const attributes = await (await api.get(`person/${p.uuid}/attribute?v=custom:(uuid,voided,attributeType:(uuid))`)).json();
    const existing = attributes.results.find((a: { voided?: boolean; attributeType?: { uuid: string } }) => !a.voided && a.attributeType?.uuid === APP_ATTRIBUTE_TYPE_UUID);
    const write = existing
      ? await api.post(`person/${p.uuid}/attribute/${existing.uuid}`, { data: { value: locationUuid } })
      : await api.post(`person/${p.uuid}/attribute`, { data: { attributeType: APP_ATTRIBUTE_TYPE_UUID, value: locationUuid } });
    expect(write.ok(), await write.text()).toBe(true);
  }
  return patients.map((p) => ({ uuid: p.uuid, name: p.display.split(' - ').pop() ?? p.display }));
}

async function patientLocation(api: APIRequestContext, uuid: string): Promise<string | null> {
  const attributes = await (await api.get(`person/${uuid}/attribute?v=custom:(value,voided,attributeType:(uuid))`)).json();
  const active = attributes.results.find((a: { voided?: boolean; attributeType?: { uuid: string } }) => !a.voided && a.attributeType?.uuid === APP_ATTRIBUTE_TYPE_UUID);
  return active?.value?.uuid ?? null;
}

/** Ticks a Carbon checkbox or radio button by clicking its label, as a user does (the input itself is visually hidden). */
async function tick(scope: Locator, label: string) {
  await scope.locator('label').filter({ hasText: label }).first().click();
  await expect(scope.getByLabel(label).first()).toBeChecked();
}

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
}

test('merge two locations into a new one: preview, a failure with retry after a reload, retiring, and CSV exports', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const locations = new LocationAccessPage(page);
  const openMerge = async () => {
    await locations.goto('locations/merge');
    await expect(page.getByRole('heading', { level: 2, name: 'Merge locations' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Locations to merge' })).toBeVisible();
  };

  await test.step('the server is set up for patient locations (setup check)', async () => {
    await locations.open('setup');
    if (await locations.createMissingButton().isVisible()) {
      await locations.createMissingButton().click();
    }
    await expect(locations.nothingMissingButton()).toBeDisabled();
  });

  APP_ATTRIBUTE_TYPE_UUID = await findAppAttributeType(api);
  const a = await createLocation(api, SOURCE_A);
  const b = await createLocation(api, SOURCE_B);
  const nurse = await createUser(api, `merge-nurse-${run}`, { locationUuid: `${a},${b}`, defaultLocation: a, defaultLocale: 'fr' });
  const locum = await createUser(api, `merge-locum-${run}`, { locationUuid: b, defaultLocation: b, [END_DATES]: `${b}:2031-03-31` });
  const atA = await placePatients(api, 'Thandiwe', 2, a);
  const atB = await placePatients(api, 'Yetunde', 1, b);

  await test.step('the empty form, and the new location option with a long name', async () => {
    await openMerge();
    await screenshot('merge form, nothing chosen');
    await checkA11y({ name: 'merge form', include: UserAccessPage.root });
    await tick(page.getByRole('group', { name: 'Locations to merge' }), SOURCE_A);
    await tick(page.getByRole('group', { name: 'Locations to merge' }), SOURCE_B);
    await tick(page.getByRole('group', { name: 'Merge into' }), 'A new location');
    await page.getByLabel('Name of the new location').fill('Outpatient Clinic');
    await expect(page.getByText('A location named "Outpatient Clinic" already exists.').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Preview the merge' })).toBeDisabled();
    await screenshot('new location named like an existing one');
    await page.getByLabel('Name of the new location').fill(TARGET);
    await tick(page.getByRole('group', { name: 'Tags of the new location' }), 'Login Location');
    await tick(page.locator(UserAccessPage.root), 'Retire the merged locations afterwards (never deleted)');
  });

  await test.step('a preview whose user list fails says so', async () => {
    await page.route('**/ws/rest/v1/user?**', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"message":"Database down"}}' }));
    await page.getByRole('button', { name: 'Preview the merge' }).click();
    await expect(page.getByText('Could not load users')).toBeVisible({ timeout: 60_000 });
    await screenshot('preview failed');
    await checkA11y({ name: 'merge preview error', include: UserAccessPage.root });
    await page.unrouteAll({ behavior: 'wait' });
  });

  await test.step('the preview counts what moves, per merged location', async () => {
    await page.getByRole('button', { name: 'Preview the merge' }).click();
    const table = page.getByRole('table', { name: 'Users and patients per merged location' });
    await expect(table).toBeVisible({ timeout: 180_000 });
    await expect(table.locator('tbody tr').nth(0)).toHaveText(new RegExp(`${SOURCE_A}\\s*1\\s*2`));
    await expect(table.locator('tbody tr').nth(1)).toHaveText(new RegExp(`${SOURCE_B}\\s*2\\s*1`));
    await expect(page.getByText('Users with an assignment that ends on a date at a merged location: 1')).toBeVisible();
    await expect(page.getByText('Patients at a merged location: 3')).toBeVisible();
    await screenshot('merge preview');
    await checkA11y({ name: 'merge preview', include: UserAccessPage.root });
    await page.setViewportSize({ width: 480, height: 900 });
    await screenshot('merge preview, narrow window');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  const failing = atA[1];
  const job = page.getByRole('region', { name: new RegExp(`^Merge .* into ${TARGET}$`) });

  await test.step('one patient write fails: the page says which, and retires nothing', async () => {
    await page.route(`**/ws/rest/v1/person/${failing.uuid}/attribute**`, (route) =>
      route.request().method() === 'GET'
        ? route.continue()
        : route.fulfill({ status: 400, contentType: 'application/json', body: '{"error":{"message":"The patient record is locked"}}' }),
    );
    await page.getByRole('button', { name: `Merge into ${TARGET}` }).click();
    await expect(job.getByText('The merge is not complete: 1 item failed')).toBeVisible({ timeout: 120_000 });
    await expect(job.getByText('The merged locations are not retired while anything failed.')).toBeVisible();
    await expect(job.getByRole('list', { name: 'Failed items' })).toContainText('The patient record is locked');
    await screenshot('merge with a failure');
    await checkA11y({ name: 'merge with a failure', include: UserAccessPage.root });
    const a1 = await (await api.get(`location/${a}?v=full`)).json();
    expect(a1.retired).toBe(false);
  });

  await test.step('the results export lists each item, formula-like names neutralised', async () => {
    const { name, text } = await downloadText(page, () => job.getByRole('button', { name: 'Export results (CSV)' }).click());
    expect(name).toBe('location-merge-results.csv');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Item,Kind,Result,Message');
    expect(lines).toContain(`'${SOURCE_A},Retire location,not started,`);
    expect(lines.filter((l) => l.includes(',failed,'))).toHaveLength(1);
  });

  await test.step('after a reload the merge is offered for resuming; resuming retries the failure, then retires', async () => {
    await page.reload();
    await expect(page.getByText('An unfinished location merge was found')).toBeVisible();
    await screenshot('unfinished merge offered after a reload');
    await checkA11y({ name: 'unfinished merge', include: UserAccessPage.root });
    await page.unrouteAll({ behavior: 'wait' });
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(job.getByText(`Everything has moved to ${TARGET}.`)).toBeVisible({ timeout: 120_000 });
    await expect(job.getByRole('list', { name: 'Retiring the merged locations' })).toContainText(`${SOURCE_A}: retired`);
    await screenshot('merge finished');
    await checkA11y({ name: 'merge finished', include: UserAccessPage.root });
  });

  await test.step('the server holds everything at the new location; the merged ones are retired, not purged', async () => {
    const found = await (await api.get(`location?q=${encodeURIComponent(TARGET.slice(0, 30))}&v=custom:(uuid,name,tags:(display))`)).json();
    const target = found.results.find((l: { name: string }) => l.name === TARGET);
    expect(target.tags.map((tag: { display: string }) => tag.display)).toEqual(['Login Location']);
    expect(await userPropertiesOf(api, nurse)).toMatchObject({ locationUuid: target.uuid, defaultLocation: target.uuid, defaultLocale: 'fr' });
    expect(await userPropertiesOf(api, locum)).toMatchObject({ locationUuid: target.uuid, [END_DATES]: `${target.uuid}:2031-03-31` });
    for (const p of [...atA, ...atB]) {
      expect(await patientLocation(api, p.uuid)).toBe(target.uuid);
    }
    for (const uuid of [a, b]) {
      const location = await (await api.get(`location/${uuid}?v=full`)).json();
      expect(location.retired).toBe(true);
      expect(location.auditInfo.retireReason).toBe(`Merged into ${TARGET} (User Access app)`);
    }
  });

  await test.step('the user-locations table and the report export as CSV', async () => {
    await locations.open('');
    await locations.searchUsers(`merge-nurse-${run}`);
    const users = await downloadText(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(users.name).toBe('user-locations.csv');
    expect(users.text.split('\r\n')[0]).toBe('Username,Name,Locations,Default location,Status');
    expect(users.text).toContain(`merge-nurse-${run},`);
    await screenshot('user locations with the export button');
    await locations.open('report');
    const report = await downloadText(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(report.name).toBe('location-report.csv');
    expect(report.text.split('\r\n')[0]).toBe('Location,Users,Patients');
    expect(report.text).toContain(`"${TARGET}",2,`);
    await screenshot('report with the export button');
    await checkA11y({ name: 'report with export', include: UserAccessPage.root });
  });

  await test.step('put the patients back without a location', async () => {
    for (const p of [...atA, ...atB]) {
      const attributes = await (await api.get(`person/${p.uuid}/attribute?v=custom:(uuid,voided,attributeType:(uuid))`)).json();
      for (const attribute of attributes.results.filter((x: { voided?: boolean; attributeType?: { uuid: string } }) => !x.voided && x.attributeType?.uuid === APP_ATTRIBUTE_TYPE_UUID)) {
        await api.delete(`person/${p.uuid}/attribute/${attribute.uuid}?reason=e2e%20cleanup`);
      }
    }
  });

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
