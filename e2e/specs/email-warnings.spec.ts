/**
 * The settings page's email warnings: the policy option, and whether the sweep can send them with
 * core's mail.* global properties (configured, what is missing, or why they cannot be read).
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../core/test';
import { DeactivationPage } from '../pages/deactivation-page';
import { previewPolicy, withStoredPolicy } from '../pages/safety-helpers';
import { UserAccessPage } from '../pages/user-access-page';

/** Sets global properties and returns a function that puts back what was there (deleting those that were not). */
async function withGlobalProperties(api: APIRequestContext, values: Record<string, string>) {
  const before: Record<string, string | null> = {};
  for (const property of Object.keys(values)) {
    const response = await api.get(`systemsetting/${property}?v=custom:(value)`);
    before[property] = response.ok() ? ((await response.json()).value ?? '') : null;
  }
  const save = async (entries: Record<string, string | null>) => {
    for (const [property, value] of Object.entries(entries)) {
      const response =
        value === null ? await api.delete(`systemsetting/${property}?purge=true`) : await api.post('systemsetting', { data: { property, value } });
      expect(response.ok(), await response.text()).toBe(true);
    }
  };
  await save(values);
  return () => save(before);
}

test('the settings page says whether email warnings are configured, and what is missing', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const deactivation = new DeactivationPage(page);
  const panel = page.getByRole('region', { name: 'Email warnings' });
  const restorePolicy = await withStoredPolicy(api, { ...previewPolicy, enabled: true });
  const restoreMail = await withGlobalProperties(api, {
    'mail.smtp_host': 'localhost',
    'mail.smtp_port': '25',
    'mail.from': 'info@openmrs.org',
    // as the policy's limit, so that saving asks nothing about core's task
    'users.numberOfDaysToRetire': '90',
  });

  try {
    await test.step('off by default: users are not emailed', async () => {
      await deactivation.gotoSettings();
      await expect(panel).toContainText('Users are not emailed before their account is deactivated.');
      await expect(page.getByRole('switch', { name: 'Email each user before their account is deactivated' })).not.toBeChecked();
      await screenshot('email warnings off');
      await checkA11y({ name: 'settings with email warnings off', include: UserAccessPage.root });
    });

    await test.step('turned on and saved with 5 days: configured with core\'s shipped values, flagged as such', async () => {
      // Carbon's toggle label covers its switch, so click the label as a person does
      await page.getByText('Email each user before their account is deactivated', { exact: true }).click();
      await expect(page.getByRole('switch', { name: 'Email each user before their account is deactivated' })).toBeChecked();
      await page.getByLabel('Days before the deactivation to send it').fill('5');
      await expect(panel).toContainText('Email warnings are configured');
      await expect(panel).toContainText('The sweep emails each user 5 days before deactivation, from info@openmrs.org through localhost:25.');
      await expect(panel).toContainText('These are the values core installs with');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect(page.getByText('Settings saved.')).toBeVisible();
      const stored = await (await api.get('systemsetting/useraccess.deactivationPolicy?v=custom:(value)')).json();
      expect(JSON.parse(stored.value).emailWarnings).toEqual({ enabled: true, daysBefore: 5 });
      await screenshot('email warnings on, core defaults');
    });

    await test.step('with no SMTP host and no sender, the page names both', async () => {
      await withGlobalProperties(api, { 'mail.smtp_host': '', 'mail.from': '' });
      await deactivation.gotoSettings();
      await expect(panel).toContainText('Email warnings are on, but mail is not configured');
      await expect(panel).toContainText("Set these global properties (or the sweep's --smtp flags): mail.smtp_host, mail.from.");
      await screenshot('mail not configured');
      await checkA11y({ name: 'settings with mail not configured', include: UserAccessPage.root });
    });

    await test.step('a real mail server with a long name, in a narrow window', async () => {
      await withGlobalProperties(api, {
        'mail.smtp_host': 'smtp-relay.regional-referral-hospital-network.health.example.org',
        'mail.smtp_port': '587',
        'mail.from': 'openmrs-account-administration@regional-referral-hospital-network.example.org',
      });
      await deactivation.gotoSettings();
      await expect(panel).toContainText('through smtp-relay.regional-referral-hospital-network.health.example.org:587.');
      await expect(panel).not.toContainText('values core installs with');
      await screenshot('configured, long names');
      await page.setViewportSize({ width: 640, height: 900 });
      await panel.scrollIntoViewIfNeeded();
      await screenshot('configured at 640px');
      await checkA11y({ name: 'settings at 640px', include: UserAccessPage.root });
    });

    await test.step('mail settings that cannot be read are shown as an error, not as missing', async () => {
      await page.route(/\/ws\/rest\/v1\/systemsetting\?q=mail\./, (route) =>
        route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { message: 'Privileges required: Get Global Properties' } }) }),
      );
      await deactivation.gotoSettings();
      await expect(panel).toContainText('Could not read the mail settings');
      await expect(panel).toContainText('Privileges required: Get Global Properties');
      await screenshot('mail settings unreadable');
      await page.unroute(/\/ws\/rest\/v1\/systemsetting\?q=mail\./);
    });
  } finally {
    await restoreMail();
    await restorePolicy();
  }

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
