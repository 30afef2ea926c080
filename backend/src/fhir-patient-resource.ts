/**
 * The FHIR R4 Patient resource as fhir2's PatientTranslatorImpl and its child translators make it.
 */
import { fhirInstant, SUBSETTED_TAG, type SummaryMode } from './fhir-paging';
import type { PatientIdentifier, Person, PersonName } from './model';
import { fullName } from './rest/person';
import type { Store } from './store';
import { DEFAULT_FHIR2_VERSION, versionAtLeast } from './versions';

const EXT = 'http://fhir.openmrs.org/ext';
const IDENTIFIER_LOCATION_EXT = `${EXT}/patient/identifier#location`;
const PERSON_ATTRIBUTE_EXT = `${EXT}/person-attribute`;
const PERSON_ATTRIBUTE_TYPE_EXT = `${EXT}/person-attribute-type`;
const PERSON_ATTRIBUTE_VALUE_EXT = `${EXT}/person-attribute-value`;
const NAME_EXT = `${EXT}/name`;

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

/**
 * PersonAttributeTranslatorImpl (FM2-126, fhir2 2.6.0 and later; PatientTranslatorImpl adds none before):
 * String, Boolean and Location attributes as extensions holding the type's name and the value.
 */
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
  const names = p.names
    .map((n) => ` ${escapeHtml(n.givenName)} <b>${escapeHtml((n.familyName ?? '').toUpperCase())} </b>`)
    .join(',');
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

/**
 * PatientTranslatorImpl.toFhirResource, encoded as HAPI would for the given _summary. `fhir2Version`
 * decides whether person attributes are extensions (2.6.0 and later).
 */
export function patientResource(
  store: Store,
  p: Person,
  summary: SummaryMode = 'false',
  { fhir2Version = DEFAULT_FHIR2_VERSION, now = Date.now() }: { fhir2Version?: string; now?: number } = {},
): Record<string, unknown> {
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
  const extensions = versionAtLeast(fhir2Version, '2.6.0') ? attributeExtensions(store, p) : [];
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
