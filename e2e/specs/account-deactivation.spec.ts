import { expect, test } from '../core/test';
import { adminPassword, adminUser } from '../core/env';
import { DeactivationPage } from '../pages/deactivation-page';
import { LoginPage } from '../pages/login-page';
import { UserAccessPage } from '../pages/user-access-page';

const inactiveDaysLabel = 'Days without a login before an account is deactivated';

test('an administrator sets the policy, reviews, exempts, deactivates and reactivates accounts, and runs the core task', async ({
  page,
  browser,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const deactivation = new DeactivationPage(page);

  await test.step('invalid settings are refused with the reason and nothing is saved', async () => {
    await deactivation.gotoSettings();
    await screenshot('settings as found');
    await checkA11y({ name: 'settings', include: UserAccessPage.root });
    await deactivation.field(inactiveDaysLabel, '0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Enter a whole number from 1 to 3650.').first()).toBeVisible();
    await expect(page.getByText('Nothing was saved.')).toBeVisible();
    await screenshot('invalid limit refused');
    const stored = await api.get('systemsetting/useraccess.deactivationPolicy');
    expect(stored.status()).toBe(404);
  });

  await test.step('switch the policy on with a 90-day limit', async () => {
    await deactivation.field(inactiveDaysLabel, '90');
    // Carbon's toggle label covers its switch, so click the label as a person does
    await page.getByText('Automatic deactivation', { exact: true }).click();
    await expect(page.getByRole('switch', { name: 'Automatic deactivation' })).toBeChecked();
    await deactivation.field('Most accounts one run may deactivate', '500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // it arms core's users.numberOfDaysToRetire: first the accounts core's task would retire that the app protects
    await expect(page.getByRole('region', { name: 'Saving also sets users.numberOfDaysToRetire to 90' })).toBeVisible();
    await screenshot('confirm setting the core limit');
    await page.getByRole('button', { name: 'Save and set the core limit' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await screenshot('settings saved');
    const core = await (await api.get('systemsetting/users.numberOfDaysToRetire?v=default')).json();
    expect(core.value).toBe('90');
  });

  await test.step('administrators are alerted once after logging in', async () => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const fresh = await context.newPage();
    const login = new LoginPage(fresh);
    await login.goto();
    await login.enterUsername(adminUser);
    await login.enterPassword(adminPassword);
    await login.chooseLocationIfAsked();
    const alert = fresh.getByText(/Accounts to be deactivated within 14 days: \d+/);
    await expect(alert).toBeVisible();
    await fresh.screenshot({ path: await screenshot('alert after login') });
    await context.close();
  });

  let dueUsername = '';

  await test.step('see due and upcoming accounts', async () => {
    await deactivation.gotoUpcoming();
    await expect(deactivation.rows().first()).toBeVisible();
    dueUsername = await deactivation.usernameOf(deactivation.rows().first());
    await expect(deactivation.rows().first()).toContainText(/Inactive for \d+ days \(limit 90 days\)/);
    await screenshot('due now');
    await checkA11y({ name: 'upcoming deactivations', include: UserAccessPage.root });
    await deactivation.openTab(/^Within 14 days/);
    await expect(deactivation.rows().first()).toContainText(/Will be deactivated in \d+ days?/);
    await screenshot('upcoming within the warning window');
  });

  await test.step('exempt a due account until a date', async () => {
    await deactivation.openTab(/^Due now/);
    await deactivation.selectRowOf(dueUsername);
    await page.getByRole('button', { name: 'Exempt until…' }).click();
    await deactivation.field('Exempt through (inclusive)', '2999-12-31');
    await deactivation.field(/Reason for the exemption/, 'Temporary transfer to the district hospital');
    await screenshot('exemption dialog');
    await checkA11y({ name: 'exemption dialog', include: '[role="dialog"]' });
    await deactivation.dialog().getByRole('button', { name: 'Exempt' }).click();
    await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
    await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
    await deactivation.openTab(/^Exempt/);
    await deactivation.search(dueUsername);
    await expect(deactivation.rows().filter({ hasText: dueUsername })).toContainText('Temporary transfer to the district hospital');
    await screenshot('exempt tab');
  });

  let deactivatedUsername = '';

  await test.step('deactivate a due account now and find it under recently deactivated', async () => {
    await deactivation.openTab(/^Due now/);
    await deactivation.search('');
    deactivatedUsername = await deactivation.usernameOf(deactivation.rows().first());
    await deactivation.selectRowOf(deactivatedUsername);
    await page.getByRole('button', { name: 'Deactivate now' }).click();
    await deactivation.field(/Reason, recorded/, 'Left the hospital');
    await deactivation.dialog().getByRole('button', { name: 'Deactivate' }).click();
    await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
    await screenshot('deactivated one');
    await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
    await deactivation.openTab(/^Recently deactivated/);
    await deactivation.search(deactivatedUsername);
    await expect(deactivation.rows().filter({ hasText: deactivatedUsername })).toHaveCount(1);
    await screenshot('recently deactivated');
    const user = await (await api.get(`user?q=${deactivatedUsername}&includeAll=true&v=custom:(username,retired,auditInfo)`)).json();
    expect(user.results[0].retired).toBe(true);
    expect(user.results[0].auditInfo.retireReason).toContain('Left the hospital');
  });

  await test.step('reactivate it with a grace exemption', async () => {
    await deactivation.selectRowOf(deactivatedUsername);
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await deactivation.dialog().getByLabel(/Reason for the reactivation/).fill('Back from leave');
    await deactivation.dialog().getByRole('button', { name: 'Reactivate' }).click();
    await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
    await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
    await deactivation.openTab(/^Exempt/);
    await deactivation.search(deactivatedUsername);
    await expect(deactivation.rows().filter({ hasText: deactivatedUsername })).toHaveCount(1);
    await screenshot('reactivated and exempt');
  });

  await test.step('create, start and run the core scheduler task', async () => {
    // A limit longer than any seeded inactivity, so the core task's run retires nobody the later specs log in as.
    await deactivation.gotoSettings();
    await deactivation.field(inactiveDaysLabel, '3650');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('button', { name: 'Save and set the core limit' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await expect(page.getByText('users.numberOfDaysToRetire is 3650.')).toBeVisible();
    await page.getByRole('button', { name: 'Create task' }).click();
    await expect(page.getByText('Task created.')).toBeVisible();
    await expect(page.getByText('Stopped', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Start the task' }).click();
    await expect(page.getByText('Scheduled', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('button', { name: 'Run the task now' }).click();
    // RUNTASK answers 201 whatever the run did: the page reads back what it changed
    await expect(page.getByText('The task ran and changed nothing: it retired no account.')).toBeVisible();
    await screenshot('core task scheduled and run');
    await checkA11y({ name: 'settings with task', include: UserAccessPage.root });
    const tasks = await (await api.get('taskdefinition?v=full')).json();
    const task = tasks.results.find((t: { taskClass: string }) => t.taskClass === 'org.openmrs.scheduler.tasks.AutoRetireUsersTask');
    expect(task.started).toBe(true);
    expect(task.startOnStartup).toBe(true);
  });

  await test.step('a narrow window', async () => {
    await page.setViewportSize({ width: 640, height: 900 });
    await deactivation.gotoUpcoming();
    await screenshot('upcoming at 640px');
    await deactivation.gotoSettings();
    await screenshot('settings at 640px');
  });

  expect(pageErrors.map((e) => e.message)).toEqual([]);
});
