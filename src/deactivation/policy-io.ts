/**
 * The deactivation REST logic shared by the browser resources (openmrsFetch) and the Node CLI
 * (global fetch). Nothing here imports the framework: the caller passes a `RestClient`.
 */
import { fetchAllPages, type FetchAllOptions, type RestClient } from '../common/rest-client';
import { getGlobalProperty, setGlobalProperty } from '../common/global-and-user-properties';
import { PermanentError, runBulk, type BulkOptions, type BulkOutcome } from '../common/bulk-runner';
import { CORE_DAYS_TO_RETIRE_GLOBAL_PROPERTY } from './core-task-prediction';
import { EXEMPT_REASON_PROPERTY, EXEMPT_UNTIL_PROPERTY } from './protections';
import { POLICY_GLOBAL_PROPERTY, parsePolicy, serializePolicy, validatePolicy } from './policy-json';
import { POLICY_USER_REP, toPolicyUser, type RestUserLike } from './rest-user';
import { parseOpenmrsDate } from './dates';
import { englishReasonText } from './reason-text';
import type { Decision, DeactivationPolicy, PolicyUser } from './types';

/** Every user, retired ones included (GET /user with no search parameter lists all). */
export async function fetchAllRestUsers(
  client: RestClient,
  rep = POLICY_USER_REP,
  options: FetchAllOptions<RestUserLike> = {},
): Promise<RestUserLike[]> {
  return fetchAllPages<RestUserLike>(client, `/user?v=${rep}`, options);
}

export async function fetchAllPolicyUsers(client: RestClient, options: FetchAllOptions = {}): Promise<PolicyUser[]> {
  return (await fetchAllRestUsers(client, POLICY_USER_REP, options)).map(toPolicyUser);
}

// ---------------------------------------------------------------------------------------------
// The policy
// ---------------------------------------------------------------------------------------------

export const POLICY_GP_DESCRIPTION =
  'Account deactivation policy of the User access app (JSON, version 1). Edit it from the app\'s inactivity settings page.';
export const CORE_DAYS_GP_DESCRIPTION =
  'Number of days of inactivity after which core\'s AutoRetireUsersTask retires a user. Blank: it retires nobody. ' +
  'Kept in step with the User access app\'s policy (its inactivity limit when enabled, blank when disabled).';

export interface LoadedPolicy {
  policy: DeactivationPolicy;
  errors: string[];
  /** false when the global property does not exist yet (default policy) */
  isSet: boolean;
  raw: string | null;
}

export async function loadPolicy(client: RestClient): Promise<LoadedPolicy> {
  const raw = await getGlobalProperty(client, POLICY_GLOBAL_PROPERTY);
  const { policy, errors } = parsePolicy(raw);
  return { policy, errors, isSet: raw !== null, raw };
}

export class PolicyValidationError extends Error {
  constructor(readonly validationErrors: string[]) {
    super(`The deactivation policy was not saved: ${validationErrors.join(' ')}`);
    this.name = 'PolicyValidationError';
  }
}

/** The core threshold that goes with a policy: its inactivity limit when enabled, blank when disabled. */
export function coreDaysToRetireFor(policy: DeactivationPolicy): string {
  return policy.enabled ? String(policy.inactiveDays) : '';
}

/**
 * Saves the policy GP, then keeps `users.numberOfDaysToRetire` in step (see coreDaysToRetireFor).
 * Throws PolicyValidationError (nothing written) when the policy is invalid.
 */
export async function savePolicy(client: RestClient, policy: DeactivationPolicy): Promise<DeactivationPolicy> {
  const errors = validatePolicy(policy);
  if (errors.length) {
    throw new PolicyValidationError(errors);
  }
  const json = serializePolicy(policy);
  await setGlobalProperty(client, POLICY_GLOBAL_PROPERTY, json, POLICY_GP_DESCRIPTION);
  await setGlobalProperty(client, CORE_DAYS_TO_RETIRE_GLOBAL_PROPERTY, coreDaysToRetireFor(policy), CORE_DAYS_GP_DESCRIPTION);
  return parsePolicy(json).policy;
}

// ---------------------------------------------------------------------------------------------
// Users: properties, retire, unretire
// ---------------------------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The patch that exempts a user through `untilIsoDate` (yyyy-mm-dd, inclusive, UTC). */
export function exemptionPatch(untilIsoDate: string, reason?: string | null): Record<string, string | null> {
  const until = untilIsoDate?.trim();
  if (!until || !ISO_DATE.test(until) || !parseOpenmrsDate(until)) {
    throw new Error(`An exemption needs a date as yyyy-mm-dd, not "${untilIsoDate}".`);
  }
  const why = reason?.trim();
  return { [EXEMPT_UNTIL_PROPERTY]: until, [EXEMPT_REASON_PROPERTY]: why ? why : null };
}

export const clearExemptionPatch: Record<string, null> = {
  [EXEMPT_UNTIL_PROPERTY]: null,
  [EXEMPT_REASON_PROPERTY]: null,
};

/** OpenMRS stores retire reasons in a varchar(255). */
export function retireReasonText(reason: string): string {
  const text = (reason ?? '').trim() || 'Deactivated for inactivity';
  return text.length > 255 ? `${text.slice(0, 254)}…` : text;
}

/** The user was retired by someone else since the list was read; nothing was sent. */
export class AlreadyRetiredError extends PermanentError {
  constructor(readonly retireReason: string | null) {
    super(`Already deactivated${retireReason ? ` ("${retireReason}")` : ''}; not deactivated again, so its reason stays.`);
    this.name = 'AlreadyRetiredError';
  }
}

/**
 * Retires the user with DELETE, after reading it again: UserResource1_8.delete retires an already
 * retired user once more (its wrapper's isRetired() is always false), overwriting the reason, who
 * retired it and when. For such a user nothing is sent and AlreadyRetiredError is thrown.
 */
export async function retireUser(client: RestClient, userUuid: string, reason: string): Promise<void> {
  const path = `/user/${encodeURIComponent(userUuid)}`;
  const current = await client.get<RestUserLike>(`${path}?v=custom:(uuid,retired,auditInfo)`);
  if (current?.retired === true) {
    throw new AlreadyRetiredError(current.auditInfo?.retireReason ?? null);
  }
  await client.delete(`${path}?reason=${encodeURIComponent(retireReasonText(reason))}`);
}

export async function unretireUser(client: RestClient, userUuid: string): Promise<void> {
  await client.post(`/user/${encodeURIComponent(userUuid)}`, { retired: false });
}

// ---------------------------------------------------------------------------------------------
// Running a plan
// ---------------------------------------------------------------------------------------------

/**
 * Deactivates the planned decisions (planRun(...).toDeactivate) one request each, with the bulk
 * runner's retries and 401 stop. The acting user is skipped again here, as a last line of defence.
 */
export async function executeDeactivations(
  decisions: Decision[],
  deactivate: (uuid: string, reason: string) => Promise<void>,
  { actingUserUuid, ...options }: BulkOptions<Decision, void> & { actingUserUuid?: string } = {},
): Promise<BulkOutcome<Decision, void>> {
  const safe = decisions.filter((d) => d.status === 'due' && d.uuid !== actingUserUuid);
  return runBulk(safe, (d) => deactivate(d.uuid, englishReasonText(d)), { concurrency: 4, ...options });
}
