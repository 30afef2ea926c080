/**
 * Demo accounts: users the policy's demo rule deactivates after its own, shorter limit. A user is a
 * demo account when any one of the rule's three signs matches: the family name (ignoring case and
 * surrounding spaces), the username prefix (ignoring case) or the system ID pattern (a regular
 * expression matched against the whole trimmed system ID).
 */
import { sameName } from './names';
import type { DeactivationPolicy, PolicyUser } from './types';

export function compileDemoPattern(pattern: string): RegExp | null {
  if (!pattern) {
    return null;
  }
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return null;
  }
}

/** Whether a user is a demo account under the policy (false when demo rules are disabled). */
export function isDemoAccount(user: PolicyUser, policy: DeactivationPolicy, compiled?: RegExp | null): boolean {
  return demoMatcher(policy, compiled)(user);
}

/** isDemoAccount for one policy, with the policy's side worked out once. */
export function demoMatcher(policy: DeactivationPolicy, compiled?: RegExp | null): (user: PolicyUser) => boolean {
  const demo = policy.demo;
  if (!demo?.enabled) {
    return () => false;
  }
  const family = (demo.familyName ?? '').trim();
  const prefix = (demo.usernamePrefix ?? '').trim().toLowerCase();
  const re = compiled === undefined ? compileDemoPattern(demo.systemIdPattern) : compiled;
  return (user) =>
    (!!family && hasFamilyName(user, family)) ||
    (!!prefix && startsWithLowerCase(user.username ?? '', prefix)) ||
    (!!re && !!user.systemId && re.test(user.systemId.trim()));
}

function hasFamilyName(user: PolicyUser, trimmedFamily: string): boolean {
  // a name shorter than the trimmed one cannot equal it once trimmed: a cheap check first
  return !!user.familyName && user.familyName.length >= trimmedFamily.length && sameName(user.familyName, trimmedFamily);
}

/**
 * `value.trim().toLowerCase().startsWith(prefix)` for a trimmed lower-case prefix, without the two
 * copies when the first character already rules it out.
 */
function startsWithLowerCase(value: string, prefix: string): boolean {
  const first = value.charCodeAt(0);
  // a printable ASCII character is not trimmed, and lower-cases to one ASCII character whatever follows
  const isPrintableAscii = first > 32 && first < 127;
  if (isPrintableAscii && asciiLowerCase(first) !== prefix.charCodeAt(0)) {
    return false;
  }
  return value.trim().toLowerCase().startsWith(prefix);
}

function asciiLowerCase(code: number): number {
  const isUpperCase = code >= 65 && code <= 90; // 'A' to 'Z'
  return isUpperCase ? code + 32 : code;
}
