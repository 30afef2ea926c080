import { NO_CONTENT, requirePrivilege, type Ctx, type Reply, type ResourceHandler } from '../context';
import { methodNotAllowed, notFound, notSupported } from '../errors';
import type { Audit, Db, Retirable, User } from '../model';
import type { Converter } from '../representations';
import { checkProperties, emptySearch, hasSearchParams, isPurge, listReply, reasonParam, retire, single } from './common';

export type Operation = 'retrieve' | 'getAll' | 'search' | 'create' | 'update' | 'delete' | 'purge';

type Body = Record<string, unknown>;

/**
 * One REST resource in the shape of webservices.rest's DelegatingCrudResource, as MainResourceController
 * routes to it: GET /{r}/{key} is retrieve (getByUniqueId), GET /{r} is doSearch when any non-special
 * parameter is present and doGetAll otherwise, POST /{r} is create, POST /{r}/{key} update, and
 * DELETE /{r}/{key} delete (retire or void) or, with ?purge=true, purge. A method the resource
 * does not take answers 405.
 */
export interface CrudResource<T> {
  converter: Converter<T>;
  /**
   * The privilege each operation's service call needs; checked first, before the body is read. '' is a
   * login without a privilege (`@Authorized` with no value).
   */
  privileges: Partial<Record<Operation, string>>;
  /** undefined is ObjectNotFoundException (404), and a purge of nothing (204). */
  getByUniqueId(ctx: Ctx, key: string): T | undefined;
  /** Without it, GET /{r} is ResourceDoesNotSupportOperationException. */
  doGetAll?(ctx: Ctx): T[];
  /** Without it, a search is DelegatingCrudResource's EmptySearchResult. */
  doSearch?(ctx: Ctx): T[] | Reply;
  /** The properties POST /{r} may and must set (setConvertedProperties), then convert and save. */
  create?: { properties: string[]; required: string[]; save(ctx: Ctx, body: Body, actor: User): T };
  /** The properties POST /{r}/{key} may set, then setConvertedProperties and save. */
  update?: { properties: string[]; save(ctx: Ctx, delegate: T, body: Body, actor: User): void };
  delete?(ctx: Ctx, delegate: T, reason: string, actor: User): void;
  purge?(ctx: Ctx, delegate: T): void;
}

/** MetadataDelegatingCrudResource.delete: retires with the request's reason; a retired object stays as it is. */
export function retireDelegate(_ctx: Ctx, delegate: Retirable & Audit, reason: string, actor: User): void {
  retire(delegate, actor.uuid, reason);
}

type Table = { [K in keyof Db]: Db[K] extends unknown[] ? K : never }[keyof Db];

/** A purge that takes the object out of its table. */
export function purgeFrom<K extends Table>(table: K): (ctx: Ctx, delegate: Db[K][number]) => void {
  return (ctx, delegate) => {
    const rows: Array<Db[K][number]> = ctx.store.db[table];
    ctx.store.db[table] = rows.filter((row) => row !== delegate) as Db[K];
  };
}

function check(ctx: Ctx, privilege: string | undefined): void {
  if (privilege) {
    requirePrivilege(ctx, privilege);
  } else if (privilege === '') {
    requirePrivilege(ctx);
  }
}

/** The caller, who must hold the operation's privilege (or only be logged in when it names none). */
function actor(ctx: Ctx, privilege: string | undefined): User {
  return privilege ? requirePrivilege(ctx, privilege) : requirePrivilege(ctx);
}

function list<T>(ctx: Ctx, r: CrudResource<T>): Reply {
  if (hasSearchParams(ctx)) {
    check(ctx, r.privileges.search);
    const found = r.doSearch ? r.doSearch(ctx) : emptySearch();
    return Array.isArray(found) ? listReply(ctx, found, r.converter) : found;
  }
  check(ctx, r.privileges.getAll);
  if (!r.doGetAll) {
    throw notSupported(null);
  }
  return listReply(ctx, r.doGetAll(ctx), r.converter);
}

async function create<T>(ctx: Ctx, r: CrudResource<T>, spec: NonNullable<CrudResource<T>['create']>): Promise<Reply> {
  const by = actor(ctx, r.privileges.create);
  const body = await ctx.readBody();
  checkProperties(body, spec.properties, spec.required);
  const created = spec.save(ctx, body, by);
  ctx.store.changed();
  return single(ctx, r.converter, created, 201);
}

async function update<T>(ctx: Ctx, r: CrudResource<T>, spec: NonNullable<CrudResource<T>['update']>, key: string): Promise<Reply> {
  const by = actor(ctx, r.privileges.update);
  const body = await ctx.readBody();
  const delegate = r.getByUniqueId(ctx, key);
  if (!delegate) {
    throw notFound();
  }
  checkProperties(body, spec.properties);
  spec.save(ctx, delegate, body, by);
  ctx.store.changed();
  return single(ctx, r.converter, delegate);
}

function remove<T>(ctx: Ctx, r: CrudResource<T>, hook: NonNullable<CrudResource<T>['delete']>, key: string): Reply {
  const by = actor(ctx, r.privileges.delete);
  const delegate = r.getByUniqueId(ctx, key);
  if (!delegate) {
    throw notFound();
  }
  hook(ctx, delegate, reasonParam(ctx), by);
  ctx.store.changed();
  return NO_CONTENT;
}

/** DelegatingCrudResource.purge: DELETE is idempotent, so purging what is not there succeeds too. */
function purge<T>(ctx: Ctx, r: CrudResource<T>, hook: NonNullable<CrudResource<T>['purge']>, key: string): Reply {
  check(ctx, r.privileges.purge);
  const delegate = r.getByUniqueId(ctx, key);
  if (delegate) {
    hook(ctx, delegate);
    ctx.store.changed();
  }
  return NO_CONTENT;
}

/** The handler MainResourceController would be for this resource. */
export function crudHandler<T>(r: CrudResource<T>): ResourceHandler {
  return async (ctx, segments) => {
    const [key] = segments;
    if (ctx.method === 'GET') {
      if (key) {
        check(ctx, r.privileges.retrieve);
        return single(ctx, r.converter, r.getByUniqueId(ctx, key));
      }
      return list(ctx, r);
    }
    if (ctx.method === 'POST') {
      if (key && r.update) {
        return update(ctx, r, r.update, key);
      }
      if (!key && r.create) {
        return create(ctx, r, r.create);
      }
    }
    if (ctx.method === 'DELETE' && key) {
      if (isPurge(ctx) && r.purge) {
        return purge(ctx, r, r.purge, key);
      }
      if (!isPurge(ctx) && r.delete) {
        return remove(ctx, r, r.delete, key);
      }
    }
    throw methodNotAllowed(ctx.method);
  };
}
