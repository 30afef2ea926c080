import { Type } from '@openmrs/esm-framework';

/** The `sessionLocationSwitcher` key of the app's config (see ../config-schema.ts). */
export const sessionLocationSwitcherSchema = {
  allLocationsWhenUnassigned: {
    _type: Type.Boolean,
    _default: true,
    _description:
      'Users with no locations assigned (blank user property locationUuid) may switch among all locations with ' +
      'locationTag, like System Developers. When false they see their session location as a plain label.',
  },
  locationTag: {
    _type: Type.String,
    _default: 'Login Location',
    _description:
      'Tag of the locations offered to System Developers and, when allowed, to unassigned users. Blank: every location. ' +
      'The location access pages mark the locations with this tag "(login location)".',
  },
  restoreScopeAfterLogin: {
    _type: Type.Boolean,
    _default: false,
    _description:
      'After a new login, restore the scope saved in user property useraccess.locationScope (a location or ' +
      '"All accessible locations"). When false, every login starts with "All accessible locations". Restoring a ' +
      'location sets it as the session location once after login (POST /session).',
  },
};

export interface SessionLocationSwitcherConfig {
  allLocationsWhenUnassigned: boolean;
  locationTag: string;
  restoreScopeAfterLogin: boolean;
}
