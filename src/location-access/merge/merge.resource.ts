/** Hooks of the merge page: the location tags a new target can get, and whether core lets this user create and retire locations. */
import useSWR from 'swr';
import { userHasAccess, useSession } from '@openmrs/esm-framework';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { fetchLocationTags } from './merge-io';

/** Core's privilege for POST and DELETE /location (LocationResource1_8, LocationService's @Authorized). */
export const MANAGE_LOCATIONS_PRIVILEGE = 'Manage Locations';

export function useLocationTags() {
  const { data, error, isLoading } = useSWR('useraccess/location-tags', () => fetchLocationTags(openmrsRestClient));
  return { tags: data ?? null, error, isLoading };
}

export function useCanManageLocations(): boolean {
  const session = useSession();
  return Boolean(session?.user && userHasAccess(MANAGE_LOCATIONS_PRIVILEGE, session.user));
}
