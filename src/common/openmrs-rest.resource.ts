import { openmrsFetch, restBaseUrl, type FetchResponse } from '@openmrs/esm-framework';
import { withReadRetries, type RestClient } from './rest-client';
import { patchUserProperties } from './global-and-user-properties';

/**
 * openmrsFetch as a RestClient (paths relative to /ws/rest/v1). When openmrsFetch is configured to
 * resolve (instead of hang) after redirecting a 401 to the login page, it resolves with nothing: that
 * is turned back into a 401 error so bulk jobs stop and can be resumed.
 */
async function call<T>(path: string, init: Parameters<typeof openmrsFetch>[1]): Promise<T> {
  const response = (await openmrsFetch<T>(`${restBaseUrl}${path}`, init)) as FetchResponse<T> | undefined;
  if (!response) {
    throw Object.assign(new Error('The session has ended; log in again.'), { response: { status: 401 } });
  }
  return response.data;
}

/** Reads are tried again after a network error or a 5xx (see withReadRetries); writes are not. */
export const openmrsRestClient: RestClient = withReadRetries({
  get: <T>(path: string) => call<T>(path, {}),
  post: <T>(path: string, body: unknown) => call<T>(path, { method: 'POST', body: body as object }),
  delete: async (path: string) => {
    await call<unknown>(path, { method: 'DELETE' });
  },
});

/**
 * Sets (string) or deletes (null) some user properties, keeping all the others: reads the user
 * fresh, merges, then POSTs the whole map. Returns the map written.
 */
export function updateUserProperties(
  userUuid: string,
  patch: Record<string, string | null>,
): Promise<Record<string, string>> {
  return patchUserProperties(openmrsRestClient, userUuid, patch);
}
