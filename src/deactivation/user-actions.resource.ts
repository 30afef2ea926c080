import { openmrsRestClient, updateUserProperties } from '../common/openmrs-rest.resource';
import {
  clearExemptionPatch,
  executeDeactivations,
  exemptionPatch,
  retireUser,
  unretireUser,
} from './policy-io';
import type { BulkOptions, BulkOutcome } from '../common/bulk-runner';
import type { Decision } from './types';

/** Exempts a user from deactivation through `untilIsoDate` (yyyy-mm-dd, that whole day in UTC). */
export async function setExemption(userUuid: string, untilIsoDate: string, reason?: string | null) {
  return updateUserProperties(userUuid, exemptionPatch(untilIsoDate, reason));
}

export async function clearExemption(userUuid: string) {
  return updateUserProperties(userUuid, clearExemptionPatch);
}

/**
 * Unretires the user (POST {retired:false}); core clears the retire reason and date.
 *
 * The user's lastLoginTimestamp is still old, so the next sweep would deactivate them again at once.
 * Pass `grace` to also exempt them through a date (e.g. today + the policy's warningDays) so they
 * have time to log in. Core's AutoRetireUsersTask ignores exemptions: only a login protects them
 * from it.
 */
export async function reactivateUser(
  userUuid: string,
  grace?: { untilIsoDate: string; reason?: string | null },
): Promise<void> {
  const patch = grace ? exemptionPatch(grace.untilIsoDate, grace.reason ?? 'Reactivated') : null;
  await unretireUser(openmrsRestClient, userUuid);
  if (patch) {
    await updateUserProperties(userUuid, patch);
  }
}

/**
 * "Deactivate all due": give it planRun(...).toDeactivate (never call it when the plan is blocked).
 * Skips the acting user again; stops on a 401 and returns what remains.
 */
export function deactivateDecisions(
  decisions: Decision[],
  options: BulkOptions<Decision, void> & { actingUserUuid?: string } = {},
): Promise<BulkOutcome<Decision, void>> {
  return executeDeactivations(decisions, (userUuid, reason) => retireUser(openmrsRestClient, userUuid, reason), options);
}
