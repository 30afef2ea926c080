import React from 'react';
import { render, screen } from '@testing-library/react';
import BulkProgress from './bulk-progress.component';
import type { BulkOutcome } from './bulk-runner';

const outcome = (succeeded: number, failed: number): BulkOutcome<string> => ({
  results: [
    ...Array.from({ length: succeeded }, (_, i) => ({
      item: `ok${i}`,
      index: i,
      status: 'success' as const,
      value: null,
      attempts: 1,
    })),
    ...Array.from({ length: failed }, (_, i) => ({
      item: `bad${i}`,
      index: succeeded + i,
      status: 'failed' as const,
      message: '503: Service Unavailable',
      httpStatus: 503,
      attempts: 3,
    })),
  ],
  remaining: [],
  stoppedBecause: null,
  succeeded,
  failed,
});

describe('BulkProgress', () => {
  it('lists every failure with its reason', () => {
    render(<BulkProgress done={5} total={5} outcome={outcome(3, 2)} itemLabel={(item) => item} />);
    expect(screen.getByText('3 succeeded, 2 failed')).toBeInTheDocument();
    const failures = screen.getByRole('list', { name: 'Failed items' });
    expect(failures).toHaveTextContent('bad0: 503: Service Unavailable');
    expect(failures).toHaveTextContent('bad1: 503: Service Unavailable');
  });

  it('says what earlier runs did when a resumed job counts only its own run', () => {
    render(<BulkProgress done={26} total={26} outcome={outcome(18, 0)} itemLabel={(item) => item} />);
    expect(screen.getByText('18 succeeded, 0 failed')).toBeInTheDocument();
    expect(screen.getByText('Before this run: 8 done.')).toBeInTheDocument();
  });

  it('says nothing of earlier runs for a first run', () => {
    render(<BulkProgress done={4} total={4} outcome={outcome(4, 0)} itemLabel={(item) => item} />);
    expect(screen.queryByText(/Before this run/)).not.toBeInTheDocument();
  });
});
