/** The persisted state: plain JSON, one file. Dates are epoch milliseconds. */

export interface Audit {
  creator: string | null; // user uuid
  dateCreated: number;
  changedBy: string | null;
  dateChanged: number | null;
}

export interface Retirable {
  retired: boolean;
  retiredBy: string | null;
  dateRetired: number | null;
  retireReason: string | null;
}

export interface Privilege extends Audit, Retirable {
  uuid: string;
  name: string;
  description: string;
}

export interface Role extends Audit, Retirable {
  uuid: string;
  name: string;
  description: string;
  privileges: string[]; // privilege names
  inheritedRoles: string[]; // role names
}

export interface LocationTag extends Audit, Retirable {
  uuid: string;
  name: string;
  description: string;
}

export interface Location extends Audit, Retirable {
  id: number;
  uuid: string;
  name: string;
  description: string | null;
  address1: string | null;
  address2: string | null;
  cityVillage: string | null;
  stateProvince: string | null;
  country: string | null;
  postalCode: string | null;
  countyDistrict: string | null;
  latitude: string | null;
  longitude: string | null;
  tags: string[]; // tag uuids
  parent: string | null; // location uuid
}

export interface PersonName {
  uuid: string;
  givenName: string;
  middleName: string | null;
  familyName: string;
  familyName2: string | null;
  preferred: boolean;
}

export interface Voidable {
  voided: boolean;
  voidedBy: string | null;
  dateVoided: number | null;
  voidReason: string | null;
}

export interface PersonAttribute extends Audit, Voidable {
  uuid: string;
  attributeType: string; // type uuid
  value: string;
}

export interface PatientIdentifier {
  uuid: string;
  identifier: string;
  identifierType: string; // uuid
  location: string | null; // uuid
  preferred: boolean;
}

export interface Person extends Audit, Voidable {
  id: number;
  uuid: string;
  gender: string;
  birthdate: string | null; // yyyy-mm-dd
  birthdateEstimated: boolean;
  dead: boolean;
  deathDate: string | null;
  names: PersonName[];
  attributes: PersonAttribute[];
  patient: { identifiers: PatientIdentifier[] } | null;
}

export interface User extends Audit, Retirable {
  id: number;
  uuid: string;
  username: string;
  systemId: string;
  email: string | null;
  person: string; // person uuid
  passwordHash: string;
  salt: string;
  userProperties: Record<string, string>;
  roles: string[]; // role names
  proficientLocales: string[];
}

export interface Provider extends Audit, Retirable {
  uuid: string;
  identifier: string;
  person: string; // person uuid
}

export interface PersonAttributeType extends Audit, Retirable {
  id: number;
  uuid: string;
  name: string;
  description: string | null;
  format: string | null;
  foreignKey: number | null;
  sortWeight: number | null;
  searchable: boolean;
  editPrivilege: string | null; // privilege name
}

export interface IdentifierType {
  uuid: string;
  name: string;
  description: string;
}

export interface GlobalProperty {
  uuid: string;
  property: string;
  value: string | null;
  description: string | null;
  datatypeClassname: string | null;
  datatypeConfig: string | null;
  preferredHandlerClassname: string | null;
  handlerConfig: string | null;
}

export interface TaskDefinition extends Audit, Retirable {
  id: number;
  uuid: string;
  name: string;
  description: string | null;
  taskClass: string;
  startTime: number | null;
  lastExecutionTime: number | null;
  repeatInterval: number; // seconds
  startOnStartup: boolean;
  startTimePattern: string | null;
  started: boolean;
  properties: Record<string, string>;
}

/** org.openmrs.notification.Alert (core 2.x), table notification_alert */
export interface Alert extends Audit {
  id: number;
  uuid: string;
  text: string;
  satisfiedByAny: boolean;
  alertRead: boolean;
  dateToExpire: number | null;
  recipients: AlertRecipient[];
}

/** org.openmrs.notification.AlertRecipient, table notification_alert_recipient */
export interface AlertRecipient {
  uuid: string;
  /** the recipient user's uuid */
  recipient: string;
  alertRead: boolean;
  dateChanged: number | null;
}

export interface Db {
  version: number;
  seededAt: number;
  scale: 'default' | 'large';
  nextId: number;
  privileges: Privilege[];
  roles: Role[];
  locationTags: LocationTag[];
  locations: Location[];
  persons: Person[];
  users: User[];
  providers: Provider[];
  personAttributeTypes: PersonAttributeType[];
  identifierTypes: IdentifierType[];
  globalProperties: GlobalProperty[];
  taskDefinitions: TaskDefinition[];
  alerts: Alert[];
}

/**
 * Raised when the seed changes, so a saved data folder from before is seeded again (2: the useradmin account;
 * 3: alerts and the Manage Alerts privilege; 4: core's mail.* global properties).
 */
export const DB_VERSION = 4;
