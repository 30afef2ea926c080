import useSWR from 'swr';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { fetchAllPages, type RestClient } from '../common/rest-client';
import { POLICY_USER_REP, toPolicyUser, type RestUserLike } from './policy';
import type { PolicyUser } from './types';

/**
 * Every user, retired ones included, in representation `rep`: 100 per request, the first with
 * totalCount=true, the rest in parallel (6 at a time), so N users take ceil(N/100) requests.
 */
export function fetchAllUsers<T extends { uuid?: string } = RestUserLike>(
  rep: string = POLICY_USER_REP,
  client: RestClient = openmrsRestClient,
): Promise<T[]> {
  return fetchAllPages<T>(client, `/user?v=${rep}`);
}

let inFlight: Promise<PolicyUser[]> | null = null;

/**
 * All users as the policy engine sees them. Callers at the same time share one fetch: after a login
 * the deactivation alert and the upcoming-deactivations page both want the list, and each would
 * otherwise make its own ceil(N/100) requests. A call after that fetch has finished fetches afresh.
 */
export function fetchAllPolicyUsers(client: RestClient = openmrsRestClient): Promise<PolicyUser[]> {
  const fetchNow = async () => (await fetchAllUsers<RestUserLike>(POLICY_USER_REP, client)).map(toPolicyUser);
  if (client !== openmrsRestClient) {
    return fetchNow();
  }
  if (!inFlight) {
    inFlight = fetchNow().finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}

export const policyUsersSwrKey = ['useraccess/policy-users', POLICY_USER_REP] as const;
const noUsers: PolicyUser[] = [];

/** All users as the policy engine sees them. `users` is [] while loading. */
export function useAllPolicyUsers() {
  const { data, error, isLoading, mutate } = useSWR<PolicyUser[]>(policyUsersSwrKey, () => fetchAllPolicyUsers());
  return { users: data ?? noUsers, error, isLoading, mutate };
}

// The writes live in user-actions.resource.ts; re-exported so pages can import users from one place.
export {
  clearExemption,
  deactivateDecisions,
  deactivateUser,
  reactivateUser,
  setExemption,
} from './user-actions.resource';
