import { createHash } from 'node:crypto';
import {
  DB_VERSION,
  type Audit,
  type Db,
  type GlobalProperty,
  type Location,
  type Person,
  type PersonAttribute,
  type Privilege,
  type Retirable,
  type Role,
  type User,
} from './model';

/** Deterministic data: same PRNG seed, same uuids and names; dates are relative to `now`. */

export const ADMIN_UUID = '45ce6c2e-dd5a-11e6-9d9c-0242ac150002';
export const ADMIN_PERSON_UUID = '24252571-dd5a-11e6-9d9c-0242ac150002';
export const CLERK_UUID = 'c1e5c1e5-0000-4000-8000-00000000c1e5';
export const SYSADMIN_UUID = '5a5ad000-0000-4000-8000-0000005a5ad0';
export const OUTPATIENT_CLINIC_UUID = '44c3efb0-2583-4c80-a79e-1f756a03c0a1';
export const INPATIENT_WARD_UUID = 'ba685651-ed3b-4e63-a4a9-6b41ebf6b4d5';
export const UNKNOWN_LOCATION_UUID = '8d6c993e-c2cc-11de-8d13-0010c6dffd0f';
export const AMANI_HOSPITAL_UUID = 'aff27d58-a15c-49a6-9beb-d30dcfc0c66e';
export const LOGIN_LOCATION_TAG_UUID = 'b8bbf83e-645f-451f-8efe-a0db56f09676';
export const OPENMRS_ID_TYPE_UUID = '05a29f94-c0ed-11e2-94be-8c13b969e334';
export const TELEPHONE_ATTR_TYPE_UUID = '14d4f066-15f5-102d-96e4-000c29c2a5d7';
export const HEALTH_CENTER_ATTR_TYPE_UUID = '8d87236c-c2cc-11de-8d13-0010c6dffd0f';
export const SEED_PASSWORD = 'Password123';
export const ADMIN_PASSWORD = 'Admin123';
export const CLERK_PASSWORD = 'Clerk123';
/** An administrator who is not a System Developer: may edit only users whose role privileges it holds */
export const USERADMIN_UUID = 'a5e4ad00-0000-4000-8000-00000a5e4ad0';
export const USERADMIN_PASSWORD = 'Useradmin123';
export const USERADMIN_ROLE = 'Organizational: User Administrator';
export const DAY = 24 * 60 * 60 * 1000;

export function mulberry32(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX = '0123456789abcdef';

function uuidGen(rng: () => number): () => string {
  return () => {
    let s = '';
    for (let i = 0; i < 32; i++) {
      let n = Math.floor(rng() * 16);
      if (i === 12) {
        n = 4;
      } else if (i === 16) {
        n = 8 + (n % 4);
      }
      s += HEX[n];
      if (i === 7 || i === 11 || i === 15 || i === 19) {
        s += '-';
      }
    }
    return s;
  };
}

/** The check digit OpenMRS appends to generated system ids (Luhn mod 10). */
export function luhnDigit(base: string): number {
  let sum = 0;
  const digits = base.split('').reverse();
  digits.forEach((c, i) => {
    let d = Number(c);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) {
        d -= 9;
      }
    }
    sum += d;
  });
  return (10 - (sum % 10)) % 10;
}

const MOD30 = '0123456789ACDEFGHJKLMNPRTUVWXY';
/** OpenMRS ID check character (idgen LuhnMod30IdentifierValidator). */
function luhnMod30(base: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = base.length - 1; i >= 0; i--) {
    const code = MOD30.indexOf(base[i]);
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / 30) + (addend % 30);
    sum += addend;
  }
  return MOD30[(30 - (sum % 30)) % 30];
}

const GIVEN_F = [
  'Amina', 'Grace', 'Fatuma', 'Mary', 'Achieng', 'Wanjiru', 'Esther', 'Sarah', 'Aisha', 'Zawadi', 'Neema', 'Priya',
  'Maria', 'Ana', 'Sofia', 'Chloe', 'Emily', 'Nadia', 'Leila', 'Joy', 'Faith', 'Mercy', 'Rose', 'Halima', 'Imani',
  'Lucia', 'Elena', 'Ruth', 'Naledi', 'Thandiwe', 'Yetunde', 'Chiamaka', 'Hannah', 'Olivia', 'Beatrice',
];
const GIVEN_M = [
  'John', 'Joseph', 'Peter', 'David', 'Daniel', 'Samuel', 'Moses', 'Brian', 'Kevin', 'Otieno', 'Kamau', 'Juma',
  'Musa', 'Ahmed', 'Carlos', 'Luis', 'Mateo', 'Rahul', 'Arjun', 'Tomas', 'James', 'Michael', 'Emmanuel', 'Isaac',
  'Paul', 'Simon', 'George', 'Francis', 'Tendai', 'Kwame', 'Chinedu', 'Omar', 'Yusuf', 'Liam', 'Noah',
];
const FAMILY = [
  'Otieno', 'Wanjiku', 'Mwangi', 'Kamau', 'Odhiambo', 'Njoroge', 'Mutua', 'Kiprono', 'Chebet', 'Akinyi', 'Okafor',
  'Adeyemi', 'Mensah', 'Banda', 'Phiri', 'Moyo', 'Dlamini', 'Nkosi', 'Hassan', 'Mohamed', 'Ali', 'Abdi', 'Garcia',
  'Rodriguez', 'Lopez', 'Martinez', 'Silva', 'Santos', 'Patel', 'Sharma', 'Singh', 'Kumar', 'Nguyen', 'Tran',
  'Smith', 'Johnson', 'Brown', 'Williams', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Anderson', 'Thomas',
  'Mugisha', 'Uwimana', 'Habimana', 'Niyonzima', 'Tesfaye', 'Bekele', 'Haile', 'Kebede', 'Ochieng', 'Wekesa',
];
const MIDDLE = ['', '', '', 'A.', 'Marie', 'James', 'Wairimu', 'Kipchoge', 'Lee', 'Rose', 'Ann', 'Paul'];

export const CORE_PRIVILEGES = [
  'Add Allergies', 'Add Encounters', 'Add Observations', 'Add Orders', 'Add Patient Identifiers', 'Add Patient Programs',
  'Add Patients', 'Add People', 'Add Relationships', 'Add Users', 'Add Visits', 'Delete Encounters', 'Delete Patients',
  'Delete People', 'Delete Users', 'Edit Allergies', 'Edit Encounters', 'Edit Observations', 'Edit Orders',
  'Edit Patient Identifiers', 'Edit Patient Programs', 'Edit Patients', 'Edit People', 'Edit Relationships',
  'Edit User Passwords', 'Edit Users', 'Edit Visits', 'Get Allergies', 'Get Care Settings', 'Get Concepts',
  'Get Encounter Roles', 'Get Encounter Types', 'Get Encounters', 'Get Forms', 'Get Global Properties',
  'Get Identifier Types', 'Get Location Attribute Types', 'Get Locations', 'Get Observations', 'Get Order Types',
  'Get Orders', 'Get Patient Cohorts', 'Get Patient Identifiers', 'Get Patient Programs', 'Get Patients', 'Get People',
  'Get Person Attribute Types', 'Get Privileges', 'Get Problems', 'Get Programs', 'Get Providers',
  'Get Relationship Types', 'Get Relationships', 'Get Roles', 'Get Users', 'Get Visit Attribute Types',
  'Get Visit Types', 'Get Visits', 'Manage Concepts', 'Manage Encounter Types', 'Manage Forms',
  'Manage Global Properties', 'Manage Identifier Types', 'Manage Location Attribute Types', 'Manage Location Tags',
  'Manage Locations', 'Manage Modules', 'Manage Person Attribute Types', 'Manage Privileges', 'Manage Providers',
  'Manage Roles', 'Manage Scheduler', 'Manage Visit Types', 'Patient Dashboard - View Patient Summary',
  'Purge Global Properties', 'Purge People', 'Purge Person Attribute Types', 'Purge Privileges', 'Purge Roles',
  'Purge Users', 'View Administration Functions', 'View Navigation Menu',
];

const ROLE_DEFS: Array<{ name: string; description: string; privileges: string[]; inherits: string[] }> = [
  { name: 'Anonymous', description: 'Privileges for non-authenticated users.', privileges: [], inherits: [] },
  {
    name: 'Authenticated',
    description: 'Privileges gained once authentication has been established.',
    privileges: ['View Navigation Menu', 'Get Locations', 'Get Global Properties'],
    inherits: [],
  },
  {
    name: 'System Developer',
    description: 'Developers of the OpenMRS .. has additional access to change fundamental structure of the database model.',
    privileges: [],
    inherits: [],
  },
  {
    name: 'Provider',
    description: 'All users with the \'Provider\' role will appear as options in the default Infopath ',
    privileges: ['Get Patients', 'Get People', 'Get Encounters', 'Get Visits', 'Get Providers', 'Get Concepts', 'Get Observations'],
    inherits: [],
  },
  {
    name: 'Application: Registers Patients',
    description: 'Registers new patients and edits demographics',
    privileges: [
      'Get Patients', 'Add Patients', 'Edit Patients', 'Get People', 'Add People', 'Edit People', 'Get Identifier Types',
      'Get Person Attribute Types', 'Get Patient Identifiers', 'Add Patient Identifiers', 'Get Locations', 'Get Visits',
      'Add Visits', 'Get Visit Types',
    ],
    inherits: [],
  },
  {
    name: 'Application: Sees Patient Chart',
    description: 'Views the patient chart',
    privileges: [
      'Get Patients', 'Get People', 'Get Encounters', 'Get Visits', 'Get Observations', 'Get Concepts', 'Get Allergies',
      'Get Problems', 'Get Orders', 'Get Patient Programs', 'Patient Dashboard - View Patient Summary',
    ],
    inherits: [],
  },
  {
    name: 'Application: Enters Vitals',
    description: 'Enters vitals and biometrics',
    privileges: ['Add Encounters', 'Add Observations', 'Get Encounter Types', 'Get Visit Types', 'Add Visits'],
    inherits: [],
  },
  {
    name: 'Application: Writes Clinical Notes',
    description: 'Writes visit notes',
    privileges: ['Add Encounters', 'Edit Encounters', 'Add Observations', 'Edit Observations', 'Add Orders', 'Edit Orders'],
    inherits: [],
  },
  {
    name: 'Application: Administers System',
    description: 'Administers users, locations and settings',
    privileges: [
      'Get Users', 'Add Users', 'Edit Users', 'Edit User Passwords', 'Get Roles', 'Get Privileges', 'Manage Roles',
      'Manage Privileges', 'Get Global Properties', 'Manage Global Properties', 'Manage Scheduler', 'Get Locations',
      'Manage Locations', 'Manage Location Tags', 'Get Person Attribute Types', 'Manage Person Attribute Types',
      'Get People', 'Edit People', 'Add People', 'Get Patients', 'Edit Patients', 'Manage Modules',
      'View Administration Functions', 'Get Providers', 'Manage Providers', 'Get Identifier Types',
    ],
    inherits: [],
  },
  {
    name: 'Organizational: Doctor',
    description: 'Clinician',
    privileges: [],
    inherits: ['Provider', 'Application: Sees Patient Chart', 'Application: Writes Clinical Notes', 'Application: Enters Vitals'],
  },
  {
    name: 'Organizational: Nurse',
    description: 'Nurse',
    privileges: [],
    inherits: ['Provider', 'Application: Sees Patient Chart', 'Application: Enters Vitals'],
  },
  {
    name: 'Organizational: Registration Clerk',
    description: 'Front desk',
    privileges: [],
    inherits: ['Application: Registers Patients'],
  },
  {
    name: 'Organizational: System Administrator',
    description: 'Administers the system',
    privileges: [],
    inherits: ['Application: Administers System'],
  },
  {
    name: 'Organizational: Hospital Administrator',
    description: 'Runs the hospital',
    privileges: ['Get Users'],
    inherits: ['Organizational: System Administrator', 'Organizational: Registration Clerk'],
  },
  {
    name: 'Organizational: Developer',
    description: 'Implementation developers (inherits System Developer)',
    privileges: [],
    inherits: ['System Developer'],
  },
];

const LOCATION_DEFS: Array<{ name: string; uuid?: string; tags: string[]; parent?: boolean; retired?: boolean; description?: string }> = [
  { name: 'Amani Hospital', uuid: AMANI_HOSPITAL_UUID, tags: ['Visit Location'], parent: true, description: 'Main hospital' },
  { name: 'Outpatient Clinic', uuid: OUTPATIENT_CLINIC_UUID, tags: ['Login Location', 'Visit Location'] },
  { name: 'Inpatient Ward', uuid: INPATIENT_WARD_UUID, tags: ['Login Location', 'Admission Location'] },
  { name: 'Pharmacy', tags: ['Login Location'] },
  { name: 'Laboratory', tags: ['Login Location'] },
  { name: 'Registration Desk', tags: ['Login Location'] },
  { name: 'Isolation Ward', tags: ['Login Location', 'Admission Location'] },
  { name: 'Maternity Ward', tags: ['Login Location', 'Admission Location'] },
  { name: 'Emergency Department', tags: ['Login Location'] },
  { name: 'Community Outreach', tags: ['Login Location'] },
  { name: 'Mobile Clinic', tags: ['Login Location'] },
  { name: 'Radiology', tags: [] },
  { name: 'Unknown Location', uuid: UNKNOWN_LOCATION_UUID, tags: [] },
  { name: 'Old Annex', tags: ['Login Location'], retired: true, description: 'Closed in 2023' },
];

const TAG_DEFS = [
  {
    name: 'Login Location',
    uuid: LOGIN_LOCATION_TAG_UUID,
    description: 'When a user logs in and chooses a session location, they may only choose one with this tag',
  },
  { name: 'Visit Location', description: 'Visits are only allowed to happen at locations tagged with this location tag or at locations that descend from a location tagged with this tag.' },
  { name: 'Admission Location', description: 'Patients may only be admitted to inpatient care in a location with this tag' },
  { name: 'Transfer Location', description: 'Patients may only be transfer to inpatient care in a location with this tag' },
];

export function seed(options: { scale: 'default' | 'large'; now: number }): Db {
  const { now, scale } = options;
  const rng = mulberry32(20240626);
  const uuid = uuidGen(rng);
  const pick = <T>(list: T[]): T => list[Math.floor(rng() * list.length)];
  const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
  let nextId = 1;
  const audit = (dateCreated: number, creator: string | null = ADMIN_UUID): Audit => ({
    creator,
    dateCreated,
    changedBy: null,
    dateChanged: null,
  });
  const notRetired = (): Retirable => ({ retired: false, retiredBy: null, dateRetired: null, retireReason: null });
  const installDate = now - 1500 * DAY;

  const privileges: Privilege[] = CORE_PRIVILEGES.map((name) => ({
    uuid: uuid(),
    name,
    description: `Able to ${name.toLowerCase()}`,
    ...audit(installDate, null),
    ...notRetired(),
  }));
  // PrivilegeConstants.MANAGE_ALERTS (@AddOnStartup); a fixed uuid, so the seeded PRNG draws what it drew before
  privileges.push({
    uuid: '5b3f0f36-7b1e-4f0e-9a51-6c1d2a0b7e41',
    name: 'Manage Alerts',
    description: 'Able to add/edit/delete user alerts',
    ...audit(installDate, null),
    ...notRetired(),
  });

  const roles: Role[] = ROLE_DEFS.map((r) => ({
    uuid: r.name === 'System Developer' ? '8d94f852-c2cc-11de-8d13-0010c6dffd0f' : uuid(),
    name: r.name,
    description: r.description,
    privileges: r.privileges,
    inheritedRoles: r.inherits,
    ...audit(installDate, null),
    ...notRetired(),
  }));

  const locationTags = TAG_DEFS.map((t) => ({
    uuid: t.uuid ?? uuid(),
    name: t.name,
    description: t.description,
    ...audit(installDate),
    ...notRetired(),
  }));
  const tagUuid = (name: string) => locationTags.find((t) => t.name === name)!.uuid;

  const locations: Location[] = LOCATION_DEFS.map((l) => ({
    id: nextId++,
    uuid: l.uuid ?? uuid(),
    name: l.name,
    description: l.description ?? null,
    address1: null,
    address2: null,
    cityVillage: 'Eldoret',
    stateProvince: 'Uasin Gishu',
    country: 'Kenya',
    postalCode: '30100',
    countyDistrict: null,
    latitude: null,
    longitude: null,
    tags: l.tags.map(tagUuid),
    parent: null,
    ...audit(installDate),
    ...(l.retired
      ? { retired: true, retiredBy: ADMIN_UUID, dateRetired: now - 300 * DAY, retireReason: 'Closed' }
      : notRetired()),
  }));
  for (const loc of locations) {
    if (loc.uuid !== AMANI_HOSPITAL_UUID && loc.name !== 'Unknown Location') {
      loc.parent = AMANI_HOSPITAL_UUID;
    }
  }
  const loginLocations = locations.filter((l) => !l.retired && l.tags.includes(LOGIN_LOCATION_TAG_UUID));

  const persons: Person[] = [];
  const users: User[] = [];
  const providers: Db['providers'] = [];

  const makePerson = (
    given: string,
    family: string,
    gender: string,
    created: number,
    extra: Partial<Person> = {},
    middle: string | null = null,
    personUuid?: string,
  ): Person => {
    const p: Person = {
      id: nextId++,
      uuid: personUuid ?? uuid(),
      gender,
      birthdate: null,
      birthdateEstimated: false,
      dead: false,
      deathDate: null,
      names: [{ uuid: uuid(), givenName: given, middleName: middle, familyName: family, familyName2: null, preferred: true }],
      attributes: [],
      patient: null,
      ...audit(created),
      voided: false,
      voidedBy: null,
      dateVoided: null,
      voidReason: null,
      ...extra,
    };
    persons.push(p);
    return p;
  };

  const usedUsernames = new Set<string>();
  const seedSalt = 'c0ffee00';
  const seedHash = createHash('sha512').update(SEED_PASSWORD + seedSalt).digest('hex');

  const makeUser = (u: {
    uuid?: string;
    personUuid?: string;
    username: string;
    systemId?: string;
    given: string;
    middle?: string | null;
    family: string;
    gender: string;
    roles: string[];
    created: number;
    lastLogin: number | null;
    password?: string;
    props?: Record<string, string>;
    provider?: boolean;
  }): User => {
    const person = makePerson(u.given, u.family, u.gender, u.created, {}, u.middle ?? null, u.personUuid);
    const id = nextId++;
    const salt = u.password ? `s${id}` : seedSalt;
    const props: Record<string, string> = { ...u.props };
    if (u.lastLogin !== null) {
      props.lastLoginTimestamp = String(Math.floor(u.lastLogin));
      props.loginAttempts = '0';
    }
    usedUsernames.add(u.username);
    const user: User = {
      id,
      uuid: u.uuid ?? uuid(),
      username: u.username,
      systemId: u.systemId ?? `${id}-${luhnDigit(String(id))}`,
      email: null,
      person: person.uuid,
      salt,
      passwordHash: u.password ? createHash('sha512').update(u.password + salt).digest('hex') : seedHash,
      userProperties: props,
      roles: u.roles,
      proficientLocales: [],
      ...audit(u.created),
      ...notRetired(),
    };
    users.push(user);
    if (u.provider) {
      providers.push({
        uuid: uuid(),
        identifier: `PRV-${String(providers.length + 1).padStart(4, '0')}`,
        person: person.uuid,
        ...audit(u.created),
        ...notRetired(),
      });
    }
    return user;
  };

  // --- fixed accounts ---
  makeUser({
    uuid: ADMIN_UUID,
    personUuid: ADMIN_PERSON_UUID,
    username: 'admin',
    systemId: 'admin',
    given: 'Super',
    family: 'User',
    gender: 'M',
    roles: ['System Developer', 'Provider'],
    created: installDate,
    lastLogin: now - 1 * DAY,
    password: ADMIN_PASSWORD,
    props: { defaultLocation: OUTPATIENT_CLINIC_UUID },
    provider: true,
  });
  users[0].creator = null;
  makeUser({
    uuid: CLERK_UUID,
    username: 'clerk',
    given: 'Rita',
    family: 'Kiprotich',
    gender: 'F',
    roles: ['Organizational: Registration Clerk'],
    created: now - 700 * DAY,
    lastLogin: now - 3 * DAY,
    password: CLERK_PASSWORD,
    props: { defaultLocation: tagless(loginLocations, 'Registration Desk') },
  });
  makeUser({
    uuid: SYSADMIN_UUID,
    username: 'sysadmin',
    given: 'Samuel',
    family: 'Ndegwa',
    gender: 'M',
    roles: ['Organizational: System Administrator'],
    created: now - 900 * DAY,
    lastLogin: now - 2 * DAY,
    props: { defaultLocation: OUTPATIENT_CLINIC_UUID },
  });
  makeUser({
    username: 'maximiliana.montgomery',
    given: 'Maximiliana Wilhelmina Alexandrina',
    middle: 'Evangelina Josephine',
    family: 'Montgomery-Fitzwilliam-Oyelaran-Nakamura-Van Der Westhuizen',
    gender: 'F',
    roles: ['Organizational: Nurse'],
    created: now - 500 * DAY,
    lastLogin: now - 12 * DAY,
    provider: true,
  });
  makeUser({
    username: 'devops',
    given: 'Dev',
    family: 'Ops',
    gender: 'M',
    roles: ['Organizational: Developer'],
    created: now - 800 * DAY,
    lastLogin: now - 390 * DAY,
  });
  // demo accounts of the three kinds
  makeUser({ username: 'demo.nurse', given: 'Nurse', family: 'Test Account', gender: 'F', roles: ['Organizational: Nurse'], created: now - 30 * DAY, lastLogin: now - 5 * DAY });
  makeUser({ username: 'demo.clerk', given: 'Clerk', family: 'Test Account', gender: 'M', roles: ['Organizational: Registration Clerk'], created: now - 10 * DAY, lastLogin: null });
  makeUser({ username: 'test-doctor', given: 'Trial', family: 'Doctor', gender: 'F', roles: ['Organizational: Doctor'], created: now - 20 * DAY, lastLogin: now - 1 * DAY });
  makeUser({ username: 'test-pharmacist', given: 'Trial', family: 'Pharmacist', gender: 'M', roles: ['Provider'], created: now - 60 * DAY, lastLogin: now - 40 * DAY });
  makeUser({ username: 'visitor1', systemId: '9-1', given: 'Visiting', family: 'Trainee', gender: 'F', roles: ['Provider'], created: now - 15 * DAY, lastLogin: now - 4 * DAY });
  makeUser({ username: 'visitor2', systemId: '99-2', given: 'Visiting', family: 'Student', gender: 'M', roles: ['Provider'], created: now - 8 * DAY, lastLogin: now - 0.5 * DAY });
  makeUser({ username: 'visitor3', systemId: '999-3', given: 'Visiting', family: 'Consultant', gender: 'M', roles: ['Organizational: Doctor'], created: now - 3 * DAY, lastLogin: null });

  // --- generated staff ---
  const userCount = scale === 'large' ? 10000 : 300;
  const roleMix: Array<[string[], number, boolean]> = [
    [['Organizational: Nurse'], 0.35, true],
    [['Organizational: Doctor'], 0.25, true],
    [['Organizational: Registration Clerk'], 0.2, false],
    [['Provider'], 0.1, true],
    [['Organizational: System Administrator'], 0.04, false],
    [['Organizational: Hospital Administrator'], 0.03, false],
    [['Organizational: Nurse', 'Organizational: Registration Clerk'], 0.03, true],
  ];
  let neverLogged = 0;
  let retiredCount = 0;
  const retiredTarget = scale === 'large' ? 300 : 10;
  const neverTarget = scale === 'large' ? 600 : 20;
  while (users.length < userCount) {
    const female = rng() < 0.5;
    const given = pick(female ? GIVEN_F : GIVEN_M);
    const family = pick(FAMILY);
    const middle = pick(MIDDLE) || null;
    let base = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '');
    let username = base;
    let n = 1;
    while (usedUsernames.has(username)) {
      username = `${base}${++n}`;
    }
    base = username;
    let r = rng();
    let mix = roleMix[0];
    for (const m of roleMix) {
      if (r < m[1]) {
        mix = m;
        break;
      }
      r -= m[1];
    }
    const never = neverLogged < neverTarget && rng() < 0.08;
    const lastLoginDaysAgo = never ? null : Math.pow(rng(), 1.6) * 400;
    const created = never
      ? now - (pick([5, 20, 45, 80, 95, 120, 200, 365, 500]) + rng()) * DAY
      : now - ((lastLoginDaysAgo ?? 0) + 30 + rng() * 900) * DAY;
    if (never) {
      neverLogged++;
    }
    const props: Record<string, string> = {};
    if (rng() < 0.6) {
      props.defaultLocation = pick(loginLocations).uuid;
    }
    if (rng() < 0.15) {
      const locs = new Set([pick(loginLocations).uuid, pick(loginLocations).uuid]);
      props.locationUuid = [...locs].join(',');
    }
    const user = makeUser({
      username,
      given,
      middle,
      family,
      gender: female ? 'F' : 'M',
      roles: mix[0],
      created,
      lastLogin: lastLoginDaysAgo === null ? null : now - lastLoginDaysAgo * DAY,
      props,
      provider: mix[2],
    });
    if (retiredCount < retiredTarget && rng() < 0.05) {
      retiredCount++;
      const inactive = rng() < 0.5;
      user.retired = true;
      user.retiredBy = ADMIN_UUID;
      user.dateRetired = now - int(1, 200) * DAY;
      user.retireReason = inactive ? 'User retired due to inactivity' : pick(['Left the organisation', 'Contract ended', 'Duplicate account']);
    }
  }

  // --- person attribute types ---
  const pat = (
    name: string,
    description: string,
    format: string,
    sortWeight: number,
    fixedUuid?: string,
    foreignKey: number | null = null,
  ) => ({
    id: nextId++,
    uuid: fixedUuid ?? uuid(),
    name,
    description,
    format,
    foreignKey,
    sortWeight,
    searchable: false,
    editPrivilege: null,
    ...audit(installDate),
    ...notRetired(),
  });
  const personAttributeTypes = [
    pat('Race', 'Group of persons related by common descent or heredity', 'java.lang.String', 1, '8d871386-c2cc-11de-8d13-0010c6dffd0f'),
    pat('Birthplace', 'Location of persons birth', 'java.lang.String', 2, '8d8718c2-c2cc-11de-8d13-0010c6dffd0f'),
    pat('Citizenship', 'Country of which this person is a member', 'java.lang.String', 3, '8d871afc-c2cc-11de-8d13-0010c6dffd0f'),
    pat("Mother's Name", 'First or last name of this person\'s mother', 'java.lang.String', 4, '8d871d18-c2cc-11de-8d13-0010c6dffd0f'),
    pat('Civil Status', 'Marriage status of this person', 'org.openmrs.Concept', 5, '8d871f2a-c2cc-11de-8d13-0010c6dffd0f', 1054),
    pat('Health District', 'District/region in which this patient\' home health center resides', 'java.lang.String', 6, '8d872150-c2cc-11de-8d13-0010c6dffd0f'),
    pat('Health Center', 'Specific Location of this person\'s home health center.', 'org.openmrs.Location', 7, HEALTH_CENTER_ATTR_TYPE_UUID),
    pat('Telephone Number', 'The telephone number for the person', 'java.lang.String', 8, TELEPHONE_ATTR_TYPE_UUID),
    pat('Email', 'Email address of the person', 'java.lang.String', 9),
  ];

  // --- patients ---
  const patientCount = scale === 'large' ? 20000 : 2000;
  const attr = (type: string, value: string, created: number): PersonAttribute => ({
    uuid: uuid(),
    attributeType: type,
    value,
    ...audit(created),
    voided: false,
    voidedBy: null,
    dateVoided: null,
    voidReason: null,
  });
  for (let i = 0; i < patientCount; i++) {
    const female = rng() < 0.52;
    const created = now - rng() * 1400 * DAY;
    const birth = new Date(now - (rng() * 85 * 365 + 30) * DAY).toISOString().slice(0, 10);
    const dead = rng() < 0.01;
    const location = pick(loginLocations).uuid;
    const base = String(100000 + i * 7).toUpperCase();
    const person = makePerson(pick(female ? GIVEN_F : GIVEN_M), pick(FAMILY), female ? 'F' : 'M', created, {
      birthdate: birth,
      birthdateEstimated: rng() < 0.1,
      dead,
      deathDate: dead ? new Date(now - rng() * 300 * DAY).toISOString().slice(0, 10) : null,
      patient: {
        identifiers: [
          { uuid: uuid(), identifier: base + luhnMod30(base), identifierType: OPENMRS_ID_TYPE_UUID, location, preferred: true },
        ],
      },
    }, rng() < 0.2 ? pick(MIDDLE) || null : null);
    if (rng() < 0.4) {
      person.attributes.push(attr(TELEPHONE_ATTR_TYPE_UUID, `07${String(int(10000000, 99999999))}`, created));
    }
  }

  const gp = (property: string, value: string, description: string): GlobalProperty => ({
    uuid: uuid(),
    property,
    value,
    description,
    datatypeClassname: null,
    datatypeConfig: null,
    preferredHandlerClassname: null,
    handlerConfig: null,
  });
  const globalProperties = [
    gp('webservices.rest.maxResultsDefault', '50', 'The default max results limit if the user does not provide a maximum when making the web service call.'),
    gp('webservices.rest.maxResultsAbsolute', '100', 'The absolute max results limit. If the client requests a larger number of results, then will get an error'),
    gp('locale.allowed.list', 'en, en_GB, es, fr, it, pt', 'Comma delimited list of locales allowed for use on system'),
    gp('default_locale', 'en', 'Specifies the default locale. You can specify both the language code(ISO-639) and the country code(ISO-3166), e.g. \'en_GB\' or just country: e.g. \'en\''),
    gp('security.allowedFailedLoginsBeforeLockout', '7', 'Maximum number of failed logins allowed after which username is locked out'),
    gp('application.name', 'OpenMRS', 'The name of this application, as presented to the user'),
    gp('scheduler.username', 'admin', 'Username for the OpenMRS user that will perform the scheduler activities'),
    gp('user.requireEmailAsUsername', 'false', 'Indicates whether a username must be a valid e-mail or not.'),
  ];
  // OpenmrsConstants.CORE_GLOBAL_PROPERTIES' mail settings, as a new core installation has them (fixed
  // uuids, so that the generated records above and below stay as they were)
  const mailGp = (n: number, property: string, value: string, description: string): GlobalProperty => ({
    uuid: `a011ce00-0000-4000-8000-${String(n).padStart(12, '0')}`,
    property,
    value,
    description,
    datatypeClassname: null,
    datatypeConfig: null,
    preferredHandlerClassname: null,
    handlerConfig: null,
  });
  globalProperties.push(
    mailGp(1, 'mail.transport_protocol', 'smtp', 'Transport protocol for the messaging engine. Valid values: smtp'),
    mailGp(2, 'mail.smtp_host', 'localhost', 'SMTP host name'),
    mailGp(3, 'mail.smtp_port', '25', 'SMTP port'),
    mailGp(4, 'mail.from', 'info@openmrs.org', 'Email address to use as the default from address'),
    mailGp(5, 'mail.debug', 'false', 'true/false whether to print debugging information during mailing'),
    mailGp(6, 'mail.smtp_auth', 'false', 'true/false whether the smtp host requires authentication'),
    mailGp(7, 'mail.user', 'test', 'Username of the SMTP user (if smtp_auth is enabled)'),
    mailGp(8, 'mail.password', 'test', 'Password for the SMTP user (if smtp_auth is enabled)'),
    mailGp(9, 'mail.default_content_type', 'text/plain', 'Content type to append to the mail messages'),
    mailGp(10, 'mail.smtp.starttls.enable', 'false', 'Set to true to enable TLS encryption, else set to false'),
  );

  // Appended last and with fixed uuids, so every generated record above stays as it was. Holds what
  // the system administrator, clerk and nurse roles hold, but not the doctor's clinical-note
  // privileges nor Assign System Developer Role: UserServiceImpl.checkPrivileges then refuses it
  // every doctor and System Developer, and allows the rest.
  roles.push({
    uuid: 'a5e4ad00-0000-4000-8000-0000000a701e',
    name: USERADMIN_ROLE,
    description: 'Administers user accounts; not a System Developer',
    privileges: [],
    inheritedRoles: ['Organizational: System Administrator', 'Organizational: Registration Clerk', 'Organizational: Nurse'],
    ...audit(installDate, null),
    ...notRetired(),
  });
  makeUser({
    uuid: USERADMIN_UUID,
    personUuid: 'a5e4ad00-0000-4000-8000-00000000be0e',
    username: 'useradmin',
    given: 'Uma',
    family: 'Wanjiru',
    gender: 'F',
    roles: [USERADMIN_ROLE],
    created: now - 600 * DAY,
    lastLogin: now - 1 * DAY,
    password: USERADMIN_PASSWORD,
    props: { defaultLocation: OUTPATIENT_CLINIC_UUID },
  });

  return {
    version: DB_VERSION,
    seededAt: now,
    scale,
    nextId,
    privileges,
    roles,
    locationTags,
    locations,
    persons,
    users,
    providers,
    personAttributeTypes,
    identifierTypes: [
      { uuid: OPENMRS_ID_TYPE_UUID, name: 'OpenMRS ID', description: 'OpenMRS patient identifier, with check-digit' },
    ],
    globalProperties,
    taskDefinitions: [],
    alerts: [],
  };
}

function tagless(list: Location[], name: string): string {
  return list.find((l) => l.name === name)?.uuid ?? OUTPATIENT_CLINIC_UUID;
}
