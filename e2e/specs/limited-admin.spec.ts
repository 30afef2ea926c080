/**
 * An administrator who is not a System Developer (the seeded "useradmin": system administrator, clerk
 * and nurse privileges, not a doctor's, not Assign System Developer Role). Core's
 * UserServiceImpl.checkPrivileges lets it change only accounts whose role privileges it holds. It
 * deactivates, exempts and reactivates those; for the others each row says which privileges are
 * missing, nothing is sent for them, and a refusal the page could not foresee is shown and sent once.
 */
import type { APIRequestContext, Request } from '@playwright/test';
import { expect, test } from '../core/test';
import { expectNoSeriousA11yViolations } from '../core/accessibility';
import { stepScreenshots } from '../core/screenshots';
import { DeactivationPage } from '../pages/deactivation-page';
import { LocationAccessPage } from '../pages/location-access-page';
import { UserAccessPage } from '../pages/user-access-page';
import { ensurePrivilege, ensureRole, loginInFreshContext } from '../pages/safety-helpers';

const DAY = 24 * 60 * 60 * 1000;
const userAdmin = { username: 'useradmin', password: 'Useradmin123', role: 'Organizational: User Administrator' };
const appRole = 'Limited admin spec: app pages';
const extraRole = 'Limited admin spec: purges users';
const POLICY = 'useraccess.deactivationPolicy';
const doctorMissing = 'Add Orders, Edit Encounters, Edit Observations, Edit Orders';

interface ApiUser {
  uuid: string;
  username: string;
  userProperties: Record<string, string>;
  roles: Array<{ name: string }>;
}

async function userNamed(api: APIRequestContext, username: string): Promise<ApiUser> {
  const body = await (await api.get(`user?q=${username}&includeAll=true&v=custom:(uuid,username,userProperties,roles:(name))`)).json();
  const found = body.results.find((u: ApiUser) => u.username === username);
  expect(found, username).toBeTruthy();
  return found;
}

async function setRoles(api: APIRequestContext, uuid: string, roles: string[]) {
  const response = await api.post(`user/${uuid}`, { data: { roles } });
  expect(response.status(), await response.text()).toBe(200);
}

async function lastLoginDaysAgo(api: APIRequestContext, username: string, days: number) {
  const user = await userNamed(api, username);
  const response = await api.post(`user/${user.uuid}`, {
    data: { userProperties: { ...user.userProperties, lastLoginTimestamp: String(Date.now() - days * DAY) } },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Writes (POST, DELETE) to /user/{uuid}, by "METHOD uuid", from now on. */
function countUserWrites(requests: Request[]) {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const match = /\/ws\/rest\/v1\/user\/([0-9a-f-]{36})/.exec(request.url());
    if (match && request.method() !== 'GET') {
      const key = `${request.method()} ${match[1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

test('an administrator who is not a System Developer changes the accounts it may, and sees per account why not the others', async ({
  browser,
  api,
}, testInfo) => {
  const storedPolicy = await api.get(`systemsetting/${POLICY}?v=custom:(value)`);
  const previousPolicy: string | null = storedPolicy.ok() ? (await storedPolicy.json()).value : null;

  const admin = await userNamed(api, userAdmin.username);
  const doctor = await userNamed(api, 'test-doctor');
  const nurse = await userNamed(api, 'maximiliana.montgomery');
  const demo = await userNamed(api, 'visitor1');
  const pharmacist = await userNamed(api, 'test-pharmacist');

  await test.step('setup as admin: useradmin gets the app privileges; a policy; a doctor and a nurse are due', async () => {
    // Assign Any Location: useradmin holds no location, and may give only those it holds without it
    for (const privilege of ['Manage Account Deactivation', 'Manage Location Access', 'Assign Any Location', 'Purge Users']) {
      await ensurePrivilege(api, privilege);
    }
    await ensureRole(api, appRole, { privileges: ['Manage Account Deactivation', 'Manage Location Access', 'Assign Any Location'] });
    await ensureRole(api, extraRole, { privileges: ['Purge Users'] });
    await setRoles(api, admin.uuid, [userAdmin.role, appRole]);
    const policy = {
      version: 1,
      enabled: true,
      inactiveDays: 90,
      neverLoggedIn: 'never',
      demo: { enabled: true, inactiveDays: 2, familyName: 'Test Account', usernamePrefix: 'test-', systemIdPattern: '9+-\\d+' },
      exemptRoles: [],
      warningDays: 14,
      maxPerRun: 500,
    };
    const saved = await api.post('systemsetting', { data: { property: POLICY, value: JSON.stringify(policy) } });
    expect(saved.ok(), await saved.text()).toBe(true);
    await lastLoginDaysAgo(api, 'test-doctor', 200);
    await lastLoginDaysAgo(api, 'maximiliana.montgomery', 200);
  });

  const page = await loginInFreshContext(browser, userAdmin.username, userAdmin.password);
  const screenshot = stepScreenshots(page, testInfo);
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  const deactivation = new DeactivationPage(page);

  await test.step('the due doctor is flagged with the privileges useradmin lacks, and cannot be selected', async () => {
    await deactivation.gotoUpcoming();
    await expect(page.getByText(/^Due accounts you may not change: \d+$/)).toBeVisible();
    await deactivation.search('test-doctor');
    const row = deactivation.rows().filter({ hasText: 'test-doctor' });
    await expect(row).toContainText(`You may not change this account: it needs privileges you do not have: ${doctorMissing}.`);
    await expect(row.getByRole('checkbox')).toBeDisabled();
    await screenshot('due doctor flagged');
    await expectNoSeriousA11yViolations(page, testInfo, { name: 'upcoming with a flagged row', include: UserAccessPage.root });
  });

  await test.step('a System Developer account says it needs Assign System Developer Role', async () => {
    await deactivation.openTab(/^Exempt/);
    await deactivation.search('devops');
    await expect(deactivation.rows().filter({ hasText: 'devops' })).toContainText(
      'You may not change a System Developer account: that needs the privilege "Assign System Developer Role".',
    );
    await screenshot('system developer flagged');
  });

  await test.step('deactivates a nurse it may change', async () => {
    await deactivation.openTab(/^Due now/);
    await deactivation.selectRowOf('maximiliana.montgomery');
    await page.getByRole('button', { name: 'Deactivate now' }).click();
    await deactivation.dialog().getByLabel(/Reason, recorded/).fill('Left the hospital');
    await deactivation.dialog().getByRole('button', { name: 'Deactivate' }).click();
    await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
    await screenshot('nurse deactivated');
    await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
    const after = await (await api.get(`user/${nurse.uuid}?v=full`)).json();
    expect(after.retired).toBe(true);
    expect(after.auditInfo.retireReason).toMatch(/^Left the hospital/);
  });

  await test.step('exempts a demo account it may change, then removes the exemption', async () => {
    await deactivation.selectRowOf('visitor1');
    await page.getByRole('button', { name: 'Exempt until…' }).click();
    await deactivation.dialog().getByLabel(/Exempt through/).fill('2999-12-31');
    await deactivation.dialog().getByLabel(/Reason for the exemption/).fill('Visiting for a year');
    await deactivation.dialog().getByRole('button', { name: 'Exempt' }).click();
    await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
    await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
    await deactivation.openTab(/^Exempt/);
    await deactivation.selectRowOf('visitor1');
    await page.getByRole('button', { name: 'Remove exemption' }).click();
    await deactivation.dialog().getByLabel(/Reason for removing the exemption/).fill('Visit ended');
    await deactivation.dialog().getByRole('button', { name: 'Remove exemption' }).click();
    await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
    await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
    expect((await userNamed(api, 'visitor1')).userProperties['useraccess.exemptUntil']).toBeUndefined();
  });

  await test.step('reactivates the nurse', async () => {
    await deactivation.openTab(/^Recently deactivated/);
    await deactivation.selectRowOf('maximiliana.montgomery');
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await deactivation.dialog().getByLabel(/Reason for the reactivation/).fill('Deactivated by mistake');
    await deactivation.dialog().getByRole('button', { name: 'Reactivate' }).click();
    await expect(deactivation.dialog().getByText('1 succeeded, 0 failed')).toBeVisible();
    await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
    expect((await (await api.get(`user/${nurse.uuid}`)).json()).retired).toBe(false);
  });

  await test.step('a refusal the page could not foresee (a role given after it loaded) is shown with the missing privilege, sent once', async () => {
    await deactivation.openTab(/^Due now/);
    await setRoles(api, pharmacist.uuid, ['Provider', extraRole]);
    await deactivation.selectRowOf('test-pharmacist');
    await page.getByRole('button', { name: 'Exempt until…' }).click();
    await deactivation.dialog().getByLabel(/Exempt through/).fill('2999-12-31');
    await deactivation.dialog().getByLabel(/Reason for the exemption/).fill('Covering a shift');
    await deactivation.dialog().getByRole('button', { name: 'Exempt' }).click();
    await expect(deactivation.dialog().getByText('0 succeeded, 1 failed')).toBeVisible();
    await expect(deactivation.dialog()).toContainText('You may not change this account: it needs privileges you do not have: Purge Users.');
    await expect(deactivation.dialog().getByRole('button', { name: /Retry the rest/ })).toHaveCount(0);
    await screenshot('unforeseen refusal');
    await expectNoSeriousA11yViolations(page, testInfo, { name: 'refusal in the dialog', include: '[role="dialog"]' });
    await deactivation.dialog().getByRole('button', { name: 'Done' }).click();
  });

  await test.step('user locations: the doctor is flagged, a nurse is edited', async () => {
    const locations = new LocationAccessPage(page);
    await locations.open();
    await locations.searchUsers('Doctor');
    const doctorRow = locations.userRow('test-doctor');
    await expect(doctorRow).toContainText(`it needs privileges you do not have: ${doctorMissing}.`);
    await expect(doctorRow.getByRole('checkbox')).toBeDisabled();
    await expect(doctorRow.getByRole('button', { name: /Edit the locations of/ })).toBeDisabled();
    await screenshot('user locations with a flagged row');
    await expectNoSeriousA11yViolations(page, testInfo, { name: 'user locations, flagged row', include: UserAccessPage.root });

    await locations.searchUsers('Montgomery');
    await locations.userRow('maximiliana.montgomery').getByRole('button', { name: /Edit the locations of/ }).click();
    const choices = locations.dialog().getByRole('group', { name: 'Locations this user can access' });
    // Carbon hides the checkbox input behind its label; a person clicks the label
    await choices.locator('label').filter({ hasText: 'Pharmacy' }).click();
    await expect(choices.getByRole('checkbox', { name: /^Pharmacy/ })).toBeChecked();
    await locations.dialog().getByRole('button', { name: 'Save' }).click();
    await expect(locations.dialog()).toHaveCount(0);
    expect((await userNamed(api, 'maximiliana.montgomery')).userProperties.locationUuid).toBeTruthy();
  });

  await test.step('nothing was sent for the accounts flagged, and nothing was sent twice', async () => {
    expect(Object.fromEntries(countUserWrites(requests))).toEqual({
      [`DELETE ${nurse.uuid}`]: 1,
      // unretire, the grace exemption that comes with it, the locations
      [`POST ${nurse.uuid}`]: 3,
      // exempt, then remove the exemption
      [`POST ${demo.uuid}`]: 2,
      // refused by the server: once, not retried
      [`POST ${pharmacist.uuid}`]: 1,
    });
  });

  await page.context().close();

  await test.step('restore: roles, the policy', async () => {
    await setRoles(api, pharmacist.uuid, ['Provider']);
    await setRoles(api, admin.uuid, [userAdmin.role]);
    if (previousPolicy !== null) {
      await api.post('systemsetting', { data: { property: POLICY, value: previousPolicy } });
    } else {
      await api.delete(`systemsetting/${POLICY}?purge=true`);
    }
  });
});
