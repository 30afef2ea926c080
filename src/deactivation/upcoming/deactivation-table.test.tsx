/**
 * The deactivations table: the file "Export CSV" downloads (what is shown, one line per account, with
 * every cell a spreadsheet would run as a formula (= + - @) neutralised), and its pages of accounts,
 * as many at a time as the person chose.
 */
import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { evaluateDeactivations } from '../policy';
import { enabledPolicy, policyUser } from '../../test-support/policy-users';
import DeactivationTable from './deactivation-table.component';
import { joinDecisions, rowsForTab } from './deactivation-rows';

const hostile = [
  policyUser({
    personName: '=HYPERLINK("http://evil.example","click")',
    username: '+cmd',
    roles: ['-2+3'],
    lastLoginDaysAgo: 200,
  }),
  policyUser({ personName: '@SUM(A1:A9)', username: 'safe.name', roles: ['=1+1', 'Provider'], lastLoginDaysAgo: 150 }),
  policyUser({ personName: 'Plain Person', username: 'plain', lastLoginDaysAgo: 120 }),
];

async function exportedCsv(): Promise<string> {
  const blobs: Blob[] = [];
  const createObjectURL = jest.fn((blob: Blob) => {
    blobs.push(blob);
    return 'blob:csv';
  });
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});

  const now = new Date();
  const rows = joinDecisions(hostile, evaluateDeactivations(hostile, enabledPolicy(), now));
  render(
    <DeactivationTable
      tab="due"
      rows={rowsForTab(rows, 'due', now)}
      pageSize={25}
      canWrite
      onDeactivate={jest.fn()}
      onExempt={jest.fn()}
      onRemoveExemption={jest.fn()}
      onReactivate={jest.fn()}
    />,
  );
  await userEvent.setup().click(screen.getByRole('button', { name: 'Export CSV' }));
  expect(click).toHaveBeenCalledTimes(1);
  expect(blobs).toHaveLength(1);
  // jsdom's Blob has no text()
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blobs[0]);
  });
}

describe('Export CSV of the deactivations table', () => {
  it('neutralises every cell that starts with = + - @ and keeps the others as they are', async () => {
    const csv = await exportedCsv();
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + hostile.length);
    // no cell of the file starts with a formula character, quoted or not
    const cells = lines.flatMap((line) =>
      line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')),
    );
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    expect(csv).toContain(`'=HYPERLINK(""http://evil.example"",""click"")`);
    expect(csv).toContain("'@SUM(A1:A9)");
    expect(csv).toContain("'+cmd");
    expect(csv).toContain("'=1+1, Provider");
    expect(csv).toContain('Plain Person');
    expect(csv).not.toContain("'Plain Person");
  });
});

const users = Array.from({ length: 12 }, (_, i) => policyUser({ personName: `Pager ${i + 1}`, lastLoginDaysAgo: 200 + i }));

function renderTable(pageSize: number) {
  const now = new Date();
  const rows = joinDecisions(users, evaluateDeactivations(users, enabledPolicy(), now));
  render(
    <DeactivationTable
      tab="due"
      rows={rowsForTab(rows, 'due', now)}
      pageSize={pageSize}
      canWrite={false}
      onDeactivate={jest.fn()}
      onExempt={jest.fn()}
      onRemoveExemption={jest.fn()}
      onReactivate={jest.fn()}
    />,
  );
}

const bodyRows = () => within(screen.getByRole('table', { name: 'Deactivations' })).getAllByRole('row').slice(1);

describe('Pages of the deactivations table', () => {
  // each step re-renders the table, which takes seconds on a loaded machine
  it('starts with the configured page size, moves to the next page, back to the first on a new search, and shows more rows per page on request', async () => {
    const user = userEvent.setup();
    renderTable(10);
    expect(bodyRows()).toHaveLength(10);
    expect(screen.getByText('1–10 of 12 items')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(bodyRows()).toHaveLength(2);
    expect(screen.getByText('11–12 of 12 items')).toBeInTheDocument();

    await user.click(screen.getByRole('searchbox', { name: 'Search users' }));
    await user.paste('pager');
    expect(bodyRows()).toHaveLength(10);
    expect(screen.getByText('1–10 of 12 items')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: /Items per page/ }), '25');
    expect(bodyRows()).toHaveLength(12);
    expect(screen.getByText('1–12 of 12 items')).toBeInTheDocument();
  }, 20_000);
});
