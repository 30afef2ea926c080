/**
 * A RestClient that only reads, over plain fetch with the browser's session cookie: for a Web Worker,
 * which has no openmrsFetch. It sends what openmrsFetch sends to the REST API (JSON, and no Basic
 * challenge on a 401) and fails the way it does, with the status and the server's body, so that
 * withReadRetries and the paging treat both alike.
 */
import { withReadRetries, type RestClient, type RestError } from './rest-client';

/** @param restBase the REST API's absolute URL, e.g. https://host/openmrs/ws/rest/v1 */
export function fetchReadClient(restBase: string, fetchImpl: typeof fetch = fetch): RestClient {
  const readOnly = () => Promise.reject(new Error('This client only reads.'));
  return withReadRetries({
    async get<T>(path: string): Promise<T> {
      const response = await fetchImpl(`${restBase}${path}`, {
        headers: { Accept: 'application/json', 'Disable-WWW-Authenticate': 'true' },
        credentials: 'same-origin',
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        const error = new Error(`${response.status} ${response.statusText}`) as RestError;
        error.response = { status: response.status };
        error.responseBody = body;
        throw error;
      }
      return body as T;
    },
    post: readOnly,
    delete: readOnly,
  });
}
