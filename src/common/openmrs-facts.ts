/**
 * Names the OpenMRS server defines, each written once. No imports: the session-location switcher's
 * chunk imports this file alone.
 */

/** RoleConstants.SUPERUSER */
export const SYSTEM_DEVELOPER_ROLE = 'System Developer';
/** LocationBasedAccessConstants.LOCATION_USER_PROPERTY_NAME: comma-separated location uuids. */
export const LOCATION_UUID_PROPERTY = 'locationUuid';
/** OpenmrsConstants.USER_PROPERTY_DEFAULT_LOCATION: read at login to set the session location. */
export const DEFAULT_LOCATION_PROPERTY = 'defaultLocation';
/** OpenmrsConstants.USER_PROPERTY_LAST_LOGIN_TIMESTAMP: written by core 2.7+ at each login (epoch ms). */
export const LAST_LOGIN_PROPERTY = 'lastLoginTimestamp';

/**
 * A `locationUuid` value as a list. LBAC (LocationUtils) splits on `,` without trimming; the app is kinder: it trims,
 * drops blanks and repeats, and keeps the order. Anything but a string is no location.
 */
export function parseLocationUuids(value: unknown): string[] {
  if (typeof value !== 'string') {
    return [];
  }
  return [...new Set(value.split(',').map((part) => part.trim()).filter(Boolean))];
}

const SYSTEM_DEVELOPER_LOWER = SYSTEM_DEVELOPER_ROLE.toLowerCase();

/** A role name that is System Developer, ignoring case as User.containsRole does, and surrounding spaces. */
function isSystemDeveloperName(name: unknown): boolean {
  if (name === SYSTEM_DEVELOPER_ROLE) {
    return true;
  }
  if (typeof name !== 'string') {
    return false;
  }
  const trimmed = name.trim();
  // lengths first: the deactivation engine asks this of every role of every user, and lowercasing allocates
  return trimmed.length === SYSTEM_DEVELOPER_ROLE.length && trimmed.toLowerCase() === SYSTEM_DEVELOPER_LOWER;
}

/**
 * User.isSuperUser: System Developer among all the user's roles, inherited ones included
 * (User.getAllRoles; REST's `allRoles`). Give it every role, not only the direct ones.
 */
export function isSystemDeveloper(allRoleNames: ReadonlyArray<unknown> | null | undefined): boolean {
  return !!allRoleNames?.some(isSystemDeveloperName);
}

/**
 * System Developer among the roles the user holds directly. The O3 session lists direct roles only,
 * so a role that merely inherits System Developer is not seen here, though core's isSuperUser sees it.
 */
export function hasSystemDeveloperRoleDirectly(
  user: { roles?: ReadonlyArray<{ name?: string | null; display?: string | null }> | null } | null | undefined,
): boolean {
  return !!user?.roles?.some((role) => isSystemDeveloperName(role.name) || isSystemDeveloperName(role.display));
}
