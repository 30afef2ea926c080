/**
 * REST benchmarks in Node with the app's own code (src/location-access/*-io.ts, the functions
 * the pages call), against a running local backend:
 *
 *   bulk <openmrsUrl>  assign 1,000 patients to a location with the app's concurrency (config
 *                      bulkConcurrency, 6), then another 1,000 one request at a time; ratio of the times.
 *   move <openmrsUrl> [count]  give `count` (default 1,000) of the patients location A (setup, not
 *                      timed), then move "all patients of A" to B as the Move page does: scanPatients
 *                      (the FHIR list pages; on fhir2 before 2.6.0 also one read per patient) and
 *                      assignPatientsLocation. Requests and time of each phase.
 *
 * Prints one JSON line. Run: node --import tsx tools/bench/io.ts bulk http://localhost:8090/openmrs
 */
import { performance } from 'node:perf_hooks';
import { createOpenmrsClient } from '../../cli/client';
import type { RestClient } from '../../src/common/rest-client';
import { APP_ATTRIBUTE_TYPE_DEFAULT_UUID } from '../../src/location-access/constants';
import {
  createAppAttributeType,
  fetchLocations,
  resolveStorageMode,
  storageProblem,
  type StorageMode,
} from '../../src/location-access/location-storage-io';
import { fhir2ModuleVersion } from '../../src/location-access/patient-fhir-rows';
import { scanPatients, type FhirGet } from '../../src/location-access/patient-scan-io';
import { assignPatientsLocation, type JobItem } from '../../src/location-access/patient-writes-io';

const [command, openmrsUrl, countArg] = process.argv.slice(2);
const USER = 'admin';
const PASSWORD = 'Admin123';
/** The default of the app's config key bulkConcurrency (src/config-schema.ts, which needs the browser). */
const concurrency = 6;

interface Counts {
  requests: number;
  byKind: Record<string, number>;
  maxInFlight: number;
}

/** Counts every request a client makes, by kind (e.g. "GET /patient/{uuid}"), and the most in flight at once. */
function counter() {
  let inFlight = 0;
  let counts: Counts = { requests: 0, byKind: {}, maxInFlight: 0 };
  const track = async <T>(kind: string, run: () => Promise<T>): Promise<T> => {
    counts.requests++;
    progressCount++;
    counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
    inFlight++;
    counts.maxInFlight = Math.max(counts.maxInFlight, inFlight);
    try {
      return await run();
    } finally {
      inFlight--;
    }
  };
  const kindOf = (method: string, path: string) =>
    `${method} ${path
      .split('?')[0]
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{uuid}')}`;
  return {
    wrap(client: RestClient): RestClient {
      return {
        get: (path) => track(kindOf('GET', path), () => client.get(path)),
        post: (path, body) => track(kindOf('POST', path), () => client.post(path, body)),
        delete: (path) => track(kindOf('DELETE', path), () => client.delete(path)),
      };
    },
    wrapFhir(fhir: FhirGet): FhirGet {
      return (path) => track(`GET fhir/${path.split('?')[0]}`, () => fhir(path));
    },
    take(): Counts {
      const taken = counts;
      counts = { requests: 0, byKind: {}, maxInFlight: 0 };
      return taken;
    },
  };
}

/** GET on /ws/fhir2/R4 with Basic auth on the first request, then the session cookie. */
function fhirClient(base: string): FhirGet {
  const root = `${base.replace(/\/+$/, '')}/ws/fhir2/R4`;
  let cookie: string | null = null;
  return async <T>(path: string) => {
    const headers: Record<string, string> = { Accept: 'application/fhir+json' };
    if (cookie) {
      headers.Cookie = cookie;
    } else {
      headers.Authorization = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    }
    const response = await fetch(`${root}/${path}`, { headers });
    const setCookie = response.headers.get('set-cookie');
    const m = setCookie && /JSESSIONID=[^;]+/.exec(setCookie);
    if (m) {
      cookie = m[0];
    }
    if (!response.ok) {
      throw Object.assign(new Error(`GET ${root}/${path}: ${response.status}`), { response: { status: response.status } });
    }
    return (await response.json()) as T;
  };
}

async function setup() {
  const client = createOpenmrsClient(openmrsUrl, USER, PASSWORD);
  await client.login();
  let mode: StorageMode = await resolveStorageMode(client, APP_ATTRIBUTE_TYPE_DEFAULT_UUID);
  if (storageProblem(mode) === 'typeMissing') {
    await createAppAttributeType(client, APP_ATTRIBUTE_TYPE_DEFAULT_UUID);
    mode = await resolveStorageMode(client, APP_ATTRIBUTE_TYPE_DEFAULT_UUID);
  }
  const problem = storageProblem(mode);
  if (problem) {
    throw new Error(`Patient locations cannot be written on this backend: ${problem}`);
  }
  const locations = (await fetchLocations(client, 'Login Location')).filter((l) => !l.retired && l.isLoginLocation);
  const fhir = fhirClient(openmrsUrl);
  return { client, mode, locations, fhir };
}

/** Patient uuids from the FHIR Patient list, 100 per page (fhir2 answers past the end with an OperationOutcome). */
async function patientUuids(fhir: FhirGet, count: number): Promise<string[]> {
  const uuids: string[] = [];
  let total = Infinity;
  for (let offset = 0; uuids.length < count && offset < total; offset += 100) {
    const page = await fhir<{ total?: number; entry?: Array<{ resource?: { resourceType?: string; id?: string } }> }>(
      `Patient?_count=100&_getpagesoffset=${offset}`,
    );
    total = page.total ?? total;
    const ids = (page.entry ?? [])
      .filter((e) => e.resource?.resourceType === 'Patient')
      .map((e) => e.resource?.id ?? '')
      .filter(Boolean);
    if (!ids.length) {
      break;
    }
    uuids.push(...ids);
  }
  return [...new Set(uuids)].slice(0, count);
}

const seconds = (ms: number) => Math.round(ms) / 1000;

async function bulk() {
  const { client, mode, locations, fhir } = await setup();
  const target = locations[0];
  const uuids = await patientUuids(fhir, 2000);
  const items = (list: string[]): JobItem[] => list.map((uuid) => ({ uuid, label: uuid }));
  const count = counter();
  const api = count.wrap(client);
  const run = async (batch: JobItem[], lanes: number) => {
    const t = performance.now();
    const outcome = await assignPatientsLocation(api, mode, batch, target.uuid, { concurrency: lanes });
    return { ms: performance.now() - t, succeeded: outcome.succeeded, failed: outcome.failed, ...count.take() };
  };
  phase = `1,000 patients, ${concurrency} at a time`;
  const parallel = await run(items(uuids.slice(0, 1000)), concurrency);
  phase = '1,000 patients, one at a time';
  const sequential = await run(items(uuids.slice(1000, 2000)), 1);
  console.log(
    JSON.stringify({
      patients: 1000,
      mode: mode.kind,
      concurrency,
      parallel: { ...parallel, seconds: seconds(parallel.ms) },
      sequential: { ...sequential, seconds: seconds(sequential.ms) },
      ratio: Math.round((sequential.ms / parallel.ms) * 100) / 100,
    }),
  );
}

async function move() {
  const { client, mode, locations, fhir } = await setup();
  const [from, to] = locations;
  // setup: 1,000 of the patients get location A (which ones does not change the cost: the scan reads all)
  const atA = Number(countArg || 1000);
  phase = `setup: giving ${from.name} to ${atA} patients`;
  const chosen = await patientUuids(fhir, atA);
  const prepared = await assignPatientsLocation(
    client,
    mode,
    chosen.map((uuid) => ({ uuid, label: uuid })),
    from.uuid,
    { concurrency },
  );
  if (prepared.failed) {
    throw new Error(`setup: ${prepared.failed} patients could not be given ${from.name}`);
  }

  const count = counter();
  const api = count.wrap(client);
  const countedFhir = count.wrapFhir(fhir);
  const known = new Set((await fetchLocations(client, '')).map((l) => l.uuid));
  phase = 'move: finding the patients';
  const t0 = performance.now();
  const rows = await scanPatients(
    api,
    mode.attributeTypeUuid,
    known,
    { currentLocation: from.uuid, includeDead: true },
    // as the Move page: the type's name finds the location among the Patient's extensions on fhir2 2.6.0+
    { fhir: countedFhir, concurrency, attributeTypeName: mode.attributeType?.name ?? null },
  );
  const scanMs = performance.now() - t0;
  const scan = count.take();
  phase = 'move: writing';
  const t1 = performance.now();
  const outcome = await assignPatientsLocation(
    api,
    mode,
    rows.map((r) => ({ uuid: r.uuid, label: r.name })),
    to.uuid,
    { concurrency },
  );
  const writeMs = performance.now() - t1;
  const write = count.take();
  console.log(
    JSON.stringify({
      patients: (await fhir<{ total?: number }>('Patient?_count=1&_summary=count')).total,
      fhir2Version: await fhir2ModuleVersion(client),
      atLocation: chosen.length,
      found: rows.length,
      moved: outcome.succeeded,
      failed: outcome.failed,
      mode: mode.kind,
      concurrency,
      scan: { ...scan, seconds: seconds(scanMs) },
      write: { ...write, seconds: seconds(writeMs) },
      requests: scan.requests + write.requests,
      seconds: seconds(scanMs + writeMs),
    }),
  );
}

/** Progress on stderr every 10 s, so a slow phase shows where it is. */
let phase = 'setup';
let progressCount = 0;
const started = performance.now();
setInterval(() => {
  console.error(`[bench ${command}] ${Math.round((performance.now() - started) / 1000)} s: ${phase}, ${progressCount} requests counted`);
}, 10000).unref();

const commands: Record<string, () => Promise<void>> = { bulk, move };
if (!commands[command] || !openmrsUrl) {
  console.error('usage: node --import tsx tools/bench/io.ts bulk|move <openmrsUrl>');
  process.exit(2);
}
commands[command]().catch((e) => {
  console.error(e);
  process.exit(1);
});
