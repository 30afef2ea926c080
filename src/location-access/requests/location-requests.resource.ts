/** SWR hooks for location requests (location-requests-io.ts). */
import useSWR from 'swr';
import { useSession, userHasAccess } from '@openmrs/esm-framework';
import { privileges } from '../../common/privileges';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { fetchRequests } from './location-requests-io';

export const REQUESTS_KEY = 'useraccess/location-requests';

/** Every request still listed by the server (pending, and decided in the last 90 days). */
export function useLocationRequests(enabled = true) {
  const { data, error, isLoading, mutate } = useSWR(enabled ? REQUESTS_KEY : null, () => fetchRequests(openmrsRestClient));
  return { requests: data ?? null, error, isLoading, mutate };
}

/** How many requests wait for a decision, for the section's navigation; 0 for users who cannot decide. */
export function usePendingRequestCount(): number {
  const user = useSession()?.user;
  const { requests } = useLocationRequests(!!user && userHasAccess(privileges.manageLocationAccess, user));
  return requests?.filter((r) => r.body.status === 'pending').length ?? 0;
}
