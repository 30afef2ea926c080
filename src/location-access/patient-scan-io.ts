/** Reading patients with their location: one by uuid, or every patient the filters match (REST search or FHIR). */
import { isoDay } from '../common/dates';
import { fetchFhirSearch } from '../common/fhir-search';
import { mapPool } from '../common/pool';
import { fetchAllPages, isNotFound, type RestClient } from '../common/rest-client';
import { fhirPatientRow, fhirPatientsCarryAttributes, hasFullBirthDate, type FhirPatient } from './patient-fhir-rows';
import { matchesFilters, PATIENT_LOCATION_REP, toPatientRow, type PatientFilters, type PatientRow, type RestPatient } from './patient-rows';

const enc = encodeURIComponent;

/** Reads FHIR paths (relative to /ws/fhir2/R4), e.g. `Patient?_count=100`. */
export type FhirGet = <T>(path: string) => Promise<T>;

/**
 * The FHIR `gender` value that finds each OpenMRS gender on every fhir2 from 1.11 to 4.x. fhir2's
 * handleGender (BaseDao up to 2.x, FhirSearchQueryHelper from 3.0) maps `other` and `unknown` to
 * "no gender recorded", not to O and U; a code AdministrativeGender.fromCode does not know (O, U)
 * becomes a case-insensitive match on the OpenMRS value. So O and U are sent as they are, and
 * patients with no gender recorded match none of the four.
 */
const FHIR_GENDER: Record<string, string> = { M: 'male', F: 'female', O: 'O', U: 'U' };

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
  /**
   * The name of the location attribute's type, as FHIR names it in each Patient's person-attribute
   * extension. Without it, every patient is read through REST whatever the fhir2 version.
   */
  attributeTypeName?: string | null;
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

const PAGE_REQUEST = 100;

/** Every patient FHIR lists for these filters. */
function listPatientsByFhir(fhir: FhirGet, filters: PatientFilters, options: ScanOptions) {
  return fetchFhirSearch<FhirPatient>(fhir, `Patient?_count=${PAGE_REQUEST}${fhirPatientParams(filters, options.now)}`, {
    concurrency: options.concurrency,
    signal: options.signal,
    onPage: (done, total) => options.onProgress?.({ phase: 'listing', done, total }),
  });
}

/**
 * Rows from the FHIR list pages alone (fhir2 2.6.0 and later). The birth-date bounds were applied by
 * the server on the full date, so a patient whose estimated birth date fhir2 sends as a year or month
 * is not filtered by age again here.
 */
function rowsFromFhir(patients: Array<FhirPatient & { id: string }>, attributeTypeName: string | null, known: Set<string>, filters: PatientFilters, now?: Date) {
  const byServer = { ...filters, minAge: null, maxAge: null };
  return patients
    .filter((patient) => patient.id)
    .map((patient) => ({ patient, row: fhirPatientRow(patient, attributeTypeName, known, now) }))
    .filter(({ patient, row }) => matchesFilters(row, hasFullBirthDate(patient) ? filters : byServer))
    .map(({ row }) => row);
}

/**
 * Patients matching the filters, with their current location.
 *
 * - With a query: GET /patient?q=..., 100 per request in a representation that carries identifiers,
 *   gender, age and attributes, so N matches cost ceil(N/100) requests. The other filters apply to
 *   those results in the browser.
 * - Without a query REST has no list of all patients (the patient search needs q), so the list comes
 *   from FHIR (fhir2: GET /ws/fhir2/R4/Patient, gender and birth date applied by the server, up to 100
 *   per page). From fhir2 2.6.0 (FM2-126) each Patient carries its person attributes, so the pages
 *   alone give the rows: ceil(N/100) requests. Before, one GET /patient/{uuid} per patient follows for
 *   the attributes: about ceil(N/100) + N requests, `concurrency` at a time. The fhir2 version decides
 *   (see fhirPatientsCarryAttributes), and callers must say which before starting.
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
    const typeName = options.attributeTypeName;
    const carried = typeName !== undefined && (await fhirPatientsCarryAttributes(client));
    const listed = await listPatientsByFhir(options.fhir, filters, options);
    if (carried) {
      options.onUnreadable?.([]);
      return rowsFromFhir(listed, typeName, knownLocations, filters, options.now);
    }
    const uuids = listed.map((patient) => patient.id);
    const unreadable: string[] = [];
    let done = 0;
    options.onProgress?.({ phase: 'reading', done, total: uuids.length });
    const read = await mapPool(
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
