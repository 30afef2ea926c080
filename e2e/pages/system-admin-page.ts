import { expect, type Page } from '@playwright/test';

/** The System Administration dashboard (@openmrs/esm-system-admin-app), with this module's cards. */
export class SystemAdminPage {
  constructor(readonly page: Page) {}

  /** Extensions in `system-admin-page-card-link-slot` (see src/routes.json). */
  static readonly cardExtensions = {
    accountDeactivation: '[data-extension-id="account-deactivation-admin-card"]',
    locationAccess: '[data-extension-id="location-access-admin-card"]',
  };

  /** Opens the page, unless the app is already there (the local stack's login lands here). */
  async goto() {
    if (!/\/spa\/system-administration/.test(new URL(this.page.url()).pathname)) {
      await this.page.goto('system-administration');
    }
    await expect(this.page).toHaveURL(/\/spa\/system-administration/);
  }

  card(title: 'Account deactivation' | 'Location access') {
    return this.page.getByRole('link', { name: new RegExp(title) });
  }
}
