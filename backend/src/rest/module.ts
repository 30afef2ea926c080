import type { Ctx, Reply } from '../context';
import { notLoggedIn } from '../errors';
import { link, OMIT, type Converter } from '../representations';
import { crudHandler } from './resource';

export interface Module {
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

/**
 * openmrs-module-locationbasedaccess 0.2.0 (pom name/description, require_version 2.0.5) and the two
 * modules it requires (names from their poms; the installed versions shown are illustrative).
 */
const LBAC_MODULES: Module[] = [
  {
    id: 'locationbasedaccess',
    name: 'Location Based Access Control',
    description: 'Location Based Access Control for the Reference Application',
    packageName: 'org.openmrs.module.locationbasedaccess',
    author: 'OpenMRS',
    version: '0.2.0',
    requireOpenmrsVersion: '2.0.5',
  },
  {
    id: 'uiframework',
    name: 'OpenMRS UI Framework',
    description: "OpenMRS's new custom UI Framework, built on top of Spring MVC, and leveraging Groovy templates for views.",
    packageName: 'org.openmrs.module.uiframework',
    author: 'OpenMRS',
    version: '3.24.0',
    requireOpenmrsVersion: '1.9.9',
  },
  {
    id: 'appui',
    name: 'App UI Module',
    description: "Support for using the App Framework's context in the UI Framework",
    packageName: 'org.openmrs.module.appui',
    author: 'OpenMRS',
    version: '1.17.0',
    requireOpenmrsVersion: '2.0.0',
  },
];

/** ModuleFactory.getLoadedModules() as the stand-in has them, at the versions it behaves as. */
export function loadedModules(flags: { lbac: boolean; restVersion: string; fhir2Version: string }): Module[] {
  const versioned = MODULES.map((m) =>
    m.id === 'webservices.rest' ? { ...m, version: flags.restVersion } : m.id === 'fhir2' ? { ...m, version: flags.fhir2Version } : m,
  );
  return flags.lbac ? [...versioned, ...LBAC_MODULES] : versioned;
}

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

const modules = crudHandler<Module>({
  converter: moduleConverter,
  privileges: {},
  getByUniqueId: (ctx, key) => loadedModules(ctx.flags).find((m) => m.id === key),
  doGetAll: (ctx) => loadedModules(ctx.flags),
  doSearch: (ctx) => loadedModules(ctx.flags),
});

export function moduleHandler(ctx: Ctx, segments: string[]): Promise<Reply> | Reply {
  // ModuleFactoryWrapper.checkReadonlyPrivilege: any authenticated user may read
  if (ctx.method === 'GET' && !ctx.user) {
    throw notLoggedInPlain('User must be authenticated', ctx);
  }
  return modules(ctx, segments);
}

function notLoggedInPlain(message: string, ctx: Ctx) {
  const e = notLoggedIn([], ctx.disableWwwAuthenticate, ctx.contextUrl);
  e.body.error.message = `User is not logged in [${message}]`;
  e.body.error.rawMessage = message;
  e.body.error.translatedMessage = message;
  return e;
}
