import useSWR from 'swr';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { reportListItems, USERS_LIST, withListProgress } from '../common/list-progress';
import { sendsTotalCount, type RestClient } from '../common/rest-client';
import { POLICY_USER_REP, toPolicyUser, type RestUserLike } from './rest-user';
import { fetchAllPolicyUsers, fetchAllRestUsers } from './policy-io';
import { fetchPolicyUsersInWorker } from './fetch-policy-users-in-worker';
import type { PolicyUser } from './types';

let inFlight: Promise<PolicyUser[]> | null = null;

/**
 * All users as the policy engine sees them. Callers at the same time share one fetch: after a login
 * the deactivation alert and the upcoming-deactivations page both want the list, and each would
 * otherwise make its own ceil(N/100) requests. A call after that fetch has finished fetches afresh.
 * The users reach USERS_LIST's items as they arrive (useListItemsSoFar), each converted once for both.
 * The list is read in a worker, off the page's main thread; where none can, on the main thread.
 */
export function fetchAllPolicyUsersShared(client: RestClient = openmrsRestClient): Promise<PolicyUser[]> {
  if (client !== openmrsRestClient) {
    return fetchAllPolicyUsers(client);
  }
  if (!inFlight) {
    inFlight = (async () => (await fetchInWorker(client)) ?? (await fetchOnMainThread(client)))().finally(() => {
      inFlight = null;
    });
  }
  return inFlight;
}

async function fetchInWorker(client: RestClient): Promise<PolicyUser[] | null> {
  const countsTotal = await sendsTotalCount(client);
  return withListProgress(USERS_LIST, (onProgress) =>
    fetchPolicyUsersInWorker({ countsTotal, onProgress, onResults: (page) => reportListItems(USERS_LIST, page) }),
  );
}

function fetchOnMainThread(client: RestClient): Promise<PolicyUser[]> {
  const converted = new Map<RestUserLike, PolicyUser>();
  const policyUser = (user: RestUserLike) => converted.get(user) ?? converted.set(user, toPolicyUser(user)).get(user)!;
  return withListProgress(USERS_LIST, async (onProgress) => {
    const onResults = (page: RestUserLike[]) => reportListItems(USERS_LIST, page.map(policyUser));
    return (await fetchAllRestUsers(client, POLICY_USER_REP, { onProgress, onResults })).map(policyUser);
  });
}

export const policyUsersSwrKey = ['useraccess/policy-users', POLICY_USER_REP] as const;
const noUsers: PolicyUser[] = [];

/** All users as the policy engine sees them. `users` is [] while loading. */
export function useAllPolicyUsers() {
  // a fetch gives new objects: comparing them deeply (SWR's default) would hash every user on the way in
  const { data, error, isLoading, mutate } = useSWR<PolicyUser[]>(policyUsersSwrKey, () => fetchAllPolicyUsersShared(), {
    compare: (a, b) => a === b,
  });
  return { users: data ?? noUsers, error, isLoading, mutate };
}
