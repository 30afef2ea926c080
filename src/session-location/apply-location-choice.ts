/**
 * The writes of a choice in the switcher: the session location, then the scope in the user's
 * properties. Loaded when someone chooses, so pages where nobody does carry none of it.
 */
import { refetchCurrentUser, setSessionLocation } from '@openmrs/esm-framework';
import { errorMessage } from '../common/error-message';
import { updateUserProperties } from '../common/openmrs-rest.resource';
import { statusOf } from '../common/rest-client';
import { LOCATION_SCOPE_LOGIN_PROPERTY, LOCATION_SCOPE_PROPERTY } from './location-scope';

/**
 * Records the scope in the user's properties: read, merge, write (POST replaces the whole map). A
 * user without Get Users / Edit Users (most clinicians) cannot write their own properties: that is
 * not an error here, the choice then lasts for this login in this tab (sessionStorage).
 */
export async function recordScope(
  userUuid: string,
  choice: string,
  lastLogin: string | null | undefined,
): Promise<boolean> {
  try {
    await updateUserProperties(userUuid, {
      [LOCATION_SCOPE_PROPERTY]: choice,
      [LOCATION_SCOPE_LOGIN_PROPERTY]: lastLogin ?? null,
    });
    return true;
  } catch (error) {
    if (statusOf(error) === 403) {
      return false;
    }
    throw error;
  }
}

export interface ApplyChoiceInput {
  userUuid: string;
  /** `all` or a location uuid */
  choice: string;
  /** the location the server's session must hold afterwards */
  sessionLocationUuid: string | null;
  currentSessionLocationUuid: string | null | undefined;
  lastLogin: string | null | undefined;
  /** called once the server's session location is right (before the scope is recorded) */
  onSessionSet?: () => void;
}

export class SessionLocationError extends Error {
  constructor(readonly cause: unknown) {
    super('The session location was not changed.');
    this.name = 'SessionLocationError';
  }
}

/** What a person reads about a failed choice: the server's answer, also when the session location was refused. */
export function describeChoiceError(error: unknown): string {
  return errorMessage(error instanceof SessionLocationError ? error.cause : error);
}

/**
 * Applies a choice: POST /session when the server's session location must change, then records the
 * scope (user property), then refreshes the session (GET /session) so every app sees both.
 * Returns whether the scope was written to the user's properties.
 */
export async function applyChoice({
  userUuid,
  choice,
  sessionLocationUuid,
  currentSessionLocationUuid,
  lastLogin,
  onSessionSet,
}: ApplyChoiceInput): Promise<{ recorded: boolean; recordError: unknown }> {
  if (sessionLocationUuid && sessionLocationUuid !== currentSessionLocationUuid) {
    try {
      await setSessionLocation(sessionLocationUuid, new AbortController());
    } catch (error) {
      // setSessionLocation empties the session store when it fails; put the session back.
      await Promise.resolve(refetchCurrentUser()).catch(() => undefined);
      throw new SessionLocationError(error);
    }
  }
  onSessionSet?.();
  let recorded = false;
  let recordError: unknown = null;
  try {
    recorded = await recordScope(userUuid, choice, lastLogin);
  } catch (error) {
    recordError = error;
  }
  await refetchCurrentUser();
  return { recorded, recordError };
}
