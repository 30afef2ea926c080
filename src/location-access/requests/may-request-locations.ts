/**
 * Whether the session-location switcher offers "Request another location…": to users who lack Manage
 * Location Access and hold Manage Alerts, which storing a request needs (the role Location Requester).
 * The entry and its lines (switcher-request-items.ts) load with the open menu, not with the page.
 */
import { userHasAccess, type LoggedInUser } from '@openmrs/esm-framework';
import { privileges } from '../../common/privileges';

/** PrivilegeConstants.MANAGE_ALERTS */
const MANAGE_ALERTS = 'Manage Alerts';

/** Whether the one-patient page offers asking for a patient's move: storing a request needs Manage Alerts. */
export function mayRequestPatientMoves(user: LoggedInUser | undefined): user is LoggedInUser {
  return !!user && userHasAccess(MANAGE_ALERTS, user);
}

export function mayRequestLocations(user: LoggedInUser | undefined): user is LoggedInUser {
  return !!user && userHasAccess(MANAGE_ALERTS, user) && !userHasAccess(privileges.manageLocationAccess, user);
}
