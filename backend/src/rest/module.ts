import type { Ctx, Reply } from '../context';
import { methodNotAllowed, notFound, notLoggedIn } from '../errors';
import { link, OMIT, type Converter } from '../representations';
import { listReply, single } from './common';

interface Module {
  id: string;
  name: string;
  description: string;
  packageName: string;
  author: string;
  version: string;
  requireOpenmrsVersion: string;
}

const MODULES: Module[] = [
  {
    id: 'webservices.rest',
    name: 'Rest Web Services OMOD',
    description: 'Provides a RESTful API for the OpenMRS platform',
    packageName: 'org.openmrs.module.webservices.rest',
    author: 'OpenMRS',
    version: '2.49.0',
    requireOpenmrsVersion: '2.4.0',
  },
  {
    id: 'fhir2',
    name: 'FHIR2',
    description: 'Provides FHIR R4 and R3 support for OpenMRS',
    packageName: 'org.openmrs.module.fhir2',
    author: 'OpenMRS',
    version: '2.5.0',
    requireOpenmrsVersion: '2.5.0',
  },
];

const LBAC: Module = {
  id: 'locationbasedaccess',
  name: 'Location Based Access Control',
  description: 'Restricts access to patients, users and encounters by location',
  packageName: 'org.openmrs.module.locationbasedaccess',
  author: 'OpenMRS',
  version: '1.0.0',
  requireOpenmrsVersion: '2.0.0',
};

const moduleConverter: Converter<Module> = {
  typeName: 'ModuleResource1_8(class org.openmrs.module.Module)',
  alias: 'module',
  path: (m) => `module/${m.id}`,
  ref: (m, ctx) => ({ uuid: m.id, display: m.name, links: [link(ctx, 'self', `module/${m.id}`, 'module')] }),
  defaultFields: ['uuid', 'display', 'name', 'description', 'version', 'started', 'startupErrorMessage', 'links'],
  fullFields: [
    'uuid', 'display', 'name', 'description', 'packageName', 'author', 'version', 'started', 'startupErrorMessage',
    'requireOpenmrsVersion', 'awareOfModules', 'requiredModules', 'links',
  ],
  get(m, name, _rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return m.id;
      case 'display':
        return m.name;
      case 'name':
      case 'description':
      case 'packageName':
      case 'author':
      case 'version':
      case 'requireOpenmrsVersion':
        return m[name];
      case 'started':
        return true;
      case 'startupErrorMessage':
        return null;
      case 'awareOfModules':
      case 'requiredModules':
        return [];
      case 'links': {
        const self = link(ctx, 'self', `module/${m.id}`, 'module');
        const ref = link(ctx, 'ref', `module/${m.id}`, 'module', '?v=ref');
        const action = { rel: 'action', uri: `${ctx.restBase}/moduleaction`, resourceAlias: 'moduleaction' };
        return kind === 'default'
          ? [link(ctx, 'full', `module/${m.id}`, 'module', '?v=full'), ref, action, self]
          : kind === 'full'
            ? [ref, action, self]
            : [self];
      }
      default:
        return OMIT;
    }
  },
};

export function moduleHandler(ctx: Ctx, segments: string[]): Reply {
  if (ctx.method !== 'GET') {
    throw methodNotAllowed(ctx.method);
  }
  // ModuleFactoryWrapper.checkReadonlyPrivilege: any authenticated user may read
  if (!ctx.user) {
    throw notLoggedInPlain('User must be authenticated', ctx);
  }
  const modules = ctx.flags.lbac ? [...MODULES, LBAC] : MODULES;
  const [id] = segments;
  if (id) {
    const m = modules.find((x) => x.id === id);
    if (!m) {
      throw notFound();
    }
    return single(ctx, moduleConverter, m);
  }
  return listReply(ctx, modules, moduleConverter);
}

function notLoggedInPlain(message: string, ctx: Ctx) {
  const e = notLoggedIn([], ctx.disableWwwAuthenticate, ctx.contextUrl);
  e.body.error.message = `User is not logged in [${message}]`;
  e.body.error.rawMessage = message;
  e.body.error.translatedMessage = message;
  return e;
}
