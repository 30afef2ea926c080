import React from 'react';
import { render, screen } from '@testing-library/react';
import TablePagination from './table-pagination.component';

describe('TablePagination', () => {
  it('counts by a configured page size that is not one of the usual choices', () => {
    render(<TablePagination page={1} pageSize={20} totalItems={45} onChange={jest.fn()} />);
    expect(screen.getByText('1–20 of 45 items')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /Items per page/ })).toHaveValue('20');
  });

  it('offers the usual page sizes', () => {
    render(<TablePagination page={2} pageSize={25} totalItems={60} onChange={jest.fn()} />);
    expect(screen.getByText('26–50 of 60 items')).toBeInTheDocument();
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(expect.arrayContaining(['10', '25', '50', '100']));
  });
});
