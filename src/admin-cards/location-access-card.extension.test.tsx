import React from 'react';
import { render, screen } from '@testing-library/react';
import LocationAccessCard from './location-access-card.extension';

describe('LocationAccessCard', () => {
  it('links the location access card to the location section', () => {
    render(<LocationAccessCard />);
    expect(screen.getByRole('link', { name: /location access/i })).toHaveAttribute(
      'href',
      '/openmrs/spa/user-access/locations',
    );
  });
});
