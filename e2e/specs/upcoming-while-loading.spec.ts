import type { Route } from '@playwright/test';
import { expect, test } from '../core/test';
import { DeactivationPage } from '../pages/deactivation-page';
import { UserAccessPage } from '../pages/user-access-page';

/** Every user-list page after the first (limit=100&startIndex=100, 200, ...). */
const LATER_USER_PAGES = /\/ws\/rest\/v1\/user\?v=[^#]*startIndex=[1-9]/;

test('the upcoming table shows the first users while the rest load, and offers actions only once every user is in', async ({
  page,
  stepScreenshot: screenshot,
  checkA11y,
  pageErrors,
}) => {
  const deactivation = new DeactivationPage(page);
  // the later pages wait until the test lets them through, so the state between is seen for sure
  const held: Route[] = [];
  let holding = true;
  await page.route(LATER_USER_PAGES, (route) => (holding ? held.push(route) : route.continue()));
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  await test.step('the first page of users is shown with a count, and nothing can be done yet', async () => {
    await deactivation.goto('deactivation');
    await expect(page.getByText(/Loading users: 100 of [\d,]+\. Actions are offered once every user is loaded and evaluated\./)).toBeVisible();
    await expect(deactivation.rows().first()).toBeVisible();
    await expect(deactivation.table().getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Deactivate all due accounts/ })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
    await screenshot('first users while the rest load');
    await checkA11y({ name: 'upcoming while loading', include: UserAccessPage.root });
    await page.setViewportSize({ width: 480, height: 900 });
    await screenshot('first users while the rest load, narrow window');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  await test.step('once the last page is in, the counts are final and the actions offered', async () => {
    holding = false;
    await Promise.all(held.map((route) => route.continue()));
    await expect(page.getByText(/Loading users/)).toHaveCount(0);
    await expect(deactivation.table().getByRole('checkbox').first()).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    await screenshot('every user in');
  });

  // the list was read off the page's main thread, by the module's worker (fetch-policy-users-in-worker.ts);
  // a module served from another origin than the page (the dev server of E2E_DEV_SERVER) reads it itself
  if (!process.env.E2E_DEV_SERVER) {
    expect(workers).toEqual([expect.stringMatching(/openmrs-esm-user-access-app.*\.js$/)]);
  }

  expect(pageErrors).toEqual([]);
});
