import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createDefaultPolicy } from '../policy-json';
import PolicyForm from './policy-form.component';

function showForm(onSave: (policy: unknown) => Promise<void>) {
  render(<PolicyForm policy={createDefaultPolicy()} roleNames={['Clerk', 'Nurse', 'Provider']} onSave={onSave} />);
}

describe('PolicyForm', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('keeps what was typed when the form is mounted again before saving, and forgets it once saved', async () => {
    const user = userEvent.setup();
    const onSave = jest.fn(() => Promise.resolve());
    const { unmount } = render(<PolicyForm policy={createDefaultPolicy()} roleNames={[]} onSave={onSave} />);
    await user.clear(screen.getByLabelText('Days without a login before an account is deactivated'));
    await user.type(screen.getByLabelText('Days without a login before an account is deactivated'), '45');
    unmount();
    render(<PolicyForm policy={createDefaultPolicy()} roleNames={[]} onSave={onSave} />);
    expect(screen.getByLabelText('Days without a login before an account is deactivated')).toHaveValue('45');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ inactiveDays: 45 }));
    expect(window.sessionStorage.getItem('useraccess.deactivationPolicyDraft')).toBeNull();
  });

  it.each([
    ['0', 'Enter a whole number from 1 to 3650.'],
    ['-1', 'Enter a whole number from 1 to 3650.'],
    ['99999', 'Enter a whole number from 1 to 3650.'],
    ['ninety', 'Enter a whole number from 1 to 3650.'],
    ['12.5', 'Enter a whole number from 1 to 3650.'],
  ])('refuses an inactivity limit of %s with a reason and saves nothing', async (value, message) => {
    const user = userEvent.setup();
    const onSave = jest.fn(() => Promise.resolve());
    showForm(onSave);
    const input = screen.getByLabelText('Days without a login before an account is deactivated');
    await user.clear(input);
    await user.type(input, value);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText(message)).toBeInTheDocument();
    // the reason is the field's description, so a screen reader reads it with the field
    expect(input).toHaveAccessibleDescription(message);
    expect(screen.getByText('Nothing was saved.')).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('refuses an invalid system ID pattern', async () => {
    const user = userEvent.setup();
    const onSave = jest.fn(() => Promise.resolve());
    showForm(onSave);
    const input = screen.getByLabelText('System ID pattern of demo accounts (regular expression)');
    await user.clear(input);
    await user.type(input, '9+-(');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText(/This is not a valid regular expression/)).toBeInTheDocument();
    expect(input).toHaveAccessibleDescription(/^This is not a valid regular expression/);
    // the reason only, not V8's anchored copy of the pattern
    expect(screen.getByText(/This is not a valid regular expression/)).toHaveTextContent(/^This is not a valid regular expression: Unterminated group$/);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('saves the policy as edited', async () => {
    const user = userEvent.setup();
    const onSave = jest.fn(() => Promise.resolve());
    showForm(onSave);
    await user.click(screen.getByRole('switch', { name: 'Automatic deactivation' }));
    const limit = screen.getByLabelText('Days without a login before an account is deactivated');
    await user.clear(limit);
    await user.type(limit, '60');
    await user.click(screen.getByRole('radio', { name: /Count from the day the account was created/ }));
    const maxPerRun = screen.getByLabelText('Most accounts one run may deactivate');
    await user.clear(maxPerRun);
    await user.type(maxPerRun, '20');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).toHaveBeenCalledWith(
      expect.objectContaining({ enabled: true, inactiveDays: 60, neverLoggedIn: 'countFromCreation', maxPerRun: 20 }),
    );
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
  });

  it('shows the server error when saving fails and keeps what was typed', async () => {
    const user = userEvent.setup();
    showForm(jest.fn(() => Promise.reject(new Error('403: User is logged in but does not have the relevant privilege'))));
    const limit = screen.getByLabelText('Days without a login before an account is deactivated');
    await user.clear(limit);
    await user.type(limit, '45');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/403: User is logged in/)).toBeInTheDocument();
    expect(limit).toHaveValue('45');
  });

  it('saves email warnings off by default, on with a number of days, and refuses 0 days', async () => {
    const user = userEvent.setup();
    const onSave = jest.fn(() => Promise.resolve());
    showForm(onSave);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ emailWarnings: { enabled: false, daysBefore: null } }));

    await user.click(screen.getByRole('switch', { name: 'Email each user before their account is deactivated' }));
    const days = screen.getByLabelText('Days before the deactivation to send it');
    await user.type(days, '0');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(days).toHaveAccessibleDescription('Enter a whole number from 1 to 365.');
    expect(onSave).toHaveBeenCalledTimes(1);

    await user.clear(days);
    await user.type(days, '7');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ emailWarnings: { enabled: true, daysBefore: 7 } }));
  });
});
