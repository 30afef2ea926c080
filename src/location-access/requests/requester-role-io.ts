/**
 * The role a requester needs: core's Manage Alerts, because a request is an alert
 * (AlertService.saveAlert is @Authorized(Manage Alerts)). Nothing more: reading alerts needs only a
 * login, and the outcome reaches the requester through their own user properties, written by the
 * administrator. Requesters never need Edit Users, Manage Global Properties or Edit People.
 */
import { isNotFound, type RestClient } from '../../common/rest-client';

export const REQUESTER_ROLE = 'Location Requester';
export const MANAGE_ALERTS = 'Manage Alerts';
export const REQUESTER_ROLE_DESCRIPTION =
  'May ask for locations and for changes of a patient\'s location (User Access app). Holds Manage Alerts, which core requires to create an alert.';

export type RequesterRoleState = 'missing' | 'lacksPrivilege' | 'ready';

interface RestRole {
  uuid: string;
  privileges?: Array<{ name?: string; display?: string }> | null;
}

const ROLE_PATH = `/role/${encodeURIComponent(REQUESTER_ROLE)}?v=custom:(uuid,name,privileges:(name,display))`;

async function readRole(client: RestClient): Promise<RestRole | null> {
  try {
    return await client.get<RestRole>(ROLE_PATH);
  } catch (error) {
    if (isNotFound(error)) {
      return null;
    }
    throw error;
  }
}

const names = (role: RestRole) => (role.privileges ?? []).map((p) => p.name ?? p.display ?? '');

export async function requesterRoleState(client: RestClient): Promise<RequesterRoleState> {
  const role = await readRole(client);
  if (!role) {
    return 'missing';
  }
  return names(role).includes(MANAGE_ALERTS) ? 'ready' : 'lacksPrivilege';
}

/** Creates the role with Manage Alerts, or adds Manage Alerts to it, keeping its other privileges. */
export async function ensureRequesterRole(client: RestClient): Promise<void> {
  const role = await readRole(client);
  if (!role) {
    await client.post('/role', { name: REQUESTER_ROLE, description: REQUESTER_ROLE_DESCRIPTION, privileges: [MANAGE_ALERTS] });
  } else if (!names(role).includes(MANAGE_ALERTS)) {
    await client.post(`/role/${encodeURIComponent(role.uuid)}`, { privileges: [...names(role), MANAGE_ALERTS] });
  }
}
