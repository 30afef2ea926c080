import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** Impacts that fail a test. Minor and moderate ones are reported in the attachment only. */
const failingImpacts = ['serious', 'critical'];

/**
 * Runs axe (WCAG 2.0/2.1/2.2 A and AA rules) on the part of the page this module renders, and
 * fails on serious or critical violations. The core apps around it (navbar, login app, system
 * admin dashboard) are outside this module's control, so `include` scopes the check to our DOM.
 * The full axe result is attached to the test report.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  testInfo: TestInfo,
  { include, name, exclude = [] }: { include: string | Array<string>; name: string; exclude?: Array<string> },
) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  for (const selector of Array.isArray(include) ? include : [include]) {
    builder = builder.include(selector);
  }
  for (const selector of exclude) {
    builder = builder.exclude(selector);
  }
  const results = await builder.analyze();
  await testInfo.attach(`axe-${name}.json`, {
    body: JSON.stringify(results, null, 2),
    contentType: 'application/json',
  });

  const failing = results.violations.filter((v) => failingImpacts.includes(v.impact ?? ''));
  const summary = failing.map(
    (v) =>
      `${v.impact}: ${v.id} (${v.help}) ${v.helpUrl}\n` +
      v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n'),
  );
  expect(results.passes.length + results.violations.length, `axe checked nothing on ${name}`).toBeGreaterThan(0);
  expect(failing, `serious/critical accessibility violations on ${name}:\n${summary.join('\n')}`).toEqual([]);
}
