import { randomUUID } from 'node:crypto';
import type { Ctx, Reply } from './context';
import {
  FHIR_HEADERS,
  fhirInstant,
  operationOutcome,
  searchBundle,
  SUBSETTED_TAG,
  summaryMode,
  type BundleProvider,
  type Entry,
  type SummaryMode,
} from './fhir-paging';
import type { PatientIdentifier, Person, PersonName } from './model';
import { fullName } from './rest/person';
import type { Store } from './store';

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

const EXT = 'http://fhir.openmrs.org/ext';
const IDENTIFIER_LOCATION_EXT = `${EXT}/patient/identifier#location`;
const PERSON_ATTRIBUTE_EXT = `${EXT}/person-attribute`;
const PERSON_ATTRIBUTE_TYPE_EXT = `${EXT}/person-attribute-type`;
const PERSON_ATTRIBUTE_VALUE_EXT = `${EXT}/person-attribute-value`;
const NAME_EXT = `${EXT}/name`;

// ---------------------------------------------------------------- translation

const GENDER: Record<string, string> = { M: 'male', F: 'female', U: 'unknown', O: 'other' };

/** GenderTranslatorImpl: M/F/U/O (any case); anything else is AdministrativeGender.NULL, which is not written. */
function fhirGender(gender: string | null | undefined): string | undefined {
  return gender ? GENDER[gender.toUpperCase()] : undefined;
}

/** BirthDateTranslatorImpl: estimated birth dates lose precision: year when over 5 years old, else month. */
function fhirBirthDate(p: Person, now: number): string | undefined {
  if (!p.birthdate) {
    return undefined;
  }
  if (p.birthdateEstimated) {
    const today = new Date(now).toISOString().slice(0, 10);
    return yearsBetween(p.birthdate, today) > 5 ? p.birthdate.slice(0, 4) : p.birthdate.slice(0, 7);
  }
  return p.birthdate;
}

/** java.time.Period.between(a, b).getYears() for yyyy-mm-dd strings */
function yearsBetween(a: string, b: string): number {
  const [ay, am, ad] = a.split('-').map(Number);
  const [by, bm, bd] = b.split('-').map(Number);
  let years = by - ay;
  if (bm < am || (bm === am && bd < ad)) {
    years--;
  }
  return years;
}

function locationReference(store: Store, uuid: string): Record<string, unknown> | undefined {
  const l = store.locationByUuid(uuid);
  // LocationReferenceTranslatorImpl: a retired location gives no reference
  if (!l || l.retired) {
    return undefined;
  }
  return { reference: `Location/${l.uuid}`, type: 'Location', display: l.name };
}

/** PatientIdentifierTranslatorImpl */
function identifierJson(store: Store, id: PatientIdentifier): Record<string, unknown> {
  const out: Record<string, unknown> = { id: id.uuid };
  if (id.location) {
    const ref = locationReference(store, id.location);
    out.extension = [ref ? { url: IDENTIFIER_LOCATION_EXT, valueReference: ref } : { url: IDENTIFIER_LOCATION_EXT }];
  }
  out.use = id.preferred ? 'official' : 'usual';
  const type = store.db.identifierTypes.find((t) => t.uuid === id.identifierType);
  if (type) {
    // system: FhirPatientIdentifierSystemService url, none configured here
    out.type = { coding: [{ code: type.uuid }], text: type.name };
  }
  out.value = id.identifier;
  return out;
}

/** PersonNameTranslatorImpl: given + middle as given[], family, text = getFullName() */
function nameJson(n: PersonName): Record<string, unknown> {
  const out: Record<string, unknown> = { id: n.uuid };
  if (n.familyName2) {
    out.extension = [{ url: NAME_EXT, extension: [{ url: `${NAME_EXT}#familyName2`, valueString: n.familyName2 }] }];
  }
  out.text = fullName(n);
  if (n.familyName !== null && n.familyName !== undefined) {
    out.family = n.familyName;
  }
  const given = [n.givenName, n.middleName].filter((g): g is string => g !== null && g !== undefined);
  if (given.length) {
    out.given = given;
  }
  return out;
}

/** PersonAttributeTranslatorImpl (fhir2 >= 2.6): String, Boolean and Location attributes as extensions. */
function attributeExtensions(store: Store, p: Person): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const a of p.attributes) {
    if (a.voided) {
      continue;
    }
    const type = store.db.personAttributeTypes.find((t) => t.uuid === a.attributeType);
    if (!type) {
      continue;
    }
    let value: Record<string, unknown> | null = null;
    if (type.format === 'java.lang.String') {
      value = { valueString: a.value };
    } else if (type.format === 'java.lang.Boolean') {
      value = { valueBoolean: a.value === 'true' };
    } else if (type.format === 'org.openmrs.Location') {
      // buildLocationReference: Integer.parseInt(value), so a uuid value gives no extension; retired neither
      const l = /^[-+]?\d+$/.test(a.value) ? store.locationById(Number(a.value)) : undefined;
      const ref = l ? locationReference(store, l.uuid) : undefined;
      value = ref ? { valueReference: ref } : null;
    }
    if (!value) {
      continue;
    }
    out.push({
      url: PERSON_ATTRIBUTE_EXT,
      extension: [
        { url: PERSON_ATTRIBUTE_TYPE_EXT, valueString: type.name },
        { url: PERSON_ATTRIBUTE_VALUE_EXT, ...value },
      ],
    });
  }
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** The fhir2 Patient.html narrative, reduced to the rows this data has. */
function narrative(resource: Record<string, unknown>, p: Person): Record<string, unknown> {
  const row = (label: string, value: string) => `<tr><td>${label}:</td><td>${value}</td></tr>`;
  const ids = (p.patient?.identifiers ?? []).map((i) => `<div>${escapeHtml(i.identifier)}</div>`).join('');
  const names = p.names.map((n) => ` ${escapeHtml(n.givenName)} <b>${escapeHtml((n.familyName ?? '').toUpperCase())} </b>`).join(',');
  let rows = row('Id', `Patient/${p.uuid}`);
  if (ids) {
    rows += row('Identifier', ids);
  }
  if (resource.active) {
    rows += row('Active', 'true');
  }
  if (names) {
    rows += row('Name', names);
  }
  if (resource.gender) {
    rows += row('Gender', String(resource.gender).toUpperCase());
  }
  if (p.birthdate) {
    const [y, m, d] = p.birthdate.split('-');
    rows += row('Birth Date', `${d}/${m}/${y}`);
  }
  rows += row('Deceased', p.dead ? (p.deathDate ? `${p.deathDate}T00:00:00+00:00` : 'true') : 'false');
  return {
    status: 'generated',
    div: `<div xmlns="http://www.w3.org/1999/xhtml"><table class="hapiPropertyTable"><tbody>${rows}</tbody></table></div>`,
  };
}

/** PatientTranslatorImpl.toFhirResource, encoded as HAPI would for the given _summary. */
export function patientResource(store: Store, p: Person, summary: SummaryMode = 'false', now: number = Date.now()): Record<string, unknown> {
  const lastUpdated = p.dateChanged ?? p.dateCreated;
  const meta: Record<string, unknown> = { versionId: String(lastUpdated), lastUpdated: fhirInstant(lastUpdated) };
  if (summary !== 'false') {
    meta.tag = [SUBSETTED_TAG];
  }
  const out: Record<string, unknown> = { resourceType: 'Patient', id: p.uuid, meta };
  const identifiers = (p.patient?.identifiers ?? [])
    .slice()
    // Patient.getActiveIdentifiers(): the preferred one first
    .sort((a, b) => Number(b.preferred) - Number(a.preferred))
    .map((i) => identifierJson(store, i));
  const extensions = attributeExtensions(store, p);
  if (extensions.length && summary !== 'true') {
    out.extension = extensions;
  }
  if (identifiers.length) {
    out.identifier = identifiers;
  }
  out.active = !p.voided;
  if (p.names.length) {
    out.name = p.names.map(nameJson);
  }
  const gender = fhirGender(p.gender);
  if (gender) {
    out.gender = gender;
  }
  const birthDate = fhirBirthDate(p, now);
  if (birthDate) {
    out.birthDate = birthDate;
  }
  if (p.dead && p.deathDate) {
    out.deceasedDateTime = `${p.deathDate}T00:00:00+00:00`;
  } else {
    out.deceasedBoolean = p.dead;
  }
  if (summary === 'false') {
    const text = narrative(out, p);
    // HAPI writes text right after meta
    return { resourceType: out.resourceType, id: out.id, meta, text, ...out };
  }
  return out;
}

// ---------------------------------------------------------------- search parameters

class InvalidRequest extends Error {}

/** A HAPI query value split on unescaped commas (an OR list). */
function orList(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      cur += value[++i];
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

/** MySQL LIKE with the default case-insensitive collation (% and _ are wildcards). */
function like(value: string | null | undefined, pattern: string): boolean {
  if (value === null || value === undefined) {
    return false;
  }
  const re = pattern
    .split('')
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, 'is').test(value);
}

interface StringParam {
  value: string;
  exact: boolean;
  contains: boolean;
}

/** FhirSearchQueryHelper.propertyLike; null = no predicate. MySQL "=" is case-insensitive as well. */
function propertyLike(value: string | null | undefined, p: StringParam): boolean | null {
  if (!p.exact && p.value.trim() === '') {
    return null;
  }
  if (p.exact) {
    return value !== null && value !== undefined && value.toLowerCase() === p.value.toLowerCase();
  }
  return like(value, p.contains ? `%${p.value}%` : `${p.value}%`);
}

/** StringAndListParam for name/given/family: [and][or] */
function stringParams(ctx: Ctx, name: string): StringParam[][] {
  const out: StringParam[][] = [];
  for (const [key, value] of ctx.params.entries()) {
    const [base, modifier] = key.split(':');
    if (base !== name) {
      continue;
    }
    out.push(orList(value).map((v) => ({ value: v, exact: modifier === 'exact', contains: modifier === 'contains' })));
  }
  return out;
}

interface Token {
  system: string | null;
  value: string;
}

function tokenParams(ctx: Ctx, name: string): Token[][] {
  return ctx.params.getAll(name).map((value) =>
    orList(value).map((v) => {
      const bar = v.indexOf('|');
      return bar >= 0 ? { system: v.slice(0, bar), value: v.slice(bar + 1) } : { system: null, value: v };
    }),
  );
}

type Prefix = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

interface DateBound {
  prefix: Prefix;
  /** DateUtils.truncate / DateUtils.ceiling at the value's precision (capped at seconds) */
  start: number;
  end: number;
}

const PREFIX_NAMES: Record<string, string> = {
  sa: 'STARTS_AFTER',
  eb: 'ENDS_BEFORE',
  ap: 'APPROXIMATE',
};

function parseDateValue(raw: string): { start: number; end: number } {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(raw);
  if (!m) {
    throw new InvalidRequest(`Invalid date/time format: "${raw}"`);
  }
  const [, y, mo, d, h, mi, s, tz] = m;
  const year = Number(y);
  if (!mo) {
    return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
  }
  const month = Number(mo) - 1;
  if (!d) {
    return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
  }
  const day = Number(d);
  if (!h) {
    return { start: Date.UTC(year, month, day), end: Date.UTC(year, month, day + 1) };
  }
  let offsetMs = 0;
  if (tz && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  const base = Date.UTC(year, month, day, Number(h), Number(mi), Number(s ?? 0)) - offsetMs;
  // minute precision truncates to the minute; second and finer to the second
  return s === undefined ? { start: base, end: base + 60000 } : { start: base, end: base + 1000 };
}

/** HAPI DateRangeParam.setValuesAsQueryTokens / addParam: at most one lower and one upper bound. */
function dateRange(ctx: Ctx, name: string): DateBound[] {
  let lower: DateBound | null = null;
  let upper: DateBound | null = null;
  for (const raw of ctx.params.getAll(name)) {
    const values = orList(raw);
    if (values.length > 1) {
      throw new InvalidRequest('DateRange parameter does not support OR queries');
    }
    const value = values[0].replace(/ /g, '+');
    if (value === '') {
      continue;
    }
    const pm = /^(eq|ne|gt|ge|lt|le|sa|eb|ap)?(.*)$/.exec(value)!;
    const prefixCode = pm[1] ?? 'eq';
    const { start, end } = parseDateValue(pm[2]);
    if (prefixCode in PREFIX_NAMES) {
      throw new InvalidRequest(`Unknown comparator: ${PREFIX_NAMES[prefixCode]}`);
    }
    const prefix = prefixCode as Prefix;
    if (prefix === 'eq' || prefix === 'ne') {
      if (lower || upper) {
        throw new InvalidRequest('Can not have multiple date range parameters for the same param without a qualifier');
      }
      lower = { prefix, start, end };
      upper = { prefix, start, end };
    } else if (prefix === 'gt' || prefix === 'ge') {
      if (lower) {
        throw new InvalidRequest('Can not have multiple date range parameters for the same param that specify a lower bound');
      }
      lower = { prefix, start, end };
    } else {
      if (upper) {
        throw new InvalidRequest('Can not have multiple date range parameters for the same param that specify an upper bound');
      }
      upper = { prefix, start, end };
    }
  }
  return [lower, upper].filter((b): b is DateBound => b !== null);
}

/**
 * FhirSearchQueryHelper.handleDate, kept as it is: gt behaves as ge (>= start of the day) and lt/le as
 * "<= start of the next day", so birthdate=le2000-01-01 also finds people born on 2000-01-02 (birth dates
 * are stored at midnight).
 */
function dateMatches(ms: number | null, b: DateBound): boolean {
  if (ms === null) {
    return false;
  }
  switch (b.prefix) {
    case 'eq':
      return ms >= b.start && ms < b.end;
    case 'ne':
      return !(ms >= b.start && ms < b.end);
    case 'lt':
    case 'le':
      return ms <= b.end;
    case 'gt':
    case 'ge':
      return ms >= b.start;
  }
}

function dayMs(day: string | null): number | null {
  return day ? Date.parse(`${day}T00:00:00Z`) : null;
}

/** AdministrativeGender.fromCode, then like 'M' / like 'F' / is null, or a plain LIKE for other codes. */
function genderMatches(gender: string | null | undefined, code: string): boolean {
  const isNull = gender === null || gender === undefined;
  switch (code) {
    case 'male':
      return like(gender, 'M');
    case 'female':
      return like(gender, 'F');
    case '':
    case 'other':
    case 'unknown':
      // fhir2 maps other/unknown to "gender is null", not to O / U
      return isNull;
    default:
      return like(gender, code);
  }
}

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
  const unknown = [...new Set(ctx.params.keys())].filter((k) => !k.startsWith('_') && !SEARCH_PARAMS.has(k.split(':')[0]));
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
        .flatMap((sp) => [propertyLike(n.givenName, sp), propertyLike(n.middleName, sp), propertyLike(n.familyName, sp)])
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
    return { status: 200, headers: FHIR_HEADERS, body: patientResource(ctx.store, p, summary) };
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
        .map((p) => ({ fullUrl: `${fhirBase}/Patient/${p.uuid}`, resource: patientResource(ctx.store, p, pageSummary) }));
    },
  };
  return searchBundle(ctx, fhirBase, 'Patient', provider);
}
