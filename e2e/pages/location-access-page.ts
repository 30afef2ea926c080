import { expect, type Page } from '@playwright/test';
import { UserAccessPage } from './user-access-page';

export type LocationAccessSubPage = '' | 'patient' | 'bulk' | 'move' | 'report' | 'setup';

const pageHeadings: Record<LocationAccessSubPage, string> = {
  '': 'User locations',
  patient: 'Location of one patient',
  bulk: 'Assign patient locations in bulk',
  move: 'Move patients between locations',
  report: 'Location report',
  setup: 'Setup check',
};

/** The location access section at /openmrs/spa/user-access/locations/... */
export class LocationAccessPage extends UserAccessPage {
  constructor(page: Page) {
    super(page);
  }

  readonly locationNav = () => this.page.getByRole('navigation', { name: 'Location access pages' });
  readonly dialog = () => this.page.getByRole('dialog');

  async open(sub: LocationAccessSubPage = '', query = '') {
    await this.goto(`locations${sub ? `/${sub}` : ''}${query}`);
    await expect(this.page.getByRole('heading', { level: 2, name: pageHeadings[sub] })).toBeVisible();
    // the page's data has loaded once the skeleton is gone
    await expect(
      this.page.locator(
        `${UserAccessPage.root} [role="progressbar"].cds--skeleton, ${UserAccessPage.root} .cds--data-table.cds--skeleton`,
      ),
    ).toHaveCount(0);
  }

  /** A Carbon Select by its label; choose by the option's visible text. */
  async selectOption(label: string | RegExp, optionText: string | RegExp) {
    const select = this.page.getByLabel(label);
    const option = select.locator('option').filter({ hasText: optionText }).first();
    const value = await option.getAttribute('value');
    await select.selectOption(value ?? '');
  }

  // --- setup check ---
  readonly createMissingButton = () => this.page.getByRole('button', { name: 'Create what is missing' });
  readonly nothingMissingButton = () => this.page.getByRole('button', { name: 'Nothing is missing' });

  // --- user locations ---
  readonly usersTable = () => this.page.getByRole('table', { name: 'Users and their locations' });
  async searchUsers(text: string) {
    await this.page.getByRole('searchbox', { name: 'Search users' }).fill(text);
  }
  userRow(username: string) {
    return this.usersTable()
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('cell', { name: username, exact: true }) });
  }

  // --- patients: job results ---
  readonly progressBar = () => this.page.getByRole('progressbar').first();
}
