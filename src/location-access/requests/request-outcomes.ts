/**
 * The outcomes of a user's location requests, written by the administrator who decides, into the
 * requester's own user properties in the same write as their locations, so the requester's next
 * session carries them and the switcher shows them without a request of its own:
 *
 *   user property `useraccess.locationRequestOutcomes` = JSON, newest first, at most OUTCOMES_KEPT:
 *   [{"id": alert uuid, "s": "a" | "r", "names": location names, "e"?: last day, "n"?: rejection reason, "at": day}]
 *
 * No imports: the session-location switcher's chunk imports this file.
 */
export const OUTCOMES_PROPERTY = 'useraccess.locationRequestOutcomes';
export const OUTCOMES_KEPT = 5;

export interface RequestOutcome {
  id: string;
  s: 'a' | 'r';
  names: string[];
  e?: string;
  n?: string;
  at: string;
}

export function outcomesOf(userProperties: Record<string, unknown> | null | undefined): RequestOutcome[] {
  const raw = userProperties?.[OUTCOMES_PROPERTY];
  if (typeof raw !== 'string') {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed)
      ? parsed.filter((o): o is RequestOutcome => !!o && typeof o.id === 'string' && (o.s === 'a' || o.s === 'r') && Array.isArray(o.names))
      : [];
  } catch {
    return [];
  }
}

/** The property value with `outcome` first, replacing an earlier outcome of the same request. */
export function withOutcome(userProperties: Record<string, unknown> | null | undefined, outcome: RequestOutcome): string {
  const rest = outcomesOf(userProperties).filter((o) => o.id !== outcome.id);
  return JSON.stringify([outcome, ...rest].slice(0, OUTCOMES_KEPT));
}

/**
 * The outcomes to show in this login session: those not seen in an earlier session. `seen` maps an
 * outcome id to the login (lastLoginTimestamp) in which it was first shown; it is kept in localStorage.
 */
export function outcomesToShow(outcomes: RequestOutcome[], seen: Record<string, string>, login: string): RequestOutcome[] {
  return outcomes.filter((o) => seen[o.id] === undefined || seen[o.id] === login);
}

const seenKey = (userUuid: string) => `useraccess.requestOutcomesSeen.${userUuid}`;

export function readSeen(userUuid: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(seenKey(userUuid)) ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Records the outcomes shown in this login, so the next login does not show them again. */
export function markSeen(userUuid: string, outcomes: RequestOutcome[], login: string): void {
  const seen = readSeen(userUuid);
  let changed = false;
  for (const o of outcomes) {
    if (seen[o.id] === undefined) {
      seen[o.id] = login;
      changed = true;
    }
  }
  if (changed) {
    try {
      localStorage.setItem(seenKey(userUuid), JSON.stringify(seen));
    } catch {
      // private mode or full storage: the outcome is shown again next time
    }
  }
}
