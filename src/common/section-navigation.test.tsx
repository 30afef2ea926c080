import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import SectionNavigation from './section-navigation.component';

function renderAt(path: string) {
  render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <SectionNavigation
        level="app"
        label="User access sections"
        links={[
          { to: '/deactivation', label: 'Account deactivation' },
          { to: '/locations', label: 'Location access' },
        ]}
      />
      <SectionNavigation
        label="Location access pages"
        links={[
          { to: '/locations', label: 'User locations', end: true },
          { to: '/locations/bulk', label: 'Bulk assign' },
        ]}
      />
    </MemoryRouter>,
  );
}

describe('SectionNavigation', () => {
  it('marks the current section and the current page of it, each in its own navigation', () => {
    renderAt('/locations/bulk');
    const sections = screen.getByRole('navigation', { name: 'User access sections' });
    const pages = screen.getByRole('navigation', { name: 'Location access pages' });
    expect(sections).not.toBe(pages);
    expect(screen.getByRole('link', { name: 'Location access' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Account deactivation' })).not.toHaveAttribute('aria-current');
    expect(screen.getByRole('link', { name: 'Bulk assign' })).toHaveAttribute('aria-current', 'page');
    // `end`: the section's first page is current only on the section's own address
    expect(screen.getByRole('link', { name: 'User locations' })).not.toHaveAttribute('aria-current');
  });
});
