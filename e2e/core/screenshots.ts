import fs from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { screenshotsDir } from './env';

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Saves numbered full-page screenshots of a test's steps to
 * e2e/screenshots/<spec file>/<test title>/NN-<step>.png (git-ignored), and attaches them to the report.
 */
export function stepScreenshots(page: Page, testInfo: TestInfo) {
  const dir = path.join(screenshotsDir, slug(path.basename(testInfo.file, '.spec.ts')), slug(testInfo.title));
  fs.rmSync(dir, { recursive: true, force: true });
  let step = 0;
  return async function screenshot(name: string) {
    step += 1;
    const file = path.join(dir, `${String(step).padStart(2, '0')}-${slug(name)}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    await testInfo.attach(name, { path: file, contentType: 'image/png' });
    return file;
  };
}
