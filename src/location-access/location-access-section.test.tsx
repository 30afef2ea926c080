import React from 'react';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { getDefaultsFromConfigSchema, useConfig, userHasAccess, useSession } from '@openmrs/esm-framework';
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

function renderAt(path: string, privileges: string[]) {
  jest.mocked(useSession).mockReturnValue({
    authenticated: true,
    user: { uuid: 'clerk', privileges: privileges.map((display) => ({ display })), roles: [] },
  } as never);
  jest.mocked(userHasAccess).mockImplementation((privilege) => privileges.includes(String(privilege)));
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="/locations/*" element={<LocationAccessSection />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('LocationAccessSection', () => {
  it('offers asking for a patient move on the one-patient page only to users who can store a request (Manage Alerts)', () => {
    renderAt('/locations/patient', ['Manage Alerts']);
    expect(screen.getByRole('heading', { name: 'Ask to move a patient' })).toBeInTheDocument();
  });

  it('tells a user who can neither assign nor ask that the one-patient page needs Assign Patient Locations', () => {
    renderAt('/locations/patient', []);
    expect(screen.getByText('You do not have permission to see this page')).toBeInTheDocument();
    expect(screen.getByText('It requires the privilege "Assign Patient Locations".')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Ask to move a patient' })).not.toBeInTheDocument();
  });

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
