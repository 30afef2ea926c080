/**
 * Who the policy never deactivates, and why: System Developers (inherited roles included), the
 * policy's exempt roles, the administrator running the action, and users exempt until a date not yet
 * passed (`useraccess.exemptUntil`, see exemptionEnd).
 */
import { isSystemDeveloper } from '../common/openmrs-facts';
import { exemptionEnd, isDateOnly } from './dates';
import { sameName } from './names';
import type { DeactivationPolicy, PolicyUser, ReasonCode } from './types';

export const EXEMPT_UNTIL_PROPERTY = 'useraccess.exemptUntil';
export const EXEMPT_REASON_PROPERTY = 'useraccess.exemptReason';

/** Why a user is protected (code, params), or, for a user who is not, an exemption date ignored. */
export interface Protection {
  code?: ReasonCode;
  params?: Record<string, string | number>;
  /** the raw `useraccess.exemptUntil` value, when it is not a date */
  invalidExemption?: string;
}

const NOT_PROTECTED: Protection = Object.freeze({});
const SYSTEM_DEVELOPER_PROTECTION: Protection = Object.freeze({ code: 'systemDeveloper' });
const ACTING_ADMIN_PROTECTION: Protection = Object.freeze({ code: 'actingAdmin' });

/**
 * What protects a user, for one evaluation. Users share a handful of role names and exemption dates,
 * so each distinct one is worked out once per evaluation, not once per user.
 */
export function protector(
  policy: DeactivationPolicy,
  nowMs: number,
  actingUserUuid: string | undefined,
): (user: PolicyUser) => Protection {
  const matchRole = roleMatcher(policy.exemptRoles ?? []);
  const exemptions = new Map<string, ExemptUntil>();
  return (user) => {
    const byRole = roleProtection(user, matchRole);
    if (byRole) {
      return byRole;
    }
    if (actingUserUuid && user.uuid === actingUserUuid) {
      return ACTING_ADMIN_PROTECTION;
    }
    const props = user.userProperties ?? {};
    const raw = props[EXEMPT_UNTIL_PROPERTY];
    if (typeof raw !== 'string') {
      return NOT_PROTECTED;
    }
    const exemptUntil = readExemptUntil(raw, exemptions);
    if (exemptUntil.invalid) {
      return exemptUntil.invalid;
    }
    if (nowMs < exemptUntil.endMs) {
      const why = (props[EXEMPT_REASON_PROPERTY] ?? '').trim();
      return { code: 'exemptUntil', params: { until: exemptUntil.shown, why } };
    }
    return NOT_PROTECTED;
  };
}

/** What holding one role name protects from; of two roles, the one with the lower rank wins. */
interface RoleMatch {
  /** -1 for System Developer, else the index in policy.exemptRoles of the first exempt role it is */
  rank: number;
  protection: Protection | null;
}

const NO_ROLE_MATCH: RoleMatch = Object.freeze({ rank: Infinity, protection: null });

/** Matches each distinct role name once per evaluation. */
function roleMatcher(exemptRoles: string[]): (role: string) => RoleMatch {
  const matches = new Map<string, RoleMatch>();
  return (role) => {
    let match = matches.get(role);
    if (!match) {
      match = roleMatch(role, exemptRoles);
      matches.set(role, match);
    }
    return match;
  };
}

function roleMatch(role: string, exemptRoles: string[]): RoleMatch {
  if (isSystemDeveloper([role])) {
    return { rank: -1, protection: SYSTEM_DEVELOPER_PROTECTION };
  }
  const rank = exemptRoles.findIndex((r) => r && sameName(role, r));
  if (rank < 0) {
    return NO_ROLE_MATCH;
  }
  return { rank, protection: { code: 'exemptRole', params: Object.freeze({ role: exemptRoles[rank] }) } };
}

/** System Developer, else the first of the policy's exempt roles the user has; null when neither. */
function roleProtection(user: PolicyUser, matchRole: (role: string) => RoleMatch): Protection | null {
  let best = NO_ROLE_MATCH;
  for (const role of user.roles ?? []) {
    if (typeof role === 'string') {
      const match = matchRole(role);
      if (match.rank < best.rank) {
        best = match;
      }
    }
  }
  return best.protection;
}

/** A `useraccess.exemptUntil` value as the engine reads it. */
interface ExemptUntil {
  /** exemptionEnd in epoch ms; NaN when the value is blank or not a date */
  endMs: number;
  /** the date as a reason shows it: as written when date-only, else the end instant */
  shown: string;
  /** when the value is not a date: what says it was ignored */
  invalid: Protection | null;
}

/** Reads each distinct exemptUntil value once per evaluation. */
function readExemptUntil(raw: string, cache: Map<string, ExemptUntil>): ExemptUntil {
  let read = cache.get(raw);
  if (!read) {
    const end = exemptionEnd(raw);
    if (end === 'invalid') {
      read = { endMs: NaN, shown: '', invalid: { invalidExemption: raw } };
    } else if (!end) {
      read = { endMs: NaN, shown: '', invalid: null };
    } else {
      const trimmed = raw.trim();
      const shown = isDateOnly(trimmed) ? trimmed : end.toISOString();
      read = { endMs: end.getTime(), shown, invalid: null };
    }
    cache.set(raw, read);
  }
  return read;
}
