import { requirePrivilege, type Ctx, type Reply } from '../context';
import { forbidden, unknownResource, unreadable, wrappedError } from '../errors';
import {
  accessibleLocations, activeAttribute, callerOf, filterLocations, filterUsers, GP_LOCATION_ATTRIBUTE, LBAC_ENTITIES,
  locationByUuid, patientByUuid, switchGp,
} from '../lbac';
import type { GlobalProperty, Location, Person, PersonAttribute } from '../model';
import { newUuid } from '../store';

/**
 * The REST controllers of openmrs-module-locationbasedaccess 0.2.0 (omod/.../web/controller), all
 * extending BaseRestController, none with @Authorized: privileges come from the service calls they
 * make, in that order. Without the module (no --lbac) /lbac/* is an unknown resource like any other.
 */

const CONTROLLER = 'org.openmrs.module.locationbasedaccess.web.controller';

const isBlank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';

/** The Java class Jackson gives a JSON value when binding to Object. */
function javaClassOf(v: unknown): string {
  if (typeof v === 'string') {
    return 'java.lang.String';
  }
  if (typeof v === 'boolean') {
    return 'java.lang.Boolean';
  }
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) {
      return 'java.lang.Double';
    }
    return v >= -2147483648 && v <= 2147483647 ? 'java.lang.Integer' : 'java.lang.Long';
  }
  return Array.isArray(v) ? 'java.util.ArrayList' : 'java.util.LinkedHashMap';
}

/** The JDK 17 ClassCastException message. */
function castMessage(from: string, to: string): string {
  return `class ${from} cannot be cast to class ${to} (${from} and ${to} are in module java.base of loader 'bootstrap')`;
}

/** PatientsMigrationController's handlers: any NPE is "Patient not found", any ClassCastException "Patient List has to be List", both 404. */
function patientNotFound(npeMessage: string, line: number) {
  return wrappedError(404, 'Patient not found', [npeMessage], `${CONTROLLER}.PatientsMigrationController:${line}`);
}
function notAList(from: string, to: string, line: number) {
  return wrappedError(404, 'Patient List has to be List', [castMessage(from, to)], `${CONTROLLER}.PatientsMigrationController:${line}`);
}

/** AdministrationService.setGlobalProperty(name, value): update or create, needs Manage Global Properties. */
function setGlobalProperty(ctx: Ctx, property: string, value: string) {
  requirePrivilege(ctx, 'Manage Global Properties');
  const db = ctx.store.db;
  const existing = db.globalProperties.find((g) => g.property.toLowerCase() === property.toLowerCase());
  if (existing) {
    existing.value = value;
  } else {
    const gp: GlobalProperty = {
      uuid: newUuid(),
      property,
      value,
      description: null,
      datatypeClassname: null,
      datatypeConfig: null,
      preferredHandlerClassname: null,
      handlerConfig: null,
    };
    db.globalProperties.push(gp);
  }
  ctx.store.changed();
}

/** POST /lbac/on-off {"locationbasedaccess.access.<entity>": "true|false", ...}: 200, empty body. */
async function onOff(ctx: Ctx): Promise<Reply> {
  const body = await ctx.readBody();
  // @RequestBody Map<String, String>: scalars become strings, an object or array value does not bind
  const values: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value !== null && typeof value === 'object') {
      throw unreadable(
        `Can not deserialize instance of java.lang.String out of ${Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT'} token`,
      );
    }
    values[key] = value === null ? null : String(value);
  }
  for (const entity of LBAC_ENTITIES) {
    const value = values[switchGp(entity)];
    if (!isBlank(value)) {
      setGlobalProperty(ctx, switchGp(entity), value!);
    }
  }
  return { status: 200 };
}

/**
 * POST /lbac/patient-migration {patientList:[uuid], locationUuid}. One `new PersonAttribute(type,
 * locationUuid)` is shared by every patient of the request: addAttribute sets its person, voids an
 * active attribute of the type with another value, and savePatient flushes it. The row therefore
 * ends up with the LAST patient that touched it: earlier patients of the same request keep their
 * voided old value and no new one [code inference from Hibernate's inverse person_attribute.person_id;
 * UNVERIFIED on a running server]. One patient per request is exact.
 */
async function patientMigration(ctx: Ctx): Promise<Reply> {
  const body = await ctx.readBody();
  const list = body.patientList;
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    throw notAList(javaClassOf(list), 'java.util.List', 50);
  }
  const locationUuid = body.locationUuid;
  if (locationUuid !== undefined && locationUuid !== null && typeof locationUuid !== 'string') {
    throw notAList(javaClassOf(locationUuid), 'java.lang.String', 51);
  }
  const caller = callerOf(ctx);
  // getLocationByUuid (Get Locations), filtered by LBAC for the caller
  requirePrivilege(ctx, 'Get Locations');
  const location = typeof locationUuid === 'string' ? locationByUuid(caller, locationUuid) : undefined;
  if (!location) {
    return { status: 200, body: { status: { message: `Location Uuid ${locationUuid ?? 'null'} is Not valid` } } };
  }
  const typeUuid = ctx.store.gp(GP_LOCATION_ATTRIBUTE);
  if (isBlank(typeUuid)) {
    return { status: 200, body: { status: { message: `Global Property ${GP_LOCATION_ATTRIBUTE}not Found` } } };
  }
  requirePrivilege(ctx, 'Get Person Attribute Types');
  const type = ctx.store.db.personAttributeTypes.find((t) => t.uuid === typeUuid);
  if (!list) {
    throw patientNotFound('Cannot invoke "java.util.List.iterator()" because "patientList" is null', 63);
  }
  const value = location.uuid;
  const user = ctx.user!;
  const shared: PersonAttribute = {
    uuid: newUuid(),
    attributeType: type?.uuid ?? '',
    value,
    creator: user.uuid,
    dateCreated: Date.now(),
    changedBy: null,
    dateChanged: null,
    voided: false,
    voidedBy: null,
    dateVoided: null,
    voidReason: null,
  };
  let owner: Person | null = null; // the patient whose saved row holds the shared attribute
  for (const item of list) {
    if (item !== null && typeof item !== 'string') {
      throw notAList(javaClassOf(item), 'java.lang.String', 64);
    }
    // getPatientByUuid (Get Patients), filtered by LBAC: someone else's patient is null, so an NPE
    requirePrivilege(ctx, 'Get Patients');
    const patient = item === null ? undefined : patientByUuid(caller, item);
    if (!patient) {
      throw patientNotFound(
        'Cannot invoke "org.openmrs.Patient.addAttribute(org.openmrs.PersonAttribute)" because "patient" is null',
        66,
      );
    }
    // savePatient: @Authorized({Add Patients, Edit Patients}), either one
    if (!ctx.store.hasPrivilege(user, 'Add Patients') && !ctx.store.hasPrivilege(user, 'Edit Patients')) {
      throw forbidden(['Add Patients', 'Edit Patients']);
    }
    if (!type) {
      // a GP naming no type: the attribute has a null type and the insert fails (UNVERIFIED)
      throw wrappedError(500, null, ['not-null property references a null or transient value : org.openmrs.PersonAttribute.attributeType'], 'org.hibernate.engine.internal.Nullability:0');
    }
    const now = Date.now();
    let early = false;
    for (const current of patient.attributes.filter((a) => !a.voided)) {
      if (current === shared) {
        early = true;
        break;
      }
      if (current.attributeType === shared.attributeType) {
        if (current.value === shared.value) {
          early = true; // "this person already has this attribute"
          break;
        }
        current.voided = true;
        current.voidReason = `New value: ${shared.value}`;
        current.voidedBy = user.uuid;
        current.dateVoided = now;
      }
    }
    if (!early && !owner) {
      patient.attributes.push(shared);
      owner = patient;
    } else if (owner && owner !== patient) {
      // setPerson(patient) on an already saved attribute: the flush moves its row
      owner.attributes = owner.attributes.filter((a) => a !== shared);
      patient.attributes.push(shared);
      owner = patient;
    }
    patient.changedBy = user.uuid;
    patient.dateChanged = now;
    ctx.store.changed();
  }
  return { status: 200, body: { status: { message: 'OK' } } };
}

/**
 * LocationWiseEntityCountController.getLocationUuidNameMap: getAllLocations() (retired included,
 * LBAC-filtered for the caller), every name starting at 0.
 */
function locationNames(ctx: Ctx): { byUuid: Map<string, string>; counts: Record<string, number> } {
  requirePrivilege(ctx, 'Get Locations');
  const all = [...ctx.store.db.locations].sort((a: Location, b: Location) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byUuid = new Map<string, string>();
  const counts: Record<string, number> = {};
  for (const l of filterLocations(callerOf(ctx), all)) {
    byUuid.set(l.uuid, l.name);
    counts[l.name] = 0;
  }
  return { byUuid, counts };
}

/** getAllPatients() (not an LBAC-advised method): non-voided patients, counted by attribute VALUE = a location uuid. */
function patientsCount(ctx: Ctx): Reply {
  requirePrivilege(ctx, 'Get Patients');
  const { byUuid, counts } = locationNames(ctx);
  const typeUuid = ctx.store.gp(GP_LOCATION_ATTRIBUTE);
  let type: string | null = null;
  if (typeUuid !== null) {
    requirePrivilege(ctx, 'Get Person Attribute Types');
    type = ctx.store.db.personAttributeTypes.find((t) => t.uuid === typeUuid)?.uuid ?? null;
  }
  for (const p of ctx.store.db.persons) {
    if (!p.patient || p.voided) {
      continue;
    }
    const a = activeAttribute(p, type);
    const name = a ? byUuid.get(a.value) : undefined;
    if (name !== undefined) {
      counts[name]++;
    }
  }
  return { status: 200, body: { results: counts } };
}

/**
 * getAllUsers() (LBAC-filtered), then each user's getUserAccessibleLocationUuids: their locationUuid,
 * or when blank the CALLER's session location; counted once per listed location. A user without
 * the property while the caller has no session location is an NPE (500).
 */
function usersCount(ctx: Ctx): Reply {
  const { byUuid, counts } = locationNames(ctx);
  requirePrivilege(ctx, 'Get Users');
  const caller = callerOf(ctx);
  const users = filterUsers(caller, [...ctx.store.db.users].sort((a, b) => a.id - b.id));
  for (const u of users) {
    for (const l of accessibleLocations(caller, u)) {
      const name = isBlank(l) ? undefined : byUuid.get(l);
      if (name !== undefined) {
        counts[name]++;
      }
    }
  }
  return { status: 200, body: { results: counts } };
}

/** The stand-in has no encounters: every (visible) location at 0. */
function encountersCount(ctx: Ctx): Reply {
  requirePrivilege(ctx, 'Get Patients');
  const { counts } = locationNames(ctx);
  requirePrivilege(ctx, 'Get Encounters');
  return { status: 200, body: { results: counts } };
}

/**
 * ModuleDependencyController: for each module in the LBAC config.xml's require_modules, keyed by the
 * installed module's NAME, {"requiredVerison" (sic), "status"}. Values from the 0.2.0 release pom
 * (uiframework 3.9, appui 1.9.0-SNAPSHOT) and the modules' pom names. No service call, so anonymous
 * callers get it too.
 */
function moduleDependency(): Reply {
  return {
    status: 200,
    body: {
      'OpenMRS UI Framework': { requiredVerison: '3.9', status: 'Installed' },
      'App UI Module': { requiredVerison: '1.9.0-SNAPSHOT', status: 'Installed' },
    },
  };
}

export async function lbacHandler(ctx: Ctx, segments: string[]): Promise<Reply> {
  if (!ctx.flags.lbac) {
    throw unknownResource('lbac');
  }
  const path = segments.join('/');
  if (ctx.method === 'POST') {
    if (path === 'on-off') {
      return onOff(ctx);
    }
    if (path === 'patient-migration') {
      return patientMigration(ctx);
    }
  }
  if (ctx.method === 'GET') {
    switch (path) {
      case 'locationwise-patients-count':
        return patientsCount(ctx);
      case 'locationwise-users-count':
        return usersCount(ctx);
      case 'locationwise-encounters-count':
        return encountersCount(ctx);
      case 'module-dependency':
        return moduleDependency();
    }
  }
  // anything else falls through to MainResourceController: resource "lbac" is unknown
  throw unknownResource('lbac');
}
