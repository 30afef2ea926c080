import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { policyUser } from '../../test-support/policy-users';
import { useAllPolicyUsers } from '../users.resource';
import { useRunHistory } from './run-history.resource';
import { appendAccountHistory } from './account-history';
import { runEntry } from './run-history';
import HistoryPage from './history-page.component';

jest.mock('../users.resource', () => ({ useAllPolicyUsers: jest.fn() }));
jest.mock('./run-history.resource', () => ({ useRunHistory: jest.fn() }));

const gone = policyUser({
  username: 'gone',
  personName: 'Gone Away',
  userProperties: {
    'useraccess.history': appendAccountHistory(null, {
      at: '2026-05-20T10:00:00Z',
      by: 'admin',
      action: 'reactivate',
      reason: 'Back from study leave',
      previousRetireReason: 'Inactive for 97 days (limit 90 days)',
      until: '2026-06-20',
      via: 'page',
    }),
  },
});
const run = runEntry({ at: new Date('2026-05-10T02:00:00Z'), by: 'sweeper', via: 'sweep', dryRun: false, due: 7 }, [
  ...Array.from({ length: 6 }, (_, i) => ({ username: `due${i}`, outcome: 'deactivated' as const })),
  { username: 'stuck', outcome: 'failed' as const, message: 'Server responded with 500' },
]);

function setup(runsError?: Error) {
  jest.mocked(useAllPolicyUsers).mockReturnValue({ users: [gone, policyUser()], error: undefined, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useRunHistory).mockReturnValue({ runs: runsError ? [] : [run], error: runsError, isLoading: false, mutate: jest.fn() } as never);
  render(<HistoryPage />);
}

describe('HistoryPage', () => {
  it('shows each change with its reason and the retire reason core cleared, and each run with its counts', () => {
    setup();
    const table = screen.getByRole('table', { name: 'Deactivation history' });
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first).getByText('Reactivation')).toBeInTheDocument();
    expect(within(first).getByText('Back from study leave (through 2026-06-20)')).toBeInTheDocument();
    expect(within(first).getByText('Inactive for 97 days (limit 90 days)')).toBeInTheDocument();
    expect(within(second).getByText('Run (Applied)')).toBeInTheDocument();
    expect(within(second).getByText(/7 due: 6 deactivated, 1 failed, 0 not processed/)).toBeInTheDocument();
    expect(within(second).getByText('and 2 more')).toBeInTheDocument();
  });

  it('filters by action and by account, and says when nothing matches', async () => {
    const user = userEvent.setup();
    setup();
    await user.selectOptions(screen.getByLabelText('Action'), 'Run');
    expect(within(screen.getByRole('table')).queryByText('Reactivation')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Account'), 'stuck');
    expect(screen.getByText('Run (Applied)')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Account'));
    await user.type(screen.getByLabelText('Account'), 'nobody');
    expect(screen.getByText('No entries match these filters.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it('still shows the accounts\' history when the run history cannot be read', () => {
    setup(Object.assign(new Error('Forbidden'), { response: { status: 403 }, responseBody: { error: { message: 'Privileges required: Get Global Properties' } } }));
    expect(screen.getByText("The run history could not be read; only the accounts' own history is shown.")).toBeInTheDocument();
    expect(within(screen.getByRole('table')).getByText('Reactivation')).toBeInTheDocument();
  });
});
