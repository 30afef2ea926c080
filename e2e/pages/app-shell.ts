import type { Page } from '@playwright/test';

/** Pieces of the O3 app shell that every page has (primary navigation from @openmrs/esm-primary-navigation-app). */
export class AppShell {
  constructor(readonly page: Page) {}

  readonly topNav = () => this.page.getByRole('banner');
  readonly userMenuButton = () => this.page.getByRole('button', { name: /users?/i });
}
