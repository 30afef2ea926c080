import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { executeDeactivations, retireUser } from './policy-io';
import type { BulkOptions, BulkOutcome } from '../common/bulk-runner';
import type { Decision } from './types';

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
