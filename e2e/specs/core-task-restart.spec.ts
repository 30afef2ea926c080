import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../core/test';
import { storageStatePath } from '../core/env';
import { saveAdminSession } from '../core/global-setup';
import { DeactivationPage } from '../pages/deactivation-page';
import { UserAccessPage } from '../pages/user-access-page';

const AUTO_RETIRE = 'org.openmrs.scheduler.tasks.AutoRetireUsersTask';
const controlUrl = process.env.E2E_BACKEND_CONTROL_URL;

interface Task {
  uuid: string;
  taskClass: string;
  started: boolean;
  startOnStartup: boolean;
}

async function coreTasks(api: APIRequestContext): Promise<Task[]> {
  const response = await api.get('taskdefinition?v=full&limit=100');
  expect(response.ok()).toBe(true);
  return ((await response.json()).results as Task[]).filter((t) => t.taskClass === AUTO_RETIRE);
}

async function theCoreTask(api: APIRequestContext): Promise<Task> {
  const tasks = await coreTasks(api);
  expect(tasks).toHaveLength(1);
  return tasks[0];
}

/** Restarts the backend on the same data (tools/e2e.mjs), then logs in again: a restart ends every session. */
async function restartServer(page: Page, api: APIRequestContext) {
  const response = await fetch(controlUrl!, { method: 'POST' });
  expect(response.status, await response.text()).toBe(204);
  await saveAdminSession();
  await page.context().addCookies(JSON.parse(readFileSync(storageStatePath, 'utf8')).cookies);
  // AuthorizationFilter answers the first request with the session cookie from before the restart with
  // a 401, and sets a new cookie that the following Basic-auth requests use
  await api.get('session');
}

test('the core task is as the administrator left it after a server restart', async ({
  page,
  api,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  test.skip(!controlUrl, 'needs a backend this run can restart (npm run test:e2e); skipped against E2E_BASE_URL');
  const deactivation = new DeactivationPage(page);
  const status = (name: string) => page.getByText(name, { exact: true });
  const reopenSettings = async () => {
    await deactivation.gotoSettings();
    await expect(page.getByText(/users\.numberOfDaysToRetire (is|is blank)/)).toBeVisible();
  };

  await test.step('start from a server without the task', async () => {
    for (const task of await coreTasks(api)) {
      await api.post('taskaction', { data: { action: 'SHUTDOWNTASK', tasks: [task.uuid] } });
      await api.post('taskaction', { data: { action: 'DELETE', tasks: [task.uuid] } });
    }
    expect(await coreTasks(api)).toHaveLength(0);
  });

  await test.step('a task created and never started does not start after a restart', async () => {
    await reopenSettings();
    await page.getByRole('button', { name: 'Create task' }).click();
    await expect(page.getByText('Task created.')).toBeVisible();
    await expect(status('Stopped')).toBeVisible();
    expect(await theCoreTask(api)).toMatchObject({ started: false, startOnStartup: false });
    await screenshot('created, never started');
    await restartServer(page, api);
    await reopenSettings();
    await expect(status('Stopped')).toBeVisible();
    await expect(page.getByText('Will start after a restart')).toHaveCount(0);
    expect(await theCoreTask(api)).toMatchObject({ started: false, startOnStartup: false });
    await screenshot('still stopped after a restart');
  });

  await test.step('Start asks to confirm with the accounts the task would retire that the app protects', async () => {
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const confirm = page.getByRole('region', { name: 'Start the core task?' });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByText(/would retire (no account|that this app protects)/)).toBeVisible();
    await screenshot('confirm before starting');
    await checkA11y({ name: 'confirm start', include: UserAccessPage.root });
    await confirm.getByRole('button', { name: 'Start the task' }).click();
    await expect(status('Scheduled')).toBeVisible();
    expect(await theCoreTask(api)).toMatchObject({ started: true, startOnStartup: true });
  });

  await test.step('a started task starts again after a restart', async () => {
    await restartServer(page, api);
    await reopenSettings();
    await expect(status('Scheduled')).toBeVisible();
    expect(await theCoreTask(api)).toMatchObject({ started: true, startOnStartup: true });
  });

  await test.step('a stopped task stays stopped after a restart', async () => {
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByText('Task stopped.')).toBeVisible();
    await expect(status('Stopped')).toBeVisible();
    expect(await theCoreTask(api)).toMatchObject({ started: false, startOnStartup: false });
    await restartServer(page, api);
    await reopenSettings();
    await expect(status('Stopped')).toBeVisible();
    expect(await theCoreTask(api)).toMatchObject({ started: false, startOnStartup: false });
    await screenshot('stopped, still stopped after a restart');
  });

  await test.step('a stopped task set to start on startup (older app, or by hand) is flagged and fixed in one click', async () => {
    const task = await theCoreTask(api);
    expect((await api.post(`taskdefinition/${task.uuid}`, { data: { startOnStartup: true } })).ok()).toBe(true);
    await reopenSettings();
    await expect(page.getByText('Will start after a restart')).toBeVisible();
    await screenshot('stopped but would start after a restart');
    await checkA11y({ name: 'starts after a restart', include: UserAccessPage.root });
    await page.getByRole('button', { name: 'Keep it stopped after a restart' }).click();
    await expect(page.getByText('The task stays stopped after a restart.')).toBeVisible();
    await expect(page.getByText('Will start after a restart')).toHaveCount(0);
    expect(await theCoreTask(api)).toMatchObject({ started: false, startOnStartup: false });
    await restartServer(page, api);
    await reopenSettings();
    await expect(status('Stopped')).toBeVisible();
    await screenshot('fixed, still stopped after a restart');
  });

  expect(pageErrors).toEqual([]);
});
