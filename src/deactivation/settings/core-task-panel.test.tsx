import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { enabledPolicy, policyUser } from '../../test-support/policy-users';
import {
  createAutoRetireTask,
  runTask,
  scheduleTask,
  useAutoRetireTask,
  useCoreTaskSupport,
} from '../core-task.resource';
import { useCoreDaysToRetire } from '../policy-settings.resource';
import { useAllPolicyUsers } from '../users.resource';
import CoreTaskPanel from './core-task-panel.component';

jest.mock('../core-task.resource', () => ({
  useAutoRetireTask: jest.fn(),
  useCoreTaskSupport: jest.fn(),
  createAutoRetireTask: jest.fn(() => Promise.resolve()),
  updateTaskInterval: jest.fn(() => Promise.resolve()),
  scheduleTask: jest.fn(() => Promise.resolve()),
  shutdownTask: jest.fn(() => Promise.resolve()),
  runTask: jest.fn(() => Promise.resolve()),
}));
jest.mock('../policy-settings.resource', () => ({ useCoreDaysToRetire: jest.fn() }));
jest.mock('../users.resource', () => ({ useAllPolicyUsers: jest.fn() }));

const neverLoggedIn = policyUser({ personName: 'Nadia Never', lastLoginDaysAgo: null });
const exemptByRole = policyUser({ personName: 'Olu Oncall', roles: ['Night Duty'], lastLoginDaysAgo: 200 });
const due = policyUser({ personName: 'Dora Due', lastLoginDaysAgo: 120 });

function setup(task: object | null, support = { status: 'available', version: '2.7.0' }) {
  const mutate = jest.fn();
  jest.mocked(useAutoRetireTask).mockReturnValue({ task, error: undefined, isLoading: false, mutate } as never);
  jest.mocked(useCoreTaskSupport).mockReturnValue({ support, error: undefined, isLoading: false } as never);
  jest.mocked(useCoreDaysToRetire).mockReturnValue({ value: '90', error: undefined, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useAllPolicyUsers).mockReturnValue({ users: [neverLoggedIn, exemptByRole, due], mutate: jest.fn() } as never);
  render(<CoreTaskPanel policy={enabledPolicy({ exemptRoles: ['Night Duty'] })} actingUserUuid="admin" />);
}

describe('CoreTaskPanel', () => {
  it('offers to create the task when it is not registered', async () => {
    const user = userEvent.setup();
    setup(null);
    expect(screen.getByText('Not registered')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create task' }));
    expect(createAutoRetireTask).toHaveBeenCalledWith(86400);
    expect(await screen.findByText('Task created.')).toBeInTheDocument();
  });

  it('lists the accounts core would retire that the policy protects, before starting', async () => {
    const user = userEvent.setup();
    setup({ uuid: 'task-1', started: false, repeatInterval: 86400 });
    expect(screen.getByText('Accounts the core task would retire that this app protects: 2')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Accounts the core task would retire' });
    expect(list).toHaveTextContent('Nadia Never');
    expect(list).toHaveTextContent('Olu Oncall');
    expect(list).not.toHaveTextContent('Dora Due');
    await user.click(screen.getByRole('button', { name: 'Start anyway' }));
    expect(scheduleTask).toHaveBeenCalledWith('task-1');
  });

  it('runs a scheduled task now and shows a server error plainly', async () => {
    const user = userEvent.setup();
    jest.mocked(runTask).mockRejectedValueOnce(Object.assign(new Error('x'), { response: { status: 403 }, responseBody: { error: { message: 'User is logged in but does not have the relevant privilege' } } }));
    setup({ uuid: 'task-1', started: true, repeatInterval: 86400 });
    expect(screen.getByText('Scheduled')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Run now' }));
    expect(await screen.findByText('403: User is logged in but does not have the relevant privilege')).toBeInTheDocument();
  });

  it('shows no status and no controls when the scheduler cannot be read, so a 403 never leads to a second task', () => {
    jest.mocked(useAutoRetireTask).mockReturnValue({
      task: null,
      error: Object.assign(new Error('forbidden'), {
        response: { status: 403 },
        responseBody: { error: { message: 'Privileges required: Manage Scheduler' } },
      }),
      isLoading: false,
      mutate: jest.fn(),
    } as never);
    jest.mocked(useCoreTaskSupport).mockReturnValue({ support: { status: 'available', version: '2.7.0' } } as never);
    jest.mocked(useCoreDaysToRetire).mockReturnValue({ value: '90', mutate: jest.fn() } as never);
    jest.mocked(useAllPolicyUsers).mockReturnValue({ users: [], mutate: jest.fn() } as never);
    render(<CoreTaskPanel policy={enabledPolicy()} actingUserUuid="admin" />);
    expect(screen.getByText('Could not read the scheduler')).toBeInTheDocument();
    expect(screen.getByText('403: Privileges required: Manage Scheduler')).toBeInTheDocument();
    expect(screen.queryByText('Not registered')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('says when the server is too old for the core task', () => {
    setup(null, { status: 'unavailable', version: '2.6.1' });
    expect(screen.getByText('This server runs OpenMRS 2.6.1; the task needs 2.7 or later.')).toBeInTheDocument();
  });
});
