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
//
// LBAC pass: the specs in lbacSpecs need a server with the locationbasedaccess module and skip
// themselves on others. After the first pass (or instead of it, when only those specs are named) a
// second backend with --lbac and a second app shell, on the same production build, run them:
// logs e2e/results/*-lbac.log, JUnit e2e/results/junit-lbac.xml, traces e2e/results/artifacts-lbac/.
// E2E_LBAC=0 leaves the LBAC pass out; E2E_BACKEND_ARGS with --lbac makes the first pass LBAC already.
//
// Fault pass: the same for faultSpecs, against a backend with faultBackendArgs (latency, 5% 500/503,
// a session that ends after a number of requests); E2E_FAULTS=1 tells them so. Logs *-faults.log,
// JUnit junit-faults.xml, traces artifacts-faults/. E2E_FAULTS=0 leaves it out.
//
// Backend restarts: each pass listens on E2E_BACKEND_CONTROL_URL; a POST to it stops that pass's backend
// (SIGTERM, so it saves its data) and starts it again on the same port and data folder, without --reset,
// as a server restart does. Specs that need it skip themselves without it (e.g. against E2E_BASE_URL).
//
// Oldest-server pass: on a full run (no spec named) or with E2E_OLD_SERVER=1, oldServerSpecs run again
// against a backend that behaves as the oldest combination the README supports (oldServerBackendArgs):
// the deactivation pages, user locations, the setup check and bulk assignment must work there too.
// Logs *-old-server.log, JUnit junit-old-server.xml, traces artifacts-old-server/. E2E_OLD_SERVER=0 leaves it out.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
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

/** Specs that only do something against a backend in LBAC mode. */
const lbacSpecs = ['e2e/specs/location-lbac.spec.ts'];
const isLbacSpec = (filter) =>
  lbacSpecs.some((spec) => spec.includes(filter) || filter.includes(spec.replace(/^e2e\/specs\//, '')));

/** Specs that only do something against a backend that injects faults. */
const faultSpecs = ['e2e/specs/safety-faults.spec.ts'];
const isFaultSpec = (filter) =>
  faultSpecs.some((spec) => spec.includes(filter) || filter.includes(spec.replace(/^e2e\/specs\//, '')));
const faultSessionRequests = 1000;
const faultBackendArgs = ['--latency=40', '--error-rate=0.05', `--unauthorized-after=${faultSessionRequests}`];

/** Specs run again against the oldest supported servers: REST before totalCount (2.49) and before 404s (2.50). */
const oldServerSpecs = [
  'e2e/specs/account-deactivation.spec.ts',
  'e2e/specs/location-setup-and-users.spec.ts',
  'e2e/specs/location-patients.spec.ts',
];
const oldServerBackendArgs = ['--rest-version=2.44.0', '--fhir2-version=1.11.0', '--core-version=2.7.0'];

/** Whether a server can listen on host:port right now (a host this machine does not have counts as free). */
function canListen(port, host) {
  return new Promise((resolveListen) => {
    const server = createServer();
    server.unref();
    server.once('error', (e) => resolveListen(e.code === 'EADDRNOTAVAIL' || e.code === 'EAFNOSUPPORT'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolveListen(true)));
  });
}

/**
 * A port free on 127.0.0.1 AND ::1. freePort() only tries 127.0.0.1, but `openmrs develop` listens on
 * "localhost", which may be ::1 only: another stack's app shell there leaves 127.0.0.1 free, our shell
 * cannot start, and the readiness check and the tests (http://localhost:port) reach the other stack.
 */
async function freeLocalPort(preferred) {
  for (const candidate of [preferred, 0, 0, 0, 0, 0]) {
    const port = await freePort(candidate);
    if (port && (await canListen(port, '::1'))) {
      return port;
    }
  }
  throw new Error('No port free on both 127.0.0.1 and ::1');
}

/** `playwright test` options that take a value in the next argument (the rest of the positionals are file filters). */
const optionsWithValue = new Set([
  '-c',
  '--config',
  '-g',
  '--grep',
  '--grep-invert',
  '-j',
  '--workers',
  '--project',
  '--reporter',
  '--retries',
  '--timeout',
  '--output',
  '--max-failures',
  '--repeat-each',
  '--shard',
  '--global-timeout',
  '--trace',
  '--tsconfig',
]);

/** Splits the arguments into Playwright options and file filters (spec paths). */
function splitArgs(args) {
  const options = [];
  const files = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('-')) {
      options.push(arg);
      if (optionsWithValue.has(arg) && i + 1 < args.length) {
        options.push(args[++i]);
      }
    } else {
      files.push(arg);
    }
  }
  return { options, files };
}

function runPlaywright(env, args = playwrightArgs) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [resolve(root, 'node_modules/@playwright/test/cli.js'), 'test', ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...env },
    });
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
  const logs = (name) => resolve(root, `e2e/results/${name}.log`);
  const useDevServer = !!process.env.E2E_DEV_SERVER;
  if (useDevServer) {
    // the traces and screenshots written into the project would reload the page under test (webpack.config.js)
    process.env.USER_ACCESS_DEV_NO_RELOAD = '1';
  }
  try {
    assembleIfNeeded({ log: (m) => console.log(`[e2e] ${m}`) });

    // The SPA the backend serves: the assembled core apps, plus (unless E2E_DEV_SERVER) this
    // module's production build, as a distribution would have it.
    const spaDir = useDevServer ? resolve(root, '.spa') : join(tmp, 'spa');
    if (!useDevServer) {
      copyAssembledSpa(spaDir);
    }
    const buildDir = join(tmp, 'build');
    const t = Date.now();
    const built = useDevServer
      ? Promise.resolve()
      : buildModule(buildDir, { quiet: !verbose, logFile: logs('build') }).then(() =>
          console.log(`[e2e] Production build (webpack --mode production) done in ${elapsed(t)}`),
        );
    built.catch(() => {});

    const extraBackendArgs = (process.env.E2E_BACKEND_ARGS || '').split(/\s+/).filter(Boolean);
    const { options, files } = splitArgs(playwrightArgs);
    const firstPassIsLbac = extraBackendArgs.includes('--lbac');
    const onlyLbacSpecs = files.length > 0 && files.every(isLbacSpec);
    const lbacPass = process.env.E2E_LBAC !== '0' && !firstPassIsLbac && (files.length === 0 || files.some(isLbacSpec));
    const faultPass = process.env.E2E_FAULTS !== '0' && (files.length === 0 || files.some(isFaultSpec));
    const onlyOtherPassSpecs =
      files.length > 0 && files.every((f) => (lbacPass && isLbacSpec(f)) || (faultPass && isFaultSpec(f)));
    const firstPass = !(lbacPass && onlyLbacSpecs) && !onlyOtherPassSpecs;
    const oldServerPass =
      process.env.E2E_OLD_SERVER === '1' || (process.env.E2E_OLD_SERVER !== '0' && files.length === 0);

    let importmap;
    /** Starts a backend (fresh data) and an app shell on this module's build, runs Playwright, stops both. */
    const runPass = async ({ name, backendArgs, args, env = {}, logSuffix = '' }) => {
      const tb = Date.now();
      const backendOptions = {
        port: await freeLocalPort(18090),
        dataDir: join(tmp, `backend-data${logSuffix}`),
        spaDir,
        quiet: !verbose,
      };
      let backend = await startBackend({
        ...backendOptions,
        args: ['--reset', ...backendArgs],
        logFile: logs(`backend${logSuffix}`),
      });
      let restarts = 0;
      const control = createHttpServer((req, res) => {
        if (req.method !== 'POST') {
          res.writeHead(405).end();
          return;
        }
        const restart = async () => {
          process.kill(-backend.child.pid, 'SIGTERM');
          await backend.child.exited;
          restarts++;
          backend = await startBackend({ ...backendOptions, args: backendArgs, logFile: logs(`backend${logSuffix}-restart${restarts}`) });
        };
        restart().then(
          () => res.writeHead(204).end(),
          (e) => res.writeHead(500).end(String(e?.message ?? e)),
        );
      });
      const controlPort = await freeLocalPort(0);
      await new Promise((listening) => control.listen(controlPort, '127.0.0.1', listening));
      control.unref();
      console.log(
        `[e2e] ${name}: backend${backendArgs.length ? ` (${backendArgs.join(' ')})` : ''} ready at ${backend.url}/openmrs in ${elapsed(tb)}`,
      );

      const shellOptions = {
        backendUrl: backend.url,
        port: await freeLocalPort(18080),
        configFiles: ['tools/dev-frontend-config.json'],
        quiet: !verbose,
        logFile: logs(`app-shell${logSuffix}`),
      };
      if (!useDevServer) {
        await built;
        importmap ??= addModuleToSpa(spaDir, buildDir);
        shellOptions.importmapFile = join(tmp, `importmap${logSuffix}.json`);
        shellOptions.routesFile = join(spaDir, 'routes.registry.json');
        writeAbsoluteImportmap(importmap, backend.url, shellOptions.importmapFile);
      }
      const ts = Date.now();
      const shell = await startAppShell(shellOptions);
      console.log(
        `[e2e] ${name}: app shell (openmrs develop${useDevServer ? ' + webpack dev server' : ', module from the production build'}) ready at ${shell.url}/openmrs/spa in ${elapsed(ts)}`,
      );

      const tp = Date.now();
      const code = await runPlaywright(
        { E2E_BASE_URL: `${shell.url}/openmrs`, E2E_BACKEND_CONTROL_URL: `http://127.0.0.1:${controlPort}/restart`, ...env },
        args,
      );
      console.log(`[e2e] ${name}: Playwright finished with code ${code} in ${elapsed(tp)}`);
      control.close();
      await stopAll();
      return code;
    };

    let code = 0;
    if (firstPass) {
      code = await runPass({
        name: firstPassIsLbac ? 'LBAC backend' : 'Backend without LBAC',
        backendArgs: extraBackendArgs,
        args: playwrightArgs,
      });
    }
    if (lbacPass) {
      const lbacCode = await runPass({
        name: 'LBAC backend',
        backendArgs: [...extraBackendArgs, '--lbac'],
        // its own JUnit file and artifacts folder, so the first pass's stay
        args: [
          ...options,
          '--pass-with-no-tests',
          '--reporter=list,junit',
          '--output',
          'e2e/results/artifacts-lbac',
          ...lbacSpecs,
        ],
        env: { PLAYWRIGHT_JUNIT_OUTPUT_FILE: resolve(root, 'e2e/results/junit-lbac.xml') },
        logSuffix: '-lbac',
      });
      code ||= lbacCode;
    }
    if (faultPass) {
      const faultCode = await runPass({
        name: 'Backend with faults',
        backendArgs: [...extraBackendArgs, ...faultBackendArgs],
        args: [...options, '--pass-with-no-tests', '--reporter=list,junit', '--output', 'e2e/results/artifacts-faults', ...faultSpecs],
        env: {
          E2E_FAULTS: '1',
          E2E_FAULTS_UNAUTHORIZED_AFTER: String(faultSessionRequests),
          PLAYWRIGHT_JUNIT_OUTPUT_FILE: resolve(root, 'e2e/results/junit-faults.xml'),
        },
        logSuffix: '-faults',
      });
      code ||= faultCode;
    }
    if (oldServerPass) {
      const oldServerCode = await runPass({
        name: 'Oldest supported server',
        backendArgs: [...extraBackendArgs, ...oldServerBackendArgs],
        args: [
          ...options,
          '--reporter=list,junit',
          '--output',
          'e2e/results/artifacts-old-server',
          ...(files.length ? files : oldServerSpecs),
        ],
        env: {
          PLAYWRIGHT_JUNIT_OUTPUT_FILE: resolve(root, 'e2e/results/junit-old-server.xml'),
          E2E_SCREENSHOTS_SUFFIX: '-old-server',
        },
        logSuffix: '-old-server',
      });
      code ||= oldServerCode;
    }
    console.log(`[e2e] Total ${elapsed()}`);
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
