import { randomUUID } from 'node:crypto';
import type { Ctx, Reply } from './context';
import {
  FHIR_HEADERS,
  operationOutcome,
  searchBundle,
  summaryMode,
  type BundleProvider,
  type Entry,
} from './fhir-paging';
import type { PatientIdentifier, Person, PersonName } from './model';
import { patientResource } from './fhir-patient-resource';
import {
  InvalidRequest,
  propertyLike,
  stringParams,
  tokenParams,
  dateRange,
  dateMatches,
  dayMs,
  genderMatches,
} from './fhir-patient-search-params';

/**
 * fhir2 R4 Patient (openmrs-module-fhir2 d963a33):
 * - PatientFhirResourceProvider: read and the plain search (name, given, family, identifier, gender, birthdate,
 *   death-date, deceased, address-*, _id, _has, _lastUpdated); `_query=openmrsPatients` is not served here.
 * - FhirPatientDaoImpl / BasePersonDao / BaseFhirDao / FhirSearchQueryHelper: voided patients are left out of
 *   searches (dead ones are not), order by patient id, predicates as in the helper (quirks kept, see below).
 * - PatientTranslatorImpl and its child translators for the resource.
 * - Privilege: @Authorized(Get Patients) on FhirPatientDao. The DAO queries with JPA criteria, not through
 *   PatientService, so LBAC's PatientSearchAdviser (getPatients/getPatient/getPatientByUuid on PatientService)
 *   never filters these answers.
 */

const SEARCH_PARAMS = new Set([
  'name',
  'given',
  'family',
  'identifier',
  'gender',
  'birthdate',
  'death-date',
  'deceased',
  'address-city',
  'address-state',
  'address-postalcode',
  'address-country',
]);

/** The plain Patient search of fhir2, over the store. Ordered by patient id. */
export function searchPatients(ctx: Ctx): Person[] {
  const unknown = [...new Set(ctx.params.keys())].filter(
    (k) => !k.startsWith('_') && !SEARCH_PARAMS.has(k.split(':')[0]),
  );
  if (unknown.length) {
    throw new InvalidRequest(
      `Invalid request: The FHIR endpoint on this server does not know how to handle GET operation[Patient] with parameters [[${[
        ...new Set(ctx.params.keys()),
      ].join(', ')}]]`,
    );
  }
  const store = ctx.store;
  const ids = tokenParams(ctx, '_id');
  const genders = tokenParams(ctx, 'gender');
  const identifiers = tokenParams(ctx, 'identifier');
  const deceased = tokenParams(ctx, 'deceased');
  const birth = dateRange(ctx, 'birthdate');
  const death = dateRange(ctx, 'death-date');
  const lastUpdated = dateRange(ctx, '_lastUpdated');
  const names = stringParams(ctx, 'name');
  const givens = stringParams(ctx, 'given');
  const families = stringParams(ctx, 'family');
  const hasNamePredicates = [...names, ...givens, ...families].length > 0;
  const addressParams = [...ctx.params.keys()].some((k) => k.startsWith('address-'));
  const hasGroup = [...ctx.params.keys()].some((k) => k.startsWith('_has'));
  if (addressParams || hasGroup) {
    // no person addresses and no cohorts in this data: the inner join / group filter matches nothing
    return [];
  }

  /** All name predicates are on one join ("pn"): one non-voided name must satisfy every one of them. */
  const nameOk = (n: PersonName): boolean => {
    for (const or of names) {
      // each value split into words on " \t,"; every word tried on given/middle/family, all ORed
      const results = or
        .flatMap((sp) =>
          sp.value
            .split(/[ \t,]+/)
            .filter(Boolean)
            .map((w) => ({ ...sp, value: w })),
        )
        .flatMap((sp) => [
          propertyLike(n.givenName, sp),
          propertyLike(n.middleName, sp),
          propertyLike(n.familyName, sp),
        ])
        .filter((r): r is boolean => r !== null);
      if (results.length && !results.some(Boolean)) {
        return false;
      }
    }
    for (const [list, field] of [
      [givens, 'givenName'],
      [families, 'familyName'],
    ] as const) {
      for (const or of list) {
        const results = or.map((sp) => propertyLike(n[field], sp)).filter((r): r is boolean => r !== null);
        if (results.length && !results.some(Boolean)) {
          return false;
        }
      }
    }
    return true;
  };

  /** Identifier predicates share one join ("pi") on non-voided identifiers; exact value, type name as system. */
  const identifierOk = (i: PatientIdentifier): boolean =>
    identifiers.every((or) =>
      or.some((t) => {
        if (i.identifier.toLowerCase() !== t.value.toLowerCase()) {
          return false;
        }
        if (t.system === null || t.system === '') {
          return true;
        }
        const type = store.db.identifierTypes.find((x) => x.uuid === i.identifierType);
        return !!type && type.name.toLowerCase() === t.system.toLowerCase();
      }),
    );

  const out: Person[] = [];
  for (const p of store.db.persons) {
    if (!p.patient || p.voided) {
      continue;
    }
    if (!ids.every((or) => or.some((t) => t.value === p.uuid))) {
      continue;
    }
    if (!genders.every((or) => or.some((t) => genderMatches(p.gender, t.value)))) {
      continue;
    }
    // handleBoolean: "true"/"false" in any case; other values add no predicate
    if (
      !deceased.every((or) => {
        const values = or.map((t) => t.value.toLowerCase()).filter((v) => v === 'true' || v === 'false');
        return !values.length || values.some((v) => (v === 'true') === p.dead);
      })
    ) {
      continue;
    }
    const born = dayMs(p.birthdate);
    if (!birth.every((b) => dateMatches(born, b))) {
      continue;
    }
    const died = dayMs(p.deathDate);
    if (!death.every((b) => dateMatches(died, b))) {
      continue;
    }
    // _lastUpdated: dateChanged, or dateCreated when never changed
    if (lastUpdated.length && !lastUpdated.every((b) => dateMatches(p.dateChanged ?? p.dateCreated, b))) {
      continue;
    }
    if (hasNamePredicates && !p.names.some(nameOk)) {
      continue;
    }
    if (identifiers.length && !p.patient.identifiers.some(identifierOk)) {
      continue;
    }
    out.push(p);
  }
  return out.sort((a, b) => a.id - b.id);
}

// ---------------------------------------------------------------- handler

const PRIVILEGE = 'Get Patients';

export function handleFhirPatient(ctx: Ctx, id: string | undefined, fhirBase: string): Reply {
  if (ctx.method !== 'GET') {
    return operationOutcome(405, 'not-supported', `HTTP method ${ctx.method} is not supported for this resource`);
  }
  if (!ctx.user) {
    return operationOutcome(401, 'security', 'Not authenticated');
  }
  if (!ctx.store.hasPrivilege(ctx.user, PRIVILEGE)) {
    return operationOutcome(403, 'forbidden', `Privileges required: ${PRIVILEGE}`);
  }
  const summary = summaryMode(ctx.params);
  if (id) {
    // BaseFhirService.get: unknown is 404, voided is 410
    const p = ctx.store.personByUuid(id);
    if (!p || !p.patient) {
      return operationOutcome(404, 'processing', `Resource of type Patient with ID ${id} is not known`);
    }
    if (p.voided) {
      return operationOutcome(410, 'processing', `Resource of type Patient with ID ${id} is gone/deleted`);
    }
    return { status: 200, headers: FHIR_HEADERS, body: patientResource(ctx.store, p, summary, { fhir2Version: ctx.flags.fhir2Version }) };
  }
  let size: number;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(ctx.params);
    size = searchPatients(ctx).length;
  } catch (e) {
    if (e instanceof InvalidRequest) {
      return operationOutcome(400, 'processing', e.message);
    }
    throw e;
  }
  // the provider keeps the query, not the results: later pages see later data
  const searchCtx: Ctx = { ...ctx, params };
  const provider: BundleProvider = {
    uuid: randomUUID(),
    published: Date.now(),
    size,
    privilege: PRIVILEGE,
    resources(from, to, pageSummary): Entry[] {
      return searchPatients(searchCtx)
        .slice(from, to)
        .map((p) => ({
          fullUrl: `${fhirBase}/Patient/${p.uuid}`,
          resource: patientResource(ctx.store, p, pageSummary, { fhir2Version: ctx.flags.fhir2Version }),
        }));
    },
  };
  return searchBundle(ctx, fhirBase, 'Patient', provider);
}
