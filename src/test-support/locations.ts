/** Locations, storage modes, users and patients for the location-access tests. */
import type { LocationInfo, StorageMode } from '../location-access/location-storage-io';
import type { PatientRow } from '../location-access/patient-rows';
import type { LocationUser } from '../location-access/user-locations-io';
import { LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } from '../location-access/constants';

export const CLINIC = '44c3efb0-2583-4c80-a79e-1f756a03c0a1';
export const WARD = 'b1a8b05e-3542-4037-bbd3-998ee9c40574';
export const PHARMACY = 'c2b2c3d4-0000-4000-8000-000000000003';
export const OLD_ANNEX = 'c2b2c3d4-0000-4000-8000-000000000099';
export const APP_TYPE = '3f6c7e0a-9b1d-4c52-8e7a-5d2b0c4a91e7';

export const testLocations: LocationInfo[] = [
  { uuid: WARD, name: 'Inpatient Ward', display: 'Inpatient Ward', retired: false, isLoginLocation: true },
  { uuid: OLD_ANNEX, name: 'Old Annex', display: 'Old Annex', retired: true, isLoginLocation: true },
  { uuid: CLINIC, name: 'Outpatient Clinic', display: 'Outpatient Clinic', retired: false, isLoginLocation: true },
  { uuid: PHARMACY, name: 'Pharmacy', display: 'Pharmacy', retired: false, isLoginLocation: false },
];

export function locationsHook() {
  return {
    locations: testLocations,
    byUuid: new Map(testLocations.map((l) => [l.uuid, l])),
    known: new Set(testLocations.map((l) => l.uuid)),
    loaded: true,
    error: undefined,
    isLoading: false,
    mutate: jest.fn(),
  };
}

export const lbacMode: StorageMode = {
  kind: 'lbac',
  attributeTypeUuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID,
  attributeType: { uuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID, name: 'LocationAttribute', format: 'java.lang.String', retired: false },
  detection: { installed: true, via: 'module' },
};

export const attributeMode: StorageMode = {
  kind: 'attribute',
  attributeTypeUuid: APP_TYPE,
  attributeType: { uuid: APP_TYPE, name: 'Patient location (User Access app)', format: 'org.openmrs.Location', retired: false },
  configuredUuid: APP_TYPE,
  detection: { installed: false, via: 'module' },
};

export function user(partial: Partial<LocationUser> & { name: string }): LocationUser {
  return {
    uuid: `user-${partial.name.replace(/\s/g, '-').toLowerCase()}`,
    username: partial.name.split(' ')[0].toLowerCase(),
    retired: false,
    locations: [],
    defaultLocation: null,
    endDates: {},
    roles: [],
    ...partial,
  };
}

export function patient(partial: Partial<PatientRow> & { name: string }): PatientRow {
  return {
    uuid: `patient-${partial.name.replace(/\s/g, '-').toLowerCase()}`,
    identifiers: [`ID-${partial.name.slice(0, 3).toUpperCase()}`],
    identifierLocations: [CLINIC],
    gender: 'F',
    age: 30,
    dead: false,
    location: { kind: 'none' },
    ...partial,
  };
}
