import { useCallback, useMemo } from 'react';
import useSWR from 'swr';
import { useSession } from '@openmrs/esm-framework';
import { openmrsRestClient } from './openmrs-rest.resource';
import { fetchRoleIndex } from './edit-privileges-io';
import { editorFrom, editRefusal, type EditRefusal } from './edit-privileges';

/**
 * Which accounts the signed-in administrator may not change (see edit-privileges.ts), from the
 * session's privileges and roles and the server's roles. Until the roles are read, or when the
 * session may not read them (no Get Roles), nothing is flagged: the server's answer tells then.
 */
export function useEditRefusal() {
  const session = useSession();
  const user = session?.user;
  const { data: index, error, isLoading } = useSWR('useraccess/role-index', () => fetchRoleIndex(openmrsRestClient));
  const editor = useMemo(() => (user && index ? editorFrom(user, index) : null), [user, index]);
  const refusalFor = useCallback(
    (roles: string[]): EditRefusal | null => (editor && index && !editor.superUser ? editRefusal(editor, roles, index) : null),
    [editor, index],
  );
  return { refusalFor, isLoading, error, rolesReadable: index !== null && index !== undefined };
}
