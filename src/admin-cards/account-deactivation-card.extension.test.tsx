import React from 'react';
import { render, screen } from '@testing-library/react';
import AccountDeactivationCard from './account-deactivation-card.extension';

describe('AccountDeactivationCard', () => {
  it('links the account deactivation card to the deactivation section', () => {
    render(<AccountDeactivationCard />);
    expect(screen.getByRole('link', { name: /account deactivation/i })).toHaveAttribute(
      'href',
      '/openmrs/spa/user-access/deactivation',
    );
  });
});
