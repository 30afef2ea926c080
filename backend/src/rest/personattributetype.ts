import type { Ctx } from '../context';
import type { PersonAttributeType } from '../model';
import { newUuid } from '../store';
import { linksFor, metadataRef, OMIT, type Converter } from '../representations';
import { asBoolean, asString, auditInfo, newAudit, notRetired, touch, unretire } from './common';
import { crudHandler, purgeFrom, retireDelegate } from './resource';

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

function searchTypes(ctx: Ctx): PersonAttributeType[] {
  const q = ctx.params.get('q');
  const items = [...ctx.store.db.personAttributeTypes].sort((a, b) => (a.sortWeight ?? 0) - (b.sortWeight ?? 0));
  if (q !== null) {
    // getPersonAttributeTypes(q, null, null, null): exact name match
    return items.filter((t) => t.name === q);
  }
  return ctx.params.get('includeAll') === 'true' ? items : items.filter((t) => !t.retired);
}

export const personAttributeTypeHandler = crudHandler<PersonAttributeType>({
  converter: personAttributeTypeConverter,
  privileges: {
    retrieve: 'Get Person Attribute Types',
    getAll: 'Get Person Attribute Types',
    search: 'Get Person Attribute Types',
    create: 'Manage Person Attribute Types',
    update: 'Manage Person Attribute Types',
    delete: 'Manage Person Attribute Types',
    purge: 'Purge Person Attribute Types',
  },
  getByUniqueId: findAttributeType,
  doGetAll: searchTypes,
  doSearch: searchTypes,
  create: {
    properties: CREATABLE,
    required: ['name', 'description'],
    save(ctx, body, actor) {
      const db = ctx.store.db;
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
        ...newAudit(actor.uuid),
        ...notRetired(),
      };
      apply(ctx, t, body);
      if (t.sortWeight === null) {
        t.sortWeight = Math.max(0, ...db.personAttributeTypes.map((x) => x.sortWeight ?? 0)) + 1;
      }
      db.personAttributeTypes.push(t);
      return t;
    },
  },
  update: {
    properties: [...CREATABLE, 'retired'],
    save(ctx, t, body, actor) {
      apply(ctx, t, body);
      touch(t, actor.uuid);
    },
  },
  delete: retireDelegate,
  purge: purgeFrom('personAttributeTypes'),
});
