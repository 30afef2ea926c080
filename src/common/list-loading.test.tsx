import React from 'react';
import { act, render, screen } from '@testing-library/react';
import { ListLoading } from './list-loading.component';
import { reportListProgress, withListProgress } from './list-progress';

describe('ListLoading', () => {
  it('says how many have loaded while the total is unknown, then out of how many once the server tells it', () => {
    render(<ListLoading list="users" />);
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByText(/loaded/)).not.toBeInTheDocument();
    act(() => reportListProgress('users', { loaded: 300, total: null }));
    expect(screen.getByText('300 loaded')).toBeInTheDocument();
    act(() => reportListProgress('users', { loaded: 300, total: 10000 }));
    expect(screen.getByText('300 of 10000 loaded')).toBeInTheDocument();
    act(() => reportListProgress('other-list', { loaded: 5, total: null }));
    expect(screen.queryByText('5 loaded')).not.toBeInTheDocument();
  });

  it('forgets the progress once the list has loaded or failed', async () => {
    render(<ListLoading list="users" />);
    for (const outcome of ['loaded', 'failed']) {
      let finish: () => void = () => {};
      const loading = withListProgress('users', async (onProgress) => {
        onProgress({ loaded: 100, total: null });
        await new Promise<void>((resolve) => (finish = resolve));
        if (outcome === 'failed') {
          throw new Error('offline');
        }
      }).catch(() => undefined);
      expect(await screen.findByText('100 loaded')).toBeInTheDocument();
      await act(async () => {
        finish();
        await loading;
      });
      expect(screen.queryByText(/loaded/)).not.toBeInTheDocument();
    }
  });
});
