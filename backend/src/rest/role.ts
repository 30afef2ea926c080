import type { Ctx } from '../context';
import { badRequest } from '../errors';
import type { Role } from '../model';
import { newUuid } from '../store';
import { convert, DEFAULT, linksFor, metadataRef, OMIT, type Converter, type Rep } from '../representations';
import { asString, auditInfo, newAudit, notRetired, retire, touch, unretire } from './common';
import { crudHandler, purgeFrom, retireDelegate } from './resource';
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

/** RoleResource1_8 has no doSearch: a search is empty, before any service call or privilege check. */
export const roleHandler = crudHandler<Role>({
  converter: roleConverter,
  privileges: {
    retrieve: 'Get Roles',
    // UserService.getAllRoles() is @Authorized(Manage Roles)
    getAll: 'Manage Roles',
    create: 'Manage Roles',
    update: 'Manage Roles',
    delete: 'Manage Roles',
    purge: 'Purge Roles',
  },
  getByUniqueId: (ctx, key) => ctx.store.roleByUuidOrName(key),
  doGetAll: (ctx) => ctx.store.db.roles,
  create: {
    properties: ['name', 'description', 'privileges', 'inheritedRoles'],
    required: ['name', 'description'],
    save(ctx, body, actor) {
      const role: Role = {
        uuid: newUuid(),
        name: asString(body.name) ?? '',
        description: asString(body.description) ?? '',
        privileges: body.privileges === undefined ? [] : namesOf(ctx, body.privileges, 'privilege'),
        inheritedRoles: body.inheritedRoles === undefined ? [] : namesOf(ctx, body.inheritedRoles, 'role'),
        ...newAudit(actor.uuid),
        ...notRetired(),
      };
      if (ctx.store.roleByName(role.name)) {
        throw badRequest(`Role ${role.name} already exists`);
      }
      ctx.store.db.roles.push(role);
      return role;
    },
  },
  update: {
    properties: ['description', 'privileges', 'inheritedRoles', 'retired'],
    save(ctx, role, body, actor) {
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
        retire(role, actor.uuid, 'web service call');
      }
      touch(role, actor.uuid);
    },
  },
  delete: retireDelegate,
  purge: purgeFrom('roles'),
});
