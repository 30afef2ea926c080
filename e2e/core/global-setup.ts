import { request, type APIResponse } from '@playwright/test';
import { adminUser, baseUrl, basicAuthHeader, defaultLocationUuid, restUrl, storageStatePath } from './env';

/**
 * Logs in once through the REST API (POST /session with Basic auth, as O3's own e2e setups do)
 * and saves the session cookie, so specs that don't test the login form start logged in. A spec
 * that restarts the backend calls it again: a restart ends every session.
 */
export async function saveAdminSession() {
  const context = await request.newContext({ extraHTTPHeaders: { Authorization: basicAuthHeader } });
  try {
    const sessionLocation = defaultLocationUuid || (await firstLoginLocation(context));
    const response = await retryOnServerError(() =>
      context.post(`${restUrl}/session`, { data: { ...(sessionLocation ? { sessionLocation } : {}), locale: 'en' } }),
    );
    if (!response.ok()) {
      throw new Error(`POST ${restUrl}/session answered ${response.status()}: ${await response.text()}`);
    }
    const session = await response.json();
    if (!session.authenticated) {
      throw new Error(`POST ${restUrl}/session did not authenticate ${adminUser}; check E2E_USER / E2E_PASSWORD`);
    }
    await context.storageState({ path: storageStatePath });
    console.log(`[global-setup] ${adminUser} logged in at ${baseUrl} (session location: ${sessionLocation || 'none'})`);
  } finally {
    await context.dispose();
  }
}

/**
 * Logging in and reading a location are safe to repeat, and the fault pass's backend answers 5% of
 * requests with a 500 or 503: a run must not fail before its first test on one of those.
 */
async function retryOnServerError(send: () => Promise<APIResponse>, attempts = 5): Promise<APIResponse> {
  for (let attempt = 1; ; attempt++) {
    const response = await send();
    if (response.status() < 500 || attempt >= attempts) {
      return response;
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
}

async function firstLoginLocation(context: Awaited<ReturnType<typeof request.newContext>>): Promise<string> {
  const response = await retryOnServerError(() =>
    context.get(`${restUrl}/location`, { params: { tag: 'Login Location', v: 'custom:(uuid,display)', limit: 1 } }),
  );
  if (!response.ok()) {
    return '';
  }
  const body = await response.json();
  return body.results?.[0]?.uuid ?? '';
}

export default saveAdminSession;
