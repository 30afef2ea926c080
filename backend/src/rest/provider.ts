import type { Ctx } from '../context';
import type { Provider } from '../model';
import { convert, linksFor, metadataRef, OMIT, type ConvCtx, type Converter } from '../representations';
import { auditInfo } from './common';
import { fullName, personConverter, preferredName } from './person';
import { crudHandler } from './resource';

function providerDisplay(ctx: ConvCtx, p: Provider): string {
  const person = ctx.store.personByUuid(p.person);
  return `${p.identifier} - ${fullName(person ? preferredName(person) : undefined)}`;
}

export const providerConverter: Converter<Provider> = {
  typeName: 'ProviderResource1_9(class org.openmrs.Provider)',
  version: '1.9',
  alias: 'provider',
  path: (p) => `provider/${p.uuid}`,
  ref: (p, ctx) => metadataRef(providerConverter, p, providerDisplay(ctx, p), ctx),
  defaultFields: ['uuid', 'display', 'person', 'identifier', 'attributes', 'retired', 'links'],
  fullFields: ['uuid', 'display', 'person', 'identifier', 'attributes', 'retired', 'auditInfo', 'links'],
  get(p, name, rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return p.uuid;
      case 'display':
        return providerDisplay(ctx, p);
      case 'identifier':
        return p.identifier;
      case 'person': {
        const person = ctx.store.personByUuid(p.person);
        return person ? convert(personConverter, person, rep, ctx) : null;
      }
      case 'attributes':
        return [];
      case 'retired':
        return p.retired;
      case 'auditInfo':
        return auditInfo(ctx, p);
      case 'links':
        return linksFor(providerConverter, p, ctx, kind);
      default:
        return OMIT;
    }
  },
};

function searchProviders(ctx: Ctx): Provider[] {
  let items = ctx.store.db.providers;
  const user = ctx.params.get('user');
  if (user) {
    const u = ctx.store.userByUuid(user);
    items = u ? items.filter((p) => p.person === u.person) : [];
  }
  const q = ctx.params.get('q');
  if (q) {
    const lower = q.toLowerCase();
    items = items.filter((p) => providerDisplay(ctx, p).toLowerCase().includes(lower));
  }
  if (ctx.params.get('includeAll') !== 'true') {
    items = items.filter((p) => !p.retired);
  }
  return items;
}

export const providerHandler = crudHandler<Provider>({
  converter: providerConverter,
  privileges: { retrieve: 'Get Providers', getAll: 'Get Providers', search: 'Get Providers' },
  getByUniqueId: (ctx, key) => ctx.store.db.providers.find((p) => p.uuid === key),
  doGetAll: searchProviders,
  doSearch: searchProviders,
});
