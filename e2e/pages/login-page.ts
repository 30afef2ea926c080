import { expect, type Page } from '@playwright/test';

/** The core login app (@openmrs/esm-login-app): username, Continue, password, Log in, then a location if asked. */
export class LoginPage {
  constructor(readonly page: Page) {}

  readonly usernameInput = () => this.page.getByLabel('Username');
  readonly passwordInput = () => this.page.getByLabel('Password', { exact: true });
  readonly continueButton = () => this.page.getByRole('button', { name: 'Continue' });
  readonly loginButton = () => this.page.getByRole('button', { name: 'Log in' });

  async goto() {
    await this.page.goto('login');
    await expect(this.usernameInput()).toBeVisible();
  }

  async enterUsername(username: string) {
    await this.usernameInput().fill(username);
    await this.continueButton().click();
    await expect(this.passwordInput()).toBeVisible();
  }

  async enterPassword(password: string) {
    await this.passwordInput().fill(password);
    await this.loginButton().click();
  }

  /**
   * After "Log in" the login app goes to /login/location. It picks the location by itself when
   * there is one location, a saved default, or no location step configured; otherwise it shows
   * the picker: then pick one and confirm. Resolves when the app has left the login pages.
   */
  async chooseLocationIfAsked({
    locationName,
    beforeChoosing,
  }: { locationName?: string; beforeChoosing?: () => Promise<unknown> } = {}) {
    const onLoginPages = (url: URL) => /\/login(\/|$)/.test(url.pathname);
    const picker = this.page.getByRole('radio').first();
    // The navbar is not rendered on the login pages, so it marks "logged in and gone on".
    await expect(picker.or(this.page.getByRole('banner'))).toBeVisible();
    if (onLoginPages(new URL(this.page.url())) && (await picker.isVisible())) {
      await beforeChoosing?.();
      await this.chooseLocation(locationName);
    }
    await this.page.waitForURL((url) => !onLoginPages(url));
  }

  /** Picks `locationName` (or the first location offered) and confirms. */
  async chooseLocation(locationName?: string) {
    const radio = locationName
      ? this.page.getByRole('radio', { name: locationName })
      : this.page.getByRole('radio').first();
    await radio.check({ force: true });
    await this.page.getByRole('button', { name: /confirm/i }).click();
  }
}
