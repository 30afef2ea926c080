import { requirePrivilege, type Ctx } from '../context';
import { serverError, validationError } from '../errors';
import { versionAtLeast } from '../versions';
import { pageParams } from '../paging';
import type { Location, LocationTag } from '../model';
import { callerOf, filterLocations, locationByUuid } from '../lbac';
import { newUuid } from '../store';
import { convert, DEFAULT, linksFor, metadataRef, OMIT, type Converter, type Rep } from '../representations';
import { asString, auditInfo, newAudit, notRetired, refUuid, touch, unretire } from './common';
import { crudHandler, purgeFrom, retireDelegate, type CrudResource } from './resource';

export const locationTagConverter: Converter<LocationTag> = {
  typeName: 'LocationTagResource1_8(class org.openmrs.LocationTag)',
  alias: 'locationtag',
  path: (t) => `locationtag/${t.uuid}`,
  ref: (t, ctx) => metadataRef(locationTagConverter, t, t.name, ctx),
  defaultFields: ['uuid', 'display', 'name', 'description', 'retired', 'links'],
  fullFields: ['uuid', 'display', 'name', 'description', 'retired', 'auditInfo', 'links'],
  get(t, name, _rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return t.uuid;
      case 'display':
      case 'name':
        return t.name;
      case 'description':
        return t.description;
      case 'retired':
        return t.retired;
      case 'auditInfo':
        return auditInfo(ctx, t);
      case 'links':
        return linksFor(locationTagConverter, t, ctx, kind);
      default:
        return OMIT;
    }
  },
};

const ADDRESS_EXTRA = ['address7', 'address8', 'address9', 'address10', 'address11', 'address12', 'address13', 'address14', 'address15'];
const DEFAULT_FIELDS = [
  'uuid', 'display', 'name', 'description', 'address1', 'address2', 'address3', 'address4', 'address5', 'address6',
  'cityVillage', 'stateProvince', 'country', 'postalCode', 'latitude', 'longitude', 'countyDistrict',
];

export const locationConverter: Converter<Location> = {
  typeName: 'LocationResource2_0(class org.openmrs.Location)',
  version: '2.0',
  alias: 'location',
  path: (l) => `location/${l.uuid}`,
  ref: (l, ctx) => metadataRef(locationConverter, l, l.name, ctx),
  defaultFields: [
    ...DEFAULT_FIELDS, 'tags', 'parentLocation', 'childLocations', 'retired', 'attributes', ...ADDRESS_EXTRA, 'links',
  ],
  fullFields: [
    ...DEFAULT_FIELDS,
    ['tags', DEFAULT], ['parentLocation', DEFAULT], ['childLocations', DEFAULT], 'retired', ['attributes', DEFAULT],
    'auditInfo', ...ADDRESS_EXTRA, 'links',
  ],
  get(l, name, rep: Rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return l.uuid;
      case 'display':
      case 'name':
        return l.name;
      case 'tags':
        return l.tags
          .map((t) => ctx.store.db.locationTags.find((x) => x.uuid === t))
          .filter((t) => !!t)
          .map((t) => convert(locationTagConverter, t, rep, ctx));
      case 'parentLocation': {
        const parent = l.parent ? ctx.store.locationByUuid(l.parent) : undefined;
        return parent ? convert(locationConverter, parent, rep, ctx) : null;
      }
      case 'childLocations':
        return ctx.store.db.locations.filter((c) => c.parent === l.uuid).map((c) => convert(locationConverter, c, rep, ctx));
      case 'attributes':
        return [];
      case 'retired':
        return l.retired;
      case 'auditInfo':
        return auditInfo(ctx, l);
      case 'links':
        return linksFor(locationConverter, l, ctx, kind);
      default:
        if (name in l) {
          return (l as unknown as Record<string, unknown>)[name] ?? null;
        }
        if (/^address\d+$/.test(name)) {
          return null;
        }
        return OMIT;
    }
  },
};

export function findTag(ctx: Ctx, key: string): LocationTag | undefined {
  return ctx.store.db.locationTags.find((t) => t.uuid === key) ?? ctx.store.db.locationTags.find((t) => t.name === key);
}

/**
 * GET /location (LocationResource1_8): tag = getLocationsHavingAllTags (never retired, DB order),
 * q = getLocations(q) (name prefix, no retired, by name), both = intersection;
 * neither = getAllLocations(includeAll) (retired last, by name).
 */
export function searchLocations(ctx: Ctx): Location[] {
  const db = ctx.store.db;
  const tagParam = ctx.params.get('tag');
  const q = ctx.params.get('q');
  const byName = (a: Location, b: Location) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  let byTag: Location[] | null = null;
  let byQuery: Location[] | null = null;
  if (tagParam !== null && tagParam.trim()) {
    const tag = findTag(ctx, tagParam);
    byTag = tag ? [...db.locations].sort((a, b) => a.id - b.id).filter((l) => !l.retired && l.tags.includes(tag.uuid)) : [];
  }
  if (q !== null && q.trim()) {
    const lower = q.toLowerCase();
    // getLocations(q) is filtered by LBAC; getLocationsHavingAllTags (tag=) is not
    byQuery = filterLocations(
      callerOf(ctx),
      db.locations.filter((l) => !l.retired && l.name.toLowerCase().startsWith(lower)).sort(byName),
    );
  }
  if (byTag && byQuery) {
    const inTag = new Set(byTag);
    return byQuery.filter((l) => inTag.has(l));
  }
  if (byTag || byQuery) {
    return (byTag ?? byQuery)!;
  }
  if (ctx.params.get('includeAll') === 'true') {
    return filterLocations(callerOf(ctx), [...db.locations].sort((a, b) => Number(a.retired) - Number(b.retired) || byName(a, b)));
  }
  return filterLocations(callerOf(ctx), db.locations.filter((l) => !l.retired).sort(byName));
}

const WRITABLE = [
  'name', 'description', 'address1', 'address2', 'address3', 'address4', 'address5', 'address6', 'cityVillage',
  'stateProvince', 'country', 'postalCode', 'latitude', 'longitude', 'countyDistrict', 'tags', 'parentLocation',
  'childLocations', 'attributes', ...ADDRESS_EXTRA,
];

/**
 * One entry of `tags` in a location's body, as the real server reads it. ConversionUtil turns a string
 * into LocationTagResource1_8.getByUniqueId(string), by uuid only: an unknown string becomes null, and
 * LocationServiceImpl.saveLocation then fails on it (NullPointerException, a 500). An object with a
 * known uuid is that tag; one without becomes a new tag that saveLocation replaces by the tag of that
 * name, or refuses (Location.cannot.add.transient.tags, an APIException: 500).
 */
function tagOf(ctx: Ctx, value: unknown): LocationTag {
  const line = versionAtLeast(ctx.flags.coreVersion, '2.8.0') ? 71 : 70;
  if (typeof value === 'string') {
    const tag = ctx.store.db.locationTags.find((t) => t.uuid === value);
    if (!tag) {
      throw serverError(null, `org.openmrs.api.impl.LocationServiceImpl:${line}`);
    }
    return tag;
  }
  const ref = (value ?? {}) as { uuid?: unknown; name?: unknown };
  const byUuid = typeof ref.uuid === 'string' ? ctx.store.db.locationTags.find((t) => t.uuid === ref.uuid) : undefined;
  if (byUuid) {
    return byUuid;
  }
  const name = typeof ref.name === 'string' ? ref.name : '';
  if (!name) {
    throw serverError('A tag name is required', `org.openmrs.api.impl.LocationServiceImpl:${line + 2}`);
  }
  const byName = ctx.store.db.locationTags.find((t) => t.name === name);
  if (!byName) {
    throw serverError(
      'Cannot add transient tags! Save all location tags to the database before saving this location',
      `org.openmrs.api.impl.LocationServiceImpl:${line + 10}`,
    );
  }
  return byName;
}

function applyLocation(ctx: Ctx, loc: Location, body: Record<string, unknown>) {
  for (const [key, value] of Object.entries(body)) {
    if (key === 'tags') {
      loc.tags = (Array.isArray(value) ? value : []).map((v) => tagOf(ctx, v).uuid);
    } else if (key === 'parentLocation') {
      loc.parent = refUuid(value);
    } else if (key === 'retired') {
      if (value === false || value === 'false') {
        unretire(loc);
      }
    } else if (key in loc) {
      (loc as unknown as Record<string, unknown>)[key] = asString(value);
    }
  }
}

/**
 * LocationValidator (core 2.7 and 2.8), run when LocationServiceImpl.saveLocation saves: the name must
 * not be blank (`error.name`), and HibernateLocationDAO.getLocation(name), the first location of that
 * name, must be this one or retired (`location.duplicate.name`). Names compare as MySQL's default
 * collation does: case-insensitively, trailing spaces ignored.
 */
function validateLocation(ctx: Ctx, loc: Location): void {
  if (!loc.name?.trim()) {
    throw validationError({ name: [{ code: 'error.name', message: 'Invalid name' }] });
  }
  const key = (name: string) => name.replace(/ +$/, '').toLowerCase();
  const first = [...ctx.store.db.locations].sort((a, b) => a.id - b.id).find((l) => key(l.name) === key(loc.name));
  if (first && !first.retired && first.uuid !== loc.uuid) {
    throw validationError({
      name: [{ code: 'location.duplicate.name', message: 'Specified Location name already exists, please specify another' }],
    });
  }
}

/**
 * A search (any non-special parameter, e.g. `totalCount` before REST 2.49) with neither `q` nor `tag`:
 * LocationResource1_8.doSearch returns `new NeedsPaging(null)`, whose getPageOfResults throws a
 * NullPointerException (message null on Java 8 and 11), a 500.
 */
function searchWithoutCriteria(ctx: Ctx) {
  const line = pageParams(ctx.params, ctx.store).startIndex === 0 ? 39 : 43;
  return serverError(null, `org.openmrs.module.webservices.rest.web.resource.impl.NeedsPaging:${line}`);
}

/** LocationResource1_8.getByUniqueId: getLocationByUuid (LBAC-filtered), else getLocation(name) (not filtered). */
function locationByKey(ctx: Ctx, key: string): Location | undefined {
  return locationByUuid(callerOf(ctx), key) ?? ctx.store.db.locations.find((l) => l.name === key);
}

export const locationResource: CrudResource<Location> = {
  converter: locationConverter,
  privileges: {
    retrieve: 'Get Locations',
    getAll: 'Get Locations',
    create: 'Manage Locations',
    update: 'Manage Locations',
    delete: 'Manage Locations',
    purge: 'Manage Locations',
  },
  getByUniqueId: locationByKey,
  doGetAll: searchLocations,
  doSearch(ctx) {
    if (!ctx.params.get('q')?.trim() && !ctx.params.get('tag')?.trim()) {
      // no service call, so no privilege check, comes before the failure
      throw searchWithoutCriteria(ctx);
    }
    requirePrivilege(ctx, 'Get Locations');
    return searchLocations(ctx);
  },
  create: {
    properties: WRITABLE,
    required: ['name'],
    save(ctx, body, actor) {
      const loc: Location = {
        id: ctx.store.nextId(),
        uuid: newUuid(),
        name: '',
        description: null,
        address1: null,
        address2: null,
        cityVillage: null,
        stateProvince: null,
        country: null,
        postalCode: null,
        countyDistrict: null,
        latitude: null,
        longitude: null,
        tags: [],
        parent: null,
        ...newAudit(actor.uuid),
        ...notRetired(),
      };
      applyLocation(ctx, loc, body);
      validateLocation(ctx, loc);
      ctx.store.db.locations.push(loc);
      return loc;
    },
  },
  update: {
    properties: [...WRITABLE, 'retired'],
    save(ctx, loc, body, actor) {
      // a refused save changes nothing (the transaction rolls back)
      const changed: Location = { ...loc, tags: [...loc.tags] };
      applyLocation(ctx, changed, body);
      validateLocation(ctx, changed);
      Object.assign(loc, changed);
      touch(loc, actor.uuid);
    },
  },
  delete: retireDelegate,
  purge: purgeFrom('locations'),
};

export const locationHandler = crudHandler(locationResource);

function searchTags(ctx: Ctx): LocationTag[] {
  const q = ctx.params.get('q');
  const items = ctx.store.db.locationTags;
  return q === null ? items : items.filter((t) => t.name.toLowerCase().startsWith(q.toLowerCase()));
}

export const locationTagHandler = crudHandler<LocationTag>({
  converter: locationTagConverter,
  privileges: { retrieve: 'Get Locations', getAll: 'Get Locations', search: 'Get Locations' },
  getByUniqueId: findTag,
  doGetAll: searchTags,
  doSearch: searchTags,
});
