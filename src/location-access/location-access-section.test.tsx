import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { getDefaultsFromConfigSchema, useConfig, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../config-schema';
import LocationAccessSection from './location-access-section.component';

jest.mock('./location-access.resource', () => ({
  useStorageMode: jest.fn(),
  useAllLocations: jest.fn(),
  useLocationUsers: jest.fn(),
  useMissingPrivileges: jest.fn(),
  useLbacSwitches: jest.fn(),
  useLbacCounts: jest.fn(),
}));

describe('LocationAccessSection', () => {
  it('hides a page from users without its privilege', () => {
    jest.mocked(useSession).mockReturnValue({
      authenticated: true,
      user: { uuid: 'clerk', privileges: [{ display: 'Assign Patient Locations' }], roles: [] },
    } as never);
    jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
    render(
      <MemoryRouter initialEntries={['/locations/bulk']} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <Routes>
          <Route path="/locations/*" element={<LocationAccessSection />} />
        </Routes>
      </MemoryRouter>,
    );
    expect(screen.getByText('You do not have permission to see this page')).toBeInTheDocument();
    expect(screen.getByText('It requires the privilege "Bulk Change Patient Locations".')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Location access pages' })).toBeInTheDocument();
  });
});
