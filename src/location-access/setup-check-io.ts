/** What the setup check reads and creates besides the storage mode: the app's privileges and LBAC's switches. */
import { privileges } from '../common/privileges';
import { fetchAllPages, type RestClient } from '../common/rest-client';
import { getGlobalProperty } from '../common/global-and-user-properties';
import { LBAC_SWITCHES } from './constants';

export const APP_PRIVILEGES: Array<{ name: string; description: string }> = [
  { name: privileges.manageLocationAccess, description: 'Able to assign locations to users and see location access reports (User Access app)' },
  { name: privileges.assignPatientLocations, description: 'Able to see and change the location of one patient (User Access app)' },
  { name: privileges.bulkChangePatientLocations, description: 'Able to assign and move patient locations in bulk (User Access app)' },
  { name: privileges.assignAnyLocation, description: 'Able to give any location, not only the ones held (User Access app; the server does not enforce this)' },
  { name: privileges.manageAccountDeactivation, description: 'Able to manage account deactivation for inactivity (User Access app)' },
];

/** Names of the app's privileges that do not exist on the server. */
export async function missingPrivileges(client: RestClient): Promise<string[]> {
  const all = await fetchAllPages<{ uuid: string; name?: string; display?: string }>(client, '/privilege?v=custom:(uuid,name,display)');
  const names = new Set(all.map((p) => (p.name ?? p.display ?? '').toLowerCase()));
  return APP_PRIVILEGES.filter((p) => !names.has(p.name.toLowerCase())).map((p) => p.name);
}

export async function createPrivilege(client: RestClient, name: string): Promise<void> {
  const known = APP_PRIVILEGES.find((p) => p.name === name);
  await client.post('/privilege', { name, description: known?.description ?? name });
}

export interface LbacSwitch {
  property: string;
  value: string | null;
  /** LBAC filters only when the value is exactly "true" */
  on: boolean;
}

export async function fetchLbacSwitches(client: RestClient): Promise<LbacSwitch[]> {
  return Promise.all(
    LBAC_SWITCHES.map(async (property) => {
      const value = await getGlobalProperty(client, property);
      return { property, value, on: value === 'true' };
    }),
  );
}
