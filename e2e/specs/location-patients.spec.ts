import type { Page } from '@playwright/test';
import { expect, test } from '../core/test';
import { LocationAccessPage } from '../pages/location-access-page';
import { UserAccessPage } from '../pages/user-access-page';

// A bulk job, a move and the report each read all 2,000 seeded patients: give the test room.
test.setTimeout(8 * 60 * 1000);

const FROM = { name: 'Pharmacy' };
const TO = { name: 'Laboratory' };

/** Holds each patient write a little, so the running job (progress bar, Stop button) can be seen. */
async function slowPatientWrites(page: Page, ms: number) {
  await page.route('**/ws/rest/v1/person/*/attribute**', async (route) => {
    if (route.request().method() !== 'GET') {
      await new Promise((r) => setTimeout(r, ms));
    }
    await route.continue();
  });
}

test('bulk assign over 200 patients by filters, move them all to another location, and count them in the report', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const locations = new LocationAccessPage(page);

  await test.step('the server is set up for patient locations (setup check)', async () => {
    await locations.open('setup');
    if (await locations.createMissingButton().isVisible()) {
      await locations.createMissingButton().click();
    }
    await expect(locations.nothingMissingButton()).toBeDisabled();
  });

  let assigned = 0;

  await test.step('preview the women aged 20 to 45 with no location', async () => {
    await locations.open('bulk');
    await screenshot('bulk assign form');
    await checkA11y({ name: 'bulk assign form', include: UserAccessPage.root });
    await locations.selectOption('Gender', 'Female');
    await page.getByLabel('Age from (years)').fill('20');
    await page.getByLabel('Age to (years)').fill('45');
    await locations.selectOption('Current patient location', 'No location');
    await page.getByRole('button', { name: 'Preview matching patients' }).click();
    // the scan lists through FHIR, then reads each record: its progress bar shows while it runs
    await expect(page.getByText(/^(\d+) patients match/)).toBeVisible({ timeout: 120_000 });
    assigned = Number((await page.getByText(/^(\d+) patients match/).innerText()).match(/^(\d+)/)![1]);
    expect(assigned).toBeGreaterThanOrEqual(200);
    await expect(page.getByRole('table', { name: 'Sample of matching patients' }).locator('tbody tr')).toHaveCount(10);
    await screenshot('preview of matching patients');
    await checkA11y({ name: 'bulk assign preview', include: UserAccessPage.root });
  });

  await test.step(`assign them to ${FROM.name}: progress bar, then a result for each patient`, async () => {
    await locations.selectOption('New patient location', FROM.name);
    await slowPatientWrites(page, 60);
    await page.getByRole('button', { name: `Assign ${assigned} patients to ${FROM.name}` }).click();
    const job = page.getByRole('region', { name: `Assign ${assigned} patients to ${FROM.name}` });
    await expect(job.getByRole('progressbar', { name: 'Progress' })).toBeVisible();
    await expect(job.getByRole('button', { name: 'Stop' })).toBeVisible();
    // Carbon adds a visually hidden status after the helper text
    await expect(job.getByText(new RegExp(`^([1-9]\\d*) of ${assigned} done`))).toBeVisible();
    await screenshot('bulk assignment running');
    await checkA11y({ name: 'bulk assignment running', include: UserAccessPage.root });
    await expect(job.getByText(`${assigned} succeeded, 0 failed`)).toBeVisible({ timeout: 180_000 });
    await page.unrouteAll({ behavior: 'wait' });
    await job.getByText('Result for each patient').click();
    const results = job.getByRole('list', { name: 'Result for each patient' }).getByRole('listitem');
    await expect(results).toHaveCount(assigned);
    await expect(results.filter({ hasText: /: done$/ })).toHaveCount(assigned);
    await screenshot('bulk assignment results');
    await checkA11y({ name: 'bulk assignment results', include: UserAccessPage.root });
  });

  await test.step('the same filters now find nobody without a location', async () => {
    await page.getByRole('button', { name: 'Close' }).click();
    await locations.selectOption('Gender', 'Female');
    await page.getByLabel('Age from (years)').fill('20');
    await page.getByLabel('Age to (years)').fill('45');
    await locations.selectOption('Current patient location', 'No location');
    await page.getByRole('button', { name: 'Preview matching patients' }).click();
    await expect(page.getByText(/^0 patients match/)).toBeVisible({ timeout: 120_000 });
  });

  let moved = 0;

  await test.step(`find every patient of ${FROM.name} to move to ${TO.name}`, async () => {
    await locations.open('move');
    await locations.selectOption('Move all patients of', FROM.name);
    await locations.selectOption('To', TO.name);
    await screenshot('move form');
    await checkA11y({ name: 'move form', include: UserAccessPage.root });
    await page.getByRole('button', { name: 'Find the patients to move' }).click();
    await expect(page.getByText(/^(\d+) patients match/)).toBeVisible({ timeout: 120_000 });
    moved = Number((await page.getByText(/^(\d+) patients match/).innerText()).match(/^(\d+)/)![1]);
    // the bulk assignment's patients, plus any the seed had there already
    expect(moved).toBeGreaterThanOrEqual(assigned);
    await screenshot('patients to move');
  });

  const moveJob = page.getByRole('region', { name: `Move ${moved} patients from ${FROM.name} to ${TO.name}` });

  await test.step('start the move and reload the page in the middle of it: the page offers to resume', async () => {
    await slowPatientWrites(page, 60);
    await page.getByRole('button', { name: `Move ${moved} patients from ${FROM.name} to ${TO.name}` }).click();
    await expect(moveJob.getByText(new RegExp(`^([1-9]\\d*) of ${moved} done`))).toBeVisible();
    await page.reload();
    await expect(page.getByText('An unfinished patient location job was found')).toBeVisible();
    await expect(page.getByText(new RegExp(`^${TO.name}: \\d+ of ${moved} done`))).toBeVisible();
    await screenshot('move interrupted by a reload, resume offered');
    await checkA11y({ name: 'resume offered', include: UserAccessPage.root });
    await page.unrouteAll({ behavior: 'wait' });
  });

  await test.step(`resume: every patient of ${FROM.name} ends up in ${TO.name}, each with its result`, async () => {
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    const job = moveJob;
    await expect(job.getByText(/^\d+ succeeded, 0 failed$/)).toBeVisible({ timeout: 180_000 });
    await job.getByText('Result for each patient').click();
    await expect(job.getByRole('list', { name: 'Result for each patient' }).getByRole('listitem')).toHaveCount(moved);
    await screenshot('move results');
    await checkA11y({ name: 'move results', include: UserAccessPage.root });
  });

  await test.step('the report counts the patients per location, as a bar chart and a table', async () => {
    await locations.open('report');
    await screenshot('report before counting patients');
    await page.getByRole('button', { name: 'Count every patient' }).click();
    await expect(page.getByText('Patient counts from reading every patient record.')).toBeVisible({ timeout: 120_000 });
    const table = page.getByRole('table', { name: 'Counts per location' });
    const row = (name: string) =>
      table.locator('tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) });
    // each count is a button named "<count> (Show the patients of <location>)"
    await expect(row(TO.name).getByRole('button', { name: /Show the patients of/ })).toHaveAccessibleName(
      `${moved} (Show the patients of ${TO.name})`,
    );
    await expect(row(FROM.name).getByRole('button', { name: /Show the patients of/ })).toHaveAccessibleName(
      `0 (Show the patients of ${FROM.name})`,
    );
    const chart = page.getByRole('figure', { name: 'Users and patients per location' });
    await expect(chart).toBeVisible();
    await expect(chart).toContainText(`${moved} patients`);
    await screenshot('report with patient counts');
    await checkA11y({ name: 'report', include: UserAccessPage.root });
  });

  await test.step(`drill down: the patients of ${TO.name}`, async () => {
    await page.getByRole('button', { name: `Show the patients of ${TO.name}` }).click();
    await expect(page).toHaveURL(/\/locations\/bulk\?currentLocation=/);
    await expect(page.getByLabel('Current patient location').locator('option:checked')).toHaveText(
      new RegExp(`^${TO.name}`),
    );
    await page.getByRole('button', { name: 'Preview matching patients' }).click();
    await expect(page.getByText(new RegExp(`^${moved} patients match`))).toBeVisible({ timeout: 120_000 });
    await screenshot('drill-down to the patients');
  });

  await test.step(`drill down: the users of ${TO.name}`, async () => {
    await locations.open('report');
    const usersButton = page.getByRole('button', { name: `Show the users of ${TO.name}` });
    const userCount = Number((await usersButton.innerText()).match(/^\d+/)![0]);
    await usersButton.click();
    await expect(page.getByRole('heading', { level: 2, name: 'User locations' })).toBeVisible();
    await expect(page.getByLabel('Filter by location').locator('option:checked')).toHaveText(new RegExp(`^${TO.name}`));
    if (userCount > 0) {
      await expect(locations.usersTable().locator('tbody tr')).toHaveCount(Math.min(userCount, 25));
    } else {
      await expect(page.getByText('No users match.')).toBeVisible();
    }
    await screenshot('drill-down to the users');
  });

  await test.step('a narrow window', async () => {
    await page.setViewportSize({ width: 640, height: 900 });
    await locations.open('report');
    await screenshot('report at 640px');
    await locations.open('bulk');
    await screenshot('bulk assign at 640px');
    await locations.open('move');
    await screenshot('move at 640px');
  });

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
