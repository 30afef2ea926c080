import useSWR from 'swr';
import { openmrsFetch, restBaseUrl } from '@openmrs/esm-framework';

interface RoleList {
  results: Array<{ uuid: string; display: string; name?: string }>;
}

/** Every role on the server, by name. Servers have few roles, so one page of 100 is enough. */
export function useRoleNames() {
  const { data, error, isLoading } = useSWR<{ data: RoleList }>(
    `${restBaseUrl}/role?v=custom:(uuid,display,name)&limit=100`,
    openmrsFetch,
  );
  const roleNames = (data?.data.results ?? []).map((role) => role.name ?? role.display).sort();
  return { roleNames, error, isLoading };
}
