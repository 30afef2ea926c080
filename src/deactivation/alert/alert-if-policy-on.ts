import { openmrsFetch, restBaseUrl, type Session } from '@openmrs/esm-framework';
import { POLICY_GLOBAL_PROPERTY, policyMayBeOn } from '../policy-global-property';

/** The policy's saved value; null when the global property does not exist (GET answers 404). */
async function readPolicyValue(): Promise<string | null> {
  try {
    const response = await openmrsFetch<{ value?: string | null }>(
      `${restBaseUrl}/systemsetting/${encodeURIComponent(POLICY_GLOBAL_PROPERTY)}?v=custom:(value)`,
    );
    return response.data?.value ?? null;
  } catch (error) {
    if ((error as { response?: { status?: number } })?.response?.status === 404) {
      return null;
    }
    throw error;
  }
}

/**
 * The alert's first step, one request: the policy. Only when it may be on does the engine load
 * (policy, users, evaluation: ./deactivation-alert), so an administrator whose policy is off loads
 * nothing that decides deactivations.
 */
export async function alertIfPolicyOn(session: Session, now = new Date()): Promise<number | null> {
  const raw = await readPolicyValue();
  if (!policyMayBeOn(raw)) {
    return null;
  }
  const { alertIfDeactivationsUpcoming } = await import('./deactivation-alert');
  return alertIfDeactivationsUpcoming(session, raw, now);
}
