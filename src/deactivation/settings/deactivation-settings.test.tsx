import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDefaultsFromConfigSchema, useConfig } from '@openmrs/esm-framework';
import { configSchema } from '../../config-schema';
import { createDefaultPolicy } from '../policy-json';
import { enabledPolicy, policyUser } from '../../test-support/policy-users';
import { saveDeactivationPolicy, useCoreDaysToRetire, useDeactivationPolicy } from '../policy-settings.resource';
import { useAllPolicyUsers } from '../users.resource';
import { useRoleNames } from '../../common/roles.resource';
import DeactivationSettings from './deactivation-settings.component';

jest.mock('../policy-settings.resource', () => ({
  ...jest.requireActual('../policy-settings.resource'),
  useDeactivationPolicy: jest.fn(),
  useCoreDaysToRetire: jest.fn(),
  saveDeactivationPolicy: jest.fn(() => Promise.resolve()),
}));
jest.mock('../users.resource', () => ({ useAllPolicyUsers: jest.fn() }));
jest.mock('../../common/roles.resource', () => ({ useRoleNames: jest.fn() }));
jest.mock('./core-task-panel.component', () => () => null);
jest.mock('./email-warnings-status.component', () => () => null);

const neverLoggedIn = policyUser({ personName: 'Nadia Never', lastLoginDaysAgo: null });
const due = policyUser({ personName: 'Dora Due', lastLoginDaysAgo: 120 });

function setup({ policy = createDefaultPolicy(), coreDays = '' as string | null, users = [neverLoggedIn, due] } = {}) {
  jest.mocked(useDeactivationPolicy).mockReturnValue({ policy, errors: [], isSet: true, isLoading: false } as never);
  jest.mocked(useCoreDaysToRetire).mockReturnValue({ value: coreDays, mutate: jest.fn() } as never);
  jest.mocked(useAllPolicyUsers).mockReturnValue({ users, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useRoleNames).mockReturnValue({ roleNames: [] } as never);
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  render(<DeactivationSettings />);
}

describe('saving a policy that sets users.numberOfDaysToRetire', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('shows every account core would then retire that the app protects, and saves only once confirmed', async () => {
    const user = userEvent.setup();
    setup();
    await user.click(screen.getByRole('switch', { name: 'Automatic deactivation' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(saveDeactivationPolicy).not.toHaveBeenCalled();
    const confirm = screen.getByRole('region', { name: 'Saving also sets users.numberOfDaysToRetire to 90' });
    expect(confirm).toHaveTextContent('Accounts the core task would retire that this app protects: 1');
    expect(screen.getByRole('list', { name: 'Accounts the core task would retire' })).toHaveTextContent('Nadia Never');
    await user.click(screen.getByRole('button', { name: 'Save and set the core limit' }));
    expect(saveDeactivationPolicy).toHaveBeenCalledWith(expect.objectContaining({ enabled: true, inactiveDays: 90 }), expect.any(Function));
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  });

  it('saves nothing when the administrator cancels', async () => {
    const user = userEvent.setup();
    setup();
    await user.click(screen.getByRole('switch', { name: 'Automatic deactivation' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(saveDeactivationPolicy).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeInTheDocument();
    expect(screen.queryByText('Settings saved.')).not.toBeInTheDocument();
  });

  it('says so when core would retire no account the app protects', async () => {
    const user = userEvent.setup();
    setup({ users: [due] });
    await user.click(screen.getByRole('switch', { name: 'Automatic deactivation' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText('The core task would retire no account that this app protects.')).toBeInTheDocument();
  });

  it('asks nothing when the save leaves the core limit as it is', async () => {
    const user = userEvent.setup();
    setup({ policy: enabledPolicy({ inactiveDays: 90 }), coreDays: '90' });
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(saveDeactivationPolicy).toHaveBeenCalled();
    expect(screen.queryByRole('region', { name: /Saving also sets/ })).not.toBeInTheDocument();
  });
});

describe('the preview of the settings', () => {
  it('counts what a run would do, the configured role limits included', () => {
    const clerk = policyUser({ personName: 'Cleo Clerk', roles: ['Clerk'], lastLoginDaysAgo: 40 });
    jest.mocked(useConfig).mockReturnValue({
      ...(getDefaultsFromConfigSchema(configSchema) as object),
      deactivationRoleLimits: [{ name: 'Clerks', role: 'Clerk', inactiveDays: 30 }],
    });
    jest.mocked(useDeactivationPolicy).mockReturnValue({ policy: enabledPolicy(), errors: [], isSet: true, isLoading: false } as never);
    jest.mocked(useCoreDaysToRetire).mockReturnValue({ value: '90', mutate: jest.fn() } as never);
    jest.mocked(useAllPolicyUsers).mockReturnValue({ users: [clerk, due], isLoading: false, mutate: jest.fn() } as never);
    jest.mocked(useRoleNames).mockReturnValue({ roleNames: [] } as never);
    render(<DeactivationSettings />);
    expect(screen.getByRole('region', { name: 'Effect of the saved settings' })).toHaveTextContent(/2Due now/);
  });
});
