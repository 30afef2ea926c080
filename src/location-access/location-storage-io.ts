/**
 * The locations, and where this server keeps a patient's location. Two ways:
 * - LBAC installed: the String attribute type named by GP locationbasedaccess.locationAttributeUuid holds
 *   the location uuid. Writes go through POST /lbac/patient-migration, because REST 2.45+ (RESTWS-955)
 *   stores a uuid written through /person/{uuid}/attribute as the location's integer id, which LBAC never
 *   matches. The app never repoints that GP and never writes a uuid through /person/.../attribute into it.
 * - No LBAC: the app's own org.openmrs.Location attribute type, written through /person/{uuid}/attribute;
 *   GET answers the value as a Location reference.
 *
 * Like every *-io.ts file of this section it is free of React and of the framework: each function takes a
 * RestClient (paths relative to /ws/rest/v1), so resources, tests and the CLI share it.
 */
import { fetchAllPages, isNotFound, statusOf, type Page, type RestClient } from '../common/rest-client';
import { getGlobalProperty, setGlobalProperty } from '../common/global-and-user-properties';
import {
  APP_ATTRIBUTE_TYPE_DESCRIPTION,
  APP_ATTRIBUTE_TYPE_NAME,
  LBAC_ATTRIBUTE_TYPE_GP,
  LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID,
  LBAC_MODULE_ID,
  LOCATION_FORMAT,
} from './constants';

const enc = encodeURIComponent;

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

/** `loginLocationTag`: the config key sessionLocationSwitcher.locationTag, trimmed as the switcher does; blank marks none. */
export function toLocationInfo(location: RestLocation, loginLocationTag: string): LocationInfo {
  const loginTag = loginLocationTag.trim();
  return {
    uuid: location.uuid,
    name: location.name ?? location.display ?? location.uuid,
    display: location.display ?? location.name ?? location.uuid,
    retired: Boolean(location.retired),
    isLoginLocation: !!loginTag && (location.tags ?? []).some((tag) => (tag.display ?? tag.name) === loginTag),
  };
}

/** Every location, retired ones too (patients may still point at them), sorted by name; 100 per request. */
export async function fetchLocations(client: RestClient, loginLocationTag: string): Promise<LocationInfo[]> {
  const all = await fetchAllPages<RestLocation>(client, `/location?v=${LOCATION_REP}&includeAll=true`);
  return all.map((location) => toLocationInfo(location, loginLocationTag)).sort((a, b) => a.name.localeCompare(b.name));
}

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
