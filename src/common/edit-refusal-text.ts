import { PermanentError } from './bulk-runner';
import { editRefusalOf, type EditRefusal } from './edit-privileges';
import type { Translate } from './use-translation';

/** Why the signed-in administrator may not change an account, for a person to read. */
export function editRefusalText(t: Translate, refusal: EditRefusal): string {
  return refusal.kind === 'systemDeveloper'
    ? t('refusedSystemDeveloper', 'You may not change a System Developer account: that needs the privilege "Assign System Developer Role".')
    : t('refusedMissingPrivileges', 'You may not change this account: it needs privileges you do not have: {{privileges}}.', {
        privileges: refusal.missing.join(', '),
      });
}

/**
 * Runs a write; when core refuses it (UserServiceImpl.checkPrivileges), fails with the refusal in
 * words instead, as a PermanentError, so that a bulk job shows it and does not try again.
 */
export async function explainingRefusal<T>(t: Translate, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const refusal = editRefusalOf(error);
    throw refusal ? new PermanentError(editRefusalText(t, refusal)) : error;
  }
}
