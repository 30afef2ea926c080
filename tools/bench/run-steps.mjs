// Steps every part of the bench shares: the module's production build, the app shell serving it, a
// script whose last line of output is its figures as JSON, and the admin's REST calls that set up a backend.
import { spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  addModuleToSpa,
  buildModule,
  freePort,
  moduleDirName,
  root,
  startAppShell,
  writeAbsoluteImportmap,
} from '../lib/stack.mjs';

/**
 * The module's production build in `buildDir`, or a copy of BENCH_BUILD_DIR when set. The promise has a
 * handler already, so the caller may start backends before awaiting it.
 */
export function productionBuild(buildDir, { log, verbose, logFile }) {
  if (process.env.BENCH_BUILD_DIR) {
    cpSync(resolve(process.env.BENCH_BUILD_DIR), buildDir, { recursive: true });
    return Promise.resolve();
  }
  log('production build (webpack --mode production) ...');
  const built = buildModule(buildDir, { quiet: !verbose, logFile });
  built.catch(() => {});
  return built;
}

/**
 * The real app shell (openmrs develop) with the module's production build from `buildDir`, put into the
 * assembled SPA in `spaDir` that `backendUrl` serves (a copy of the module another run left there gives
 * way to it). The import map is written into `tmp`.
 */
export async function startShellWithBuild({ spaDir, buildDir, backendUrl, tmp, log, verbose, logFile }) {
  rmSync(join(spaDir, moduleDirName), { recursive: true, force: true });
  const importmapFile = join(tmp, 'importmap.json');
  writeAbsoluteImportmap(addModuleToSpa(spaDir, buildDir), backendUrl, importmapFile);
  log('app shell (openmrs develop, this module from the production build) ...');
  return startAppShell({
    backendUrl,
    port: await freePort(18580),
    configFiles: [join(root, 'tools/dev-frontend-config.json')],
    importmapFile,
    routesFile: join(spaDir, 'routes.registry.json'),
    quiet: !verbose,
    logFile,
  });
}

/** Runs a Node script (through tsx unless `bundled`) and resolves with the JSON of its last line of output. */
export function runJsonScript(args, { bundled = false, verbose = false } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, bundled ? args : ['--import', 'tsx', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      if (verbose) {
        process.stderr.write(d);
      }
    });
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`${args.join(' ')} exited with ${code}\n${err.slice(-2000)}`));
        return;
      }
      resolveRun(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

/** A REST call as the seeded admin; the parsed JSON answer. */
export async function rest(openmrsUrl, method, path, body) {
  const response = await fetch(`${openmrsUrl}/ws/rest/v1${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from('admin:Admin123').toString('base64')}`,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status}`);
  }
  return response.json();
}

/** Switches the deactivation policy on (defaults otherwise), so the after-login alert runs as it would in use. */
export async function enablePolicy(openmrsUrl) {
  const policy = {
    version: 1,
    enabled: true,
    inactiveDays: 90,
    neverLoggedIn: 'never',
    demo: { enabled: true, inactiveDays: 2, familyName: 'Test Account', usernamePrefix: 'test-', systemIdPattern: '9+-\\d+' },
    exemptRoles: [],
    warningDays: 14,
    maxPerRun: 50,
  };
  await rest(openmrsUrl, 'POST', '/systemsetting', { property: 'useraccess.deactivationPolicy', value: JSON.stringify(policy) });
}
