#!/usr/bin/env node
// Assembles the O3 core apps listed in spa-assemble-config.json into .spa/ (import map, routes
// registry and each app's dist), the way a distribution does with `openmrs assemble`. The local
// backend serves that folder at /openmrs/spa/, and `openmrs develop` reads the import map and
// routes registry from there. Skips the work when .spa/importmap.json exists and neither the
// config nor the CLI version changed since the last run. `--force` reassembles anyway.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const spaDir = resolve(root, '.spa');
const configPath = resolve(root, 'spa-assemble-config.json');
const stampPath = resolve(spaDir, '.assemble-stamp');

function fingerprint() {
  const cliVersion = require(resolve(root, 'node_modules/openmrs/package.json')).version;
  return createHash('sha256').update(readFileSync(configPath)).update(`openmrs@${cliVersion}`).digest('hex');
}

export function assembleIfNeeded({ force = false, log = console.log } = {}) {
  const wanted = fingerprint();
  const have = existsSync(stampPath) ? readFileSync(stampPath, 'utf8').trim() : '';
  if (!force && existsSync(resolve(spaDir, 'importmap.json')) && have === wanted) {
    log('[assemble] .spa/ is up to date with spa-assemble-config.json');
    return;
  }
  log('[assemble] openmrs assemble --mode config --config spa-assemble-config.json --target .spa');
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      resolve(root, 'node_modules/openmrs/dist/cli.js'),
      'assemble',
      '--mode',
      'config',
      '--config',
      'spa-assemble-config.json',
      '--target',
      '.spa',
      '--fresh',
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, IBM_TELEMETRY_DISABLED: 'true' } },
  );
  if (result.status !== 0 || !existsSync(resolve(spaDir, 'importmap.json'))) {
    throw new Error(`openmrs assemble failed (exit code ${result.status}); is the npm registry reachable?`);
  }
  writeFileSync(stampPath, `${wanted}\n`);
  log(`[assemble] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    assembleIfNeeded({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
