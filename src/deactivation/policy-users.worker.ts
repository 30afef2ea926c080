/**
 * Fetches every user and converts them for the engine off the page's main thread, which renders the
 * app shell and the page while the list loads (see fetch-policy-users-in-worker.ts).
 */
import { streamPolicyUsers } from './stream-policy-users';
import type { PolicyUsersMessage, PolicyUsersRequest } from './policy-users-messages';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PolicyUsersRequest>) => void) | null;
  postMessage(message: PolicyUsersMessage): void;
};

scope.onmessage = ({ data }) => streamPolicyUsers(data, (message) => scope.postMessage(message));
