import { fetchReadClient } from '../common/fetch-read-client';
import { fetchAllRestUsers } from './policy-io';
import { POLICY_USER_REP, toPolicyUser, type RestUserLike } from './rest-user';
import type { PolicyUsersMessage, PolicyUsersRequest } from './policy-users-messages';

/**
 * What policy-users.worker.ts does with a request: fetches every user over plain fetch, posting each
 * page's users converted for the engine as it arrives, then the list's order, or that it failed.
 */
export async function streamPolicyUsers(
  { restBase, countsTotal }: PolicyUsersRequest,
  post: (message: PolicyUsersMessage) => void,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const arrival = new Map<RestUserLike, number>();
  // a page's users go out with the progress that counts them, so the page shows both in one render
  let arrived: RestUserLike[] = [];
  try {
    const users = await fetchAllRestUsers(fetchReadClient(restBase, fetchImpl), POLICY_USER_REP, {
      countsTotal,
      onResults: (page) => {
        page.forEach((user) => arrival.set(user, arrival.size));
        arrived.push(...page);
      },
      onProgress: (progress) => {
        post({ type: 'page', users: arrived.map(toPolicyUser), progress });
        arrived = [];
      },
    });
    post({ type: 'done', order: users.map((user) => arrival.get(user)!) });
  } catch (error) {
    post({ type: 'failed', message: String((error as Error)?.message ?? error) });
  }
}
