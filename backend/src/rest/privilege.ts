import type { Ctx } from '../context';
import { badRequest } from '../errors';
import type { Privilege } from '../model';
import { newUuid } from '../store';
import { linksFor, metadataRef, OMIT, type Converter } from '../representations';
import { asString, auditInfo, newAudit, notRetired, touch } from './common';
import { crudHandler, purgeFrom } from './resource';

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

/** PrivilegeResource1_8 has no doSearch: a search is empty, before any service call or privilege check. */
export const privilegeHandler = crudHandler<Privilege>({
  converter: privilegeConverter,
  privileges: {
    retrieve: 'Get Privileges',
    // UserService.getAllPrivileges() is @Authorized(Manage Privileges)
    getAll: 'Manage Privileges',
    create: 'Manage Privileges',
    update: 'Manage Privileges',
    delete: 'Purge Privileges',
    purge: 'Purge Privileges',
  },
  getByUniqueId: findPrivilege,
  doGetAll: (ctx) => ctx.store.db.privileges,
  create: {
    properties: ['name', 'description'],
    required: ['name'],
    save(ctx, body, actor) {
      const db = ctx.store.db;
      const name = asString(body.name) ?? '';
      if (db.privileges.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
        throw badRequest(`Privilege with name '${name}' already exists`, 'org.openmrs.api.db.hibernate.HibernateUserDAO:0');
      }
      const priv: Privilege = {
        uuid: newUuid(),
        name,
        description: asString(body.description) ?? '',
        ...newAudit(actor.uuid),
        ...notRetired(),
      };
      db.privileges.push(priv);
      return priv;
    },
  },
  update: {
    properties: ['description', 'retired'],
    save(_ctx, priv, body, actor) {
      if (body.description !== undefined) {
        priv.description = asString(body.description) ?? '';
      }
      touch(priv, actor.uuid);
    },
  },
  // a DELETE without ?purge=true purges too
  delete: purgeFrom('privileges'),
  purge: purgeFrom('privileges'),
});
