/**
 * Renders a location-access page at /locations/x (or `path`) as a System Developer, on a server with the
 * test locations, four users and the given storage mode. The test file jest.mocks
 * location-access.resource with at least the hooks set here.
 */
import React from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { getDefaultsFromConfigSchema, useConfig, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../config-schema';
import {
  useAllLocations,
  useLbacSwitches,
  useLocationUsers,
  useMissingPrivileges,
  useStorageMode,
} from '../location-access/location-access.resource';
import type { StorageMode } from '../location-access/location-storage-io';
import { CLINIC, locationsHook, user, WARD } from './locations';

/** The page's address, for tests of links: the status named "current address". */
const Where: React.FC = () => {
  const location = useLocation();
  return <output aria-label="current address">{`${location.pathname}${location.search}`}</output>;
};

export function renderLocationPage(
  mode: StorageMode,
  element: React.ReactElement,
  {
    missing = [] as string[],
    path = '/locations/x',
    sessionLocation = undefined as { uuid: string; display: string } | undefined,
    privilegeCheck = undefined as { missing: string[] | null; error?: Error; mutate: () => Promise<unknown> } | undefined,
    /** the storage mode and the locations were loaded, and re-fetching them failed */
    refetchFailed = false,
  } = {},
) {
  const refetchError = refetchFailed ? new Error('Service Unavailable') : undefined;
  jest.mocked(useSession).mockReturnValue({
    authenticated: true,
    user: { uuid: 'admin', privileges: [], roles: [{ display: 'System Developer' }] },
    sessionLocation,
  } as never);
  jest.mocked(useStorageMode).mockReturnValue({ mode, error: refetchError, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useAllLocations).mockReturnValue({ ...locationsHook(), error: refetchError } as never);
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  jest.mocked(useMissingPrivileges).mockReturnValue({ missing, error: undefined, isLoading: false, mutate: jest.fn(), ...privilegeCheck } as never);
  jest.mocked(useLbacSwitches).mockReturnValue({
    switches: [
      { property: 'locationbasedaccess.access.patient', value: 'true', on: true },
      { property: 'locationbasedaccess.access.user', value: 'false', on: false },
    ],
    error: undefined,
    isLoading: false,
  });
  jest.mocked(useLocationUsers).mockReturnValue({
    users: [
      user({ name: 'Nancy Nurse', locations: [CLINIC, WARD], defaultLocation: CLINIC }),
      user({ name: 'Carl Clerk', locations: [CLINIC] }),
      user({ name: 'Nora New' }),
      user({ name: 'Odd Value', locations: ['12'] }),
    ],
    error: undefined,
    isLoading: false,
    mutate: jest.fn(),
  } as never);
  render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="/locations/*" element={element} />
      </Routes>
      <Where />
    </MemoryRouter>,
  );
}
