import { expect, type Locator, type Page } from '@playwright/test';
import { UserAccessPage } from './user-access-page';

/** The account deactivation section: upcoming deactivations and inactivity settings. */
export class DeactivationPage extends UserAccessPage {
  constructor(page: Page) {
    super(page);
  }

  async gotoUpcoming() {
    await this.goto('deactivation');
    await expect(this.page.getByRole('heading', { name: 'Upcoming deactivations' })).toBeVisible();
    await expect(this.page.getByRole('tab', { name: /^Due now/ })).toBeVisible();
    // rows show while the users load (100 per request); the counts and actions are final once every user is in
    await expect(this.page.getByText(/Actions are offered once every user is loaded/)).toHaveCount(0);
  }

  async gotoSettings() {
    await this.goto('deactivation/settings');
    await expect(this.page.getByRole('form', { name: 'Deactivation policy' })).toBeVisible();
  }

  readonly tab = (name: RegExp) => this.page.getByRole('tab', { name });
  readonly table = () => this.page.getByRole('table', { name: 'Deactivations' });
  readonly rows = () => this.table().locator('tbody tr');
  readonly dialog = () => this.page.getByRole('dialog');

  async openTab(name: RegExp) {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** The username in the second data column of a row. */
  async usernameOf(row: Locator) {
    return (await row.locator('td').nth(2).innerText()).trim();
  }

  async search(text: string) {
    await this.page.getByRole('searchbox').fill(text);
  }

  async selectRowOf(username: string) {
    await this.search(username);
    const row = this.rows().filter({ hasText: username });
    await expect(row).toHaveCount(1);
    await row.getByRole('checkbox').check({ force: true });
    return row;
  }

  async field(label: string | RegExp, value: string) {
    const input = this.page.getByLabel(label);
    await input.fill(value);
  }
}
