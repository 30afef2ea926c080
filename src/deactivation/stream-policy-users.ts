import { fetchReadClient } from '../common/fetch-read-client';
import { fetchAllRestUsers } from './policy-io';
import { POLICY_USER_REP, toPolicyUser, type RestUserLike } from './rest-user';
import type { ListProgress } from '../common/rest-client';
import type { PolicyUsersMessage, PolicyUsersRequest } from './policy-users-messages';
import type { PolicyUser } from './types';

/**
 * How often the page hears of the users that arrived: each message re-renders its loading count, and
 * the pages of a list can arrive every few milliseconds.
 */
export const POST_EVERY_MS = 50;

/**
 * What policy-users.worker.ts does with a request: fetches every user over plain fetch, posting the
 * users that arrived, converted for the engine, at most every POST_EVERY_MS (the first page at once),
 * then the list's order, or that it failed.
 */
export async function streamPolicyUsers(
  { restBase, countsTotal }: PolicyUsersRequest,
  post: (message: PolicyUsersMessage) => void,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const arrival = new Map<RestUserLike, number>();
  let arrived: RestUserLike[] = [];
  // users go out with the progress that counts them, so the page shows both in one render
  let unsent: { users: PolicyUser[]; progress: ListProgress } | null = null;
  let lastPost = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const send = () => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (unsent) {
      post({ type: 'users', ...unsent });
      unsent = null;
      lastPost = Date.now();
    }
  };
  try {
    const users = await fetchAllRestUsers(fetchReadClient(restBase, fetchImpl), POLICY_USER_REP, {
      countsTotal,
      onResults: (page) => {
        page.forEach((user) => arrival.set(user, arrival.size));
        arrived.push(...page);
      },
      onProgress: (progress) => {
        unsent = { users: [...(unsent?.users ?? []), ...arrived.map(toPolicyUser)], progress };
        arrived = [];
        const wait = lastPost + POST_EVERY_MS - Date.now();
        if (wait <= 0) {
          send();
        } else {
          timer ??= setTimeout(send, wait);
        }
      },
    });
    send();
    post({ type: 'done', order: users.map((user) => arrival.get(user)!) });
  } catch (error) {
    if (timer) {
      clearTimeout(timer);
    }
    post({ type: 'failed', message: String((error as Error)?.message ?? error) });
  }
}
