/** A user as the REST module serves it, mapped to what the deactivation engine needs. */
import { parseOpenmrsDate } from './dates';
import type { PolicyUser } from './types';

/**
 * The custom representation the engine needs. Every property exists on the server: `allRoles` is
 * `User.getAllRoles()` (in the full rep), `preferredName` is PersonResource's @PropertyGetter,
 * `auditInfo` gives dateCreated, dateRetired and retireReason (the last two only when retired).
 */
export const POLICY_USER_REP =
  'custom:(uuid,display,username,systemId,userProperties,retired,' +
  'person:(uuid,display,preferredName:(familyName)),roles:(name),allRoles:(name),auditInfo)';

export interface RestRoleLike {
  name?: string;
  display?: string;
}

export interface RestUserLike {
  uuid: string;
  display?: string;
  username?: string | null;
  systemId?: string | null;
  userProperties?: Record<string, unknown> | null;
  retired?: boolean;
  person?: { uuid?: string; display?: string; preferredName?: { familyName?: string | null } | null } | null;
  roles?: RestRoleLike[] | null;
  allRoles?: RestRoleLike[] | null;
  auditInfo?: {
    dateCreated?: string | null;
    dateRetired?: string | null;
    retireReason?: string | null;
  } | null;
}

/** Maps a REST user (POLICY_USER_REP, or the full rep) to what the engine needs. */
export function toPolicyUser(rest: RestUserLike): PolicyUser {
  const roleNames = new Set<string>();
  for (const r of [...(rest.allRoles ?? []), ...(rest.roles ?? [])]) {
    const name = r?.name ?? r?.display;
    if (typeof name === 'string' && name) {
      roleNames.add(name);
    }
  }
  const userProperties: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest.userProperties ?? {})) {
    if (v !== null && v !== undefined) {
      userProperties[k] = String(v);
    }
  }
  const retired = rest.retired === true;
  return {
    uuid: rest.uuid,
    username: rest.username ?? '',
    systemId: rest.systemId ?? '',
    display: rest.display ?? rest.username ?? rest.systemId ?? '',
    personName: rest.person?.display ?? '',
    familyName: rest.person?.preferredName?.familyName ?? null,
    roles: [...roleNames],
    retired,
    dateCreated: parseOpenmrsDate(rest.auditInfo?.dateCreated),
    dateRetired: retired ? parseOpenmrsDate(rest.auditInfo?.dateRetired) : null,
    retireReason: retired ? (rest.auditInfo?.retireReason ?? null) : null,
    userProperties,
  };
}
