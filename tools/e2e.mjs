#!/usr/bin/env node
// npm run test:e2e: browser tests (Playwright, e2e/specs) in the real O3 app shell.
//
// Without E2E_BASE_URL it starts its own stack on free ports, in a temp dir removed afterwards:
//   1. a production build of this module (webpack --mode production), put next to the assembled
//      core apps (.spa/) and added to importmap.json and routes.registry.json, as a distribution does;
//   2. the local backend with a fresh data dir (--reset), serving that SPA folder at /openmrs/spa/;
//   3. the real app shell from `openmrs develop` against it, with no dev server of its own
//      (E2E_DEV_SERVER=1 instead runs this module from the webpack dev server, like npm start);
// then runs `playwright test`, stops everything and exits with Playwright's code.
// With E2E_BASE_URL=http://host/openmrs (plus E2E_USER / E2E_PASSWORD) it only runs the specs
// against that server, which must have this module installed.
//
// Arguments are passed to `playwright test` (e.g. `npm run test:e2e -- --headed`, a spec file, -g).
// E2E_BACKEND_ARGS adds local backend flags (e.g. E2E_BACKEND_ARGS="--lbac"). The backend's and
// app shell's output goes to e2e/results/{backend,app-shell}.log (E2E_VERBOSE=1 also prints it).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assembleIfNeeded } from './assemble-spa.mjs';
import {
  addModuleToSpa,
  buildModule,
  copyAssembledSpa,
  freePort,
  root,
  startAppShell,
  startBackend,
  stopAll,
  stopOnSignals,
  writeAbsoluteImportmap,
} from './lib/stack.mjs';

const playwrightArgs = process.argv.slice(2);
const verbose = !!process.env.E2E_VERBOSE;

function runPlaywright(env) {
  return new Promise((resolveRun) => {
    const child = spawn(
      process.execPath,
      [resolve(root, 'node_modules/@playwright/test/cli.js'), 'test', ...playwrightArgs],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...env },
      },
    );
    child.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  if (process.env.E2E_BASE_URL) {
    console.log(`[e2e] Testing the server at ${process.env.E2E_BASE_URL}`);
    return runPlaywright({});
  }

  stopOnSignals(130);
  const t0 = Date.now();
  const elapsed = (from = t0) => `${((Date.now() - from) / 1000).toFixed(1)} s`;
  const tmp = mkdtempSync(join(tmpdir(), 'user-access-e2e-'));
  const dataDir = join(tmp, 'backend-data');
  const logs = (name) => resolve(root, `e2e/results/${name}.log`);
  const useDevServer = !!process.env.E2E_DEV_SERVER;
  try {
    assembleIfNeeded({ log: (m) => console.log(`[e2e] ${m}`) });

    // The SPA the backend serves: the assembled core apps, plus (unless E2E_DEV_SERVER) this
    // module's production build, as a distribution would have it.
    const spaDir = useDevServer ? resolve(root, '.spa') : join(tmp, 'spa');
    if (!useDevServer) {
      copyAssembledSpa(spaDir);
    }
    const buildDir = join(tmp, 'build');
    let t = Date.now();
    const built = useDevServer
      ? Promise.resolve()
      : buildModule(buildDir, { quiet: !verbose, logFile: logs('build') }).then(() =>
          console.log(`[e2e] Production build (webpack --mode production) done in ${elapsed(t)}`),
        );
    built.catch(() => {});

    const backendPort = await freePort(18090);
    const extraBackendArgs = (process.env.E2E_BACKEND_ARGS || '').split(/\s+/).filter(Boolean);
    const tb = Date.now();
    const backend = await startBackend({
      port: backendPort,
      dataDir,
      spaDir,
      args: ['--reset', ...extraBackendArgs],
      quiet: !verbose,
      logFile: logs('backend'),
    });
    console.log(`[e2e] Backend ready at ${backend.url}/openmrs in ${elapsed(tb)}`);

    const shellOptions = {
      backendUrl: backend.url,
      port: await freePort(18080),
      configFiles: ['tools/dev-frontend-config.json'],
      quiet: !verbose,
      logFile: logs('app-shell'),
    };
    if (!useDevServer) {
      await built;
      const importmap = addModuleToSpa(spaDir, buildDir);
      shellOptions.importmapFile = join(tmp, 'importmap.json');
      shellOptions.routesFile = join(spaDir, 'routes.registry.json');
      writeAbsoluteImportmap(importmap, backend.url, shellOptions.importmapFile);
    }
    t = Date.now();
    const shell = await startAppShell(shellOptions);
    console.log(
      `[e2e] App shell (openmrs develop${useDevServer ? ' + webpack dev server' : ', module from the production build'}) ready at ${shell.url}/openmrs/spa in ${elapsed(t)}`,
    );

    t = Date.now();
    const code = await runPlaywright({ E2E_BASE_URL: `${shell.url}/openmrs` });
    console.log(`[e2e] Playwright finished with code ${code} in ${elapsed(t)}; total ${elapsed()}`);
    return code;
  } finally {
    await stopAll();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.error(`[e2e] ${e.message}`);
    await stopAll();
    process.exit(1);
  },
);
