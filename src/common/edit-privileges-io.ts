/**
 * Reads what edit-privileges.ts needs from the server. Framework-free: the page and the CLI both use it.
 */
import { fetchAllPages, statusOf, type RestClient } from './rest-client';
import { ROLE_DEFINITION_REP, roleIndexFrom, type RestRoleDefinition, type RoleIndex } from './edit-privileges';

/**
 * Every role with its privileges and inherited roles (GET /role needs Get Roles). Null when the
 * caller may not read roles (403): then no refusal can be foreseen, and the server's answer tells.
 */
export async function fetchRoleIndex(client: RestClient): Promise<RoleIndex | null> {
  try {
    return roleIndexFrom(await fetchAllPages<RestRoleDefinition>(client, `/role?v=${ROLE_DEFINITION_REP}`));
  } catch (error) {
    if (statusOf(error) === 403) {
      return null;
    }
    throw error;
  }
}
