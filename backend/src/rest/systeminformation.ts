import { hostname, release } from 'node:os';
import type { Ctx, Reply } from '../context';
import { requirePrivilege } from '../context';
import { notSupported, serverError } from '../errors';
import { openmrsVersionLong } from '../versions';
import { hasSearchParams } from './common';
import { loadedModules } from './module';

/**
 * GET /systeminformation: SystemInformationResource1_8 (REST 1.8.* - 9.*), a Listable whose getAll
 * returns {"systemInfo": AdministrationService.getSystemInformation()} as is (no paging, no links).
 * getSystemInformation is @Authorized("View Administration Functions"). The map and its keys are
 * core's AdministrationServiceImpl (identical in 2.6.1 and 2.8.5); the JVM and database values
 * below are what a dockerised openmrs-core (tomcat:9-jdk17-corretto, MySQL) would show.
 */

const MB = 1024 * 1024;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function systemInformation(ctx: Ctx): Record<string, Record<string, string>> {
  const now = new Date();
  const memory = process.memoryUsage();
  const modules: Record<string, string> = { 'SystemInfo.Module.repositoryPath': '/openmrs/data/modules' };
  for (const m of loadedModules(ctx.flags)) {
    // module.getVersion() + " " + ("" when started, else "Not Started")
    modules[m.name] = `${m.version} `;
  }
  return {
    'SystemInfo.title.openmrsInformation': {
      'SystemInfo.OpenMRSInstallation.systemDate': `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`,
      'SystemInfo.OpenMRSInstallation.systemTime': `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`,
      'SystemInfo.OpenMRSInstallation.openmrsVersion': openmrsVersionLong(ctx.flags.coreVersion),
      'SystemInfo.hostname': hostname(),
    },
    'SystemInfo.title.javaRuntimeEnvironmentInformation': {
      'SystemInfo.JavaRuntimeEnv.operatingSystem': 'Linux',
      'SystemInfo.JavaRuntimeEnv.operatingSystemArch': 'amd64',
      'SystemInfo.JavaRuntimeEnv.operatingSystemVersion': release(),
      'SystemInfo.JavaRuntimeEnv.javaVersion': '17.0.13',
      'SystemInfo.JavaRuntimeEnv.javaVendor': 'Amazon.com Inc.',
      'SystemInfo.JavaRuntimeEnv.jvmVersion': '17.0.13+11-LTS',
      'SystemInfo.JavaRuntimeEnv.jvmVendor': 'Amazon.com Inc.',
      'SystemInfo.JavaRuntimeEnv.javaRuntimeName': 'OpenJDK Runtime Environment',
      'SystemInfo.JavaRuntimeEnv.javaRuntimeVersion': '17.0.13+11-LTS',
      'SystemInfo.JavaRuntimeEnv.userName': 'root',
      'SystemInfo.JavaRuntimeEnv.systemLanguage': 'en',
      'SystemInfo.JavaRuntimeEnv.systemTimezone': 'UTC',
      'SystemInfo.JavaRuntimeEnv.fileSystemEncoding': 'UTF-8',
      'SystemInfo.JavaRuntimeEnv.userDirectory': '/usr/local/tomcat',
      'SystemInfo.JavaRuntimeEnv.tempDirectory': '/usr/local/tomcat/temp',
    },
    'SystemInfo.title.memoryInformation': {
      'SystemInfo.Memory.totalMemory': `${Math.floor(memory.heapTotal / MB)} MB`,
      'SystemInfo.Memory.freeMemory': `${Math.floor((memory.heapTotal - memory.heapUsed) / MB)} MB`,
      'SystemInfo.Memory.maximumHeapSize': '2048 MB',
    },
    'SystemInfo.title.dataBaseInformation': {
      'SystemInfo.Database.name': 'openmrs',
      'SystemInfo.Database.connectionURL':
        'jdbc:mysql://db:3306/openmrs?autoReconnect=true&sessionVariables=default_storage_engine%3DInnoDB&useUnicode=true&characterEncoding=UTF-8',
      'SystemInfo.Database.userName': 'openmrs',
      'SystemInfo.Database.driver': 'com.mysql.jdbc.Driver',
      'SystemInfo.Database.dialect': 'org.hibernate.dialect.MySQLDialect',
    },
    'SystemInfo.title.moduleInformation': modules,
  };
}

export function systemInformationHandler(ctx: Ctx, segments: string[]): Reply {
  if (ctx.method !== 'GET' || segments.length) {
    // the resource is only Listable: MainResourceController's cast to Creatable/Retrievable/... fails
    const iface = ctx.method === 'GET' ? 'Retrievable' : ctx.method === 'DELETE' ? 'Deletable' : segments.length ? 'Updatable' : 'Creatable';
    throw serverError(
      `class org.openmrs.module.webservices.rest.web.v1_0.resource.openmrs1_8.SystemInformationResource1_8 cannot be cast to class org.openmrs.module.webservices.rest.web.resource.api.${iface}`,
      'org.openmrs.module.webservices.rest.web.v1_0.controller.MainResourceController:0',
    );
  }
  // a non-special parameter makes it a search, which a Listable that is not Searchable refuses
  if (hasSearchParams(ctx)) {
    throw notSupported('SystemInformationResource1_8 is not searchable');
  }
  requirePrivilege(ctx, 'View Administration Functions');
  return { status: 200, body: { systemInfo: systemInformation(ctx) } };
}
