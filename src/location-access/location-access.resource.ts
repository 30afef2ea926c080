/** SWR hooks of this section's *-io.ts files, and the FHIR reads they make through openmrsFetch. */
import { useMemo } from 'react';
import useSWR from 'swr';
import { fhirBaseUrl, openmrsFetch, useConfig } from '@openmrs/esm-framework';
import type { Config } from '../config-schema';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { LOCATION_USERS_LIST, withListProgress } from '../common/list-progress';
import { fetchLbacCounts } from './location-counts';
import { fetchLocations, resolveStorageMode, type LocationInfo } from './location-storage-io';
import type { FhirGet } from './patient-scan-io';
import { fhirPatientsCarryAttributes } from './patient-fhir-rows';
import { fetchLbacSwitches, missingPrivileges } from './setup-check-io';
import { fetchLocationUsers } from './user-locations-io';

const client = openmrsRestClient;

export const fhirGet: FhirGet = async <T,>(path: string) => {
  const response = await openmrsFetch<T>(`${fhirBaseUrl}/${path}`);
  if (!response) {
    throw Object.assign(new Error('The session has ended; log in again.'), { response: { status: 401 } });
  }
  return response.data;
};

/** Whether the FHIR patient list carries each patient's location (fhir2 2.6.0 and later); false until known. */
export function useFhirListsPatientLocations(): boolean {
  const { data } = useSWR('useraccess/fhir2-patient-attributes', () => fhirPatientsCarryAttributes(client));
  return data ?? false;
}

const noLocations: LocationInfo[] = [];

/**
 * Every location (retired ones flagged, those with the switcher's tag marked), with lookups by uuid. `loaded` stays true when a later
 * re-fetch fails: pages keep what they show (and any job running in them) and report only a
 * first load that failed.
 */
export function useAllLocations() {
  const { locationTag } = useConfig<Config>().sessionLocationSwitcher;
  const { data, error, isLoading, mutate } = useSWR(['useraccess/locations', locationTag], () => fetchLocations(client, locationTag));
  const locations = data ?? noLocations;
  const byUuid = useMemo(() => new Map(locations.map((l) => [l.uuid, l])), [locations]);
  const known = useMemo(() => new Set(locations.map((l) => l.uuid)), [locations]);
  return { locations, byUuid, known, loaded: data !== undefined, error, isLoading, mutate };
}

/** Where patient locations live on this server (LBAC or the app's own attribute type). */
export function useStorageMode() {
  const { patientLocationAttributeTypeUuid } = useConfig<Config>();
  const { data, error, isLoading, mutate } = useSWR(['useraccess/storage-mode', patientLocationAttributeTypeUuid], () =>
    resolveStorageMode(client, patientLocationAttributeTypeUuid),
  );
  return { mode: data ?? null, error, isLoading, mutate };
}

export function useLocationUsers() {
  const { data, error, isLoading, mutate } = useSWR('useraccess/location-users', () =>
    withListProgress(LOCATION_USERS_LIST, (onProgress) => fetchLocationUsers(client, { onProgress })),
  );
  return { users: data ?? null, error, isLoading, mutate };
}

export function useMissingPrivileges() {
  const { data, error, isLoading, mutate } = useSWR('useraccess/missing-privileges', () => missingPrivileges(client));
  return { missing: data ?? null, error, isLoading, mutate };
}

export function useLbacSwitches(enabled: boolean) {
  const { data, error, isLoading } = useSWR(enabled ? 'useraccess/lbac-switches' : null, () => fetchLbacSwitches(client));
  return { switches: data ?? null, error, isLoading };
}

export function useLbacCounts(enabled: boolean, entity: 'patients' | 'users', locations: LocationInfo[]) {
  const { data, error, isLoading } = useSWR(enabled && locations.length ? ['useraccess/lbac-counts', entity, locations.length] : null, () =>
    fetchLbacCounts(client, entity, locations),
  );
  return { counts: data ?? null, error, isLoading };
}
