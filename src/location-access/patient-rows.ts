/** A patient's location as the attribute of the storage mode holds it, and the filters of the patient pages. */

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
