import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ErrorNotice from './error-notice.component';

const forbidden = Object.assign(new Error('Server responded with 403 (Forbidden) for url /openmrs/ws/rest/v1/user'), {
  response: { status: 403 },
  responseBody: { error: { message: 'Privileges required: Get Users' } },
});

describe('ErrorNotice', () => {
  it("names what failed and the server's own sentence, which says what to change; a failed read cannot be dismissed", () => {
    render(<ErrorNotice title="Could not load users" error={forbidden} />);
    expect(screen.getByText('Could not load users')).toBeInTheDocument();
    expect(screen.getByText('403: Privileges required: Get Users')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('offers Try again when the caller can read again', async () => {
    const retry = jest.fn();
    render(<ErrorNotice title="The setup check could not run" error={new TypeError('Failed to fetch')} onRetry={retry} />);
    expect(screen.getByText('Failed to fetch')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('lets the person dismiss the failure of an action they took', async () => {
    render(<ErrorNotice title="That did not work" error="409: The task is running" closable />);
    expect(screen.getByText('409: The task is running')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /close/i }));
    expect(screen.queryByText('That did not work')).not.toBeInTheDocument();
  });
});
