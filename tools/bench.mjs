#!/usr/bin/env node
// npm run bench: the performance figures of docs/performance.md, measured in one run on this machine against
// the local backend at scale (--scale=large: 10,000 users, 20,000 patients), printed as a table and
// written to tools/bench/results/bench-results.json (git-ignored).
//
//   1. policy engine: evaluateDeactivations on 100,000 synthetic users in Node (tools/bench/engine.ts,
//      bundled with esbuild like the production build, so no tsx helpers are timed);
//   2. production build (webpack --mode production): every emitted chunk, raw and gzipped;
//   3. bulk assignment of 1,000 patients with the app's concurrency vs. one request at a time, on a
//      second backend with --latency=BENCH_LATENCY_MS (default 25) per request (tools/bench/io.ts bulk);
//   4. moving all patients of one location among 20,000, on fhir2 2.5.0 and 4.2.0 (tools/bench/patient-move.mjs);
//   5. in Chromium, through the real app shell: the upcoming-deactivations page (tools/bench/upcoming-table.mjs:
//      user-list requests, first rows and the complete table beside the floor) and the session-location switcher (requests
//      added to a page load; its chunk gzipped beside core's location changer chunk).
//
// `npm run bench -- --engine` runs only the first (no build, backend or browser) and prints its figures.
// `--move` runs only the move (its two backends); `--table` only the upcoming-deactivations table.
// `npm run bench -- --switcher` runs only the switcher's part: the build, one backend at the default
// scale, the app shell, and the switcher's cases (each file it adds, what it holds, its requests).
//
// Everything runs on localhost, on free ports, in a temp dir removed afterwards. BENCH_VERBOSE=1
// prints the backends', build's and app shell's output; BENCH_BUILD_DIR=<dir> reuses a production
// build (a copy of it) instead of building.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assembleIfNeeded } from './assemble-spa.mjs';
import { launchBrowser, measureSwitcher } from './bench/browser.mjs';
import { measureMoves, moveOnly, moveRows } from './bench/patient-move.mjs';
import { enablePolicy, productionBuild, rest, runJsonScript, startShellWithBuild } from './bench/run-steps.mjs';
import { measureUpcomingTable, tableGoals, tableOnly, tableRows } from './bench/upcoming-table.mjs';
import { buildFiles, printSwitcherWeight, requestsByOwner, SWITCHER_GZIP_GOAL, switcherWeight } from './bench/switcher-weight.mjs';
import { copyAssembledSpa, freePort, moduleDirName, root, startBackend, stopAll, stopOnSignals } from './lib/stack.mjs';

const verbose = !!process.env.BENCH_VERBOSE;
const latencyMs = Number(process.env.BENCH_LATENCY_MS || 25);
const resultsDir = resolve(root, 'tools/bench/results');
const CORE_LOGIN_APP = 'openmrs-esm-login-app-10.0.0';
const t0 = Date.now();
const log = (message) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${message}`);

const gzipSize = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** The engine bundled with esbuild (as swc bundles it for the browser: no tsx keepNames helpers in the hot loop). */
async function engine(tmp) {
  const { build } = await import('esbuild');
  const outfile = join(tmp, 'engine.mjs');
  await build({
    entryPoints: [resolve(root, 'tools/bench/engine.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return runJsonScript([outfile, '100000'], { bundled: true, verbose });
}

function chunkSizes(dir) {
  return readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((file) => {
      const buffer = readFileSync(join(dir, file));
      return { file, bytes: buffer.length, gzip: gzipSize(buffer) };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

/** Core's location changer: the chunk of the login app's build manifest holding its `changeLocationLink`. */
function coreLocationChanger() {
  const dir = resolve(root, '.spa', CORE_LOGIN_APP);
  const candidates = readdirSync(dir).filter((f) => /^\d+\.js$/.test(f));
  const file = candidates.find((f) => /change-location-link|changeLocationLink|location-changer/.test(readFileSync(join(dir, f), 'utf8')))
    ?? candidates.find((f) => statSync(join(dir, f)).size === 142339);
  const buffer = readFileSync(join(dir, file));
  return { file: `${CORE_LOGIN_APP}/${file}`, bytes: buffer.length, gzip: gzipSize(buffer) };
}

/** Gives the seeded user `sysadmin` three login locations (user property locationUuid), for the switcher. */
async function userWithSeveralLocations(openmrsUrl) {
  const locations = (await rest(openmrsUrl, 'GET', '/location?tag=Login%20Location&v=custom:(uuid,display)&limit=3')).results;
  const user = (await rest(openmrsUrl, 'GET', '/user?q=sysadmin&v=custom:(uuid,username,userProperties)')).results.find(
    (u) => u.username === 'sysadmin',
  );
  const uuids = locations.map((l) => l.uuid);
  await rest(openmrsUrl, 'POST', `/user/${user.uuid}`, {
    userProperties: { ...(user.userProperties ?? {}), locationUuid: uuids.join(','), defaultLocation: uuids[0] },
  });
  return { username: 'sysadmin', password: 'Password123', sessionLocation: uuids[0], locations: uuids.length };
}

const fmt = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

function printTable(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  rows.forEach((r) => console.log(line(r)));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The engine's line of the figures: its median beside the baseline's, and their ratio (comparable across machines). */
function engineFigure(e) {
  return `${e.medianMs} ms / ${e.firstMs} ms; baseline (only reading each user's fields) ${e.baselineMedianMs} ms; ratio ${e.ratio}`;
}

async function engineOnly() {
  const tmp = mkdtempSync(join(tmpdir(), 'user-access-bench-'));
  try {
    log('policy engine: 100,000 synthetic users ...');
    const e = await engine(tmp);
    printTable('Policy engine', ['measure', 'figure'], [
      ['Policy engine, 100,000 users (median of 7 / first)', engineFigure(e)],
      ['  ... decisions by status', Object.entries(e.byStatus).map(([k, v]) => `${v} ${k}`).join(', ')],
    ]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The switcher's cases on /home, where nothing else of the module shows: (a) a user without Manage
 * Account Deactivation and no assigned locations, a user with 3 assigned locations, (b) an
 * administrator with the deactivation policy off, (c) the same with it on: the first page load after
 * login, when the after-login alert runs, and the next one. Leaves the policy on.
 */
async function measureSwitcherCases(browser, { shellUrl, openmrsUrl, backendUrl }, files) {
  const assigned = await userWithSeveralLocations(`${backendUrl}/openmrs`);
  const admin = { user: 'admin', password: 'Admin123' };
  const cases = [
    ['(a) clerk: no Manage Account Deactivation, no assigned locations', { user: 'clerk', password: 'Clerk123' }],
    ['(a) clerk: next page load of the same login', { user: 'clerk', password: 'Clerk123' }, { loads: 2 }],
    [`${assigned.username}: ${assigned.locations} assigned locations`, { user: assigned.username, password: assigned.password, sessionLocation: assigned.sessionLocation }],
    ['(b) admin, policy off', admin],
    ['(c) admin, policy on: first page after login', admin, { policyOn: true }],
    ['(c) admin, policy on: next page load of the same login', admin, { policyOn: true, loads: 2 }],
  ];
  const measured = [];
  for (const [label, who, { policyOn = false, loads = 1 } = {}] of cases) {
    if (policyOn && !measured.some((m) => m.policyOn)) {
      await enablePolicy(`${backendUrl}/openmrs`);
    }
    const measurement = await measureSwitcher(browser, { shellUrl, openmrsUrl, pagePath: 'home', loads, ...who });
    measured.push({ ...measurement, label, policyOn, weight: switcherWeight(measurement, files, moduleDirName) });
    log(`  ${label}: ${measured.at(-1).weight.gzip} B gzipped`);
  }
  return measured;
}

/** `--switcher`: only what the switcher's figures need. */
async function switcherOnly() {
  stopOnSignals(130);
  const tmp = mkdtempSync(join(tmpdir(), 'user-access-bench-'));
  const logs = (name) => join(resultsDir, 'logs', `${name}.log`);
  const results = { date: new Date().toISOString() };
  try {
    assembleIfNeeded({ log: (m) => log(m) });
    const spaDir = join(tmp, 'spa');
    copyAssembledSpa(spaDir);
    const buildDir = join(tmp, 'build');
    const built = productionBuild(buildDir, { log, verbose, logFile: logs('build') });
    const backend = await startBackend({
      port: await freePort(18590),
      dataDir: join(tmp, 'data'),
      spaDir,
      args: ['--reset'],
      quiet: !verbose,
      logFile: logs('backend'),
    });
    await built;
    const files = buildFiles(buildDir, root);
    results.coreLocationChanger = coreLocationChanger();
    const shell = await startShellWithBuild({ spaDir, buildDir, backendUrl: backend.url, tmp, log, verbose, logFile: logs('app-shell') });
    const browser = await launchBrowser();
    try {
      log('Chromium: switcher cases ...');
      results.switcher = await measureSwitcherCases(
        browser,
        { shellUrl: shell.url, openmrsUrl: `${shell.url}/openmrs`, backendUrl: backend.url },
        files,
      );
    } finally {
      await browser.close();
    }
  } finally {
    await stopAll();
    rmSync(tmp, { recursive: true, force: true });
  }
  printSwitcherWeight(results.switcher, results.coreLocationChanger, printTable);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'bench-switcher.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nAll figures: tools/bench/results/bench-switcher.json (${Math.round((Date.now() - t0) / 1000)} s in all)`);
}

async function main() {
  if (process.argv.includes('--engine')) {
    return engineOnly();
  }
  if (process.argv.includes('--move')) {
    return moveOnly({ log, verbose, printTable, resultsDir });
  }
  if (process.argv.includes('--table')) {
    return tableOnly({ log, verbose, printTable, resultsDir });
  }
  if (process.argv.includes('--switcher')) {
    return switcherOnly();
  }
  stopOnSignals(130);
  const tmp = mkdtempSync(join(tmpdir(), 'user-access-bench-'));
  const logs = (name) => join(resultsDir, 'logs', `${name}.log`);
  const results = { date: new Date().toISOString(), machine: `${cpus().length} cores, ${cpus()[0]?.model}`, node: process.version };
  try {
    assembleIfNeeded({ log: (m) => log(m) });

    log('policy engine: 100,000 synthetic users ...');
    results.engine = await engine(tmp);
    log(`  median ${results.engine.medianMs} ms, first ${results.engine.firstMs} ms, baseline ${results.engine.baselineMedianMs} ms, ratio ${results.engine.ratio}`);

    // The production build, and meanwhile the two backends (their seeding is short).
    const spaDir = join(tmp, 'spa');
    copyAssembledSpa(spaDir);
    const buildDir = join(tmp, 'build');
    let t = Date.now();
    const built = productionBuild(buildDir, { log, verbose, logFile: logs('build') });
    const [portA, portB] = [await freePort(18590), await freePort(18591)];
    const backendArgs = ['--reset', '--scale=large'];
    const backend = await startBackend({
      port: portA,
      dataDir: join(tmp, 'data-a'),
      spaDir,
      args: backendArgs,
      quiet: !verbose,
      logFile: logs('backend'),
    });
    const slowBackend = await startBackend({
      port: portB,
      dataDir: join(tmp, 'data-b'),
      spaDir,
      args: [...backendArgs, `--latency=${latencyMs}`],
      quiet: !verbose,
      logFile: logs('backend-latency'),
    });
    await built;
    results.buildSeconds = process.env.BENCH_BUILD_DIR ? null : Math.round((Date.now() - t) / 1000);
    results.bundle = chunkSizes(buildDir);
    const files = buildFiles(buildDir, root);
    results.coreLocationChanger = coreLocationChanger();
    log(`  built in ${results.buildSeconds ?? '(reused)'} s: ${results.bundle.length} files`);

    log(`bulk: 1,000 patients with the app's concurrency, then one at a time (backend latency ${latencyMs} ms) ...`);
    results.bulk = await runJsonScript(['tools/bench/io.ts', 'bulk', `${slowBackend.url}/openmrs`], { verbose });
    results.bulk.latencyMs = latencyMs;
    log(`  ${results.bulk.parallel.seconds} s vs ${results.bulk.sequential.seconds} s: ${results.bulk.ratio}x`);
    slowBackend.child.kill('SIGTERM');

    results.move = await measureMoves({ tmp, spaDir, log, logs, verbose });

    t = Date.now();
    const shell = await startShellWithBuild({ spaDir, buildDir, backendUrl: backend.url, tmp, log, verbose, logFile: logs('app-shell') });
    log(`  ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);

    const openmrsUrl = `${shell.url}/openmrs`;
    const browser = await launchBrowser();
    try {
      // The switcher's cases; they leave the policy on, as the upcoming-deactivations page needs.
      log('Chromium: switcher, with and without ...');
      results.switcher = await measureSwitcherCases(browser, { shellUrl: shell.url, openmrsUrl, backendUrl: backend.url }, files);
      log('Chromium: upcoming deactivations (policy on) ...');
      results.deactivationsPage = await measureUpcomingTable(browser, { shellUrl: shell.url, openmrsUrl });
    } finally {
      await browser.close();
    }
  } finally {
    await stopAll();
    rmSync(tmp, { recursive: true, force: true });
  }
  results.totalSeconds = Math.round((Date.now() - t0) / 1000);
  report(results);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nAll figures: tools/bench/results/bench-results.json (${results.totalSeconds} s in all)`);
}

function report(r) {
  const goal = (ok) => (ok ? 'met' : 'MISSED');
  const dp = r.deactivationsPage.runs;
  const switcherChunks = new Set(r.switcher.flatMap((s) => s.added.filter((k) => /\.js$/.test(k) && k.includes(moduleDirName)).map((k) => k.split('/').pop())));
  const chunk = (f) => r.bundle.find((b) => b.file === f);
  const switcherBytes = [...switcherChunks].reduce((sum, f) => sum + (chunk(f)?.bytes ?? 0), 0);
  const switcherGzip = [...switcherChunks].reduce((sum, f) => sum + (chunk(f)?.gzip ?? 0), 0);
  // REST requests that are not the switcher's code: the after-login alert's, and the app shell's
  // GET /session, seen added or removed at random between loads (see requestsByOwner)
  r.switcher.forEach((s) => {
    const { own, alert, shell } = requestsByOwner(s.added);
    s.startupRequests = alert.length + shell.length;
    s.ownDataRequests = own.length;
  });
  const maxData = Math.max(...r.switcher.map((s) => s.ownDataRequests));

  printTable('Figures', ['measure', 'figure', 'goal', ''], [
    ...tableRows(r.deactivationsPage),
    [
      'Policy engine, 100,000 users (median of 7 / first)',
      engineFigure(r.engine),
      '<= 100 ms',
      goal(r.engine.medianMs <= 100),
    ],
    [
      `Bulk 1,000 patients (latency ${r.bulk.latencyMs} ms): ${r.bulk.concurrency} at a time vs 1`,
      `${r.bulk.parallel.seconds} s vs ${r.bulk.sequential.seconds} s = ${r.bulk.ratio}x (${fmt(r.bulk.parallel.requests)} requests each)`,
      '>= 5x',
      goal(r.bulk.ratio >= 5),
    ],
    ...moveRows(r.move),
    ...r.switcher.map((s) => [
      `Switcher: requests added, ${s.label}`,
      `${s.ownDataRequests} REST/FHIR of its own; ${s.added.length} in all (${Object.entries(s.addedByKind).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}${s.startupRequests ? `; ${s.startupRequests} REST of the module's after-login alert or the shell's session refresh` : ''})`,
      s.label.includes('assigned locations') ? '0 extra requests' : '<= 1 extra request',
      goal(s.ownDataRequests <= (s.label.includes('assigned locations') ? 0 : 1)),
    ]),
    ...r.switcher.filter((s) => s.loads === 1).map((s) => [
      `Switcher JS+CSS gzipped (translations apart), ${s.label}`,
      `${fmt(s.weight.gzip)} B (${fmt(s.weight.bytes)} raw) in ${s.weight.files.length - s.weight.translations.length} file(s)`,
      `<= ${fmt(SWITCHER_GZIP_GOAL)} B`,
      goal(s.weight.gzip <= SWITCHER_GZIP_GOAL),
    ]),
    [
      'Switcher chunk(s), all cases together, gzipped (raw)',
      `${kb(switcherGzip)} (${kb(switcherBytes)}) in ${switcherChunks.size} file(s)`,
      '',
      '',
    ],
    [
      "Core login app's location changer chunk, gzipped (raw)",
      `${kb(r.coreLocationChanger.gzip)} (${kb(r.coreLocationChanger.bytes)})`,
      '',
      '',
    ],
  ]);
  console.log(
    "(switcher: 'of its own' counts the REST/FHIR requests its code issues; the JS files are the module's entry and chunks, " +
      "loaded on pages that show nothing else of the module; the JSON is the app shell's dynamic loading re-reading importmap.json, seen added or removed at random; " +
      "the alert's requests come with the module's start-up, once per login)",
  );

  const loadedBy = (f) =>
    [
      switcherChunks.has(f) ? 'switcher' : null,
      r.deactivationsPage.moduleFiles.includes(f) ? 'deactivations page' : null,
    ]
      .filter(Boolean)
      .join(', ');
  printTable(
    'Production bundle (webpack --mode production, gzip -9)',
    ['file', 'bytes', 'gzipped', 'loaded by'],
    r.bundle.map((b) => [b.file, fmt(b.bytes), fmt(b.gzip), loadedBy(b.file)]),
  );
  const total = r.bundle.reduce((s, b) => [s[0] + b.bytes, s[1] + b.gzip], [0, 0]);
  console.log(`total ${fmt(total[0])} bytes, ${fmt(total[1])} gzipped, in ${r.bundle.length} files`);
  printSwitcherWeight(r.switcher, r.coreLocationChanger, printTable);
  r.goals = {
    ...tableGoals(r.deactivationsPage),
    engine: r.engine.medianMs <= 100,
    bulk: r.bulk.ratio >= 5,
    switcher: maxData <= 1,
    switcherWeight: r.switcher.filter((s) => !s.policyOn).every((s) => s.weight.gzip <= SWITCHER_GZIP_GOAL),
  };
  r.switcherChunks = [...switcherChunks];
  r.deactivationsMedianUsableMs = median(dp.map((x) => x.usableMs));
}

main().catch(async (e) => {
  console.error(`[bench] ${e.stack ?? e.message}`);
  await stopAll();
  process.exit(1);
});
