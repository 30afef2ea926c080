import { expect, type Page } from '@playwright/test';
import { restUrl } from '../core/env';

/** This module's session-location switcher in the top navigation (extension `session-location-switcher`). */
export class LocationSwitcher {
  constructor(readonly page: Page) {}

  static readonly extension = '[data-extension-id="session-location-switcher"]';

  readonly root = () => this.page.locator(LocationSwitcher.extension);
  readonly button = () => this.root().getByRole('button', { name: /^Location: / });
  readonly menu = () => this.root().getByRole('menu', { name: 'Choose a location' });
  readonly items = () => this.menu().getByRole('menuitemradio');
  readonly item = (name: string) => this.menu().getByRole('menuitemradio', { name, exact: true });
  readonly status = () => this.root().getByRole('status');

  async open() {
    await this.button().click();
    await expect(this.menu()).toBeVisible();
    // names are fetched when the menu is first wanted; wait until the loading line is gone
    await expect(this.menu().getByText('Loading locations…')).toHaveCount(0);
  }

  async itemNames() {
    return (await this.items().allInnerTexts()).map((t) => t.trim());
  }

  async choose(name: string) {
    await this.open();
    await this.item(name).click();
    await expect(this.menu()).toHaveCount(0);
    await expect(this.button()).toHaveAccessibleName(`Location: ${name}`);
    await expect(this.button()).not.toHaveAttribute('aria-busy', 'true');
  }

  /** The session as the browser's user sees it (the page's cookies). */
  async session(): Promise<{
    user?: { username: string };
    sessionLocation?: { uuid: string; display: string } | null;
  }> {
    const response = await this.page.request.get(`${restUrl}/session`);
    expect(response.ok()).toBe(true);
    return response.json();
  }
}
