import React from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { policyUser } from '../../test-support/policy-users';
import type { DeactivationRow } from './deactivation-rows';
import UserActionModal from './user-action-modal.component';

const row = {
  user: policyUser({ personName: 'Ada Lovelace' }),
  decision: { uuid: 'x', status: 'exempt', reason: 'r' },
} as unknown as DeactivationRow;

describe('UserActionModal and the keyboard', () => {
  it('keeps the focus inside the dialog when the confirm button goes away: on the progress, then on Done', async () => {
    const user = userEvent.setup();
    let finish: () => void = () => {};
    const perform = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<UserActionModal kind="removeExemption" rows={[row]} perform={perform} onClose={jest.fn()} />);
    act(() => screen.getByRole('button', { name: 'Remove exemption' }).focus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(perform).toHaveBeenCalled());
    // where the focus is has no Testing Library query
    // eslint-disable-next-line testing-library/no-node-access
    expect(screen.getByRole('dialog')).toContainElement(document.activeElement as HTMLElement);
    act(() => finish());
    expect(await screen.findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Done' })).toHaveFocus());
  });
});
