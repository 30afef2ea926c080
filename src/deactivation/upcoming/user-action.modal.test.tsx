import React from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { policyUser } from '../../test-support/policy-users';
import type { DeactivationRow } from './deactivation-rows';
import UserActionModal, { type UserActionModalProps } from './user-action.modal';

const row = {
  user: policyUser({ personName: 'Ada Lovelace' }),
  decision: { uuid: 'x', status: 'exempt', reason: 'r' },
} as unknown as DeactivationRow;

/** in the frame the app shell's showModal gives it */
function renderModal(props: Partial<UserActionModalProps> & Pick<UserActionModalProps, 'perform'>) {
  const closeModal = jest.fn();
  const onChange = jest.fn();
  render(
    <div role="dialog">
      <UserActionModal kind="removeExemption" rows={[row]} closeModal={closeModal} onChange={onChange} {...props} />
    </div>,
  );
  return { closeModal, onChange };
}

describe('UserActionModal and the keyboard', () => {
  it('opens with the focus on its close button, and Tab and Shift+Tab wrap round inside it', async () => {
    const user = userEvent.setup();
    renderModal({ perform: jest.fn() });
    const close = screen.getByRole('button', { name: 'Close' });
    expect(close).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Remove exemption' })).toHaveFocus();
    await user.tab();
    expect(close).toHaveFocus();
  });

  it('keeps the focus inside the dialog when the confirm button goes away: on the progress, then on Done', async () => {
    const user = userEvent.setup();
    let finish: () => void = () => {};
    const perform = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const { closeModal, onChange } = renderModal({ perform });
    await user.type(screen.getByLabelText(/Reason for removing the exemption/), 'Transfer ended');
    act(() => screen.getByRole('button', { name: 'Remove exemption' }).focus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(perform).toHaveBeenCalled());
    // where the focus is has no Testing Library query
    // eslint-disable-next-line testing-library/no-node-access
    expect(screen.getByRole('dialog')).toContainElement(document.activeElement as HTMLElement);
    // while the job runs Done is disabled: Tab goes back to the close button, not to the page behind
    await user.tab();
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    act(() => finish());
    expect(await screen.findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Done' })).toHaveFocus());
    expect(onChange).toHaveBeenCalledTimes(1);
    await user.keyboard('{Enter}');
    expect(closeModal).toHaveBeenCalledTimes(1);
  });

  it('reports no change when every write failed, so the page does not reload', async () => {
    const user = userEvent.setup();
    const { closeModal, onChange } = renderModal({ perform: jest.fn(() => Promise.reject(Object.assign(new Error('Not allowed'), { response: { status: 403 } }))) });
    await user.type(screen.getByLabelText(/Reason for removing the exemption/), 'Transfer ended');
    await user.click(screen.getByRole('button', { name: 'Remove exemption' }));
    expect(await screen.findByText('0 succeeded, 1 failed')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(closeModal).toHaveBeenCalledTimes(1);
  });
});
