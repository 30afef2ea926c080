import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../core/accessibility';
import fs from 'node:fs';
import path from 'node:path';
import { restUrl, screenshotsDir } from '../core/env';
import { expect, test } from '../core/test';
import { LocationAccessPage } from '../pages/location-access-page';
import { LocationSwitcher } from '../pages/location-switcher';
import { loginInFreshContext } from '../pages/safety-helpers';
import { UserAccessPage } from '../pages/user-access-page';
import { encodeRequest } from '../../src/location-access/requests/location-request';

const OUTPATIENT = { name: 'Outpatient Clinic', uuid: '44c3efb0-2583-4c80-a79e-1f756a03c0a1' };
const INPATIENT = { name: 'Inpatient Ward', uuid: 'ba685651-ed3b-4e63-a4a9-6b41ebf6b4d5' };
const REQUESTER = { username: 'req.nurse', password: 'Password123', given: 'Rahel', family: 'Requester' };
const END_DATE = '2999-01-31';

/** The user who asks: the role the setup check creates (Manage Alerts only) and one location. */
async function ensureRequester(api: APIRequestContext): Promise<string> {
  const found = (await (await api.get(`user?q=${REQUESTER.username}&v=custom:(uuid,username)`)).json()).results.find(
    (u: { username: string }) => u.username === REQUESTER.username,
  );
  const userProperties = { locationUuid: OUTPATIENT.uuid, defaultLocation: OUTPATIENT.uuid };
  if (found) {
    expect((await api.post(`user/${found.uuid}`, { data: { userProperties, roles: ['Location Requester', 'Provider'] } })).ok()).toBe(true);
    return found.uuid;
  }
  const created = await api.post('user', {
    data: {
      username: REQUESTER.username,
      password: REQUESTER.password,
      person: { names: [{ givenName: REQUESTER.given, familyName: REQUESTER.family }], gender: 'F' },
      roles: ['Location Requester', 'Provider'],
      userProperties,
    },
  });
  expect(created.ok(), await created.text()).toBe(true);
  return (await created.json()).uuid;
}

/** Pending requests left by an earlier run would change the counts: decide them all as rejected. */
async function clearPendingRequests(api: APIRequestContext) {
  const alerts = (await (await api.get('alert?v=custom:(uuid,text)&limit=100')).json()).results as Array<{ uuid: string; text: string }>;
  for (const alert of alerts.filter((a) => a.text.startsWith('useraccess.locationRequest:') && a.text.includes('"s":"p"'))) {
    await api.post(`alert/${alert.uuid}`, { data: { text: alert.text.replace('"s":"p"', '"s":"r"') } });
  }
}

/** The requester's own page after logging in through the form (a context of its own, closed with the page's). */
async function logInThroughForm(browser: Browser, username: string, password: string): Promise<Page> {
  const page = await loginInFreshContext(browser, username, password);
  await expect(page.getByRole('banner')).toBeVisible();
  return page;
}

let requesterShots = 0;
/** Screenshots of the requester's own browser, beside the spec's step screenshots. */
async function requesterShot(page: Page, name: string) {
  const dir = path.join(screenshotsDir, 'location-requests', 'requester');
  if (requesterShots === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  requesterShots += 1;
  const file = path.join(dir, `${String(requesterShots).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  await test.info().attach(name, { path: file, contentType: 'image/png' });
}

const requestDialog = (page: Page) => page.getByRole('dialog').filter({ hasText: 'Request another location' });

test.describe.configure({ mode: 'serial' });

test('a user asks for a location from the switcher, an administrator approves, and the next login offers it', async ({
  page,
  api,
  browser,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const locations = new LocationAccessPage(page);
  let requesterUuid = '';

  await test.step('the setup check creates the privilege and the requester role', async () => {
    await locations.open('setup');
    const requests = page.getByRole('region', { name: 'Location requests' });
    await expect(requests).toContainText('Manage Alerts');
    await expect(requests).toContainText('the server does not enforce it');
    const create = requests.getByRole('button', { name: /Create the role|Add Manage Alerts/ });
    if (await create.isVisible()) {
      await screenshot('setup check, requester role missing');
      await create.click();
    }
    await expect(requests).toContainText('Present, with Manage Alerts');
    // run alone the privilege is missing; after the other specs' setup check nothing is
    await expect(locations.createMissingButton().or(locations.nothingMissingButton())).toBeVisible();
    if (await locations.createMissingButton().isVisible()) {
      await locations.createMissingButton().click();
    }
    await expect(page.getByRole('region', { name: 'Privileges' }).getByRole('listitem').filter({ hasText: 'Assign Any Location' })).toContainText('Present');
    await screenshot('setup check, requester role present');
    await checkA11y({ name: 'setup check with requests', include: UserAccessPage.root });
    requesterUuid = await ensureRequester(api);
    await clearPendingRequests(api);
  });

  const requesterPage = await logInThroughForm(browser, REQUESTER.username, REQUESTER.password);
  const switcher = new LocationSwitcher(requesterPage);

  await test.step('the requester chooses "Request another location…" in the switcher menu', async () => {
    await switcher.button().click();
    const entry = switcher.menu().getByRole('menuitem', { name: 'Request another location…' });
    await expect(entry).toBeVisible();
    await requesterShot(requesterPage, 'switcher menu with the request entry');
    await entry.click();
    const dialog = requestDialog(requesterPage);
    await expect(dialog.getByRole('group', { name: 'Locations you ask for' })).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: OUTPATIENT.name })).toHaveCount(0);
    await expectNoSeriousA11yViolations(requesterPage, test.info(), { name: 'request dialog', include: '[role="dialog"]' });
    // Carbon hides the checkbox input behind its label; a person clicks the label
    await dialog.locator('label').filter({ hasText: INPATIENT.name }).click();
    await expect(dialog.getByRole('checkbox', { name: INPATIENT.name })).toBeChecked();
    await dialog.getByLabel('Reason').fill('Covering night shifts on the ward while a colleague is on leave');
    await dialog.getByLabel('Last day of access (optional)').fill(END_DATE);
    await requesterShot(requesterPage, 'request dialog filled');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await expect(dialog.getByText('Request sent')).toBeVisible();
    await requesterShot(requesterPage, 'request sent');
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  await requesterPage.context().close();

  await test.step('the administrator sees the request, with the count, and approves it', async () => {
    await locations.goto('locations/requests');
    await expect(locations.locationNav().getByRole('link', { name: 'Requests (1)' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Pending requests' });
    const row = table.getByRole('row').filter({ hasText: REQUESTER.username });
    await expect(row).toContainText(INPATIENT.name);
    await expect(row).toContainText('Covering night shifts');
    await screenshot('requests page, one pending');
    await checkA11y({ name: 'requests page', include: UserAccessPage.root });
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Approve request' })).toBeVisible();
    await screenshot('approve dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(dialog.getByText('Request approved')).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByText('No request is waiting for a decision.')).toBeVisible();
    await expect(page.getByText(/Approved by Super User on/)).toBeVisible();
    await screenshot('requests page, empty, with the decision');
    const user = await (await api.get(`user/${requesterUuid}?v=custom:(userProperties)`)).json();
    expect(user.userProperties.locationUuid).toBe(`${OUTPATIENT.uuid},${INPATIENT.uuid}`);
    expect(user.userProperties['useraccess.locationEndDates']).toBe(`${INPATIENT.uuid}:${END_DATE}`);
  });

  await test.step('at the next login the switcher shows the outcome and offers the location', async () => {
    const requester = await logInThroughForm(browser, REQUESTER.username, REQUESTER.password);
    const nextSwitcher = new LocationSwitcher(requester);
    await nextSwitcher.open();
    await expect(nextSwitcher.menu().getByText(`Approved: ${INPATIENT.name}, until ${END_DATE}`)).toBeVisible();
    await expect(nextSwitcher.item(INPATIENT.name)).toBeVisible();
    await requesterShot(requester, 'next login, outcome in the switcher menu');
    await expectNoSeriousA11yViolations(requester, test.info(), { name: 'switcher with outcome', include: LocationSwitcher.extension });
    await requester.context().close();
  });

  await test.step('the user-locations page shows the assignment as expiring', async () => {
    await locations.open('', `?location=${INPATIENT.uuid}`);
    await locations.searchUsers(REQUESTER.username);
    await expect(locations.userRow(REQUESTER.username)).toContainText(`${INPATIENT.name} (until`);
    await screenshot('user locations, expiring assignment');
  });

  expect(pageErrors).toEqual([]);
});

test('a request another administrator decided meanwhile is shown as a conflict, and nothing is written', async ({
  page,
  api,
  playwright,
  stepScreenshot: screenshot,
  checkA11y,
}) => {
  const locations = new LocationAccessPage(page);
  const requesterUuid = await ensureRequester(api);
  await clearPendingRequests(api);
  const asRequester = await playwright.request.newContext({
    baseURL: `${restUrl}/`,
    // no session of the admin's: Basic auth logs in only a request without one (AuthorizationFilter)
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { Authorization: `Basic ${Buffer.from(`${REQUESTER.username}:${REQUESTER.password}`).toString('base64')}` },
  });
  const body = {
    kind: 'user' as const,
    locations: [INPATIENT.uuid],
    endDate: null,
    reason: 'A reason long enough to wrap: '.repeat(6).trim(),
    patientUuid: null,
    status: 'pending' as const,
    rejectionReason: null,
  };
  const created = await asRequester.post('alert', { data: { text: encodeRequest(body), recipients: [{ recipient: requesterUuid }] } });
  expect(created.ok(), await created.text()).toBe(true);
  const alertUuid = (await created.json()).uuid;
  // AlertServiceImpl.saveAlert sets the creator: the requester, whatever the client sends
  expect((await (await api.get(`alert/${alertUuid}?v=full`)).json()).creator.uuid).toBe(requesterUuid);

  await test.step('the administrator opens Reject while another administrator approves', async () => {
    await locations.goto('locations/requests');
    const row = page.getByRole('table', { name: 'Pending requests' }).getByRole('row').filter({ hasText: REQUESTER.username });
    await screenshot('requests page, long reason');
    await row.getByRole('button', { name: 'Reject' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason for the rejection').fill('No night staff needed');
    // meanwhile, someone else decides
    expect((await api.post(`alert/${alertUuid}`, { data: { text: encodeRequest({ ...body, status: 'approved' }) } })).ok()).toBe(true);
    const before = await (await api.get(`user/${requesterUuid}?v=custom:(userProperties)`)).json();
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await expect(dialog.getByText('Already decided: nothing was written')).toBeVisible();
    await expect(dialog.getByText(/Approved by Super User on/)).toBeVisible();
    await screenshot('conflict');
    await checkA11y({ name: 'conflict dialog', include: '[role="dialog"]' });
    const after = await (await api.get(`user/${requesterUuid}?v=custom:(userProperties)`)).json();
    expect(after.userProperties).toEqual(before.userProperties);
    const stored = await (await api.get(`alert/${alertUuid}`)).json();
    expect(stored.text).toContain('"s":"a"');
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  await test.step('a narrow window, and a server error', async () => {
    await page.setViewportSize({ width: 480, height: 900 });
    await screenshot('requests page, narrow window');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.route('**/ws/rest/v1/alert?**', (route) => route.fulfill({ status: 500, body: '{"error":{"message":"Database is down"}}' }));
    await locations.goto('locations/requests');
    await expect(page.getByText('Could not load requests')).toBeVisible();
    await screenshot('requests page, error');
    await page.unroute('**/ws/rest/v1/alert?**');
  });

  await asRequester.dispose();
});
