/**
 * Whether the signed-in administrator may change a user account, the way core decides it.
 *
 * Core's UserServiceImpl.saveUser (and so retireUser, unretireUser and every user-property write)
 * runs checkPrivileges(user): the editor must hold every privilege of every role of the target,
 * inherited roles included, and for a target with the System Developer role also "Assign System
 * Developer Role". Otherwise it throws an APIException, which REST answers with a 500. Nothing a
 * retry can change, so such a failure is permanent.
 *
 * Framework-free: the page and the CLI both use it.
 */
import { statusOf } from './rest-client';
import { errorMessage } from './error-message';
import { isSystemDeveloper, SYSTEM_DEVELOPER_ROLE } from './openmrs-facts';

/** PrivilegeConstants.ASSIGN_SYSTEM_DEVELOPER_ROLE */
export const ASSIGN_SYSTEM_DEVELOPER_ROLE = 'Assign System Developer Role';

export interface RoleDefinition {
  name: string;
  privileges: string[];
  inheritedRoles: string[];
}

/** Every role on the server, by name (GET /role, which needs Get Roles). */
export type RoleIndex = Map<string, RoleDefinition>;

export type EditRefusal =
  | { kind: 'systemDeveloper' }
  /** sorted, each once */
  | { kind: 'privileges'; missing: string[] };

/** What the editor holds, as core's Context.hasPrivilege sees it. */
export interface Editor {
  superUser: boolean;
  privileges: Set<string>;
}

interface RestRef {
  name?: string | null;
  display?: string | null;
}

export interface RestRoleDefinition extends RestRef {
  uuid?: string;
  privileges?: RestRef[] | null;
  inheritedRoles?: RestRef[] | null;
}

export const ROLE_DEFINITION_REP = 'custom:(uuid,name,display,privileges:(name,display),inheritedRoles:(name,display))';

const nameOf = (ref: RestRef | null | undefined) => ref?.name ?? ref?.display ?? '';

export function roleIndexFrom(roles: RestRoleDefinition[]): RoleIndex {
  return new Map(
    roles
      .filter((role) => nameOf(role))
      .map((role) => [
        nameOf(role),
        {
          name: nameOf(role),
          privileges: (role.privileges ?? []).map(nameOf).filter(Boolean),
          inheritedRoles: (role.inheritedRoles ?? []).map(nameOf).filter(Boolean),
        },
      ]),
  );
}

/** User.getAllRoles(): the roles and every role they inherit, as names. Unknown names are kept. */
export function allRoleNames(roleNames: string[], index: RoleIndex): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) {
      return;
    }
    seen.add(name);
    index.get(name)?.inheritedRoles.forEach(visit);
  };
  roleNames.forEach(visit);
  return [...seen];
}

/**
 * The editor from the session user (its privileges and roles, as the O3 session serves them) and the
 * roles: privileges of every role it has, inherited ones included, and of the Authenticated and
 * Anonymous roles, which core's UserContext counts for every signed-in user.
 */
export function editorFrom(
  user: { privileges?: RestRef[] | null; roles?: RestRef[] | null },
  index: RoleIndex,
): Editor {
  const roles = allRoleNames((user.roles ?? []).map(nameOf).filter(Boolean), index);
  const privileges = new Set((user.privileges ?? []).map(nameOf).filter(Boolean));
  for (const name of [...roles, 'Authenticated', 'Anonymous']) {
    index.get(name)?.privileges.forEach((privilege) => privileges.add(privilege));
  }
  return { superUser: isSystemDeveloper(roles), privileges };
}

function holds(editor: Editor, privilege: string): boolean {
  return editor.superUser || editor.privileges.has(privilege);
}

/**
 * Why core would refuse this editor a change to a user with these roles, or null if it would not.
 * Targets whose roles are not in the index count only the privileges that are known.
 */
export function editRefusal(editor: Editor, targetRoles: string[], index: RoleIndex): EditRefusal | null {
  const roles = allRoleNames(targetRoles, index);
  // UserServiceImpl.checkSuperUserPrivilege matches the role name exactly, unlike User.isSuperUser
  if (roles.includes(SYSTEM_DEVELOPER_ROLE) && !holds(editor, ASSIGN_SYSTEM_DEVELOPER_ROLE)) {
    return { kind: 'systemDeveloper' };
  }
  const missing = new Set<string>();
  for (const role of roles) {
    index.get(role)?.privileges.forEach((privilege) => !holds(editor, privilege) && missing.add(privilege));
  }
  return missing.size ? { kind: 'privileges', missing: [...missing].sort() } : null;
}

/** The refusal for each of these users that core would refuse this editor, by uuid. */
export function refusalsByUser(editor: Editor, users: Array<{ uuid: string; roles: string[] }>, index: RoleIndex): Map<string, EditRefusal> {
  const out = new Map<string, EditRefusal>();
  if (editor.superUser) {
    return out;
  }
  for (const user of users) {
    const refusal = editRefusal(editor, user.roles, index);
    if (refusal) {
      out.set(user.uuid, refusal);
    }
  }
  return out;
}

/** In English, for the CLI and logs; pages translate the refusal themselves. */
export function describeEditRefusal(refusal: EditRefusal): string {
  return refusal.kind === 'systemDeveloper'
    ? `Not permitted: changing a System Developer account needs the "${ASSIGN_SYSTEM_DEVELOPER_ROLE}" privilege`
    : `Not permitted: changing this account needs privileges you do not have: ${refusal.missing.join(', ')}`;
}

// The messages of User.you.must.have.privilege(s) and User.you.must.have.role (core messages.properties)
const MANY = /You must have the following privileges in order to assign them: ([^\]]+?)\]?$/;
const ONE = /You must have privilege '([^']+)' in order to assign it\./;
const ROLE = /You must have the role '[^']+' in order to assign it\./;

/** The refusal in the text of the server's error message, or null if it is not one. */
export function parseEditRefusal(message: string): EditRefusal | null {
  if (ROLE.test(message)) {
    return { kind: 'systemDeveloper' };
  }
  const one = ONE.exec(message);
  if (one) {
    return { kind: 'privileges', missing: [one[1]] };
  }
  const many = MANY.exec(message.trim());
  if (many) {
    return { kind: 'privileges', missing: [...new Set(many[1].split(', ').map((p) => p.trim()).filter(Boolean))].sort() };
  }
  return null;
}

/** The refusal a failed request carries (REST's 500 for core's APIException), or null. */
export function editRefusalOf(error: unknown): EditRefusal | null {
  return statusOf(error) === 500 ? parseEditRefusal(errorMessage(error)) : null;
}

/**
 * Whether core's UserServiceImpl refused the write (REST's error code is the class and line that
 * threw): a refusal in any server language, or a duplicate username. Trying again cannot help.
 */
export function isUserServiceRefusal(error: unknown): boolean {
  if (statusOf(error) !== 500) {
    return false;
  }
  const body = (error as { responseBody?: { error?: { code?: unknown } } | null })?.responseBody;
  const code = body && typeof body === 'object' ? body.error?.code : undefined;
  return editRefusalOf(error) !== null || (typeof code === 'string' && code.startsWith('org.openmrs.api.impl.UserServiceImpl'));
}
