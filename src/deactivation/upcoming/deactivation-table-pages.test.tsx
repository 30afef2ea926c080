/** The deactivations table shows one page of accounts at a time, as many as the person chose. */
import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { evaluateDeactivations } from '../policy';
import { enabledPolicy, policyUser } from '../../test-support/policy-users';
import DeactivationTable from './deactivation-table.component';
import { joinDecisions, rowsForTab } from './deactivation-rows';

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
