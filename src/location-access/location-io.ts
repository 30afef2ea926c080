/**
 * REST logic of the location-access section, free of React and of the framework: every function takes
 * a RestClient (paths relative to /ws/rest/v1), so resources, tests and a CLI can share it.
 *
 * Two ways a patient's location is stored (REST_CONTRACT.md §7, §9):
 * - LBAC installed: the String attribute type named by GP locationbasedaccess.locationAttributeUuid holds
 *   the location uuid. Writes go through POST /lbac/patient-migration, because REST 2.45+ (RESTWS-955)
 *   stores a uuid written through /person/{uuid}/attribute as the location's integer id, which LBAC never
 *   matches. The app never repoints that GP and never writes a uuid through /person/.../attribute into it.
 * - No LBAC: the app's own org.openmrs.Location attribute type, written through /person/{uuid}/attribute;
 *   GET answers the value as a Location reference.
 */
import { runBulk, type BulkItemResult, type BulkOptions, type BulkOutcome } from '../common/bulk-runner';
import { DEFAULT_LOCATION_PROPERTY, LOCATION_UUID_PROPERTY } from '../common/openmrs-facts';
import { privileges } from '../common/privileges';
import {
  fetchAllPages,
  getGlobalProperty,
  isNotFound,
  mergeUserProperties,
  setGlobalProperty,
  statusOf,
  type FetchAllOptions,
  type Page,
  type RestClient,
} from '../common/rest-client';
import {
  APP_ATTRIBUTE_TYPE_DESCRIPTION,
  APP_ATTRIBUTE_TYPE_NAME,
  LBAC_ATTRIBUTE_TYPE_GP,
  LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID,
  LBAC_MODULE_ID,
  LBAC_SWITCHES,
  LOCATION_FORMAT,
  LOGIN_LOCATION_TAG,
} from './constants';

const enc = encodeURIComponent;

// ---------------------------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------------------------

export interface LocationInfo {
  uuid: string;
  name: string;
  display: string;
  retired: boolean;
  isLoginLocation: boolean;
}

interface RestLocation {
  uuid: string;
  display?: string;
  name?: string;
  retired?: boolean;
  tags?: Array<{ display?: string; name?: string }>;
}

export const LOCATION_REP = 'custom:(uuid,display,name,tags:(display),retired)';

export function toLocationInfo(location: RestLocation): LocationInfo {
  return {
    uuid: location.uuid,
    name: location.name ?? location.display ?? location.uuid,
    display: location.display ?? location.name ?? location.uuid,
    retired: Boolean(location.retired),
    isLoginLocation: (location.tags ?? []).some((tag) => (tag.display ?? tag.name) === LOGIN_LOCATION_TAG),
  };
}

/** Every location, retired ones too (patients may still point at them), sorted by name; 100 per request. */
export async function fetchLocations(client: RestClient): Promise<LocationInfo[]> {
  const all = await fetchAllPages<RestLocation>(client, `/location?v=${LOCATION_REP}&includeAll=true`);
  return all.map(toLocationInfo).sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// Storage mode: LBAC or the app's own attribute type
// ---------------------------------------------------------------------------------------------

export interface LbacDetection {
  installed: boolean;
  /** how it was found out; 'unknown' when neither request could answer (then treated as not installed) */
  via: 'module' | 'lbac-endpoint' | 'unknown';
}

/**
 * Whether LBAC runs on the server: GET /module/locationbasedaccess (needs Manage Modules), else
 * GET /lbac/module-dependency (exists only with the module). A 404 means absent.
 */
export async function detectLbac(client: RestClient): Promise<LbacDetection> {
  try {
    const module = await client.get<{ started?: boolean }>(`/module/${LBAC_MODULE_ID}`);
    return { installed: module?.started !== false, via: 'module' };
  } catch (error) {
    if (isNotFound(error)) {
      return { installed: false, via: 'module' };
    }
  }
  try {
    await client.get('/lbac/module-dependency');
    return { installed: true, via: 'lbac-endpoint' };
  } catch (error) {
    if (isNotFound(error) || statusOf(error) === 400) {
      return { installed: false, via: 'lbac-endpoint' };
    }
    if (statusOf(error) === 401) {
      throw error;
    }
    return { installed: false, via: 'unknown' };
  }
}

export interface AttributeTypeInfo {
  uuid: string;
  name: string;
  format: string | null;
  retired: boolean;
}

export type StorageMode =
  | {
      kind: 'lbac';
      /** the type named by the GP; null when the GP is blank (then LBAC's writes fail) */
      attributeTypeUuid: string | null;
      attributeType: AttributeTypeInfo | null;
      detection: LbacDetection;
    }
  | {
      kind: 'attribute';
      /** the type in use: the configured uuid, else the type found by the app's name; null when missing */
      attributeTypeUuid: string | null;
      attributeType: AttributeTypeInfo | null;
      configuredUuid: string;
      detection: LbacDetection;
    };

async function getAttributeType(client: RestClient, uuid: string): Promise<AttributeTypeInfo | null> {
  try {
    const type = await client.get<AttributeTypeInfo>(
      `/personattributetype/${enc(uuid)}?v=custom:(uuid,name,format,retired)`,
    );
    return type?.uuid ? { ...type, retired: Boolean(type.retired) } : null;
  } catch (error) {
    if (isNotFound(error)) {
      return null;
    }
    throw error;
  }
}

async function findAttributeTypeByName(client: RestClient, name: string): Promise<AttributeTypeInfo | null> {
  const page = await client.get<Page<AttributeTypeInfo>>(
    `/personattributetype?q=${enc(name)}&v=custom:(uuid,name,format,retired)`,
  );
  const found = (page.results ?? []).find((t) => t.name === name && !t.retired) ?? null;
  return found ? { ...found, retired: Boolean(found.retired) } : null;
}

export async function resolveStorageMode(client: RestClient, configuredUuid: string): Promise<StorageMode> {
  const detection = await detectLbac(client);
  if (detection.installed) {
    const gp = (await getGlobalProperty(client, LBAC_ATTRIBUTE_TYPE_GP))?.trim() || null;
    return {
      kind: 'lbac',
      attributeTypeUuid: gp,
      attributeType: gp ? await getAttributeType(client, gp) : null,
      detection,
    };
  }
  const configured = await getAttributeType(client, configuredUuid);
  const type = configured ?? (await findAttributeTypeByName(client, APP_ATTRIBUTE_TYPE_NAME));
  return { kind: 'attribute', attributeTypeUuid: type?.uuid ?? null, attributeType: type, configuredUuid, detection };
}

/** Whether patient locations can be read and written in this mode; the reason when not. */
export function storageProblem(mode: StorageMode): null | 'lbacGpBlank' | 'lbacTypeMissing' | 'typeMissing' | 'typeWrongFormat' | 'typeRetired' {
  if (mode.kind === 'lbac') {
    if (!mode.attributeTypeUuid) {
      return 'lbacGpBlank';
    }
    return mode.attributeType ? null : 'lbacTypeMissing';
  }
  if (!mode.attributeType) {
    return 'typeMissing';
  }
  if (mode.attributeType.retired) {
    return 'typeRetired';
  }
  return mode.attributeType.format === LOCATION_FORMAT ? null : 'typeWrongFormat';
}

/**
 * Creates the app's own attribute type. It asks for the configured uuid first; a server that does not
 * accept `uuid` on create (400) gets the request again without it, and the type is then found by name.
 */
export async function createAppAttributeType(client: RestClient, configuredUuid: string): Promise<AttributeTypeInfo> {
  const body = {
    name: APP_ATTRIBUTE_TYPE_NAME,
    description: APP_ATTRIBUTE_TYPE_DESCRIPTION,
    format: LOCATION_FORMAT,
    searchable: false,
  };
  try {
    return await client.post<AttributeTypeInfo>('/personattributetype', { ...body, uuid: configuredUuid });
  } catch (error) {
    if (statusOf(error) !== 400) {
      throw error;
    }
    return client.post<AttributeTypeInfo>('/personattributetype', body);
  }
}

/**
 * With LBAC, only when its GP is blank: points it at the module's own seeded type (what the module's
 * activator does on start). An existing value is never changed.
 */
export async function restoreLbacAttributeGp(client: RestClient): Promise<void> {
  const raw = await getGlobalProperty(client, LBAC_ATTRIBUTE_TYPE_GP);
  const current = raw?.trim();
  if (current) {
    throw new Error(`${LBAC_ATTRIBUTE_TYPE_GP} is already set to ${current}; the app never changes it.`);
  }
  if (raw === null) {
    // no such row: create it (POST /systemsetting upserts by name)
    await setGlobalProperty(
      client,
      LBAC_ATTRIBUTE_TYPE_GP,
      LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID,
      'Uuid of the person attribute type holding a patient\'s location for the locationbasedaccess module',
    );
    return;
  }
  await client.post(`/systemsetting/${enc(LBAC_ATTRIBUTE_TYPE_GP)}`, { value: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID });
}

// ---------------------------------------------------------------------------------------------
// Setup check: privileges and LBAC switches
// ---------------------------------------------------------------------------------------------

export const APP_PRIVILEGES: Array<{ name: string; description: string }> = [
  { name: privileges.manageLocationAccess, description: 'Able to assign locations to users and see location access reports (User Access app)' },
  { name: privileges.assignPatientLocations, description: 'Able to see and change the location of one patient (User Access app)' },
  { name: privileges.bulkChangePatientLocations, description: 'Able to assign and move patient locations in bulk (User Access app)' },
  { name: privileges.manageAccountDeactivation, description: 'Able to manage account deactivation for inactivity (User Access app)' },
];

/** Names of the app's privileges that do not exist on the server. */
export async function missingPrivileges(client: RestClient): Promise<string[]> {
  const all = await fetchAllPages<{ uuid: string; name?: string; display?: string }>(client, '/privilege?v=custom:(uuid,name,display)');
  const names = new Set(all.map((p) => (p.name ?? p.display ?? '').toLowerCase()));
  return APP_PRIVILEGES.filter((p) => !names.has(p.name.toLowerCase())).map((p) => p.name);
}

export async function createPrivilege(client: RestClient, name: string): Promise<void> {
  const known = APP_PRIVILEGES.find((p) => p.name === name);
  await client.post('/privilege', { name, description: known?.description ?? name });
}

export interface LbacSwitch {
  property: string;
  value: string | null;
  /** LBAC filters only when the value is exactly "true" */
  on: boolean;
}

export async function fetchLbacSwitches(client: RestClient): Promise<LbacSwitch[]> {
  return Promise.all(
    LBAC_SWITCHES.map(async (property) => {
      const value = await getGlobalProperty(client, property);
      return { property, value, on: value === 'true' };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// User locations
// ---------------------------------------------------------------------------------------------

export interface UserLocations {
  locations: string[];
  defaultLocation: string | null;
}

/** LBAC's format: comma-separated uuids. Blank entries are dropped, duplicates kept once. */
export function parseLocationList(value: unknown): string[] {
  if (typeof value !== 'string') {
    return [];
  }
  return [...new Set(value.split(',').map((s) => s.trim()).filter(Boolean))];
}

export function userLocationsOf(userProperties: Record<string, unknown> | null | undefined): UserLocations {
  const def = userProperties?.[DEFAULT_LOCATION_PROPERTY];
  return {
    locations: parseLocationList(userProperties?.[LOCATION_UUID_PROPERTY]),
    defaultLocation: typeof def === 'string' && def.trim() ? def.trim() : null,
  };
}

/**
 * The user-property patch for a set of locations. The default is always one of them: the one asked
 * for if it is in the list, else the current default if still in the list, else the first. No
 * locations removes both properties.
 */
export function userLocationsPatch(
  locations: string[],
  requestedDefault: string | null,
  currentDefault: string | null = null,
): Record<string, string | null> {
  const list = [...new Set(locations.map((l) => l.trim()).filter(Boolean))];
  if (!list.length) {
    return { [LOCATION_UUID_PROPERTY]: null, [DEFAULT_LOCATION_PROPERTY]: null };
  }
  const defaultLocation =
    requestedDefault && list.includes(requestedDefault)
      ? requestedDefault
      : currentDefault && list.includes(currentDefault)
        ? currentDefault
        : list[0];
  return { [LOCATION_UUID_PROPERTY]: list.join(','), [DEFAULT_LOCATION_PROPERTY]: defaultLocation };
}

/**
 * Reads the user fresh, applies `change` to their locations, merges into ALL their properties and
 * writes the whole map (POST replaces it). Returns the locations written.
 */
export async function changeUserLocations(
  client: RestClient,
  userUuid: string,
  change: (current: UserLocations) => { locations: string[]; defaultLocation?: string | null },
): Promise<UserLocations> {
  const fresh = await client.get<{ userProperties?: Record<string, unknown> | null }>(
    `/user/${enc(userUuid)}?v=custom:(uuid,userProperties)`,
  );
  const current = userLocationsOf(fresh?.userProperties);
  const next = change(current);
  const patch = userLocationsPatch(next.locations, next.defaultLocation ?? null, current.defaultLocation);
  const merged = mergeUserProperties(fresh?.userProperties, patch);
  await client.post(`/user/${enc(userUuid)}`, { userProperties: merged });
  return userLocationsOf(merged);
}

export function setUserLocations(client: RestClient, userUuid: string, locations: string[], defaultLocation: string | null) {
  return changeUserLocations(client, userUuid, () => ({ locations, defaultLocation }));
}

export function addUserLocation(client: RestClient, userUuid: string, locationUuid: string) {
  return changeUserLocations(client, userUuid, (c) => ({ locations: [...c.locations, locationUuid] }));
}

export function removeUserLocation(client: RestClient, userUuid: string, locationUuid: string) {
  return changeUserLocations(client, userUuid, (c) => ({ locations: c.locations.filter((l) => l !== locationUuid) }));
}

export interface LocationUser {
  uuid: string;
  username: string;
  name: string;
  retired: boolean;
  locations: string[];
  defaultLocation: string | null;
  /** role names, inherited ones included: whether the signed-in administrator may change the user depends on them */
  roles: string[];
}

export const LOCATION_USER_REP = 'custom:(uuid,display,username,systemId,retired,person:(display),userProperties,allRoles:(name))';

interface RestLocationUser {
  uuid: string;
  display?: string;
  username?: string | null;
  systemId?: string;
  retired?: boolean;
  person?: { display?: string } | null;
  userProperties?: Record<string, unknown> | null;
  allRoles?: Array<{ name?: string; display?: string }> | null;
}

export function toLocationUser(user: RestLocationUser): LocationUser {
  return {
    uuid: user.uuid,
    username: user.username || user.systemId || user.display || '',
    name: user.person?.display ?? user.display ?? '',
    retired: Boolean(user.retired),
    ...userLocationsOf(user.userProperties),
    roles: (user.allRoles ?? []).map((role) => role.name ?? role.display ?? '').filter(Boolean),
  };
}

/** Every user (retired ones flagged), 100 per request. */
export async function fetchLocationUsers(client: RestClient, options: FetchAllOptions = {}): Promise<LocationUser[]> {
  return (await fetchAllPages<RestLocationUser>(client, `/user?v=${LOCATION_USER_REP}`, options)).map(toLocationUser);
}

// ---------------------------------------------------------------------------------------------
// Patient locations: reading
// ---------------------------------------------------------------------------------------------

export type PatientLocationValue =
  | { kind: 'location'; uuid: string }
  | { kind: 'none' }
  /** a value the app cannot map to a known location, e.g. an integer id written through REST 2.45+ */
  | { kind: 'unknown'; raw: string };

export interface RestAttribute {
  uuid: string;
  value: unknown;
  voided?: boolean;
  attributeType?: { uuid: string } | null;
}

/** The attribute of the mode's type among a person's attributes (the active one). */
export function locationAttributeOf(attributes: RestAttribute[] | null | undefined, attributeTypeUuid: string | null) {
  if (!attributeTypeUuid) {
    return null;
  }
  return (attributes ?? []).find((a) => !a.voided && a.attributeType?.uuid === attributeTypeUuid) ?? null;
}

/**
 * What a location attribute says. LBAC: a uuid string. App type: a Location reference (a value the
 * server could not hydrate comes back null or as a string). Anything not a known location is 'unknown'.
 */
export function readLocationValue(attribute: RestAttribute | null, knownLocations: Set<string>): PatientLocationValue {
  if (!attribute) {
    return { kind: 'none' };
  }
  const value = attribute.value;
  if (value && typeof value === 'object') {
    const ref = value as { uuid?: string; display?: string };
    if (ref.uuid && knownLocations.has(ref.uuid)) {
      return { kind: 'location', uuid: ref.uuid };
    }
    return { kind: 'unknown', raw: ref.display ?? ref.uuid ?? JSON.stringify(value) };
  }
  const text = value === null || value === undefined ? '' : String(value).trim();
  if (text && knownLocations.has(text)) {
    return { kind: 'location', uuid: text };
  }
  return { kind: 'unknown', raw: text };
}

export interface PatientRow {
  uuid: string;
  name: string;
  identifiers: string[];
  identifierLocations: string[];
  gender: string | null;
  age: number | null;
  dead: boolean;
  location: PatientLocationValue;
}

export const PATIENT_LOCATION_REP =
  'custom:(uuid,display,identifiers:(identifier,location:(uuid)),' +
  'person:(uuid,display,gender,age,dead,attributes:(uuid,value,voided,attributeType:(uuid))))';

export interface RestPatient {
  uuid: string;
  display?: string;
  identifiers?: Array<{ identifier?: string; location?: { uuid?: string } | null }>;
  person?: {
    display?: string;
    gender?: string | null;
    age?: number | null;
    dead?: boolean;
    attributes?: RestAttribute[];
  };
}

export function toPatientRow(patient: RestPatient, attributeTypeUuid: string | null, knownLocations: Set<string>): PatientRow {
  const identifiers = patient.identifiers ?? [];
  return {
    uuid: patient.uuid,
    name: patient.person?.display ?? patient.display ?? patient.uuid,
    identifiers: identifiers.map((i) => i.identifier ?? '').filter(Boolean),
    identifierLocations: [...new Set(identifiers.map((i) => i.location?.uuid ?? '').filter(Boolean))],
    gender: patient.person?.gender ?? null,
    age: typeof patient.person?.age === 'number' ? patient.person.age : null,
    dead: Boolean(patient.person?.dead),
    location: readLocationValue(locationAttributeOf(patient.person?.attributes, attributeTypeUuid), knownLocations),
  };
}

export interface PatientFilters {
  /** name or identifier, as REST patient search takes it; empty: every patient (costly, see scanPatients) */
  query?: string;
  /** patients with an identifier recorded at this location */
  identifierLocation?: string | null;
  gender?: 'M' | 'F' | 'O' | 'U' | null;
  minAge?: number | null;
  maxAge?: number | null;
  /** 'any', 'none' (no location), 'unknown' (a value the app cannot map) or a location uuid */
  currentLocation?: string;
  includeDead?: boolean;
}

export function matchesFilters(row: PatientRow, filters: PatientFilters): boolean {
  if (!filters.includeDead && row.dead) {
    return false;
  }
  if (filters.identifierLocation && !row.identifierLocations.includes(filters.identifierLocation)) {
    return false;
  }
  if (filters.gender && row.gender !== filters.gender) {
    return false;
  }
  if (typeof filters.minAge === 'number' && (row.age === null || row.age < filters.minAge)) {
    return false;
  }
  if (typeof filters.maxAge === 'number' && (row.age === null || row.age > filters.maxAge)) {
    return false;
  }
  const current = filters.currentLocation ?? 'any';
  if (current === 'any') {
    return true;
  }
  if (current === 'none' || current === 'unknown') {
    return row.location.kind === current;
  }
  return row.location.kind === 'location' && row.location.uuid === current;
}

/** Reads FHIR paths (relative to /ws/fhir2/R4), e.g. `Patient?_count=100`. */
export type FhirGet = <T>(path: string) => Promise<T>;

interface FhirBundle {
  total?: number;
  link?: Array<{ relation: string; url: string }>;
  entry?: Array<{ resource?: { id?: string } }>;
}

/**
 * The FHIR `gender` value that finds each OpenMRS gender on every fhir2 from 1.11 to 4.x. fhir2's
 * handleGender (BaseDao up to 2.x, FhirSearchQueryHelper from 3.0) maps `other` and `unknown` to
 * "no gender recorded", not to O and U; a code AdministrativeGender.fromCode does not know (O, U)
 * becomes a case-insensitive match on the OpenMRS value. So O and U are sent as they are, and
 * patients with no gender recorded match none of the four.
 */
const FHIR_GENDER: Record<string, string> = { M: 'male', F: 'female', O: 'O', U: 'U' };

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** FHIR search parameters for the filters the server can apply: gender and birth-date range from ages. */
export function fhirPatientParams(filters: PatientFilters, now: Date = new Date()): string {
  const params: string[] = [];
  if (filters.gender) {
    params.push(`gender=${FHIR_GENDER[filters.gender]}`);
  }
  const yearsAgo = (years: number) => {
    const d = new Date(now);
    d.setUTCFullYear(d.getUTCFullYear() - years);
    return d;
  };
  if (typeof filters.minAge === 'number') {
    params.push(`birthdate=le${isoDay(yearsAgo(filters.minAge))}`);
  }
  if (typeof filters.maxAge === 'number') {
    const d = yearsAgo(filters.maxAge + 1);
    d.setUTCDate(d.getUTCDate() + 1);
    params.push(`birthdate=ge${isoDay(d)}`);
  }
  return params.map((p) => `&${p}`).join('');
}

export interface ScanProgress {
  /** 'listing': pages of patients; 'reading': one record per patient */
  phase: 'listing' | 'reading';
  done: number;
  total: number;
}

export interface ScanOptions {
  fhir?: FhirGet;
  concurrency?: number;
  onProgress?: (progress: ScanProgress) => void;
  signal?: AbortSignal;
  now?: Date;
  /**
   * Called once with the patients FHIR listed whose record REST answered 404: voided since they were
   * listed, or hidden by LBAC (its advice filters PatientService, which FHIR's DAO does not use).
   */
  onUnreadable?: (uuids: string[]) => void;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      if (signal?.aborted) {
        throw Object.assign(new Error('Stopped.'), { name: 'AbortError' });
      }
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

const PAGE_REQUEST = 100;

function entryIds(bundle: FhirBundle): string[] {
  return (bundle.entry ?? []).map((e) => e.resource?.id ?? '').filter(Boolean);
}

/**
 * Every patient uuid FHIR lists for these filters. HAPI cuts each page to fhir2.paging.maximum (100 by
 * default, lower on some servers) whatever `_count` asks for, so offsets step by the number of entries
 * the first page held; the pages after it are then fetched `concurrency` at a time. Without a total,
 * pages are read one after another, each from where the last one ended, until one is empty or has no
 * `next` link.
 */
async function listPatientUuidsByFhir(fhir: FhirGet, filters: PatientFilters, options: ScanOptions): Promise<string[]> {
  const base = `Patient?_count=${PAGE_REQUEST}${fhirPatientParams(filters, options.now)}`;
  const first = await fhir<FhirBundle>(`${base}&_getpagesoffset=0`);
  const ids = entryIds(first);
  const pageSize = ids.length;
  if (typeof first.total === 'number' && pageSize > 0) {
    const offsets: number[] = [];
    for (let o = pageSize; o < first.total; o += pageSize) {
      offsets.push(o);
    }
    let done = 1;
    options.onProgress?.({ phase: 'listing', done, total: offsets.length + 1 });
    const pages = await mapLimit(
      offsets,
      options.concurrency ?? 6,
      async (o) => {
        const page = await fhir<FhirBundle>(`${base}&_getpagesoffset=${o}`);
        options.onProgress?.({ phase: 'listing', done: ++done, total: offsets.length + 1 });
        return page;
      },
      options.signal,
    );
    pages.forEach((page) => ids.push(...entryIds(page)));
  } else if (typeof first.total !== 'number') {
    let page = first;
    while (page.link?.some((l) => l.relation === 'next') && page.entry?.length) {
      if (options.signal?.aborted) {
        throw Object.assign(new Error('Stopped.'), { name: 'AbortError' });
      }
      page = await fhir<FhirBundle>(`${base}&_getpagesoffset=${ids.length}`);
      ids.push(...entryIds(page));
    }
  }
  return [...new Set(ids)];
}

/**
 * Patients matching the filters, with their current location.
 *
 * - With a query: GET /patient?q=..., 100 per request in a representation that carries identifiers,
 *   gender, age and attributes, so N matches cost ceil(N/100) requests. The other filters apply to
 *   those results in the browser.
 * - Without a query REST has no list of all patients (the patient search needs q), so the list comes
 *   from FHIR (fhir2: GET /ws/fhir2/R4/Patient, gender and birth date applied by the server, up to 100
 *   per page), then one GET /patient/{uuid} per patient for identifiers and attributes: about
 *   ceil(N/100) + N requests, `concurrency` at a time. Callers must say so before starting.
 */
export async function scanPatients(
  client: RestClient,
  attributeTypeUuid: string | null,
  knownLocations: Set<string>,
  filters: PatientFilters,
  options: ScanOptions = {},
): Promise<PatientRow[]> {
  const query = filters.query?.trim() ?? '';
  let patients: RestPatient[];
  if (query) {
    options.onProgress?.({ phase: 'listing', done: 0, total: 1 });
    patients = await fetchAllPages<RestPatient>(
      client,
      `/patient?q=${enc(query)}${filters.includeDead ? '&includeDead=true' : ''}&v=${PATIENT_LOCATION_REP}`,
    );
    options.onProgress?.({ phase: 'listing', done: 1, total: 1 });
  } else {
    if (!options.fhir) {
      throw new Error('Listing every patient needs the FHIR module (fhir2).');
    }
    const uuids = await listPatientUuidsByFhir(options.fhir, filters, options);
    const unreadable: string[] = [];
    let done = 0;
    options.onProgress?.({ phase: 'reading', done, total: uuids.length });
    const read = await mapLimit(
      uuids,
      options.concurrency ?? 6,
      async (uuid) => {
        try {
          return await client.get<RestPatient>(`/patient/${enc(uuid)}?v=${PATIENT_LOCATION_REP}`);
        } catch (error) {
          if (isNotFound(error)) {
            unreadable.push(uuid);
            return null;
          }
          throw error;
        } finally {
          options.onProgress?.({ phase: 'reading', done: ++done, total: uuids.length });
        }
      },
      options.signal,
    );
    patients = read.filter((p): p is RestPatient => p !== null);
    options.onUnreadable?.(unreadable);
  }
  return patients.map((p) => toPatientRow(p, attributeTypeUuid, knownLocations)).filter((row) => matchesFilters(row, filters));
}

export async function fetchPatientRow(
  client: RestClient,
  patientUuid: string,
  attributeTypeUuid: string | null,
  knownLocations: Set<string>,
): Promise<PatientRow> {
  const patient = await client.get<RestPatient>(`/patient/${enc(patientUuid)}?v=${PATIENT_LOCATION_REP}`);
  return toPatientRow(patient, attributeTypeUuid, knownLocations);
}

// ---------------------------------------------------------------------------------------------
// Patient locations: writing
// ---------------------------------------------------------------------------------------------

/** An LBAC answer of 200 whose status.message is not "OK": nothing (or not everything) was written. */
export class LbacMigrationError extends Error {
  /** the server did answer 200; not retried (statusOf reads it as 200) */
  readonly status = 200;
  constructor(readonly serverMessage: string) {
    super(`The locationbasedaccess module did not save the location: ${serverMessage || 'no status in its answer'}`);
    this.name = 'LbacMigrationError';
  }
}

/**
 * A failed migration answered 404 "Patient not found": PatientsMigrationController turns the NPE of
 * saving a patient that PatientService.getPatientByUuid returned as null into that answer. Under LBAC
 * (PatientServiceInterceptorAdvice) a caller who is not a System Developer gets null for every patient
 * without a location yet or at a location not among theirs, so they can never assign such a patient.
 */
export function isPatientNotFound(message: string | null | undefined): boolean {
  return /^404: Patient not found\b/.test(message ?? '');
}

/** POST /lbac/patient-migration for these patients; a 200 is a success only with status.message "OK". */
export async function lbacMigratePatients(client: RestClient, patientUuids: string[], locationUuid: string): Promise<void> {
  const answer = await client.post<{ status?: { message?: string } } | null>('/lbac/patient-migration', {
    patientList: patientUuids,
    locationUuid,
  });
  const message = answer?.status?.message ?? '';
  if (message.trim().toUpperCase() !== 'OK') {
    throw new LbacMigrationError(message);
  }
}

async function activeAttributes(client: RestClient, personUuid: string): Promise<RestAttribute[]> {
  const page = await client.get<Page<RestAttribute>>(
    `/person/${enc(personUuid)}/attribute?v=custom:(uuid,value,voided,attributeType:(uuid))`,
  );
  return page.results ?? [];
}

export type PatientWriteResult = 'created' | 'updated' | 'unchanged' | 'removed' | 'migrated';

/**
 * Sets one patient's location, or removes it (null).
 * - LBAC, a location: POST /lbac/patient-migration (keeps the uuid as the value).
 * - App type, a location: update the active attribute (POST /person/{p}/attribute/{a}) or create one.
 * - Either mode, null: void the active attribute (DELETE; no value is written, so RESTWS-955 does not apply).
 */
export async function setPatientLocation(
  client: RestClient,
  mode: StorageMode,
  patientUuid: string,
  locationUuid: string | null,
): Promise<PatientWriteResult> {
  if (!mode.attributeTypeUuid) {
    throw new Error('The patient location attribute type is missing; run the setup check.');
  }
  if (mode.kind === 'lbac' && locationUuid) {
    await lbacMigratePatients(client, [patientUuid], locationUuid);
    return 'migrated';
  }
  const existing = locationAttributeOf(await activeAttributes(client, patientUuid), mode.attributeTypeUuid);
  if (!locationUuid) {
    if (!existing) {
      return 'unchanged';
    }
    await client.delete(
      `/person/${enc(patientUuid)}/attribute/${enc(existing.uuid)}?reason=${enc('Location removed (User Access app)')}`,
    );
    return 'removed';
  }
  if (mode.kind === 'lbac') {
    throw new Error('With LBAC a location is written only through /lbac/patient-migration.');
  }
  if (existing) {
    const current = existing.value as { uuid?: string } | string | null;
    if ((typeof current === 'object' && current?.uuid === locationUuid) || current === locationUuid) {
      return 'unchanged';
    }
    await client.post(`/person/${enc(patientUuid)}/attribute/${enc(existing.uuid)}`, { value: locationUuid });
    return 'updated';
  }
  await client.post(`/person/${enc(patientUuid)}/attribute`, { attributeType: mode.attributeTypeUuid, value: locationUuid });
  return 'created';
}

export interface JobItem {
  uuid: string;
  label: string;
}

/**
 * Sets the location of many patients with the bulk runner (retries, 401 stop, per-item results). With
 * LBAC, `lbacPatientsPerRequest` patients go in one migration request (default 1: the module shares one
 * attribute object across the list); the other patients of a failed request fail with it.
 */
export async function assignPatientsLocation(
  client: RestClient,
  mode: StorageMode,
  items: JobItem[],
  locationUuid: string | null,
  {
    lbacPatientsPerRequest = 1,
    onProgress,
    ...options
  }: Omit<BulkOptions<JobItem, PatientWriteResult>, 'onProgress'> & {
    lbacPatientsPerRequest?: number;
    onProgress?: (done: number, last: Array<BulkItemResult<JobItem, PatientWriteResult>>) => void;
  } = {},
): Promise<BulkOutcome<JobItem, PatientWriteResult>> {
  const batch = mode.kind === 'lbac' && locationUuid ? Math.max(1, Math.floor(lbacPatientsPerRequest)) : 1;
  if (batch === 1) {
    return runBulk(items, (item) => setPatientLocation(client, mode, item.uuid, locationUuid), {
      ...options,
      onProgress: (p) => onProgress?.(p.done, [p.last]),
    });
  }
  const chunks: Array<{ start: number; items: JobItem[] }> = [];
  for (let start = 0; start < items.length; start += batch) {
    chunks.push({ start, items: items.slice(start, start + batch) });
  }
  let done = 0;
  const expand = (result: BulkItemResult<{ start: number; items: JobItem[] }, void>) =>
    result.item.items.map<BulkItemResult<JobItem, PatientWriteResult>>((item, i) =>
      result.status === 'success'
        ? { item, index: result.item.start + i, status: 'success', value: 'migrated', attempts: result.attempts }
        : { item, index: result.item.start + i, status: 'failed', message: result.message, httpStatus: result.httpStatus, attempts: result.attempts },
    );
  const outcome = await runBulk(chunks, (chunk) => lbacMigratePatients(client, chunk.items.map((i) => i.uuid), locationUuid as string), {
    ...options,
    onProgress: (p) => {
      done += p.last.item.items.length;
      onProgress?.(done, expand(p.last));
    },
  });
  const results = outcome.results.flatMap(expand);
  return {
    results,
    remaining: outcome.remaining.flatMap((c) => c.items),
    stoppedBecause: outcome.stoppedBecause,
    succeeded: results.filter((r) => r.status === 'success').length,
    failed: results.filter((r) => r.status === 'failed').length,
  };
}

// ---------------------------------------------------------------------------------------------
// Counts
// ---------------------------------------------------------------------------------------------

export interface LocationCounts {
  /** location uuid -> count */
  byLocation: Record<string, number>;
  none: number;
  /** values that are not a known location uuid */
  unknown: number;
  /** the distinct unknown values, with how often each occurs */
  unknownValues: Record<string, number>;
}

function emptyCounts(): LocationCounts {
  return { byLocation: {}, none: 0, unknown: 0, unknownValues: {} };
}

/** Users per location (a user counts once for each location, as LBAC counts), retired users left out. */
export function countUsers(users: LocationUser[], knownLocations: Set<string>): LocationCounts {
  const counts = emptyCounts();
  for (const user of users.filter((u) => !u.retired)) {
    if (!user.locations.length) {
      counts.none++;
    }
    for (const uuid of user.locations) {
      if (knownLocations.has(uuid)) {
        counts.byLocation[uuid] = (counts.byLocation[uuid] ?? 0) + 1;
      } else {
        counts.unknown++;
        counts.unknownValues[uuid] = (counts.unknownValues[uuid] ?? 0) + 1;
      }
    }
  }
  return counts;
}

export function countPatients(rows: PatientRow[]): LocationCounts {
  const counts = emptyCounts();
  for (const row of rows) {
    if (row.location.kind === 'none') {
      counts.none++;
    } else if (row.location.kind === 'unknown') {
      counts.unknown++;
      counts.unknownValues[row.location.raw] = (counts.unknownValues[row.location.raw] ?? 0) + 1;
    } else {
      counts.byLocation[row.location.uuid] = (counts.byLocation[row.location.uuid] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * LBAC's own counts (GET /lbac/locationwise-{patients|users}-count), keyed by location name, mapped to
 * uuids. Patients without a known uuid are not in them; names matching no location are kept as unknown.
 */
export async function fetchLbacCounts(
  client: RestClient,
  entity: 'patients' | 'users',
  locations: LocationInfo[],
): Promise<LocationCounts> {
  const answer = await client.get<{ results?: Record<string, number> }>(`/lbac/locationwise-${entity}-count`);
  const counts = emptyCounts();
  const byName = new Map<string, string>();
  for (const location of locations) {
    if (!byName.has(location.name)) {
      byName.set(location.name, location.uuid);
    }
  }
  for (const [name, count] of Object.entries(answer?.results ?? {})) {
    const uuid = byName.get(name);
    if (uuid) {
      counts.byLocation[uuid] = (counts.byLocation[uuid] ?? 0) + Number(count || 0);
    } else if (count) {
      counts.unknown += Number(count);
      counts.unknownValues[name] = Number(count);
    }
  }
  return counts;
}
