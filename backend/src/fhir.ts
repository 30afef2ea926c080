import type { Ctx, Reply } from './context';
import { pageRequest } from './fhir-paging';
import { handleFhirPatient } from './fhir-patient';
import type { Location } from './model';
import type { Store } from './store';

/**
 * fhir2 R4 Location search (LocationFhirResourceProvider / FhirLocationDaoImpl):
 * _id, _tag (tag name only, repeated values ANDed), name / name:contains, _count, _getpagesoffset.
 */

const TAG_SYSTEM = 'http://fhir.openmrs.org/ext/location-tag';
// GPs fhir2.paging.default and fhir2.paging.maximum
const DEFAULT_COUNT = 10;
const MAX_COUNT = 100;

function operationOutcome(status: number, code: string, diagnostics: string): Reply {
  return {
    status,
    headers: { 'Content-Type': 'application/fhir+json;charset=utf-8' },
    body: {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code, diagnostics }],
    },
  };
}

export function locationResource(store: Store, l: Location, summary: string | null) {
  const tags = l.tags
    .map((t) => store.db.locationTags.find((x) => x.uuid === t))
    .filter((t) => !!t)
    .map((t) => ({ system: TAG_SYSTEM, code: t.name, display: t.description }));
  const resource: Record<string, unknown> = {
    resourceType: 'Location',
    id: l.uuid,
    meta: { lastUpdated: new Date(l.dateChanged ?? l.dateCreated).toISOString().replace('Z', '+00:00'), tag: tags },
    text:
      summary === 'data'
        ? undefined
        : {
            status: 'generated',
            div: `<div xmlns="http://www.w3.org/1999/xhtml"><h2>${escapeHtml(l.name)}</h2></div>`,
          },
    status: l.retired ? 'inactive' : 'active',
    name: l.name,
    description: l.description ?? undefined,
    address:
      l.cityVillage || l.stateProvince || l.country || l.postalCode
        ? {
            city: l.cityVillage ?? undefined,
            state: l.stateProvince ?? undefined,
            postalCode: l.postalCode ?? undefined,
            country: l.country ?? undefined,
          }
        : undefined,
    partOf: l.parent
      ? { reference: `Location/${l.parent}`, type: 'Location', display: store.locationByUuid(l.parent)?.name }
      : undefined,
  };
  if (resource.text === undefined) {
    delete resource.text;
  }
  return JSON.parse(JSON.stringify(resource)) as Record<string, unknown>;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

export function handleFhir(ctx: Ctx, segments: string[]): Reply {
  const fhirBase = `${ctx.contextUrl}/ws/fhir2/R4`;
  if (!ctx.user) {
    // the server's filter answers "401 Not authenticated" before we get here; a retired user's session lands here
    return operationOutcome(401, 'security', 'Not authenticated');
  }
  const [type, id] = segments;
  if (type === undefined && ctx.params.get('_getpages')) {
    return pageRequest(ctx, fhirBase);
  }
  if (type === 'Patient') {
    return handleFhirPatient(ctx, id, fhirBase);
  }
  if (type !== 'Location') {
    return operationOutcome(404, 'not-supported', `Unknown resource type '${type ?? ''}' - Server knows how to handle: [Location, Patient, Person, Practitioner, Encounter, Observation]`);
  }
  if (ctx.method !== 'GET') {
    return operationOutcome(405, 'not-supported', `HTTP method ${ctx.method} is not supported for this resource`);
  }
  if (!ctx.store.hasPrivilege(ctx.user, 'Get Locations')) {
    return operationOutcome(403, 'forbidden', 'Privileges required: Get Locations');
  }
  const summary = ctx.params.get('_summary');
  if (id) {
    const l = ctx.store.locationByUuid(id);
    if (!l) {
      return operationOutcome(404, 'processing', `Resource Location/${id} is not known`);
    }
    return { status: 200, headers: { 'Content-Type': 'application/fhir+json;charset=utf-8' }, body: locationResource(ctx.store, l, summary) };
  }
  let items = [...ctx.store.db.locations];
  const ids = ctx.params.getAll('_id').flatMap((v) => v.split(','));
  if (ids.length) {
    items = items.filter((l) => ids.includes(l.uuid));
  }
  for (const tagValue of ctx.params.getAll('_tag')) {
    // token: system|code or code; OR within a comma list, AND across repeats
    const codes = tagValue.split(',').map((t) => (t.includes('|') ? t.slice(t.indexOf('|') + 1) : t));
    items = items.filter((l) =>
      codes.some((code) => l.tags.some((t) => ctx.store.db.locationTags.find((x) => x.uuid === t)?.name === code)),
    );
  }
  for (const [key, value] of ctx.params.entries()) {
    const lower = value.toLowerCase();
    if (key === 'name' || key === 'name:contains' || key === 'name:exact') {
      items = items.filter((l) => {
        const n = l.name.toLowerCase();
        if (key === 'name:contains') {
          return n.includes(lower);
        }
        if (key === 'name:exact') {
          return l.name === value;
        }
        return n.startsWith(lower);
      });
    }
  }
  items.sort((a, b) => a.id - b.id);
  const rawCount = ctx.params.get('_count');
  const countParam = rawCount === null || rawCount === '' ? NaN : Number(rawCount);
  const count = Number.isInteger(countParam) && countParam >= 0 ? Math.min(countParam, MAX_COUNT) : DEFAULT_COUNT;
  const offsetParam = Number(ctx.params.get('_getpagesoffset') ?? '0');
  const offset = Number.isInteger(offsetParam) && offsetParam > 0 ? offsetParam : 0;
  const page = items.slice(offset, offset + count);
  const selfUrl = `${fhirBase}/Location${ctx.req.url && ctx.req.url.includes('?') ? ctx.req.url.slice(ctx.req.url.indexOf('?')) : ''}`;
  const link: Array<{ relation: string; url: string }> = [{ relation: 'self', url: selfUrl }];
  const pageUrl = (o: number) => {
    const params = new URLSearchParams(ctx.params);
    params.delete('_getpagesoffset');
    params.set('_getpagesoffset', String(o));
    if (!params.has('_count')) {
      params.set('_count', String(count));
    }
    return `${fhirBase}/Location?${params.toString()}`;
  };
  if (count > 0 && offset + count < items.length) {
    link.push({ relation: 'next', url: pageUrl(offset + count) });
  }
  if (offset > 0) {
    link.push({ relation: 'previous', url: pageUrl(Math.max(0, offset - count)) });
  }
  const body: Record<string, unknown> = {
    resourceType: 'Bundle',
    id: cryptoRandomId(),
    meta: { lastUpdated: new Date().toISOString().replace('Z', '+00:00') },
    type: 'searchset',
    total: items.length,
    link,
  };
  if (page.length && summary !== 'count') {
    body.entry = page.map((l) => ({
      fullUrl: `${fhirBase}/Location/${l.uuid}`,
      resource: locationResource(ctx.store, l, summary),
    }));
  }
  return { status: 200, headers: { 'Content-Type': 'application/fhir+json;charset=utf-8' }, body };
}

function cryptoRandomId(): string {
  return Math.random().toString(16).slice(2, 10) + Math.random().toString(16).slice(2, 10);
}
