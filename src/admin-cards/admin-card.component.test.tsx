import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { navigate } from '@openmrs/esm-framework';
import AdminCard from './admin-card.component';

describe('AdminCard', () => {
  it('opens the app without reloading the page on a plain click, and leaves Ctrl+click to the browser', () => {
    render(<AdminCard category="User access" title="Account deactivation" href="/openmrs/spa/user-access/deactivation" />);
    const card = screen.getByRole('link', { name: /account deactivation/i });
    expect(fireEvent.click(card)).toBe(false);
    expect(navigate).toHaveBeenCalledWith({ to: '/openmrs/spa/user-access/deactivation' });
    jest.mocked(navigate).mockClear();
    expect(fireEvent.click(card, { ctrlKey: true })).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });
});
