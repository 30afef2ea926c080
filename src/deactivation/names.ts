import type { PolicyUser } from './types';

/** Whether two names are the same, ignoring case and surrounding spaces, as core compares role names. */
export function sameName(a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  const x = a.trim();
  const y = b.trim();
  // lengths first: the engine compares every role of every user, and lowercasing allocates
  return x.length === y.length && x.toLowerCase() === y.toLowerCase();
}

export function hasRole(user: Pick<PolicyUser, 'roles'>, role: string): boolean {
  return (user.roles ?? []).some((r) => typeof r === 'string' && sameName(r, role));
}
