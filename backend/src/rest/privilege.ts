import { requirePrivilege, type Ctx, type Reply, NO_CONTENT } from '../context';
import { badRequest, methodNotAllowed, notFound } from '../errors';
import type { Privilege } from '../model';
import { newUuid } from '../store';
import { linksFor, metadataRef, OMIT, type Converter } from '../representations';
import { asString, auditInfo, checkProperties, emptySearch, hasSearchParams, listReply, newAudit, notRetired, single, touch } from './common';

export const privilegeConverter: Converter<Privilege> = {
  typeName: 'PrivilegeResource1_8(class org.openmrs.Privilege)',
  alias: 'privilege',
  path: (p) => `privilege/${p.uuid}`,
  ref: (p, ctx) => metadataRef(privilegeConverter, p, p.name, ctx),
  defaultFields: ['uuid', 'display', 'name', 'description', 'retired', 'links'],
  fullFields: ['uuid', 'display', 'name', 'description', 'retired', 'auditInfo', 'links'],
  get(p, name, _rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return p.uuid;
      case 'display':
      case 'name':
        return p.name;
      case 'description':
        return p.description;
      case 'retired':
        return p.retired;
      case 'auditInfo':
        return auditInfo(ctx, p);
      case 'links':
        return linksFor(privilegeConverter, p, ctx, kind);
      default:
        return OMIT;
    }
  },
};

export function findPrivilege(ctx: Ctx, key: string): Privilege | undefined {
  return ctx.store.db.privileges.find((p) => p.uuid === key) ?? ctx.store.db.privileges.find((p) => p.name === key);
}

export async function privilegeHandler(ctx: Ctx, segments: string[]): Promise<Reply> {
  const [id] = segments;
  const db = ctx.store.db;
  if (ctx.method === 'GET') {
    if (id) {
      requirePrivilege(ctx, 'Get Privileges');
      return single(ctx, privilegeConverter, findPrivilege(ctx, id));
    }
    if (hasSearchParams(ctx)) {
      // PrivilegeResource1_8 has no doSearch: an empty result, before any service call or privilege check
      return emptySearch();
    }
    // UserService.getAllPrivileges() is @Authorized(Manage Privileges)
    requirePrivilege(ctx, 'Manage Privileges');
    return listReply(ctx, db.privileges, privilegeConverter);
  }
  if (ctx.method === 'POST') {
    const user = requirePrivilege(ctx, 'Manage Privileges');
    const body = await ctx.readBody();
    if (!id) {
      checkProperties(body, ['name', 'description'], ['name']);
      const name = asString(body.name) ?? '';
      if (db.privileges.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
        throw badRequest(`Privilege with name '${name}' already exists`, 'org.openmrs.api.db.hibernate.HibernateUserDAO:0');
      }
      const priv: Privilege = {
        uuid: newUuid(),
        name,
        description: asString(body.description) ?? '',
        ...newAudit(user.uuid),
        ...notRetired(),
      };
      db.privileges.push(priv);
      ctx.store.changed();
      return single(ctx, privilegeConverter, priv, 201);
    }
    const priv = findPrivilege(ctx, id);
    if (!priv) {
      throw notFound();
    }
    checkProperties(body, ['description', 'retired']);
    if (body.description !== undefined) {
      priv.description = asString(body.description) ?? '';
    }
    touch(priv, user.uuid);
    ctx.store.changed();
    return single(ctx, privilegeConverter, priv);
  }
  if (ctx.method === 'DELETE' && id) {
    requirePrivilege(ctx, 'Purge Privileges');
    const priv = findPrivilege(ctx, id);
    if (priv) {
      db.privileges = db.privileges.filter((p) => p !== priv);
      ctx.store.changed();
    } else if (ctx.params.get('purge') !== 'true') {
      throw notFound();
    }
    return NO_CONTENT;
  }
  throw methodNotAllowed(ctx.method);
}
