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

export async function fetchAllPolicyUsers(client: RestClient = openmrsRestClient): Promise<PolicyUser[]> {
  return (await fetchAllUsers<RestUserLike>(POLICY_USER_REP, client)).map(toPolicyUser);
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
