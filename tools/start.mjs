#!/usr/bin/env node
// npm start: this module in the real OpenMRS 3 app shell.
//
//   npm start                              local backend on :8090, app shell on :8080
//   npm start -- --lbac --reset            flags after `--` go to the local backend
//   OPENMRS_BACKEND_URL=https://my.server npm start
//                                          no local backend; the app shell proxies to that server
//
// Env: APP_PORT (8080), BACKEND_PORT (8090), BACKEND_DATA_DIR (default ~/.cache/esm-user-access-app/backend-data).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { assembleIfNeeded } from './assemble-spa.mjs';
import { isPortFree, isStopping, SPA_PATH, startAppShell, startBackend, stopAll, stopOnSignals } from './lib/stack.mjs';

const appPort = Number(process.env.APP_PORT || 8080);
const backendPort = Number(process.env.BACKEND_PORT || 8090);
const remoteBackend = (process.env.OPENMRS_BACKEND_URL || '').replace(/\/+$/, '').replace(/\/openmrs$/, '');
const backendArgs = process.argv.slice(2);

/**
 * Where the local backend keeps its data: BACKEND_DATA_DIR, else outside the project. `openmrs develop`
 * reloads the page whenever a file in the project folder changes, so data kept there reloaded the page
 * at every save.
 */
function backendDataDir() {
  return process.env.BACKEND_DATA_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'esm-user-access-app', 'backend-data');
}

async function main() {
  stopOnSignals(0);
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  if (!(await isPortFree(appPort))) {
    throw new Error(`Port ${appPort} is in use. Stop what runs there, or choose another: APP_PORT=8180 npm start`);
  }

  let backendUrl;
  let backend;
  let configFiles = [];
  if (remoteBackend) {
    if (backendArgs.length) {
      console.warn(`[start] OPENMRS_BACKEND_URL is set: ignoring local backend flags ${backendArgs.join(' ')}`);
    }
    backendUrl = remoteBackend;
    console.log(`[start] Using the OpenMRS server at ${backendUrl} (its import map, routes and REST API)`);
  } else {
    if (!(await isPortFree(backendPort))) {
      throw new Error(
        `Port ${backendPort} is in use (another backend?). Stop it, or choose another: BACKEND_PORT=8190 npm start`,
      );
    }
    assembleIfNeeded({ log: (m) => console.log(`[start] ${m}`) });
    console.log(`[start] Starting the local backend on port ${backendPort} ${backendArgs.join(' ')}`.trim());
    backend = await startBackend({ port: backendPort, dataDir: backendDataDir(), args: backendArgs });
    backendUrl = backend.url;
    console.log(`[start] Backend ready at ${backendUrl}/openmrs (${seconds()})`);
    // After login, land on System Administration (where this module's cards are): the assembled
    // home app shows "Page not found" at /home because no dashboard is registered.
    configFiles = ['tools/dev-frontend-config.json'];
  }

  console.log(`[start] Starting the app shell (openmrs develop) on port ${appPort} ...`);
  const shell = await startAppShell({ backendUrl, port: appPort, configFiles });
  const { url } = shell;

  const lines = [
    `OpenMRS 3 with @openmrs/esm-user-access-app is ready (${seconds()}):`,
    '',
    `    ${url}${SPA_PATH}/login`,
    '',
    remoteBackend ? `  Log in with your account on ${remoteBackend}.` : '  Log in as admin / Admin123',
    `  This module:           ${url}${SPA_PATH}/user-access`,
    `  System Administration: ${url}${SPA_PATH}/system-administration`,
    remoteBackend
      ? `  Backend:               ${remoteBackend}`
      : `  Backend:               ${backendUrl}/openmrs (REST /ws/rest/v1, FHIR /ws/fhir2/R4)`,
    '  Ctrl-C stops everything.',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  console.log(`\n${'='.repeat(width)}\n${lines.map((l) => `  ${l}`).join('\n')}\n${'='.repeat(width)}\n`);

  // If either one stops on its own, stop the other too.
  const [which, { code, signal }] = await Promise.race(
    [backend && ['backend', backend.child], ['app shell', shell.child]]
      .filter(Boolean)
      .map(([name, child]) => child.exited.then((e) => [name, e])),
  );
  if (isStopping()) {
    return;
  }
  console.error(`[start] The ${which} stopped (code ${code}, signal ${signal}); stopping the rest.`);
  await stopAll();
  process.exit(code || 1);
}

main().catch(async (e) => {
  console.error(`[start] ${e.message}`);
  await stopAll();
  process.exit(1);
});
