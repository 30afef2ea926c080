/** The global property holding the deactivation policy, as JSON (read and written by policy-json.ts). */
export const POLICY_GLOBAL_PROPERTY = 'useraccess.deactivationPolicy';

/**
 * Whether the saved policy can be switched on, without the parser: parsePolicy gives the default
 * policy (off) for a value that is blank, not JSON, not an object or of another version, and keeps
 * `enabled` only when it is true or false. So false here means the policy is off; true means
 * parsePolicy must decide.
 */
export function policyMayBeOn(raw: string | null): boolean {
  if (!raw?.trim()) {
    return false;
  }
  try {
    const value = JSON.parse(raw);
    return !!value && typeof value === 'object' && value.version === 1 && value.enabled === true;
  } catch {
    return false;
  }
}
