import React from 'react';
import { render, screen } from '@testing-library/react';
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
});
