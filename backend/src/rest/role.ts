import { requirePrivilege, type Ctx, type Reply, NO_CONTENT } from '../context';
import { badRequest, methodNotAllowed, notFound } from '../errors';
import type { Role } from '../model';
import { newUuid } from '../store';
import { convert, DEFAULT, linksFor, metadataRef, OMIT, REF, type Converter, type Rep } from '../representations';
import { asString, auditInfo, checkProperties, emptySearch, hasSearchParams, listReply, newAudit, notRetired, reasonParam, retire, single, touch, unretire } from './common';
import { privilegeConverter } from './privilege';

export const roleConverter: Converter<Role> = {
  typeName: 'RoleResource1_8(class org.openmrs.Role)',
  alias: 'role',
  path: (r) => `role/${r.uuid}`,
  ref: (r, ctx) => metadataRef(roleConverter, r, r.name, ctx),
  defaultFields: ['uuid', 'display', 'name', 'description', 'retired', 'privileges', 'inheritedRoles', 'links'],
  fullFields: [
    'uuid', 'display', 'name', 'description', 'retired',
    ['privileges', DEFAULT], ['inheritedRoles', DEFAULT], ['allInheritedRoles', DEFAULT], 'auditInfo', 'links',
  ],
  get(r, name, rep: Rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return r.uuid;
      case 'display':
      case 'name':
        return r.name;
      case 'description':
        return r.description;
      case 'retired':
        return r.retired;
      case 'privileges':
        return r.privileges
          .map((n) => ctx.store.db.privileges.find((p) => p.name === n))
          .filter((p) => !!p)
          .map((p) => convert(privilegeConverter, p, rep, ctx));
      case 'inheritedRoles':
        return r.inheritedRoles
          .map((n) => ctx.store.roleByName(n))
          .filter((x) => !!x)
          .map((x) => convert(roleConverter, x, rep, ctx));
      case 'allInheritedRoles':
        return ctx.store.inheritedRolesOf(r).map((x) => convert(roleConverter, x, rep, ctx));
      case 'auditInfo':
        return auditInfo(ctx, r);
      case 'links':
        return linksFor(roleConverter, r, ctx, kind);
      default:
        return OMIT;
    }
  },
};

function namesOf(ctx: Ctx, value: unknown, kind: 'privilege' | 'role'): string[] {
  if (!Array.isArray(value)) {
    throw badRequest(`${kind === 'role' ? 'inheritedRoles' : 'privileges'} must be a list`);
  }
  return value.map((v) => {
    const key = typeof v === 'string' ? v : (v as { uuid?: string; name?: string })?.uuid ?? (v as { name?: string })?.name;
    const found =
      kind === 'privilege'
        ? ctx.store.db.privileges.find((p) => p.uuid === key || p.name === key)
        : ctx.store.roleByUuidOrName(String(key));
    if (!found) {
      throw badRequest(`Cannot convert ${String(key)} to ${kind === 'privilege' ? 'org.openmrs.Privilege' : 'org.openmrs.Role'}`);
    }
    return found.name;
  });
}

export async function roleHandler(ctx: Ctx, segments: string[]): Promise<Reply> {
  const [id] = segments;
  const db = ctx.store.db;
  if (ctx.method === 'GET') {
    if (id) {
      requirePrivilege(ctx, 'Get Roles');
      return single(ctx, roleConverter, ctx.store.roleByUuidOrName(id));
    }
    if (hasSearchParams(ctx)) {
      // RoleResource1_8 has no doSearch: an empty result, before any service call or privilege check
      return emptySearch();
    }
    // UserService.getAllRoles() is @Authorized(Manage Roles)
    requirePrivilege(ctx, 'Manage Roles');
    return listReply(ctx, db.roles, roleConverter);
  }
  if (ctx.method === 'POST') {
    const user = requirePrivilege(ctx, 'Manage Roles');
    const body = await ctx.readBody();
    if (!id) {
      checkProperties(body, ['name', 'description', 'privileges', 'inheritedRoles'], ['name', 'description']);
      const role: Role = {
        uuid: newUuid(),
        name: asString(body.name) ?? '',
        description: asString(body.description) ?? '',
        privileges: body.privileges === undefined ? [] : namesOf(ctx, body.privileges, 'privilege'),
        inheritedRoles: body.inheritedRoles === undefined ? [] : namesOf(ctx, body.inheritedRoles, 'role'),
        ...newAudit(user.uuid),
        ...notRetired(),
      };
      if (ctx.store.roleByName(role.name)) {
        throw badRequest(`Role ${role.name} already exists`);
      }
      db.roles.push(role);
      ctx.store.changed();
      return single(ctx, roleConverter, role, 201);
    }
    const role = ctx.store.roleByUuidOrName(id);
    if (!role) {
      throw notFound();
    }
    checkProperties(body, ['description', 'privileges', 'inheritedRoles', 'retired']);
    if (body.description !== undefined) {
      role.description = asString(body.description) ?? '';
    }
    if (body.privileges !== undefined) {
      role.privileges = namesOf(ctx, body.privileges, 'privilege');
    }
    if (body.inheritedRoles !== undefined) {
      role.inheritedRoles = namesOf(ctx, body.inheritedRoles, 'role');
    }
    if (body.retired === false || body.retired === 'false') {
      unretire(role);
    } else if (body.retired === true || body.retired === 'true') {
      retire(role, user.uuid, 'web service call');
    }
    touch(role, user.uuid);
    ctx.store.changed();
    return single(ctx, roleConverter, role);
  }
  if (ctx.method === 'DELETE' && id) {
    const purge = ctx.params.get('purge') === 'true';
    const user = requirePrivilege(ctx, purge ? 'Purge Roles' : 'Manage Roles');
    const role = ctx.store.roleByUuidOrName(id);
    if (!role) {
      if (purge) {
        return NO_CONTENT;
      }
      throw notFound();
    }
    if (purge) {
      db.roles = db.roles.filter((r) => r !== role);
    } else {
      retire(role, user.uuid, reasonParam(ctx));
    }
    ctx.store.changed();
    return NO_CONTENT;
  }
  throw methodNotAllowed(ctx.method);
}

