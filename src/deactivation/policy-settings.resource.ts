import useSWR from 'swr';
import type { SwrCacheMutate } from '../common/swr-cache-mutate';
import { restBaseUrl } from '@openmrs/esm-framework';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { CORE_DAYS_TO_RETIRE_GLOBAL_PROPERTY } from './core-task-prediction';
import { POLICY_GLOBAL_PROPERTY, createDefaultPolicy } from './policy-json';
import { getGlobalProperty } from '../common/global-and-user-properties';
import { loadPolicy, savePolicy, type LoadedPolicy } from './policy-io';
import type { DeactivationPolicy } from './types';

export const policySwrKey = `${restBaseUrl}/systemsetting/${POLICY_GLOBAL_PROPERTY}`;
export const coreDaysSwrKey = `${restBaseUrl}/systemsetting/${CORE_DAYS_TO_RETIRE_GLOBAL_PROPERTY}`;

const notLoaded: LoadedPolicy = { policy: createDefaultPolicy(), errors: [], isSet: false, raw: null };

/**
 * The app's policy from GP useraccess.deactivationPolicy. Not set yet (404) → the default policy,
 * isSet false. `errors` lists problems with a stored policy (the page shows them; runs must refuse).
 */
export function useDeactivationPolicy() {
  const { data, error, isLoading, mutate } = useSWR<LoadedPolicy>(policySwrKey, () => loadPolicy(openmrsRestClient));
  const loaded = data ?? notLoaded;
  return { policy: loaded.policy, errors: loaded.errors, isSet: loaded.isSet, error, isLoading, mutate };
}

/** The current value of users.numberOfDaysToRetire (null when the GP does not exist, '' when blank). */
export function useCoreDaysToRetire() {
  const { data, error, isLoading, mutate } = useSWR<string | null>(coreDaysSwrKey, () =>
    getGlobalProperty(openmrsRestClient, CORE_DAYS_TO_RETIRE_GLOBAL_PROPERTY),
  );
  return { value: data ?? null, error, isLoading, mutate };
}

/**
 * Saves the policy and keeps users.numberOfDaysToRetire in step: the inactivity limit when the policy
 * is enabled, blank when it is disabled (so a scheduled core task then retires nobody). Throws a
 * PolicyValidationError (with `validationErrors`) and writes nothing when the policy is invalid.
 */
export async function saveDeactivationPolicy(
  policy: DeactivationPolicy,
  mutate: SwrCacheMutate,
): Promise<DeactivationPolicy> {
  const saved = await savePolicy(openmrsRestClient, policy);
  await Promise.all([mutate(policySwrKey), mutate(coreDaysSwrKey)]);
  return saved;
}
