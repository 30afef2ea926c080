import { expect, type Page } from '@playwright/test';

/** This module's page at /openmrs/spa/user-access/... */
export class UserAccessPage {
  constructor(readonly page: Page) {}

  /** The element single-spa mounts this module's page into: the scope of its accessibility checks. */
  static readonly root = '[id^="single-spa-application:@openmrs/esm-user-access-app-page-"]';

  readonly heading = () => this.page.getByRole('heading', { level: 1, name: 'User access' });
  readonly sectionNav = () => this.page.getByRole('navigation', { name: 'User access sections' });

  async goto(subPath = '') {
    await this.page.goto(`user-access${subPath ? `/${subPath}` : ''}`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expect(this.page).toHaveURL(/\/spa\/user-access(\/|$)/);
    await expect(this.heading()).toBeVisible();
  }
}
