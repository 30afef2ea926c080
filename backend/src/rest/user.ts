import { repOf, requirePrivilege, type Ctx, type Reply, NO_CONTENT } from '../context';
import { badRequest, notFound, serverError, unknownUserRead, unknownUserRetire, unknownUserUpdate, validationError } from '../errors';
import { versionAtLeast } from '../versions';
import type { Person, User } from '../model';
import { hashPassword, newSalt, newUuid } from '../store';
import { convert, DEFAULT, linksFor, OMIT, type Converter, type Json } from '../representations';
import { luhnDigit } from '../seed';
import {
  asString, auditInfo, checkProperties, emptySearch, isPurge, newAudit, notRetired, reasonParam, refUuid, single, touch, unretire,
} from './common';
import { callerOf, filterUsers, personByUuid, userByUuid } from '../lbac';
import { personConverter } from './person';
import { privilegeConverter } from './privilege';
import { crudHandler, purgeFrom } from './resource';
import { roleConverter } from './role';

export const userConverter: Converter<User> = {
  typeName: 'UserResource2_2(class org.openmrs.User)',
  alias: 'user',
  path: (u) => `user/${u.uuid}`,
  ref: (u, ctx) => {
    const out: Json = { uuid: u.uuid, display: u.username || u.systemId };
    if (u.retired) {
      out.retired = true;
    }
    out.links = linksFor(userConverter, u, ctx, 'ref');
    return out;
  },
  defaultFields: ['uuid', 'display', 'username', 'systemId', 'userProperties', 'person', 'privileges', 'roles', 'retired', 'email', 'links'],
  fullFields: [
    'uuid', 'display', 'username', 'systemId', 'userProperties', ['person', DEFAULT], ['privileges', DEFAULT],
    ['roles', DEFAULT], ['allRoles', DEFAULT], 'proficientLocales', 'retired', 'auditInfo', 'email', 'links',
  ],
  get(u, name, rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return u.uuid;
      case 'display':
        return u.username || u.systemId;
      case 'username':
        return u.username;
      case 'systemId':
        return u.systemId;
      case 'email':
        // UserResource2_2 lists it in the default and full representations from webservices.rest 2.50.0
        // (RESTWS-982); before, only a custom representation reads the bean property User.getEmail
        // (BaseDelegatingResource.getProperty)
        return kind === 'custom' || !ctx.flags || versionAtLeast(ctx.flags.restVersion, '2.50.0') ? u.email : OMIT;
      case 'userProperties':
        return { ...u.userProperties };
      case 'person': {
        const p = ctx.store.personByUuid(u.person);
        return p ? convert(personConverter, p, rep, ctx) : null;
      }
      case 'privileges':
        return ctx.store
          .privilegeNamesOf(u)
          .map((n) => ctx.store.db.privileges.find((p) => p.name === n))
          .filter((p) => !!p)
          .map((p) => convert(privilegeConverter, p, rep, ctx));
      case 'roles':
        return u.roles
          .map((n) => ctx.store.roleByName(n))
          .filter((r) => !!r)
          .map((r) => convert(roleConverter, r, rep, ctx));
      case 'allRoles':
        return ctx.store.allRoles(u).map((r) => convert(roleConverter, r, rep, ctx));
      case 'proficientLocales':
        return [...u.proficientLocales];
      case 'retired':
        return u.retired;
      case 'auditInfo':
        return auditInfo(ctx, u);
      case 'links':
        return linksFor(userConverter, u, ctx, kind);
      default:
        return OMIT;
    }
  },
};

/** HibernateUserDAO.getUsers(name, roles, includeRetired): every word a prefix of a name field, ANDed. */
function searchUsers(ctx: Ctx, q: string, roleNames: string[] | null, includeRetired: boolean): User[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return ctx.store.db.users.filter((u) => {
    if (!includeRetired && u.retired) {
      return false;
    }
    if (roleNames && !roleNames.some((r) => u.roles.includes(r))) {
      return false;
    }
    if (!words.length) {
      return true;
    }
    const person = ctx.store.personByUuid(u.person);
    const fields = [u.username, u.systemId];
    for (const n of person?.names ?? []) {
      fields.push(n.givenName, n.middleName ?? '', n.familyName, n.familyName2 ?? '');
    }
    const lower = fields.filter(Boolean).map((f) => f.toLowerCase());
    return words.every((w) => lower.some((f) => f.startsWith(w)));
  });
}

/** UserByNameComparator / PersonByNameComparator: family, family2, given, middle; case-insensitive, nulls last; stable. */
function sortByPersonName(ctx: Ctx, users: User[]): User[] {
  const key = (u: User) => {
    const p = ctx.store.personByUuid(u.person);
    const n = p ? p.names.find((x) => x.preferred) ?? p.names[0] : undefined;
    return [n?.familyName, n?.familyName2, n?.givenName, n?.middleName].map((x) => (x ? x.toLowerCase() : null));
  };
  const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0);
  const keyed = users.map((u) => ({ u, k: key(u) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < x.k.length; i++) {
      const c = cmp(x.k[i], y.k[i]);
      if (c) {
        return c;
      }
    }
    return 0;
  });
  return keyed.map((x) => x.u);
}

const CREATABLE_BEFORE_2_2 = ['username', 'password', 'person', 'systemId', 'userProperties', 'roles', 'proficientLocales', 'secretQuestion'];

/** UserResource2_2 (webservices.rest 2.50.0, RESTWS-982) adds email to the creatable and updatable properties. */
function creatable(ctx: Ctx): string[] {
  return versionAtLeast(ctx.flags.restVersion, '2.50.0') ? [...CREATABLE_BEFORE_2_2, 'email'] : CREATABLE_BEFORE_2_2;
}

function resolveRoles(ctx: Ctx, value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw badRequest('roles must be a list');
  }
  return value.map((v) => {
    const key = refUuid(v) ?? (v as { name?: string })?.name ?? '';
    const role = ctx.store.roleByUuidOrName(key);
    if (!role) {
      throw badRequest(`Cannot convert ${key} to org.openmrs.Role`, 'org.openmrs.module.webservices.rest.web.ConversionUtil:160');
    }
    return role.name;
  });
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('userProperties must be an object');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

function applyUser(ctx: Ctx, user: User, body: Record<string, unknown>) {
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'username':
        user.username = asString(value) ?? '';
        break;
      case 'systemId':
        user.systemId = asString(value) ?? user.systemId;
        break;
      case 'email':
        user.email = asString(value);
        break;
      case 'userProperties':
        // User.setUserProperties: replaces the whole map
        user.userProperties = stringMap(value);
        break;
      case 'roles':
        user.roles = resolveRoles(ctx, value);
        break;
      case 'proficientLocales':
        user.proficientLocales = Array.isArray(value) ? value.map(String) : [];
        break;
      case 'password':
        user.salt = newSalt();
        user.passwordHash = hashPassword(asString(value) ?? '', user.salt);
        break;
    }
  }
}

/**
 * OpenmrsUtil.validatePassword with the default security GPs. The PasswordExceptions are
 * APIExceptions without a @ResponseStatus, so the REST answer is a 500.
 */
function validatePassword(username: string, password: string) {
  const fail = (msg: string) => serverError(msg, 'org.openmrs.util.OpenmrsUtil:1200');
  if (username && password.toLowerCase() === username.toLowerCase()) {
    throw fail('Password should not match username');
  }
  if (password.length < 8) {
    throw fail('Password should be at least 8 characters long');
  }
  if (!/[A-Z]/.test(password) || !/[a-z]/.test(password)) {
    throw fail('Password should contain both upper and lower case characters');
  }
  if (!/\d/.test(password)) {
    throw fail('Password should contain at least one digit');
  }
  if (!/\D/.test(password)) {
    throw fail('Password should contain at least one non-digit');
  }
}

/** UserValidator: retired needs a retireReason; username pattern; then save. */
function validateUser(user: User) {
  const fieldErrors: Record<string, Array<{ code: string; message: string }>> = {};
  if (user.retired && !(user.retireReason ?? '').trim()) {
    fieldErrors.retireReason = [{ code: 'error.null', message: 'Cannot be empty or null' }];
  }
  if (!/^\w[\w\-.]{1,49}$/.test(user.username)) {
    fieldErrors.username = [
      {
        code: 'error.username.pattern',
        message: 'Username is invalid. It must be between 2 and 50 characters and only contain letters, numbers, "_", "-" and "."',
      },
    ];
  }
  if (Object.keys(fieldErrors).length) {
    throw validationError(fieldErrors);
  }
}

function newPersonFrom(ctx: Ctx, value: unknown, creator: string): Person {
  const existing = refUuid(value);
  if (existing) {
    const p = personByUuid(callerOf(ctx), existing);
    if (!p) {
      throw badRequest(`Cannot convert ${existing} to org.openmrs.Person`, 'org.openmrs.module.webservices.rest.web.ConversionUtil:160');
    }
    return p;
  }
  const v = (value ?? {}) as { names?: Array<Record<string, unknown>>; gender?: string; birthdate?: string };
  const names = Array.isArray(v.names) ? v.names : [];
  if (!names.length || !v.gender) {
    throw badRequest('Some required properties are missing: names, gender', 'org.openmrs.module.webservices.rest.web.resource.impl.BaseDelegatingResource:617');
  }
  const person: Person = {
    id: ctx.store.nextId(),
    uuid: newUuid(),
    gender: String(v.gender),
    birthdate: typeof v.birthdate === 'string' ? v.birthdate.slice(0, 10) : null,
    birthdateEstimated: false,
    dead: false,
    deathDate: null,
    names: names.map((n, i) => ({
      uuid: newUuid(),
      givenName: asString(n.givenName) ?? '',
      middleName: asString(n.middleName),
      familyName: asString(n.familyName) ?? '',
      familyName2: asString(n.familyName2),
      preferred: i === 0,
    })),
    attributes: [],
    patient: null,
    ...newAudit(creator),
    voided: false,
    voidedBy: null,
    dateVoided: null,
    voidReason: null,
  };
  ctx.store.db.persons.push(person);
  return person;
}

/** UserServiceImpl.saveUser's checkPrivileges: an APIException, which REST answers with a 500. */
function checkPrivileges(ctx: Ctx, editor: User, target: User) {
  const refusal = ctx.store.editRefusal(editor, target);
  if (refusal) {
    const superUser = refusal.includes("role 'System Developer'");
    throw serverError(refusal, `org.openmrs.api.impl.UserServiceImpl:${superUser ? 412 : 405}`);
  }
}

/** GET /user/{uuid}: getUserByUuid, filtered by LBAC. */
function retrieveUser(ctx: Ctx, key: string): Reply {
  requirePrivilege(ctx, 'Get Users');
  const found = userByUuid(callerOf(ctx), key);
  if (!found && !versionAtLeast(ctx.flags.restVersion, '2.50.0')) {
    const rep = repOf(ctx, DEFAULT);
    throw unknownUserRead(rep.kind === 'custom' ? rep.fields[0]?.name ?? 'uuid' : 'uuid', rep.kind === 'ref');
  }
  return single(ctx, userConverter, found);
}

/** UserResource1_8.doSearch: any non-special parameter (`totalCount` too before REST 2.49). */
function doSearch(ctx: Ctx): User[] | Reply {
  const rolesParam = ctx.params.get('roles');
  let roleNames: string[] | null = null;
  if (rolesParam !== null) {
    roleNames = rolesParam
      .split(',')
      .map((r) => ctx.store.roleByUuidOrName(r.trim())?.name)
      .filter((r): r is string => !!r);
    if (!roleNames.length) {
      return emptySearch();
    }
  }
  const q = ctx.params.get('q') ?? '';
  const items = filterUsers(callerOf(ctx), searchUsers(ctx, q, roleNames, ctx.params.get('includeAll') === 'true'));
  return sortByPersonName(ctx, items);
}

async function createUser(ctx: Ctx): Promise<Reply> {
  const { store } = ctx;
  const body = await ctx.readBody();
  const actor = requirePrivilege(ctx, 'Add Users');
  checkProperties(body, creatable(ctx), ['username', 'password', 'person']);
  const username = asString(body.username) ?? '';
  if (store.db.users.some((u) => u.username === username || u.systemId === username)) {
    // UserValidator: isDuplicatedUsername
    throw validationError({ username: [{ code: 'error.username.taken', message: 'Username is already in use' }] });
  }
  validatePassword(username, asString(body.password) ?? '');
  const person = newPersonFrom(ctx, body.person, actor.uuid);
  const numericId = store.nextId();
  const user: User = {
    id: numericId,
    uuid: newUuid(),
    username,
    systemId: `${numericId}-${luhnDigit(String(numericId))}`,
    email: null,
    person: person.uuid,
    salt: '',
    passwordHash: '',
    userProperties: {},
    roles: [],
    proficientLocales: [],
    ...newAudit(actor.uuid),
    ...notRetired(),
  };
  applyUser(ctx, user, { ...body, person: undefined });
  validateUser(user);
  store.db.users.push(user);
  store.changed();
  return single(ctx, userConverter, user, 201);
}

async function updateUser(ctx: Ctx, key: string): Promise<Reply> {
  const body = await ctx.readBody();
  const actor = requirePrivilege(ctx, 'Edit Users');
  const user = userByUuid(callerOf(ctx), key);
  if (!user) {
    if (!versionAtLeast(ctx.flags.restVersion, '2.50.0')) {
      // before RESTWS-981 the unknown user is an empty UserAndPassword1_8: setting its first property fails
      checkProperties(body, [...creatable(ctx), 'retired']);
      throw unknownUserUpdate(Object.keys(body).find((k) => k !== 'password') ?? 'password');
    }
    throw notFound();
  }
  checkProperties(body, [...creatable(ctx), 'retired']);
  if (body.password !== undefined) {
    requirePrivilege(ctx, 'Edit User Passwords');
    validatePassword(user.username, asString(body.password) ?? '');
  }
  if (body.person !== undefined) {
    user.person = newPersonFrom(ctx, body.person, actor.uuid).uuid;
  }
  const before = structuredClone(user);
  applyUser(ctx, user, { ...body, person: undefined });
  if (body.retired === false || body.retired === 'false') {
    unretire(user);
  } else if ((body.retired === true || body.retired === 'true') && !user.retired) {
    // the setter only flips the flag; RetireSaveHandler fills retiredBy/dateRetired, not the reason
    user.retired = true;
    user.retiredBy = actor.uuid;
    user.dateRetired = Date.now();
  }
  try {
    validateUser(user);
    checkPrivileges(ctx, actor, user);
  } catch (e) {
    Object.assign(user, before);
    throw e;
  }
  touch(user, actor.uuid);
  ctx.store.changed();
  return single(ctx, userConverter, user);
}

function retireUser(ctx: Ctx, key: string): Reply {
  const actor = requirePrivilege(ctx, 'Edit Users');
  const user = userByUuid(callerOf(ctx), key);
  if (!user) {
    if (!versionAtLeast(ctx.flags.restVersion, '2.50.0')) {
      throw unknownUserRetire();
    }
    throw notFound();
  }
  // UserResource1_8.delete asks the UserAndPassword1_8 wrapper isRetired(), which is its own
  // BaseOpenmrsMetadata flag (always false), so retireUser runs again on a retired user and
  // overwrites its reason, retiredBy and dateRetired.
  checkPrivileges(ctx, actor, user);
  user.retired = true;
  user.retiredBy = actor.uuid;
  user.dateRetired = Date.now();
  user.retireReason = reasonParam(ctx);
  touch(user, actor.uuid);
  ctx.store.changed();
  return NO_CONTENT;
}

const users = crudHandler<User>({
  converter: userConverter,
  privileges: { getAll: 'Get Users', search: 'Get Users', purge: 'Purge Users' },
  getByUniqueId: (ctx, key) => userByUuid(callerOf(ctx), key),
  // getAllUsers(): retired included, ordered by id
  doGetAll: (ctx) => filterUsers(callerOf(ctx), [...ctx.store.db.users].sort((a, b) => a.id - b.id)),
  doSearch,
  purge: purgeFrom('users'),
});

/**
 * UserResource1_8 overrides retrieve, create, update and delete: the user is wrapped in a
 * UserAndPassword1_8 (before RESTWS-981 even when there is none), the body is read before any
 * privilege check, and UserServiceImpl.saveUser's checkPrivileges applies.
 */
export function userHandler(ctx: Ctx, segments: string[]): Promise<Reply> | Reply {
  const [key] = segments;
  if (ctx.method === 'GET' && key) {
    return retrieveUser(ctx, key);
  }
  if (ctx.method === 'POST') {
    return key ? updateUser(ctx, key) : createUser(ctx);
  }
  if (ctx.method === 'DELETE' && key && !isPurge(ctx)) {
    return retireUser(ctx, key);
  }
  return users(ctx, segments);
}
