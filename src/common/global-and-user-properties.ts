/**
 * Global properties and user properties through REST, for the browser and the CLI alike (the caller
 * passes a `RestClient`).
 */
import { isNotFound, type RestClient } from './rest-client';

export interface SystemSetting {
  uuid?: string;
  property: string;
  value: string | null;
  description?: string | null;
}

/** A global property's value; null when it does not exist. */
export async function getGlobalProperty(client: RestClient, name: string): Promise<string | null> {
  try {
    const gp = await client.get<SystemSetting>(`/systemsetting/${encodeURIComponent(name)}?v=default`);
    return gp?.value ?? null;
  } catch (error) {
    if (isNotFound(error)) {
      return null;
    }
    throw error;
  }
}

/** Creates or overwrites a global property (POST /systemsetting upserts by name, 201). */
export async function setGlobalProperty(
  client: RestClient,
  property: string,
  value: string,
  description: string,
): Promise<void> {
  await client.post('/systemsetting', { property, value, description });
}

// ---------------------------------------------------------------------------------------------
// User properties
// ---------------------------------------------------------------------------------------------

/** Applies a patch to user properties: a string sets a key, null deletes it, other keys are kept. */
export function mergeUserProperties(
  current: Record<string, unknown> | null | undefined,
  patch: Record<string, string | null>,
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries(current ?? {})) {
    if (v !== null && v !== undefined) {
      merged[k] = String(v);
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete merged[k];
    } else {
      merged[k] = v;
    }
  }
  return merged;
}

/**
 * Changes some user properties without dropping the others: POST replaces the whole map on the
 * server, so read the user fresh, merge, then write. Returns the map written.
 */
export async function patchUserProperties(
  client: RestClient,
  userUuid: string,
  patch: Record<string, string | null>,
): Promise<Record<string, string>> {
  const fresh = await client.get<{ userProperties?: Record<string, unknown> | null }>(
    `/user/${encodeURIComponent(userUuid)}?v=custom:(uuid,userProperties)`,
  );
  const merged = mergeUserProperties(fresh?.userProperties, patch);
  await client.post(`/user/${encodeURIComponent(userUuid)}`, { userProperties: merged });
  return merged;
}
