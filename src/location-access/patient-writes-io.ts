/** Writing patients' locations: one patient, or many as a bulk job. */
import { runBulk, type BulkItemResult, type BulkOptions, type BulkOutcome } from '../common/bulk-runner';
import type { Page, RestClient } from '../common/rest-client';
import { locationAttributeOf, type RestAttribute } from './patient-rows';
import type { StorageMode } from './location-storage-io';

const enc = encodeURIComponent;

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
