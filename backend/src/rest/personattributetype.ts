import { requirePrivilege, type Ctx, type Reply, NO_CONTENT } from '../context';
import { methodNotAllowed, notFound } from '../errors';
import type { PersonAttributeType } from '../model';
import { newUuid } from '../store';
import { linksFor, metadataRef, OMIT, type Converter } from '../representations';
import { asBoolean, asString, auditInfo, checkProperties, listReply, newAudit, notRetired, reasonParam, retire, single, touch, unretire } from './common';

const DEFAULT_FIELDS = [
  'uuid', 'display', 'name', 'description', 'format', 'foreignKey', 'sortWeight', 'searchable', 'editPrivilege', 'retired',
];

export const personAttributeTypeConverter: Converter<PersonAttributeType> = {
  typeName: 'PersonAttributeTypeResource1_8(class org.openmrs.PersonAttributeType)',
  alias: 'personattributetype',
  path: (t) => `personattributetype/${t.uuid}`,
  ref: (t, ctx) => metadataRef(personAttributeTypeConverter, t, t.name, ctx),
  defaultFields: [...DEFAULT_FIELDS, 'links'],
  fullFields: [...DEFAULT_FIELDS, 'concept', 'auditInfo', 'links'],
  get(t, name, _rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return t.uuid;
      case 'display':
      case 'name':
        return t.name;
      case 'description':
        return t.description;
      case 'format':
        return t.format;
      case 'foreignKey':
        return t.foreignKey;
      case 'sortWeight':
        return t.sortWeight;
      case 'searchable':
        return t.searchable;
      case 'editPrivilege': {
        if (!t.editPrivilege) {
          return null;
        }
        const p = ctx.store.db.privileges.find((x) => x.name === t.editPrivilege);
        return p ? { uuid: p.uuid, display: p.name, links: [{ rel: 'self', uri: `${ctx.restBase}/privilege/${p.uuid}`, resourceAlias: 'privilege' }] } : null;
      }
      case 'concept':
        return null;
      case 'retired':
        return t.retired;
      case 'auditInfo':
        return auditInfo(ctx, t);
      case 'links':
        return linksFor(personAttributeTypeConverter, t, ctx, kind);
      default:
        return OMIT;
    }
  },
};

const CREATABLE = ['name', 'description', 'format', 'foreignKey', 'sortWeight', 'searchable', 'editPrivilege'];

function apply(ctx: Ctx, t: PersonAttributeType, body: Record<string, unknown>) {
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'name':
        t.name = asString(value) ?? '';
        break;
      case 'description':
        t.description = asString(value) ?? '';
        break;
      case 'format':
        t.format = asString(value);
        break;
      case 'foreignKey':
        t.foreignKey = value === null || value === undefined ? null : Number(value);
        break;
      case 'sortWeight':
        t.sortWeight = value === null || value === undefined ? null : Number(value);
        break;
      case 'searchable':
        t.searchable = asBoolean(value);
        break;
      case 'editPrivilege': {
        const key2 = typeof value === 'string' ? value : (value as { uuid?: string } | null)?.uuid;
        const p = ctx.store.db.privileges.find((x) => x.uuid === key2 || x.name === key2);
        t.editPrivilege = p ? p.name : null;
        break;
      }
      case 'retired':
        if (value === false || value === 'false') {
          unretire(t);
        }
        break;
    }
  }
}

export function findAttributeType(ctx: Ctx, key: string): PersonAttributeType | undefined {
  return ctx.store.db.personAttributeTypes.find((t) => t.uuid === key);
}

export async function personAttributeTypeHandler(ctx: Ctx, segments: string[]): Promise<Reply> {
  const [id] = segments;
  const db = ctx.store.db;
  if (ctx.method === 'GET') {
    requirePrivilege(ctx, 'Get Person Attribute Types');
    if (id) {
      return single(ctx, personAttributeTypeConverter, findAttributeType(ctx, id));
    }
    const q = ctx.params.get('q');
    let items = [...db.personAttributeTypes].sort((a, b) => (a.sortWeight ?? 0) - (b.sortWeight ?? 0));
    if (q !== null) {
      // getPersonAttributeTypes(q, null, null, null): exact name match
      items = items.filter((t) => t.name === q);
    } else if (ctx.params.get('includeAll') !== 'true') {
      items = items.filter((t) => !t.retired);
    }
    return listReply(ctx, items, personAttributeTypeConverter);
  }
  if (ctx.method === 'POST') {
    const user = requirePrivilege(ctx, 'Manage Person Attribute Types');
    const body = await ctx.readBody();
    if (!id) {
      checkProperties(body, CREATABLE, ['name', 'description']);
      const t: PersonAttributeType = {
        id: ctx.store.nextId(),
        uuid: newUuid(),
        name: '',
        description: '',
        format: null,
        foreignKey: null,
        sortWeight: null,
        searchable: false,
        editPrivilege: null,
        ...newAudit(user.uuid),
        ...notRetired(),
      };
      apply(ctx, t, body);
      if (t.sortWeight === null) {
        t.sortWeight = Math.max(0, ...db.personAttributeTypes.map((x) => x.sortWeight ?? 0)) + 1;
      }
      db.personAttributeTypes.push(t);
      ctx.store.changed();
      return single(ctx, personAttributeTypeConverter, t, 201);
    }
    const t = findAttributeType(ctx, id);
    if (!t) {
      throw notFound();
    }
    checkProperties(body, [...CREATABLE, 'retired']);
    apply(ctx, t, body);
    touch(t, user.uuid);
    ctx.store.changed();
    return single(ctx, personAttributeTypeConverter, t);
  }
  if (ctx.method === 'DELETE' && id) {
    const purge = ctx.params.get('purge') === 'true';
    const user = requirePrivilege(ctx, purge ? 'Purge Person Attribute Types' : 'Manage Person Attribute Types');
    const t = findAttributeType(ctx, id);
    if (!t) {
      if (purge) {
        return NO_CONTENT;
      }
      throw notFound();
    }
    if (purge) {
      db.personAttributeTypes = db.personAttributeTypes.filter((x) => x !== t);
    } else {
      retire(t, user.uuid, reasonParam(ctx));
    }
    ctx.store.changed();
    return NO_CONTENT;
  }
  throw methodNotAllowed(ctx.method);
}
