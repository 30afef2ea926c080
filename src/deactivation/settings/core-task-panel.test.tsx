import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { enabledPolicy, policyUser } from '../../test-support/policy-users';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { createAutoRetireTask, useAutoRetireTask, useCoreTaskSupport } from '../core-task.resource';
import { keepStoppedAfterRestart, runTaskAndReadBack, startTask } from '../core-task-io';
import { useCoreDaysToRetire } from '../policy-settings.resource';
import { useAllPolicyUsers } from '../users.resource';
import { appendRun } from '../history/run-history-io';
import CoreTaskPanel from './core-task-panel.component';

jest.mock('../core-task.resource', () => ({
  useAutoRetireTask: jest.fn(),
  useCoreTaskSupport: jest.fn(),
  createAutoRetireTask: jest.fn(() => Promise.resolve()),
  updateTaskInterval: jest.fn(() => Promise.resolve()),
}));
jest.mock('../core-task-io', () => ({
  ...jest.requireActual('../core-task-io'),
  startTask: jest.fn(() => Promise.resolve()),
  stopTask: jest.fn(() => Promise.resolve()),
  runTaskAndReadBack: jest.fn(() => Promise.resolve({ retired: [], finished: true })),
  keepStoppedAfterRestart: jest.fn(() => Promise.resolve()),
}));
jest.mock('../policy-settings.resource', () => ({ useCoreDaysToRetire: jest.fn() }));
jest.mock('../users.resource', () => ({ useAllPolicyUsers: jest.fn() }));
jest.mock('../history/run-history-io', () => ({ appendRun: jest.fn(() => Promise.resolve()) }));

const neverLoggedIn = policyUser({ personName: 'Nadia Never', lastLoginDaysAgo: null });
const exemptByRole = policyUser({ personName: 'Olu Oncall', roles: ['Night Duty'], lastLoginDaysAgo: 200 });
const due = policyUser({ personName: 'Dora Due', lastLoginDaysAgo: 120 });

function setup(
  task: object | null,
  support = { status: 'available', version: '2.7.0' },
  users: { users: object[]; isLoading?: boolean } = { users: [neverLoggedIn, exemptByRole, due] },
) {
  const mutate = jest.fn();
  jest.mocked(useAutoRetireTask).mockReturnValue({ task, error: undefined, isLoading: false, mutate } as never);
  jest.mocked(useCoreTaskSupport).mockReturnValue({ support, error: undefined, isLoading: false } as never);
  jest.mocked(useCoreDaysToRetire).mockReturnValue({ value: '90', error: undefined, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useAllPolicyUsers).mockReturnValue({ isLoading: false, error: undefined, ...users, mutate: jest.fn() } as never);
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

  it('starts the task only after the administrator has seen and confirmed every account it would retire that the app protects', async () => {
    const user = userEvent.setup();
    setup({ uuid: 'task-1', started: false, startOnStartup: false, repeatInterval: 86400 });
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(startTask).not.toHaveBeenCalled();
    const confirm = screen.getByRole('region', { name: 'Start the core task?' });
    expect(screen.getByRole('heading', { name: 'Start the core task?' })).toHaveFocus();
    expect(confirm).toHaveTextContent('Accounts the core task would retire that this app protects: 2');
    const list = screen.getByRole('list', { name: 'Accounts the core task would retire' });
    expect(list).toHaveTextContent('Nadia Never');
    expect(list).toHaveTextContent('Olu Oncall');
    expect(list).not.toHaveTextContent('Dora Due');
    await user.click(screen.getByRole('button', { name: 'Start the task' }));
    expect(startTask).toHaveBeenCalledWith(openmrsRestClient, 'task-1');
    expect(await screen.findByText('Task scheduled.')).toBeInTheDocument();
  });

  it('says so when the task would retire no account the app protects, and still asks to confirm', async () => {
    const user = userEvent.setup();
    setup({ uuid: 'task-1', started: false, repeatInterval: 86400 }, undefined, { users: [due] });
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(screen.getByRole('region', { name: 'Start the core task?' })).toHaveTextContent(
      'The core task would retire no account that this app protects.',
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(startTask).not.toHaveBeenCalled();
  });

  it('cannot be started while the users are still loading: there is no list yet', async () => {
    const user = userEvent.setup();
    setup({ uuid: 'task-1', started: false, repeatInterval: 86400 }, undefined, { users: [], isLoading: true });
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(screen.queryByText('The core task would retire no account that this app protects.')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start the task' })).toBeDisabled();
  });

  it('warns that a stopped task set to start on startup will start after a restart, and fixes it in one click', async () => {
    const user = userEvent.setup();
    setup({ uuid: 'task-1', started: false, startOnStartup: true, repeatInterval: 86400 });
    expect(screen.getByText('Stopped')).toBeInTheDocument();
    expect(screen.getByText('Will start after a restart')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Keep it stopped after a restart' }));
    expect(keepStoppedAfterRestart).toHaveBeenCalledWith(openmrsRestClient, 'task-1');
    expect(await screen.findByText('The task stays stopped after a restart.')).toBeInTheDocument();
  });

  it('does not warn about a restart for a stopped task that will stay stopped', () => {
    setup({ uuid: 'task-1', started: false, startOnStartup: false, repeatInterval: 86400 });
    expect(screen.queryByText('Will start after a restart')).not.toBeInTheDocument();
  });

  it('Run now says plainly when the run changed nothing', async () => {
    const user = userEvent.setup();
    setup({ uuid: 'task-1', started: true, repeatInterval: 86400 });
    await user.click(screen.getByRole('button', { name: 'Run now' }));
    await user.click(screen.getByRole('button', { name: 'Run the task now' }));
    expect(runTaskAndReadBack).toHaveBeenCalledWith(openmrsRestClient, { uuid: 'task-1' });
    expect(await screen.findByText('The task ran and changed nothing: it retired no account.')).toBeInTheDocument();
  });

  it('Run now reports the accounts the run retired', async () => {
    const user = userEvent.setup();
    jest.mocked(runTaskAndReadBack).mockResolvedValueOnce({ retired: [neverLoggedIn, exemptByRole], finished: true } as never);
    setup({ uuid: 'task-1', started: true, repeatInterval: 86400 });
    await user.click(screen.getByRole('button', { name: 'Run now' }));
    await user.click(screen.getByRole('button', { name: 'Run the task now' }));
    expect(await screen.findByText('The task ran and retired 2 accounts.')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Accounts the run retired' })).toHaveTextContent('Nadia Never');
    expect(appendRun).toHaveBeenLastCalledWith(
      openmrsRestClient,
      expect.objectContaining({
        via: 'coreTask',
        dryRun: false,
        counts: expect.objectContaining({ deactivated: 2 }),
        accounts: [[neverLoggedIn.username, 'deactivated'], [exemptByRole.username, 'deactivated']],
      }),
    );
  });

  it('Run now reports the run even when it could not be kept in the run history', async () => {
    const user = userEvent.setup();
    jest.mocked(appendRun).mockRejectedValueOnce(Object.assign(new Error('x'), { response: { status: 403 }, responseBody: { error: { message: 'Privileges required: Manage Global Properties' } } }));
    setup({ uuid: 'task-1', started: true, repeatInterval: 86400 });
    await user.click(screen.getByRole('button', { name: 'Run now' }));
    await user.click(screen.getByRole('button', { name: 'Run the task now' }));
    expect(
      await screen.findByText(
        'The task ran and changed nothing: it retired no account. The run was not kept in the run history: 403: Privileges required: Manage Global Properties',
      ),
    ).toBeInTheDocument();
  });

  it('Run now says when the server only queued the run', async () => {
    const user = userEvent.setup();
    jest.mocked(runTaskAndReadBack).mockResolvedValueOnce({ retired: [], finished: false } as never);
    setup({ uuid: 'task-1', started: true, repeatInterval: 86400 });
    await user.click(screen.getByRole('button', { name: 'Run now' }));
    await user.click(screen.getByRole('button', { name: 'Run the task now' }));
    expect(
      await screen.findByText('The server queued the run and has not said that it finished. So far it retired 0 accounts; look again later.'),
    ).toBeInTheDocument();
  });

  it('runs a scheduled task now and shows a server error plainly', async () => {
    const user = userEvent.setup();
    jest.mocked(runTaskAndReadBack).mockRejectedValueOnce(Object.assign(new Error('x'), { response: { status: 403 }, responseBody: { error: { message: 'User is logged in but does not have the relevant privilege' } } }));
    setup({ uuid: 'task-1', started: true, repeatInterval: 86400 });
    expect(screen.getByText('Scheduled')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Run now' }));
    await user.click(screen.getByRole('button', { name: 'Run the task now' }));
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
    jest.mocked(useAllPolicyUsers).mockReturnValue({ users: [], isLoading: false, mutate: jest.fn() } as never);
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
