/** Names and defaults of the location-access part of the app. Where each piece of data lives: docs/location-access.md. */

export const LBAC_MODULE_ID = 'locationbasedaccess';
/** GP naming LBAC's patient attribute type. Read only: the app never repoints it. */
export const LBAC_ATTRIBUTE_TYPE_GP = 'locationbasedaccess.locationAttributeUuid';
/** The String attribute type LBAC seeds on start. */
export const LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID = '0a93cbc6-5d65-4886-8091-47a25d3df944';
export const LBAC_SWITCH_PREFIX = 'locationbasedaccess.access.';
export const LBAC_SWITCHES = ['patient', 'person', 'user', 'location', 'encounter'].map((s) => `${LBAC_SWITCH_PREFIX}${s}`);

export { APP_ATTRIBUTE_TYPE_DEFAULT_UUID } from './app-attribute-type-uuid';
export const APP_ATTRIBUTE_TYPE_NAME = 'Patient location (User Access app)';
export const APP_ATTRIBUTE_TYPE_DESCRIPTION =
  'The location a patient belongs to, for location-based access. Created by the User Access app; ' +
  'used only when the locationbasedaccess module is not installed.';
export const LOCATION_FORMAT = 'org.openmrs.Location';
