import { requirePrivilege, type Ctx, type Reply } from '../context';
import { badRequest, notFound, notSupported } from '../errors';
import type { Person, PersonAttribute, PersonName } from '../model';
import { newUuid } from '../store';
import { convert, DEFAULT, FULL, formatDate, link, linksFor, OMIT, REF, type ConvCtx, type Converter, type Json, type Rep } from '../representations';
import { asString, auditInfo, checkProperties, emptySearch, newAudit, refUuid, single, touch } from './common';
import { locationConverter } from './location';
import { findAttributeType, personAttributeTypeConverter } from './personattributetype';
import { crudHandler, type CrudResource } from './resource';
import { callerOf, filterPersons, locationByUuid, personByUuid } from '../lbac';

export function fullName(n: PersonName | undefined): string {
  if (!n) {
    return '';
  }
  return [n.givenName, n.middleName, n.familyName, n.familyName2].filter((x) => x && x.trim()).join(' ');
}

export function preferredName(p: Person): PersonName | undefined {
  return p.names.find((n) => n.preferred) ?? p.names[0];
}

function age(birthdate: string | null): number | null {
  if (!birthdate) {
    return null;
  }
  const b = new Date(`${birthdate}T00:00:00Z`);
  const now = new Date();
  let years = now.getUTCFullYear() - b.getUTCFullYear();
  const m = now.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && now.getUTCDate() < b.getUTCDate())) {
    years--;
  }
  return years;
}

function birthDateOut(d: string | null): string | null {
  return d ? formatDate(Date.parse(`${d}T00:00:00Z`)) : null;
}

/** PersonName as a sub-resource of person. */
function nameJson(p: Person, n: PersonName, rep: Rep, ctx: ConvCtx): Json {
  const self = link(ctx, 'self', `person/${p.uuid}/name/${n.uuid}`, 'name');
  if (rep.kind === 'ref') {
    return { uuid: n.uuid, display: fullName(n), links: [self] };
  }
  if (rep.kind === 'custom') {
    // PersonNameResource1_8 with the properties asked for, e.g. preferredName:(familyName)
    const all = nameJson(p, n, DEFAULT, ctx);
    const out: Json = {};
    for (const { name } of rep.fields) {
      if (!(name in all)) {
        throw badRequest(
          `Unable to get property ${name} of PersonNameResource1_8(class org.openmrs.PersonName)`,
          'org.openmrs.module.webservices.rest.web.ConversionUtil:265',
        );
      }
      out[name] = all[name];
    }
    out.resourceVersion = '1.8';
    return out;
  }
  return {
    display: fullName(n),
    uuid: n.uuid,
    givenName: n.givenName,
    middleName: n.middleName,
    familyName: n.familyName,
    familyName2: n.familyName2,
    voided: false,
    links: [self],
    resourceVersion: '1.8',
  };
}

/** The hydrated value: a Location REF for org.openmrs.Location types, else the stored string. */
export function hydratedValue(ctx: ConvCtx, a: PersonAttribute, rep: Rep = REF): unknown {
  const type = ctx.store.db.personAttributeTypes.find((t) => t.uuid === a.attributeType);
  if (type?.format === 'org.openmrs.Location') {
    const loc = /^\d+$/.test(a.value) ? ctx.store.locationById(Number(a.value)) : undefined;
    return loc ? convert(locationConverter, loc, rep, ctx) : null;
  }
  return a.value;
}

/** PersonAttribute.toString(): the hydrated object's display string, else the value. */
function attributeDisplay(ctx: ConvCtx, a: PersonAttribute): string {
  const type = ctx.store.db.personAttributeTypes.find((t) => t.uuid === a.attributeType);
  if (type?.format === 'org.openmrs.Location' && /^\d+$/.test(a.value)) {
    return ctx.store.locationById(Number(a.value))?.name ?? a.value;
  }
  return a.value;
}

export type AttributeOf = { person: Person; attribute: PersonAttribute };

export const personAttributeConverter: Converter<AttributeOf> = {
  typeName: 'PersonAttributeResource1_8(class org.openmrs.PersonAttribute)',
  alias: 'attribute',
  path: ({ person, attribute }) => `person/${person.uuid}/attribute/${attribute.uuid}`,
  ref: (o, ctx) => {
    const out: Json = { uuid: o.attribute.uuid, display: attributeDisplay(ctx, o.attribute) };
    if (o.attribute.voided) {
      out.voided = true;
    }
    out.links = linksFor(personAttributeConverter, o, ctx, 'ref');
    return out;
  },
  defaultFields: ['display', 'uuid', 'value', 'attributeType', 'voided', 'links'],
  fullFields: ['display', 'uuid', 'value', ['attributeType', FULL], 'voided', 'auditInfo', 'hydratedObject', 'links'],
  get({ person, attribute }, name, rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return attribute.uuid;
      case 'display':
        return attributeDisplay(ctx, attribute);
      case 'value':
        return hydratedValue(ctx, attribute, REF);
      case 'hydratedObject':
        return hydratedValue(ctx, attribute, REF);
      case 'attributeType': {
        const type = ctx.store.db.personAttributeTypes.find((t) => t.uuid === attribute.attributeType);
        return type ? convert(personAttributeTypeConverter, type, rep, ctx) : null;
      }
      case 'voided':
        return attribute.voided;
      case 'auditInfo':
        return auditInfo(ctx, attribute);
      case 'links':
        return linksFor(personAttributeConverter, { person, attribute }, ctx, kind);
      default:
        return OMIT;
    }
  },
};

const PERSON_DEFAULT = [
  'uuid', 'display', 'gender', 'age', 'birthdate', 'birthdateEstimated', 'dead', 'deathDate', 'causeOfDeath',
  'preferredName', 'preferredAddress', 'attributes', 'voided', 'birthtime', 'deathdateEstimated', 'links',
];

export const personConverter: Converter<Person> = {
  typeName: 'PersonResource2_2(class org.openmrs.Person)',
  version: '1.11',
  alias: 'person',
  path: (p) => `person/${p.uuid}`,
  ref: (p, ctx) => {
    const out: Json = { uuid: p.uuid, display: fullName(preferredName(p)) };
    if (p.voided) {
      out.voided = true;
    }
    out.links = linksFor(personConverter, p, ctx, 'ref');
    return out;
  },
  defaultFields: PERSON_DEFAULT,
  fullFields: [
    'uuid', 'display', 'gender', 'age', 'birthdate', 'birthdateEstimated', 'dead', 'deathDate', 'causeOfDeath',
    ['preferredName', DEFAULT], ['preferredAddress', DEFAULT], ['names', DEFAULT], ['addresses', DEFAULT],
    ['attributes', DEFAULT], 'voided', 'auditInfo', 'birthtime', 'deathdateEstimated', 'links',
  ],
  get(p, name, rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return p.uuid;
      case 'display':
        return fullName(preferredName(p));
      case 'gender':
        return p.gender;
      case 'age':
        return age(p.birthdate);
      case 'birthdate':
        return birthDateOut(p.birthdate);
      case 'birthdateEstimated':
        return p.birthdateEstimated;
      case 'dead':
        return p.dead;
      case 'deathDate':
        return birthDateOut(p.deathDate);
      case 'causeOfDeath':
        return null;
      case 'preferredName': {
        const n = preferredName(p);
        return n ? nameJson(p, n, rep, ctx) : null;
      }
      case 'names':
        return p.names.map((n) => nameJson(p, n, rep, ctx));
      case 'preferredAddress':
        return null;
      case 'addresses':
        return [];
      case 'attributes':
        return p.attributes
          .filter((a) => !a.voided)
          .map((a) => convert(personAttributeConverter, { person: p, attribute: a }, rep, ctx));
      case 'voided':
        return p.voided;
      case 'auditInfo':
        return auditInfo(ctx, p);
      case 'birthtime':
        return null;
      case 'deathdateEstimated':
        return false;
      case 'links':
        return linksFor(personConverter, p, ctx, kind);
      default:
        return OMIT;
    }
  },
};

/** RESTWS-955 value setter: any existing location uuid becomes that location's id, whatever the format. */
function setAttributeValue(ctx: Ctx, a: PersonAttribute, value: unknown, hydrated = false) {
  const str = typeof value === 'string' ? value : refUuid(value) ?? (value === null || value === undefined ? '' : String(value));
  const type = ctx.store.db.personAttributeTypes.find((t) => t.uuid === a.attributeType);
  // RestUtil.isValidUuid is loose: (len 36 or 38) or no space or no dot
  const looseUuid = str.length === 36 || str.length === 38 || !str.includes(' ') || !str.includes('.');
  if (looseUuid) {
    // getLocationByUuid: LBAC filters it, so a location outside the caller's stays a plain string
    const loc = locationByUuid(callerOf(ctx), str);
    if (loc) {
      a.value = String(loc.id);
      return;
    }
  }
  // Attributable formats: ConversionUtil.convert(value, clazz).serialize(); not found or not convertible: the raw string
  if (type?.format === 'org.openmrs.Location' && hydrated) {
    const byId = /^\d+$/.test(str) ? ctx.store.locationById(Number(str)) : undefined;
    if (byId) {
      a.value = String(byId.id);
      return;
    }
  }
  a.value = str;
}

/** PersonAttributeResource1_8, a sub-resource of one person. */
function attributeResource(person: Person): CrudResource<AttributeOf> {
  const find = (key: string) => person.attributes.find((a) => a.uuid === key);
  const active = () => person.attributes.filter((a) => !a.voided).map((attribute) => ({ person, attribute }));
  return {
    converter: personAttributeConverter,
    privileges: {
      retrieve: 'Get People',
      getAll: 'Get People',
      search: 'Get People',
      create: 'Edit People',
      update: 'Edit People',
      delete: 'Edit People',
      purge: 'Edit People',
    },
    getByUniqueId(_ctx, key) {
      const attribute = find(key);
      return attribute ? { person, attribute } : undefined;
    },
    doGetAll: active,
    doSearch: active,
    create: {
      properties: ['attributeType', 'value', 'hydratedObject'],
      required: ['attributeType'],
      save(ctx, body, actor) {
        const typeUuid = refUuid(body.attributeType) ?? '';
        const type = findAttributeType(ctx, typeUuid);
        if (!type) {
          throw badRequest(`Cannot convert ${typeUuid} to org.openmrs.PersonAttributeType`);
        }
        const a: PersonAttribute = {
          uuid: newUuid(),
          attributeType: type.uuid,
          value: '',
          ...newAudit(actor.uuid),
          voided: false,
          voidedBy: null,
          dateVoided: null,
          voidReason: null,
        };
        if (body.value !== undefined) {
          setAttributeValue(ctx, a, body.value);
        }
        if (body.hydratedObject !== undefined) {
          setAttributeValue(ctx, a, body.hydratedObject, true);
        }
        // Person.addAttribute: same content already active -> nothing; same type -> the old one is voided
        const current = person.attributes.filter((x) => !x.voided);
        if (!current.some((x) => x.attributeType === a.attributeType && x.value === a.value)) {
          for (const old of current.filter((x) => x.attributeType === a.attributeType)) {
            old.voided = true;
            old.voidedBy = actor.uuid;
            old.dateVoided = Date.now();
            old.voidReason = `New value: ${a.value}`;
          }
          person.attributes.push(a);
          touch(person, actor.uuid);
        }
        return { person, attribute: a };
      },
    },
    update: {
      properties: ['attributeType', 'value', 'hydratedObject', 'voided'],
      save(ctx, { attribute: a }, body, actor) {
        if (body.attributeType !== undefined) {
          const type = findAttributeType(ctx, refUuid(body.attributeType) ?? '');
          if (!type) {
            throw badRequest(`Cannot convert ${String(body.attributeType)} to org.openmrs.PersonAttributeType`);
          }
          a.attributeType = type.uuid;
        }
        if (body.value !== undefined) {
          setAttributeValue(ctx, a, body.value);
        }
        if (body.hydratedObject !== undefined) {
          setAttributeValue(ctx, a, body.hydratedObject, true);
        }
        if (body.voided === false || body.voided === 'false') {
          a.voided = false;
          a.voidedBy = null;
          a.dateVoided = null;
          a.voidReason = null;
        }
        touch(a, actor.uuid);
      },
    },
    delete(_ctx, { attribute: a }, reason, actor) {
      if (!a.voided) {
        a.voided = true;
        a.voidedBy = actor.uuid;
        a.dateVoided = Date.now();
        a.voidReason = reason;
      }
    },
    purge(_ctx, { attribute: a }) {
      person.attributes = person.attributes.filter((x) => x !== a);
    },
  };
}

export function nameMatches(p: Person, words: string[]): boolean {
  return words.every((w) =>
    p.names.some((n) =>
      [n.givenName, n.middleName, n.familyName, n.familyName2].some((x) => !!x && x.toLowerCase().startsWith(w)),
    ),
  );
}

/** PersonResource1_8.doSearch: `q` is required; a blank one finds nobody. */
function searchPersons(ctx: Ctx): Person[] | Reply {
  const q = ctx.params.get('q');
  if (q === null) {
    throw notSupported(null);
  }
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) {
    return emptySearch();
  }
  const items = ctx.store.db.persons.filter((p) => !p.voided && nameMatches(p, words));
  return filterPersons(callerOf(ctx), items);
}

const persons = crudHandler<Person>({
  converter: personConverter,
  // without doGetAll, GET /person without `q` is ResourceDoesNotSupportOperationException
  privileges: { retrieve: 'Get People', getAll: 'Get People', search: 'Get People' },
  getByUniqueId: (ctx, key) => personByUuid(callerOf(ctx), key),
  doSearch: searchPersons,
});

/** POST /person/{uuid}: the person is looked up before the body is read. */
async function updatePerson(ctx: Ctx, key: string): Promise<Reply> {
  const user = requirePrivilege(ctx, 'Edit People');
  const person = personByUuid(callerOf(ctx), key);
  if (!person) {
    throw notFound();
  }
  const body = await ctx.readBody();
  checkProperties(body, ['gender', 'birthdate', 'birthdateEstimated', 'dead', 'deathDate', 'causeOfDeath', 'names', 'attributes', 'voided']);
  if (body.gender !== undefined) {
    person.gender = asString(body.gender) ?? person.gender;
  }
  touch(person, user.uuid);
  ctx.store.changed();
  return single(ctx, personConverter, person);
}

export async function personHandler(ctx: Ctx, segments: string[]): Promise<Reply> {
  const [id, sub, subId] = segments;
  if (id && sub) {
    if (sub !== 'attribute') {
      throw notSupported(null);
    }
    requirePrivilege(ctx, 'Get People');
    // the parent comes from getPersonByUuid, which LBAC filters
    const person = personByUuid(callerOf(ctx), id);
    if (!person) {
      throw notFound();
    }
    return crudHandler(attributeResource(person))(ctx, subId ? [subId] : []);
  }
  if (ctx.method === 'POST' && id) {
    return updatePerson(ctx, id);
  }
  return persons(ctx, segments);
}
