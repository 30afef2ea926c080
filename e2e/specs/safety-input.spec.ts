/**
 * Safety: bad input on the deactivation forms is refused with its reason, beside the field, and
 * nothing reaches the server: no write request leaves the browser and the stored policy
 * (GET /systemsetting/useraccess.deactivationPolicy) is byte for byte what it was.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../core/test';
import { DeactivationPage } from '../pages/deactivation-page';
import { UserAccessPage } from '../pages/user-access-page';
import { firstActionableRow, loginAsAdmin, recordWrites, selectRow } from '../pages/safety-helpers';

const policyProperty = 'systemsetting/useraccess.deactivationPolicy?v=custom:(property,value)';

async function storedPolicy(api: APIRequestContext) {
  const response = await api.get(policyProperty);
  return { status: response.status(), value: response.ok() ? (await response.json()).value : null };
}

const numberFields = [
  { id: 'policy-inactiveDays', label: 'Days without a login before an account is deactivated', min: 1, max: 3650 },
  { id: 'policy-demoInactiveDays', label: 'Days without a login for demo accounts', min: 1, max: 3650 },
  { id: 'policy-warningDays', label: 'Warn this many days before a deactivation', min: 0, max: 365 },
  { id: 'policy-maxPerRun', label: 'Most accounts one run may deactivate', min: 1, max: 10000 },
];
/** Out of range, negative, far too large, text, a fraction, empty; 0 is a valid warning window. */
const badNumbersFor = (min: number) => ['0', '-1', '99999', 'abc', '1.5', ''].filter((value) => Number(value) !== min || value === '');

test('bad input on the deactivation settings and the exemption dialog is refused with its reason and nothing is saved', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const deactivation = new DeactivationPage(page);
  const before = await storedPolicy(api);
  await loginAsAdmin(page);

  await deactivation.gotoSettings();
  // the page has its data: the core task panel and the preview
  await expect(page.getByText(/users\.numberOfDaysToRetire (is|is blank)/)).toBeVisible();
  await expect(page.getByText('Due now', { exact: true })).toBeVisible();
  const writes = recordWrites(page);
  const save = () => page.getByRole('button', { name: 'Save settings' }).click();
  const nothingSaved = page.getByText('Nothing was saved.', { exact: true });

  for (const field of numberFields) {
    const badNumbers = badNumbersFor(field.min);

    await test.step(`${field.label}: ${badNumbers.map((v) => JSON.stringify(v)).join(', ')} are refused`, async () => {
      const input = page.locator(`#${field.id}`);
      const original = await input.inputValue();
      for (const value of badNumbers) {
        await input.fill(value);
        await save();
        await expect(input).toHaveAttribute('aria-invalid', 'true');
        await expect(page.locator(`#${field.id}-error-msg`)).toHaveText(`Enter a whole number from ${field.min} to ${field.max}.`);
        await expect(nothingSaved).toBeVisible();
        await expect(page.getByText('Settings saved.')).toHaveCount(0);
      }
      await input.fill(original);
      await expect(page.locator(`#${field.id}-error-msg`)).toHaveCount(0);
    });
  }

  await test.step('an invalid regular expression is refused with the reason', async () => {
    const pattern = page.getByLabel('System ID pattern of demo accounts (regular expression)');
    const original = await pattern.inputValue();
    for (const value of ['([', '9+-\\d+)', '*']) {
      await pattern.fill(value);
      await save();
      await expect(page.locator('#policy-demo-system-id-error-msg')).toContainText('This is not a valid regular expression:');
      await expect(nothingSaved).toBeVisible();
    }
    await pattern.fill(original);
  });

  await test.step('every field wrong at once: each says why, and the page stays accessible', async () => {
    await page.locator('#policy-inactiveDays').fill('-1');
    await page.locator('#policy-demoInactiveDays').fill('abc');
    await page.locator('#policy-warningDays').fill('99999');
    await page.locator('#policy-maxPerRun').fill('0');
    await page.getByLabel('System ID pattern of demo accounts (regular expression)').fill('([');
    await save();
    await expect(page.locator('[aria-invalid="true"]')).toHaveCount(5);
    await expect(nothingSaved).toBeVisible();
    await expect(page.getByText('Correct the fields marked in red.')).toBeVisible();
    await screenshot('every field refused');
    await checkA11y({ name: 'settings with every field refused', include: UserAccessPage.root });
  });

  await test.step('nothing was sent and the stored policy is unchanged', async () => {
    expect(writes).toEqual([]);
    expect(await storedPolicy(api)).toEqual(before);
  });

  await test.step('the exemption dialog refuses a missing reason, no date, and a date in the past', async () => {
    await selectRow(await firstActionableRow(deactivation));
    await page.getByRole('button', { name: 'Exempt until…' }).click();
    const dialog = deactivation.dialog();
    await dialog.getByRole('button', { name: 'Exempt', exact: true }).click();
    await expect(dialog.getByText('Choose the last day of the exemption.')).toBeVisible();
    await expect(dialog.getByText('Give a reason for the audit log.')).toBeVisible();
    await dialog.getByLabel('Exempt through (inclusive)').fill('2001-02-03');
    await dialog.getByLabel(/Reason for the exemption/).fill('   ');
    await dialog.getByRole('button', { name: 'Exempt', exact: true }).click();
    await expect(dialog.getByText('Choose today or a later day.')).toBeVisible();
    await expect(dialog.getByText('Give a reason for the audit log.')).toBeVisible();
    await screenshot('exemption refused');
    await checkA11y({ name: 'exemption dialog refused', include: '[role="dialog"]' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
  });

  await test.step('the deactivation dialog refuses an empty reason', async () => {
    await selectRow(deactivation.rows().first());
    await page.getByRole('button', { name: 'Deactivate now' }).click();
    const dialog = deactivation.dialog();
    await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await expect(dialog.getByText('Give a reason for the audit log.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(writes).toEqual([]);
  });

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
