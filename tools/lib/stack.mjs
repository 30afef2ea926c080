// Starts and stops the pieces of the local O3 stack: the bundled OpenMRS REST backend and the
// real app shell (`openmrs develop`, which also runs this module's webpack dev server).
// Shared by tools/start.mjs (npm start) and tools/e2e.mjs (npm run test:e2e).
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SPA_PATH = '/openmrs/spa';
export const MODULE_NAME = '@openmrs/esm-user-access-app';

const children = new Set();
let stopping = false;

/** True once stopAll() was called (children exiting after that are expected). */
export const isStopping = () => stopping;

/** Spawns a long-running child in its own process group, so stopping it also stops its children (webpack). */
export function startProcess(name, command, args, { env = {}, quiet = false, onLine, logFile } = {}) {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, IBM_TELEMETRY_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const recent = [];
  let log;
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    log = createWriteStream(logFile);
  }
  const forward = (stream, out) => {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        onLine?.(line);
        log?.write(`${line}\n`);
        recent.push(line);
        if (recent.length > 60) {
          recent.shift();
        }
        if (!quiet) {
          out.write(`[${name}] ${line}\n`);
        }
      }
    });
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.exited = new Promise((resolveExit) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolveExit({ code, signal });
    }),
  );
  child.label = name;
  child.recentOutput = () => recent.map((l) => `  [${name}] ${l}`).join('\n');
  children.add(child);
  return child;
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Stops every child started here: SIGTERM to each process group, SIGKILL after a grace period. */
export async function stopAll(graceMs = 5000) {
  stopping = true;
  const running = [...children];
  running.forEach((child) => killGroup(child, 'SIGTERM'));
  await Promise.race([Promise.all(running.map((c) => c.exited)), new Promise((r) => setTimeout(r, graceMs))]);
  [...children].forEach((child) => killGroup(child, 'SIGKILL'));
}

/** A TCP port nobody listens on right now (preferred first, else one the OS picks). */
export async function freePort(preferred) {
  const tryPort = (port) =>
    new Promise((resolvePort) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolvePort(null));
      server.listen({ port, host: '127.0.0.1' }, () => {
        const { port: bound } = server.address();
        server.close(() => resolvePort(bound));
      });
    });
  if (preferred) {
    const port = await tryPort(preferred);
    if (port) {
      return port;
    }
  }
  return tryPort(0);
}

export async function isPortFree(port) {
  return (await freePort(port)) === port;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` (async, returns truthy when ready) until it succeeds, the child dies, or time runs out. */
export async function waitFor(what, check, { timeoutMs = 120000, intervalMs = 500, child, failIf } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  let exited = null;
  child?.exited.then((e) => (exited = e));
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`${child.label} exited (code ${exited.code}, signal ${exited.signal}) before ${what} was ready`);
    }
    const failure = failIf?.();
    if (failure) {
      throw new Error(failure);
    }
    try {
      if (await check()) {
        return;
      }
    } catch (e) {
      lastError = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `Timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
  );
}

/** When a quiet child fails to become ready, adds its last lines of output to the error. */
async function withRecentOutput(child, quiet, wait) {
  try {
    await wait();
  } catch (e) {
    if (quiet) {
      e.message += `\nLast output:\n${child.recentOutput()}`;
    }
    throw e;
  }
}

async function fetchOk(url, init) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  return res.ok ? res : null;
}

/**
 * Starts the bundled backend (backend/src/main.ts via tsx) serving .spa/ at /openmrs/spa/ and
 * waits until it answers both the REST session endpoint and the SPA import map.
 */
export async function startBackend({
  port,
  dataDir,
  spaDir = resolve(root, '.spa'),
  args = [],
  quiet = false,
  logFile,
  timeoutMs = 60000,
}) {
  const env = { PORT: String(port), SPA_DIR: spaDir };
  if (dataDir) {
    env.BACKEND_DATA_DIR = dataDir;
  }
  const child = startProcess(
    'backend',
    process.execPath,
    [resolve(root, 'node_modules/tsx/dist/cli.mjs'), resolve(root, 'backend/src/main.ts'), ...args],
    { env, quiet, logFile },
  );
  const url = `http://localhost:${port}`;
  await withRecentOutput(child, quiet, () =>
    waitFor(
      `the backend on ${url}`,
      async () =>
        (await fetchOk(`${url}/openmrs/ws/rest/v1/session`)) && (await fetchOk(`${url}${SPA_PATH}/importmap.json`)),
      { timeoutMs, child },
    ),
  );
  return { child, url };
}

/**
 * Runs `openmrs develop` against `backendUrl` on `port`. It fetches the import map and routes
 * registry from the backend and adds this module from its own webpack dev server (next free port).
 * Resolves once the app shell serves the login page and this module's bundle is built.
 */
export async function startAppShell({
  backendUrl,
  port,
  configFiles = [],
  importmapFile,
  routesFile,
  quiet = false,
  logFile,
  timeoutMs = 240000,
}) {
  // With an import map file that already contains this module, run no project dev server: a
  // --sources glob that matches nothing leaves only the app shell and the proxy.
  const fixedModules = importmapFile
    ? ['--importmap', importmapFile, '--routes', routesFile, '--sources', '.no-dev-server-*']
    : [];
  const args = [
    resolve(root, 'node_modules/openmrs/dist/cli.js'),
    'develop',
    '--backend',
    backendUrl,
    '--open',
    'false',
    '--port',
    String(port),
    ...configFiles.flatMap((f) => ['--config-file', f]),
    ...fixedModules,
  ];
  let fellBack = false;
  const child = startProcess('app-shell', process.execPath, args, {
    quiet,
    logFile,
    onLine: (line) => {
      if (/Falling back to (import map|routes registry) from https:\/\/dev3/.test(line)) {
        fellBack = true;
      }
    },
  });
  const url = `http://localhost:${port}`;
  await withRecentOutput(child, quiet, () =>
    waitFor(
      `the app shell on ${url}${SPA_PATH}/login`,
      async () => {
        if (!(await fetchOk(`${url}${SPA_PATH}/login`))) {
          return false;
        }
        const importmapRes = await fetchOk(`${url}${SPA_PATH}/importmap.json`);
        const moduleUrl = importmapRes && (await importmapRes.json()).imports?.[MODULE_NAME];
        return moduleUrl && (await fetchOk(new URL(moduleUrl, `${url}${SPA_PATH}/`).href));
      },
      {
        timeoutMs,
        child,
        intervalMs: 1000,
        failIf: () =>
          fellBack &&
          `openmrs develop could not read the import map or routes registry from ${backendUrl}${SPA_PATH}/ and fell back to dev3.openmrs.org`,
      },
    ),
  );
  return { child, url };
}

const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
/** The folder name `openmrs assemble` would give this module's dist, e.g. openmrs-esm-user-access-app-1.0.0. */
export const moduleDirName = `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}`;
const bundleFile = pkg.browser.split('/').pop();

/** `webpack --mode production` of this module into outDir (what `npm run build` puts in dist/). */
export async function buildModule(outDir, { quiet = false, logFile } = {}) {
  const child = startProcess(
    'build',
    process.execPath,
    [resolve(root, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production', '--output-path', outDir],
    { quiet, logFile },
  );
  const { code, signal } = await child.exited;
  if (code !== 0) {
    throw new Error(
      `webpack --mode production failed (code ${code}, signal ${signal})${quiet ? `\nLast output:\n${child.recentOutput()}` : ''}`,
    );
  }
}

/**
 * A SPA folder like a distribution's: the assembled core apps from .spa/ plus this module's
 * production build, with the module added to importmap.json and routes.registry.json the way
 * `openmrs assemble` adds a frontendModules entry.
 */
export function copyAssembledSpa(spaDir) {
  // a build of this module found in .spa/ (left there by some run) is not copied: addModuleToSpa adds this one
  const stale = resolve(root, '.spa', moduleDirName);
  cpSync(resolve(root, '.spa'), spaDir, {
    recursive: true,
    filter: (src) => !src.endsWith('.assemble-stamp') && src !== stale && !src.startsWith(`${stale}/`),
  });
}

export function addModuleToSpa(spaDir, buildDir) {
  renameSync(buildDir, resolve(spaDir, moduleDirName));
  const importmap = JSON.parse(readFileSync(resolve(spaDir, 'importmap.json'), 'utf8'));
  importmap.imports[pkg.name] = `./${moduleDirName}/${bundleFile}`;
  writeFileSync(resolve(spaDir, 'importmap.json'), JSON.stringify(importmap));
  const routes = JSON.parse(readFileSync(resolve(spaDir, 'routes.registry.json'), 'utf8'));
  routes[pkg.name] = { ...JSON.parse(readFileSync(resolve(root, 'src/routes.json'), 'utf8')), version: pkg.version };
  writeFileSync(resolve(spaDir, 'routes.registry.json'), JSON.stringify(routes));
  return importmap;
}

/**
 * `openmrs develop --importmap <file>` resolves relative entries against the backend's origin, not
 * its SPA path (it would serve `.//openmrs-esm-...`), so hand it absolute URLs on the backend.
 */
export function writeAbsoluteImportmap(importmap, backendUrl, file) {
  const imports = Object.fromEntries(
    Object.entries(importmap.imports).map(([name, url]) => [name, new URL(url, `${backendUrl}${SPA_PATH}/`).href]),
  );
  writeFileSync(file, JSON.stringify({ imports }));
}

/** Stops all children on Ctrl-C / SIGTERM, then exits with `code`. */
export function stopOnSignals(code = 130) {
  let handled = false;
  const handler = async (signal) => {
    if (handled) {
      return;
    }
    handled = true;
    console.log(`\n${signal}: stopping ...`);
    await stopAll();
    process.exit(code);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  process.on('SIGHUP', handler);
}
