/**
 * Patient rows from FHIR Patient resources alone. From fhir2 2.6.0 (FM2-126) PatientTranslatorImpl puts
 * every person attribute on the Patient as an extension (PersonAttributeTranslatorImpl), so a FHIR list
 * page holds each patient's location and no per-patient REST read is needed.
 */
import { versionAtLeast, type RestClient } from '../common/rest-client';
import { readLocationValue, type PatientRow, type RestAttribute } from './patient-rows';

const EXT = 'http://fhir.openmrs.org/ext';
/** FhirConstants.OPENMRS_FHIR_EXT_PERSON_ATTRIBUTE and its two nested extensions */
const PERSON_ATTRIBUTE_EXT = `${EXT}/person-attribute`;
const PERSON_ATTRIBUTE_TYPE_EXT = `${EXT}/person-attribute-type`;
const PERSON_ATTRIBUTE_VALUE_EXT = `${EXT}/person-attribute-value`;
/** FhirConstants.OPENMRS_FHIR_EXT_PATIENT_IDENTIFIER_LOCATION */
const IDENTIFIER_LOCATION_EXT = `${EXT}/patient/identifier#location`;

interface FhirReference {
  reference?: string;
  display?: string;
}

interface FhirExtension {
  url?: string;
  valueString?: string;
  valueReference?: FhirReference;
  extension?: FhirExtension[];
}

export interface FhirPatient {
  id?: string;
  extension?: FhirExtension[];
  identifier?: Array<{ value?: string; extension?: FhirExtension[] }>;
  name?: Array<{ text?: string; given?: string[]; family?: string } | null>;
  gender?: string;
  birthDate?: string;
  deceasedBoolean?: boolean;
  deceasedDateTime?: string;
}

const fhir2Versions = new WeakMap<RestClient, Promise<string | null>>();

/**
 * The fhir2 module's version (GET /module/fhir2), read once per client; null when the module is not
 * there or the version cannot be read, which is asked again next time.
 */
export function fhir2ModuleVersion(client: RestClient): Promise<string | null> {
  let known = fhir2Versions.get(client);
  if (!known) {
    known = client
      .get<{ version?: unknown }>('/module/fhir2?v=custom:(uuid,version)')
      .then((module) => (typeof module?.version === 'string' ? module.version : null))
      .catch(() => null)
      .then((version) => {
        if (version === null) {
          fhir2Versions.delete(client);
        }
        return version;
      });
    fhir2Versions.set(client, known);
  }
  return known;
}

/**
 * Whether FHIR Patient resources carry the person attributes (fhir2 2.6.0 and later). Decided from the
 * version, never from whether extensions appear: a patient without attributes has none on any version.
 */
export async function fhirPatientsCarryAttributes(client: RestClient): Promise<boolean> {
  return versionAtLeast(await fhir2ModuleVersion(client), '2.6.0');
}

const uuidOfReference = (reference: FhirReference | undefined) => /^Location\/([^/]+)$/.exec(reference?.reference ?? '')?.[1];

/**
 * The patient's attribute of this type as REST would give it: a String value as it is (LBAC's uuid),
 * a Location reference as `{ uuid, display }` (the app's Location-format type). The extension names the
 * type by its name (PersonAttributeTranslatorImpl.createPersonAttributeExtension), not its uuid.
 */
function attributeNamed(patient: FhirPatient, typeName: string): RestAttribute | null {
  for (const attribute of patient.extension ?? []) {
    if (attribute.url !== PERSON_ATTRIBUTE_EXT) {
      continue;
    }
    const type = attribute.extension?.find((e) => e.url === PERSON_ATTRIBUTE_TYPE_EXT)?.valueString;
    const value = attribute.extension?.find((e) => e.url === PERSON_ATTRIBUTE_VALUE_EXT);
    if (type !== typeName || !value) {
      continue;
    }
    if (value.valueReference) {
      const uuid = uuidOfReference(value.valueReference);
      return { uuid: '', value: { uuid, display: value.valueReference.display } };
    }
    return { uuid: '', value: value.valueString ?? null };
  }
  return null;
}

const GENDER: Record<string, string> = { male: 'M', female: 'F', other: 'O', unknown: 'U' };

/**
 * Person.getAge: whole years from the birth date to today, or to the death date when earlier. fhir2
 * sends an estimated birth date as a year or a month only (BirthDateTranslatorImpl); the missing parts
 * count as the first, so such an age may be a year more than REST's.
 */
export function ageOn(birthDate: string | undefined, deceasedDateTime: string | undefined, now: Date): number | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(birthDate ?? '');
  if (!m) {
    return null;
  }
  const death = deceasedDateTime ? new Date(deceasedDateTime) : null;
  const end = death && !Number.isNaN(death.getTime()) && death < now ? death : now;
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  let age = end.getFullYear() - year;
  if (end.getMonth() + 1 < month || (end.getMonth() + 1 === month && end.getDate() < day)) {
    age--;
  }
  return age;
}

/** Whether fhir2 sent the birth date to the day; an estimated one comes as a year or a month. */
export function hasFullBirthDate(patient: FhirPatient): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(patient.birthDate ?? '');
}

/** The row REST's toPatientRow would make, from the FHIR Patient (fhir2 2.6.0 and later). */
export function fhirPatientRow(
  patient: FhirPatient & { id: string },
  attributeTypeName: string | null,
  knownLocations: Set<string>,
  now: Date = new Date(),
): PatientRow {
  const identifiers = patient.identifier ?? [];
  const name = patient.name?.find((n) => n?.text || n?.family || n?.given?.length);
  return {
    uuid: patient.id,
    name: name?.text || [...(name?.given ?? []), name?.family ?? ''].join(' ').trim() || patient.id,
    identifiers: identifiers.map((i) => i.value ?? '').filter(Boolean),
    identifierLocations: [
      ...new Set(
        identifiers
          .map((i) => uuidOfReference(i.extension?.find((e) => e.url === IDENTIFIER_LOCATION_EXT)?.valueReference) ?? '')
          .filter(Boolean),
      ),
    ],
    gender: (patient.gender && GENDER[patient.gender]) ?? null,
    age: ageOn(patient.birthDate, patient.deceasedDateTime, now),
    dead: Boolean(patient.deceasedBoolean || patient.deceasedDateTime),
    location: readLocationValue(attributeTypeName ? attributeNamed(patient, attributeTypeName) : null, knownLocations),
  };
}
