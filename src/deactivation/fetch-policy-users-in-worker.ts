import { makeUrl, restBaseUrl } from '@openmrs/esm-framework';
import type { FetchAllOptions } from '../common/rest-client';
import { startPolicyUsersWorker } from './start-policy-users-worker';
import type { PolicyUsersMessage, PolicyUsersRequest } from './policy-users-messages';
import type { PolicyUser } from './types';

/**
 * Every user as the engine sees them, fetched and converted in a Web Worker (policy-users.worker.ts),
 * reporting as fetchAllPages does. Resolves with null when no worker could start (the module served
 * from another origin, a strict Content-Security-Policy, no Worker at all) or the worker failed: the
 * caller then fetches on the main thread, where openmrsFetch handles an ended session and shows errors.
 */
export function fetchPolicyUsersInWorker({
  onProgress,
  onResults,
  countsTotal,
}: FetchAllOptions<PolicyUser> & { countsTotal: boolean }): Promise<PolicyUser[] | null> {
  const worker = startPolicyUsersWorker();
  if (!worker) {
    return Promise.resolve(null);
  }
  const arrived: PolicyUser[] = [];
  return new Promise<PolicyUser[] | null>((resolve) => {
    worker.onmessage = ({ data }: MessageEvent<PolicyUsersMessage>) => {
      switch (data.type) {
        case 'users':
          arrived.push(...data.users);
          onProgress?.(data.progress);
          onResults?.(data.users);
          break;
        case 'done':
          resolve(data.order.map((position) => arrived[position]));
          break;
        case 'failed':
          resolve(null);
          break;
      }
    };
    worker.onerror = () => resolve(null);
    const request: PolicyUsersRequest = { restBase: new URL(makeUrl(restBaseUrl), window.location.href).href, countsTotal };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}
