import type { Ctx } from '../context';
import type { GlobalProperty } from '../model';
import { newUuid } from '../store';
import { linksFor, OMIT, type Converter } from '../representations';
import { asString } from './common';
import { serverError } from '../errors';
import { crudHandler, purgeFrom } from './resource';

/** StringUtils.splitByCharacterTypeCamelCase */
function splitCamel(s: string): string[] {
  const type = (c: string) =>
    /[a-z]/.test(c) ? 'lower' : /[A-Z]/.test(c) ? 'upper' : /[0-9]/.test(c) ? 'digit' : /\s/.test(c) ? 'space' : c;
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i < s.length; i++) {
    const cur = type(s[i]);
    const prev = type(s[i - 1]);
    if (cur === prev) {
      continue;
    }
    if (cur === 'lower' && prev === 'upper') {
      // "ABCDef" -> "ABC", "Def"
      if (i - 1 > start) {
        out.push(s.slice(start, i - 1));
        start = i - 1;
      }
      continue;
    }
    out.push(s.slice(start, i));
    start = i;
  }
  if (s.length) {
    out.push(s.slice(start));
  }
  return out;
}

/** SystemSettingResource1_9.beautify: "_" and "." to spaces, camel case split, words capitalised */
function beautify(s: string): string {
  return splitCamel(s.replace(/_/g, ' ').replace(/\./g, ' '))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

export function systemSettingDisplay(gp: GlobalProperty): string {
  const dot = gp.property.indexOf('.');
  const section = dot > 0 ? beautify(gp.property.slice(0, dot)) : 'General Settings';
  const name = beautify(dot > 0 ? gp.property.slice(dot + 1) : gp.property);
  // Java string concatenation: a null value prints as "null"
  return `${section} - ${name} = ${gp.value ?? 'null'}`;
}

const FULL_EXTRA = ['datatypeClassname', 'datatypeConfig', 'preferredHandlerClassname', 'handlerConfig'] as const;

export const systemSettingConverter: Converter<GlobalProperty> = {
  typeName: 'SystemSettingResource1_9(class org.openmrs.GlobalProperty)',
  version: '1.9',
  alias: 'systemsetting',
  path: (g) => `systemsetting/${g.uuid}`,
  ref: (g, ctx) => ({ uuid: g.uuid, display: systemSettingDisplay(g), links: linksFor(systemSettingConverter, g, ctx, 'ref') }),
  defaultFields: ['uuid', 'property', 'value', 'description', 'display', 'links'],
  fullFields: ['uuid', 'property', 'value', 'description', 'display', ...FULL_EXTRA, 'links'],
  get(g, name, _rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return g.uuid;
      case 'display':
        return systemSettingDisplay(g);
      case 'property':
      case 'value':
      case 'description':
      case 'datatypeClassname':
      case 'datatypeConfig':
      case 'preferredHandlerClassname':
      case 'handlerConfig':
        return g[name] ?? null;
      case 'links':
        return linksFor(systemSettingConverter, g, ctx, kind);
      default:
        return OMIT;
    }
  },
};

/** getGlobalPropertyByUuid, then getGlobalPropertyObject(name) (case-insensitive). */
export function findSetting(ctx: Ctx, key: string): GlobalProperty | undefined {
  const all = ctx.store.db.globalProperties;
  const lower = key.toLowerCase();
  return all.find((g) => g.uuid === key) ?? all.find((g) => g.property.toLowerCase() === lower);
}

/**
 * GlobalProperty.hbm.xml maps property_value as text (length 65535) and MySQL's TEXT holds 65,535
 * bytes: in strict mode (MySQL's default) a longer value fails the flush with a DataException, which
 * the REST module answers with 500, and nothing is saved.
 */
const TEXT_MAX_BYTES = 65535;

function checkValueFits(value: string | null): void {
  if (value !== null && Buffer.byteLength(value, 'utf8') > TEXT_MAX_BYTES) {
    throw serverError('could not execute statement', 'org.hibernate.exception.internal.SQLStateConversionDelegate:112');
  }
}

const UPDATABLE = ['description', 'datatypeClassname', 'datatypeConfig', 'preferredHandlerClassname', 'handlerConfig', 'value'];

function searchSettings(ctx: Ctx): GlobalProperty[] {
  const q = ctx.params.get('q');
  const items = [...ctx.store.db.globalProperties].sort((a, b) => a.property.localeCompare(b.property));
  if (q === null) {
    return items;
  }
  const lower = q.toLowerCase();
  return items.filter((g) => g.property.toLowerCase().startsWith(lower));
}

export const systemSettingHandler = crudHandler<GlobalProperty>({
  converter: systemSettingConverter,
  privileges: {
    retrieve: 'Get Global Properties',
    getAll: 'Get Global Properties',
    search: 'Get Global Properties',
    create: 'Manage Global Properties',
    update: 'Manage Global Properties',
    delete: 'Purge Global Properties',
    purge: 'Purge Global Properties',
  },
  getByUniqueId: findSetting,
  doGetAll: searchSettings,
  doSearch: searchSettings,
  create: {
    properties: ['property', ...UPDATABLE],
    required: ['property'],
    save(ctx, body) {
      const transient: GlobalProperty = {
        uuid: newUuid(),
        property: asString(body.property) ?? '',
        value: asString(body.value),
        description: asString(body.description),
        datatypeClassname: asString(body.datatypeClassname),
        datatypeConfig: asString(body.datatypeConfig),
        preferredHandlerClassname: asString(body.preferredHandlerClassname),
        handlerConfig: asString(body.handlerConfig),
      };
      checkValueFits(transient.value);
      // HibernateAdministrationDAO.saveGlobalProperty upserts by name: value and description overwritten
      const db = ctx.store.db;
      const existing = db.globalProperties.find((g) => g.property.toLowerCase() === transient.property.toLowerCase());
      if (existing) {
        existing.value = transient.value;
        existing.description = transient.description;
      } else {
        db.globalProperties.push({ ...transient });
      }
      return transient;
    },
  },
  update: {
    properties: UPDATABLE,
    save(_ctx, gp, body) {
      if (body.value !== undefined) {
        checkValueFits(asString(body.value));
      }
      for (const key of UPDATABLE) {
        if (body[key] !== undefined) {
          (gp as unknown as Record<string, string | null>)[key] = asString(body[key]);
        }
      }
    },
  },
  // GlobalProperty is neither retirable nor voidable: a DELETE without ?purge=true purges too
  delete: purgeFrom('globalProperties'),
  purge: purgeFrom('globalProperties'),
});
