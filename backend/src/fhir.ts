import { randomUUID } from 'node:crypto';
import type { Ctx, Reply } from './context';
import { pageRequest, searchBundle, SUBSETTED_TAG, type BundleProvider } from './fhir-paging';
import { handleFhirPatient } from './fhir-patient';
import type { Location } from './model';
import type { Store } from './store';

/**
 * fhir2 R4 Location search (LocationFhirResourceProvider / FhirLocationDaoImpl):
 * _id, _tag (tag name only, repeated values ANDed), name / name:contains; paged like every search (fhir-paging).
 */

const TAG_SYSTEM = 'http://fhir.openmrs.org/ext/location-tag';

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
    // HAPI's parser adds SUBSETTED to a resource encoded in a summary mode
    meta: { lastUpdated: new Date(l.dateChanged ?? l.dateCreated).toISOString().replace('Z', '+00:00'), tag: summary && summary !== 'false' ? [...tags, SUBSETTED_TAG] : tags },
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
  // paged as every fhir2 search is (HAPI's paging provider, capped at fhir2.paging.maximum)
  const found = items;
  const provider: BundleProvider = {
    uuid: randomUUID(),
    published: Date.now(),
    size: found.length,
    privilege: 'Get Locations',
    resources: (from, to, pageSummary) =>
      found.slice(from, to).map((l) => ({
        fullUrl: `${fhirBase}/Location/${l.uuid}`,
        resource: locationResource(ctx.store, l, pageSummary === 'false' ? null : pageSummary),
      })),
  };
  return searchBundle(ctx, fhirBase, 'Location', provider);
}
