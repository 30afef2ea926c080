import { serverError, type RestError } from './errors';
import type { Location, Person, PersonAttribute, User } from './model';
import { DAY, SEED_PASSWORD } from './seed';
import { hashPassword, type Store } from './store';

/**
 * openmrs-module-locationbasedaccess 0.2.0 (its last release; master 23bc0ae differs only in poms),
 * as read in source: the activator, LocationUtils and the five *ServiceInterceptorAdvice classes.
 * The advices let the service method run, then drop entries from its result (or turn a single
 * result into null). Here each REST handler calls the filter for the service method it stands for.
 */

export const LBAC_ATTRIBUTE_TYPE_UUID = '0a93cbc6-5d65-4886-8091-47a25d3df944';
export const LBAC_ATTRIBUTE_TYPE_NAME = 'LocationAttribute';
export const GP_LOCATION_ATTRIBUTE = 'locationbasedaccess.locationAttributeUuid';
export const GP_REFAPP_LOCATION_USER_PROPERTY = 'referenceapplication.locationUserPropertyName';
export const LOCATION_USER_PROPERTY = 'locationUuid';
export type LbacEntity = 'patient' | 'location' | 'person' | 'user' | 'encounter';
/** LBACOnOffController.getLocationEntites order */
export const LBAC_ENTITIES: LbacEntity[] = ['patient', 'location', 'person', 'user', 'encounter'];
export const switchGp = (entity: LbacEntity) => `locationbasedaccess.access.${entity}`;

const PKG = 'org.openmrs.module.locationbasedaccess';
const ADVICE: Record<LbacEntity, [string, number]> = {
  patient: ['PatientServiceInterceptorAdvice', 39],
  person: ['PersonServiceInterceptorAdvice', 40],
  user: ['UserServiceInterceptorAdvice', 36],
  location: ['LocationServiceInterceptorAdvice', 48],
  encounter: ['EncounterServiceInterceptorAdvice', 43],
};

/** Who is asking: the authenticated user and the UserContext's session location. */
export interface LbacCaller {
  store: Store;
  lbac: boolean;
  user: User | null;
  sessionLocationUuid: string | null;
}

export function callerOf(ctx: {
  store: Store;
  flags: { lbac: boolean };
  user: User | null;
  session: { locationUuid: string | null };
}): LbacCaller {
  return { store: ctx.store, lbac: ctx.flags.lbac, user: ctx.user, sessionLocationUuid: ctx.session.locationUuid };
}

/** A NullPointerException escaping a service call: BaseRestController answers 500 "[<helpful NPE message>]" (JDK 17). */
function npe(message: string, code: string): RestError {
  return serverError(message, code);
}

const isBlank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';

/** Java String.split(","): trailing empty strings are dropped, a lone "" stays [""]. */
export function javaSplit(value: string, sep: string): string[] {
  const parts = value.split(sep);
  if (parts.length > 1) {
    while (parts.length > 1 && parts[parts.length - 1] === '') {
      parts.pop();
    }
    if (parts.length === 1 && parts[0] === '' && value !== '') {
      return [];
    }
  }
  return parts;
}

/**
 * Whether the advice for `entity` filters for this caller: not for anonymous callers (the
 * patient/person/user advices never get there, @Authorized fails first; the location advice lets
 * anonymous calls through), not for super users (System Developer, inherited counts) and only when
 * the switch GP equals "true". A missing switch GP is `null.equals("true")`: an NPE, so a 500.
 */
export function lbacApplies(caller: LbacCaller, entity: LbacEntity): boolean {
  if (!caller.lbac || !caller.user || caller.store.isSuperUser(caller.user)) {
    return false;
  }
  const value = caller.store.gp(switchGp(entity));
  if (value === null) {
    const [cls, line] = ADVICE[entity];
    throw npe(
      'Cannot invoke "String.equals(Object)" because "lbacRestriction" is null',
      `${PKG}.aop.interceptor.${cls}:${line}`,
    );
  }
  return value === 'true';
}

/**
 * LocationUtils.getUserAccessibleLocationUuids(user): the user property locationUuid split on ","
 * (no trim); when blank, the uuid of the CALLER's session location (Context.getUserContext(), also
 * when `user` is someone else); when the property is absent and there is no session location,
 * `null.split(",")` throws an NPE.
 */
export function accessibleLocations(caller: LbacCaller, user: User): string[] {
  let value: string | null = user.userProperties[LOCATION_USER_PROPERTY] ?? null;
  if (isBlank(value) && caller.sessionLocationUuid) {
    value = caller.sessionLocationUuid;
  }
  if (value === null) {
    throw npe(
      'Cannot invoke "String.split(String)" because "accessibleLocationUuid" is null',
      `${PKG}.utils.LocationUtils:89`,
    );
  }
  return javaSplit(value, ',');
}

/** LocationUtils.doesUserBelongToGivenLocations */
function userBelongs(caller: LbacCaller, user: User, locations: string[]): boolean {
  return accessibleLocations(caller, user).some((l) => !isBlank(l) && locations.includes(l));
}

/** Person.getAttribute(type): the first active attribute of the type. */
export function activeAttribute(person: Person, typeUuid: string | null | undefined): PersonAttribute | undefined {
  if (!typeUuid) {
    return undefined;
  }
  return person.attributes.find((a) => !a.voided && a.attributeType === typeUuid);
}

/** The PersonAttributeType the GP names (getPersonAttributeTypeByUuid; null when it names none). */
function lbacAttributeTypeUuid(store: Store): string | null {
  const gp = store.gp(GP_LOCATION_ATTRIBUTE);
  if (isBlank(gp)) {
    return null;
  }
  return store.db.personAttributeTypes.find((t) => t.uuid === gp)?.uuid ?? null;
}

/** LocationUtils.doesPersonBelongToGivenLocations: the attribute VALUE must equal one of the uuids. */
function personBelongs(person: Person, typeUuid: string | null, locations: string[]): boolean {
  const a = activeAttribute(person, typeUuid);
  return !!a && locations.includes(a.value);
}

/** PatientServiceInterceptorAdvice on getPatients / getPatient / getPatientByUuid. */
export function filterPatients(caller: LbacCaller, patients: Person[]): Person[] {
  if (!lbacApplies(caller, 'patient')) {
    return patients;
  }
  const locations = accessibleLocations(caller, caller.user!);
  if (isBlank(caller.store.gp(GP_LOCATION_ATTRIBUTE))) {
    return patients;
  }
  const typeUuid = lbacAttributeTypeUuid(caller.store);
  return patients.filter((p) => personBelongs(p, typeUuid, locations));
}

/** UserServiceInterceptorAdvice on getUsers / getAllUsers / getUser(ByUuid|ByUsername|ByName) / getUsersByPerson. */
export function filterUsers(caller: LbacCaller, users: User[]): User[] {
  if (!lbacApplies(caller, 'user')) {
    return users;
  }
  const me = caller.user!;
  const locations = accessibleLocations(caller, me);
  return users.filter((u) => userBelongs(caller, u, locations) || u.uuid === me.uuid);
}

/**
 * PersonServiceInterceptorAdvice on getPeople / getPerson / getPersonByUuid / getSimilarPeople:
 * kept when the attribute matches, or one of the person's non-retired users (getUsersByPerson,
 * itself filtered by the user advice) shares a location, or it is the caller's own person.
 */
export function filterPersons(caller: LbacCaller, persons: Person[]): Person[] {
  if (!lbacApplies(caller, 'person')) {
    return persons;
  }
  const me = caller.user!;
  const locations = accessibleLocations(caller, me);
  if (isBlank(caller.store.gp(GP_LOCATION_ATTRIBUTE))) {
    return persons;
  }
  const typeUuid = lbacAttributeTypeUuid(caller.store);
  return persons.filter((p) => {
    if (personBelongs(p, typeUuid, locations)) {
      return true;
    }
    const users = filterUsers(caller, caller.store.db.users.filter((u) => u.person === p.uuid && !u.retired));
    if (users.some((u) => userBelongs(caller, u, locations))) {
      return true;
    }
    return p.uuid === me.person;
  });
}

/**
 * LocationServiceInterceptorAdvice on getLocationByUuid / getAllLocations / getLocations /
 * getLocationsByTag / getRootLocations / getDefaultLocation. NOT on getLocation(id|name) or
 * getLocationsHavingAllTags (REST /location?tag=), and FHIR's Location DAO queries Hibernate directly.
 */
export function filterLocations(caller: LbacCaller, locations: Location[]): Location[] {
  if (!caller.user || !lbacApplies(caller, 'location')) {
    return locations;
  }
  const mine = accessibleLocations(caller, caller.user);
  return locations.filter((l) => mine.includes(l.uuid));
}

export function patientByUuid(caller: LbacCaller, uuid: string): Person | undefined {
  const p = caller.store.personByUuid(uuid);
  return p?.patient ? filterPatients(caller, [p])[0] : undefined;
}

export function personByUuid(caller: LbacCaller, uuid: string): Person | undefined {
  const p = caller.store.personByUuid(uuid);
  return p ? filterPersons(caller, [p])[0] : undefined;
}

export function userByUuid(caller: LbacCaller, uuid: string): User | undefined {
  const u = caller.store.userByUuid(uuid);
  return u ? filterUsers(caller, [u])[0] : undefined;
}

export function locationByUuid(caller: LbacCaller, uuid: string): Location | undefined {
  const l = caller.store.locationByUuid(uuid);
  return l ? filterLocations(caller, [l])[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Activator (LocationBasedAccessActivator.started) and the demo data of LBAC mode
// ---------------------------------------------------------------------------------------------

/** Fixed accounts added in LBAC mode (password Password123). */
export const LBAC_USERS = {
  nurse: { uuid: '1bac0001-0000-4000-8000-000000000001', username: 'lbac.nurse' },
  clerk: { uuid: '1bac0002-0000-4000-8000-000000000002', username: 'lbac.clerk' },
  admin: { uuid: '1bac0003-0000-4000-8000-000000000003', username: 'lbac.sysadmin' },
  session: { uuid: '1bac0004-0000-4000-8000-000000000004', username: 'lbac.sessiononly' },
  stuck: { uuid: '1bac0005-0000-4000-8000-000000000005', username: 'lbac.nolocation' },
};

/**
 * Runs on every start in LBAC mode, idempotent like the activator: the LocationAttribute type if
 * missing, one "LocationAccess <name>" privilege per non-retired location, then each GP only when
 * blank. When it creates the type (first LBAC start on this data) it also adds the demo data:
 * the lbac.* users and a handful of patients that already carry an LBAC attribute.
 */
export function activateLbac(store: Store): void {
  const db = store.db;
  const now = Date.now();
  let created = false;
  if (!db.personAttributeTypes.some((t) => t.uuid === LBAC_ATTRIBUTE_TYPE_UUID)) {
    db.personAttributeTypes.push({
      id: store.nextId(),
      uuid: LBAC_ATTRIBUTE_TYPE_UUID,
      name: LBAC_ATTRIBUTE_TYPE_NAME,
      // the activator sets no description
      description: null,
      format: 'java.lang.String',
      foreignKey: null,
      sortWeight: null,
      searchable: false,
      editPrivilege: null,
      creator: null,
      dateCreated: now,
      changedBy: null,
      dateChanged: null,
      retired: false,
      retiredBy: null,
      dateRetired: null,
      retireReason: null,
    });
    created = true;
  }
  for (const location of db.locations.filter((l) => !l.retired)) {
    const name = `LocationAccess ${location.name}`;
    if (!db.privileges.some((p) => p.name === name)) {
      db.privileges.push({
        uuid: deterministicUuid(`privilege:${name}`),
        name,
        description: `Able to view Entity with Location ${location.name}`,
        creator: null,
        dateCreated: now,
        changedBy: null,
        dateChanged: null,
        retired: false,
        retiredBy: null,
        dateRetired: null,
        retireReason: null,
      });
    }
  }
  const ensureGp = (property: string, value: string) => {
    const existing = db.globalProperties.find((g) => g.property.toLowerCase() === property.toLowerCase());
    if (existing && !isBlank(existing.value)) {
      return; // "already exist in the system with different value": left alone
    }
    if (existing) {
      existing.value = value;
    } else {
      db.globalProperties.push({
        uuid: deterministicUuid(`gp:${property}`),
        property,
        value,
        description: null,
        datatypeClassname: null,
        datatypeConfig: null,
        preferredHandlerClassname: null,
        handlerConfig: null,
      });
    }
  };
  ensureGp(GP_LOCATION_ATTRIBUTE, LBAC_ATTRIBUTE_TYPE_UUID);
  ensureGp(GP_REFAPP_LOCATION_USER_PROPERTY, LOCATION_USER_PROPERTY);
  for (const entity of ['encounter', 'person', 'patient', 'location', 'user'] as LbacEntity[]) {
    ensureGp(switchGp(entity), 'true');
  }
  if (created) {
    seedLbacDemo(store, now);
  }
  store.changed();
}

function deterministicUuid(key: string): string {
  // a stable v4-shaped uuid from a key, so reseeds give the same uuids
  let h1 = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 32; round++) {
    for (const ch of `${round}:${key}`) {
      h1 = Math.imul(h1 ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    }
    out += h1.toString(16).padStart(8, '0');
  }
  const hex = out.slice(0, 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[parseInt(hex[16], 16) % 4];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function seedLbacDemo(store: Store, now: number): void {
  const db = store.db;
  const byName = (name: string) => db.locations.find((l) => l.name === name)!;
  const outpatient = byName('Outpatient Clinic');
  const inpatient = byName('Inpatient Ward');
  const pharmacy = byName('Pharmacy');
  const laboratory = byName('Laboratory');
  const addUser = (
    key: keyof typeof LBAC_USERS,
    given: string,
    family: string,
    roles: string[],
    props: Record<string, string>,
  ) => {
    const { uuid, username } = LBAC_USERS[key];
    if (db.users.some((u) => u.uuid === uuid || u.username === username)) {
      return;
    }
    const personUuid = deterministicUuid(`person:${username}`);
    db.persons.push({
      id: store.nextId(),
      uuid: personUuid,
      gender: 'F',
      birthdate: null,
      birthdateEstimated: false,
      dead: false,
      deathDate: null,
      names: [
        { uuid: deterministicUuid(`name:${username}`), givenName: given, middleName: null, familyName: family, familyName2: null, preferred: true },
      ],
      attributes: [],
      patient: null,
      creator: null,
      dateCreated: now - 100 * DAY,
      changedBy: null,
      dateChanged: null,
      voided: false,
      voidedBy: null,
      dateVoided: null,
      voidReason: null,
    });
    const id = store.nextId();
    const salt = `lbac${id}`;
    db.users.push({
      id,
      uuid,
      username,
      systemId: `${id}-0`,
      email: null,
      person: personUuid,
      passwordHash: hashPassword(SEED_PASSWORD, salt),
      salt,
      userProperties: { ...props, lastLoginTimestamp: String(now - 2 * DAY), loginAttempts: '0' },
      roles,
      proficientLocales: [],
      creator: null,
      dateCreated: now - 100 * DAY,
      changedBy: null,
      dateChanged: null,
      retired: false,
      retiredBy: null,
      dateRetired: null,
      retireReason: null,
    });
  };
  addUser('nurse', 'Lena', 'Outpatient', ['Organizational: Nurse'], {
    locationUuid: outpatient.uuid,
    defaultLocation: outpatient.uuid,
  });
  addUser('clerk', 'Ward', 'Clerk', ['Organizational: Registration Clerk'], {
    locationUuid: `${inpatient.uuid},${pharmacy.uuid}`,
    defaultLocation: inpatient.uuid,
  });
  addUser('admin', 'Site', 'Administrator', ['Organizational: System Administrator'], {
    locationUuid: `${outpatient.uuid},${inpatient.uuid}`,
    defaultLocation: outpatient.uuid,
  });
  // no locationUuid: LBAC falls back to the session location, here set at login from a numeric defaultLocation
  addUser('session', 'Session', 'Only', ['Organizational: Nurse'], { defaultLocation: String(laboratory.id) });
  // no locationUuid and a uuid defaultLocation: the location lookup at login NPEs (swallowed), so the
  // session has no location and every filtered lookup is a 500 until one is... which also fails
  addUser('stuck', 'No', 'Location', ['Organizational: Nurse'], { defaultLocation: outpatient.uuid });

  // the long-standing accounts stay usable: without a locationUuid, their uuid defaultLocation would
  // leave them without a session location (see lbac.nolocation)
  const give = (username: string, locations: string) => {
    const u = db.users.find((x) => x.username === username);
    if (u && !u.userProperties[LOCATION_USER_PROPERTY]) {
      u.userProperties[LOCATION_USER_PROPERTY] = locations;
    }
  };
  give('clerk', byName('Registration Desk').uuid);
  give('sysadmin', `${outpatient.uuid},${inpatient.uuid}`);

  // a handful of patients already carry the attribute: five with a location uuid (as
  // /lbac/patient-migration writes it) and two with a location id (as a RESTWS-955 write via
  // /person/{uuid}/attribute leaves it, which LBAC does not recognise)
  const patients = db.persons.filter((p) => p.patient && !p.voided && !p.dead);
  const attr = (person: Person, value: string) =>
    person.attributes.push({
      uuid: deterministicUuid(`lbac-attr:${person.uuid}`),
      attributeType: LBAC_ATTRIBUTE_TYPE_UUID,
      value,
      creator: null,
      dateCreated: now - 30 * DAY,
      changedBy: null,
      dateChanged: null,
      voided: false,
      voidedBy: null,
      dateVoided: null,
      voidReason: null,
    });
  const picks = [100, 101, 102, 103, 104, 105, 106].map((i) => patients[i]).filter((p) => !!p);
  const values = [outpatient.uuid, outpatient.uuid, outpatient.uuid, inpatient.uuid, inpatient.uuid, String(outpatient.id), String(inpatient.id)];
  picks.forEach((p, i) => attr(p, values[i]));
}

/** The patients seeded with an LBAC attribute in LBAC mode (for tests and the README). */
export function lbacSeededPatients(store: Store): Person[] {
  return store.db.persons.filter((p) => p.patient && p.attributes.some((a) => a.attributeType === LBAC_ATTRIBUTE_TYPE_UUID));
}
