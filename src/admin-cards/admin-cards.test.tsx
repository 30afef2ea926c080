import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { navigate } from '@openmrs/esm-framework';
import AccountDeactivationCard from './account-deactivation-card.extension';
import LocationAccessCard from './location-access-card.extension';

describe('admin cards', () => {
  it('links the account deactivation card to the deactivation section', () => {
    render(<AccountDeactivationCard />);
    expect(screen.getByRole('link', { name: /account deactivation/i })).toHaveAttribute(
      'href',
      '/openmrs/spa/user-access/deactivation',
    );
  });

  it('links the location access card to the location section', () => {
    render(<LocationAccessCard />);
    expect(screen.getByRole('link', { name: /location access/i })).toHaveAttribute(
      'href',
      '/openmrs/spa/user-access/locations',
    );
  });

  it('opens the app without reloading the page on a plain click, and leaves Ctrl+click to the browser', () => {
    render(<AccountDeactivationCard />);
    const card = screen.getByRole('link', { name: /account deactivation/i });
    expect(fireEvent.click(card)).toBe(false);
    expect(navigate).toHaveBeenCalledWith({ to: '/openmrs/spa/user-access/deactivation' });
    jest.mocked(navigate).mockClear();
    expect(fireEvent.click(card, { ctrlKey: true })).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });
});
