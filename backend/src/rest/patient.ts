import type { Ctx, Reply } from '../context';
import { badRequest, notSupported } from '../errors';
import type { PatientIdentifier, Person } from '../model';
import { convert, DEFAULT, FULL, link, linksFor, OMIT, type ConvCtx, type Converter, type Json, type Rep } from '../representations';
import { callerOf, filterPatients, patientByUuid } from '../lbac';
import { auditInfo, emptySearch } from './common';
import { locationConverter } from './location';
import { fullName, nameMatches, personConverter, preferredName } from './person';
import { crudHandler } from './resource';

function identifierTypeRef(ctx: ConvCtx, uuid: string, rep: Rep): Json | null {
  const t = ctx.store.db.identifierTypes.find((x) => x.uuid === uuid);
  if (!t) {
    return null;
  }
  const self = link(ctx, 'self', `patientidentifiertype/${t.uuid}`, 'patientidentifiertype');
  if (rep.kind === 'ref') {
    return { uuid: t.uuid, display: t.name, links: [self] };
  }
  return { uuid: t.uuid, display: t.name, name: t.name, description: t.description, retired: false, links: [self], resourceVersion: '1.8' };
}

function identifierDisplay(ctx: ConvCtx, id: PatientIdentifier): string {
  const t = ctx.store.db.identifierTypes.find((x) => x.uuid === id.identifierType);
  return `${t?.name ?? ''} = ${id.identifier}`;
}

function identifierJson(ctx: ConvCtx, p: Person, id: PatientIdentifier, rep: Rep): Json {
  const self = link(ctx, 'self', `patient/${p.uuid}/identifier/${id.uuid}`, 'identifier');
  if (rep.kind === 'ref') {
    return { uuid: id.uuid, display: identifierDisplay(ctx, id), links: [self] };
  }
  const loc = id.location ? ctx.store.locationByUuid(id.location) : undefined;
  const childRep = rep.kind === 'full' ? DEFAULT : { kind: 'ref' as const };
  const out: Json = {
    display: identifierDisplay(ctx, id),
    uuid: id.uuid,
    identifier: id.identifier,
    identifierType: identifierTypeRef(ctx, id.identifierType, childRep),
    location: loc ? convert(locationConverter, loc, childRep, ctx) : null,
    preferred: id.preferred,
    voided: false,
  };
  if (rep.kind === 'full') {
    out.auditInfo = auditInfo(ctx, p);
  }
  out.links = [self];
  out.resourceVersion = '1.8';
  return out;
}

function patientDisplay(ctx: ConvCtx, p: Person): string {
  const ids = p.patient?.identifiers ?? [];
  const preferred = ids.find((i) => i.preferred) ?? ids[0];
  const name = fullName(preferredName(p));
  return preferred ? `${preferred.identifier} - ${name}` : name;
}

export const patientConverter: Converter<Person> = {
  typeName: 'PatientResource1_9(class org.openmrs.Patient)',
  alias: 'patient',
  path: (p) => `patient/${p.uuid}`,
  ref: (p, ctx) => {
    const out: Json = { uuid: p.uuid, display: patientDisplay(ctx, p) };
    if (p.voided) {
      out.voided = true;
    }
    out.links = linksFor(patientConverter, p, ctx, 'ref');
    return out;
  },
  defaultFields: ['uuid', 'display', 'identifiers', ['person', DEFAULT], 'voided', 'links'],
  fullFields: ['uuid', 'display', ['identifiers', FULL], ['person', FULL], 'voided', 'auditInfo', 'links'],
  get(p, name, rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return p.uuid;
      case 'display':
        return patientDisplay(ctx, p);
      case 'identifiers':
        return (p.patient?.identifiers ?? []).map((id) => identifierJson(ctx, p, id, rep));
      case 'person':
        return convert(personConverter, p, rep, ctx);
      case 'voided':
        return p.voided;
      case 'auditInfo':
        return auditInfo(ctx, p);
      case 'links':
        return linksFor(patientConverter, p, ctx, kind);
      default:
        return OMIT;
    }
  },
};

/** PatientService.getPatients(q): name words (prefix, ANDed) or an exact identifier. */
function searchPatients(ctx: Ctx, q: string): Person[] {
  const trimmed = q.trim();
  const min = Number(ctx.store.gp('minSearchCharacters') ?? '2') || 2;
  if (trimmed.length < min) {
    return [];
  }
  const lower = trimmed.toLowerCase();
  const words = lower.split(/\s+/).filter(Boolean);
  return ctx.store.db.persons.filter(
    (p) =>
      p.patient &&
      !p.voided &&
      (p.patient.identifiers.some((i) => i.identifier.toLowerCase() === lower) || nameMatches(p, words)),
  );
}

/** PatientResource1_8.doSearch: by identifier, duplicates (never any here), or `q`, which is required. */
function doSearch(ctx: Ctx): Person[] | Reply {
  const identifier = ctx.params.get('identifier');
  if (identifier !== null) {
    const items = ctx.store.db.persons.filter(
      (p) => p.patient && !p.voided && p.patient.identifiers.some((i) => i.identifier === identifier),
    );
    return filterPatients(callerOf(ctx), items);
  }
  const dup = ctx.params.get('attributesToFindDuplicatesBy');
  if (dup !== null) {
    if (dup.split(',').filter(Boolean).length < 2) {
      throw badRequest('Choose a minimum of two attributes', 'org.openmrs.module.webservices.rest.web.resource.impl.BaseDelegatingResource:0');
    }
    return emptySearch();
  }
  const q = ctx.params.get('q');
  if (q === null) {
    throw notSupported(null);
  }
  let items = filterPatients(callerOf(ctx), searchPatients(ctx, q));
  if (ctx.params.get('includeDead') !== 'true') {
    items = items.filter((p) => !p.dead);
  }
  return items.length ? items : emptySearch();
}

export const patientHandler = crudHandler<Person>({
  converter: patientConverter,
  // without doGetAll, GET /patient without a search parameter is ResourceDoesNotSupportOperationException
  privileges: { retrieve: 'Get Patients', getAll: 'Get Patients', search: 'Get Patients' },
  // getPatientByUuid, filtered by LBAC: out of scope is null, so 404
  getByUniqueId: (ctx, key) => patientByUuid(callerOf(ctx), key),
  doSearch,
});
