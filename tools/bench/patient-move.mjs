// The Move page's cost on both sides of fhir2 2.6.0 (FM2-126): the same move ("all patients of A" to
// B, tools/bench/io.ts move) against two local backends at --scale=large (20,000 patients), one with
// --fhir2-version=2.5.0 (FHIR list pages, then one REST read per patient) and one at the default
// 4.2.0 (the list pages alone, each Patient carrying its person attributes). No added latency; the
// figure over a network is estimated from the request counts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleIfNeeded } from '../assemble-spa.mjs';
import { copyAssembledSpa, freePort, startBackend, stopAll, stopOnSignals } from '../lib/stack.mjs';
import { runJsonScript } from './run-steps.mjs';

export const MOVE_FHIR2_VERSIONS = ['2.5.0', '4.2.0'];
/** patients given location A before the move; BENCH_MOVE_COUNT changes it */
export const MOVE_COUNT = Number(process.env.BENCH_MOVE_COUNT || 1000);
const NETWORK_MS = 25;
const LANES = 6;

/** Runs the move on a fresh backend per fhir2 version, one after the other. */
export async function measureMoves({ tmp, spaDir, log, logs, verbose = false }) {
  const byVersion = {};
  for (const fhir2Version of MOVE_FHIR2_VERSIONS) {
    log(`move: ${MOVE_COUNT.toLocaleString('en-US')} patients of one location among 20,000, fhir2 ${fhir2Version} ...`);
    const backend = await startBackend({
      port: await freePort(18595),
      dataDir: join(tmp, `data-move-${fhir2Version}`),
      spaDir,
      args: ['--reset', '--scale=large', `--fhir2-version=${fhir2Version}`],
      quiet: !verbose,
      logFile: logs(`backend-move-${fhir2Version}`),
    });
    try {
      byVersion[fhir2Version] = await runJsonScript(['tools/bench/io.ts', 'move', `${backend.url}/openmrs`, String(MOVE_COUNT)], { verbose });
    } finally {
      backend.child.kill('SIGTERM');
    }
    const m = byVersion[fhir2Version];
    log(`  ${m.scan.requests} requests to find ${m.found} in ${m.scan.seconds} s; ${m.write.requests} writes in ${m.write.seconds} s`);
  }
  return { count: MOVE_COUNT, byVersion };
}

const fmt = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));

/** The move's lines of the figures table: finding and writing, per fhir2 version, with the goal for 2.6.0+. */
export function moveRows(move) {
  return Object.entries(move.byVersion).flatMap(([version, m]) => {
    const pages = Math.ceil(m.patients / 100);
    const fhirPages = m.scan.byKind['GET fhir/Patient'] ?? 0;
    const reads = m.scan.byKind['GET /patient/{uuid}'] ?? 0;
    const carried = !/^(0|1)\.|^2\.[0-5]\./.test(version);
    const overNetwork = ((m.scan.requests * NETWORK_MS) / LANES / 1000).toFixed(1);
    return [
      [
        `Move: find all ${fmt(m.found)} patients of a location among ${fmt(m.patients)}, fhir2 ${version}`,
        `${fmt(m.scan.requests)} requests (${fmt(fhirPages)} FHIR pages, ${fmt(reads)} patient reads, ${fmt(m.scan.requests - fhirPages - reads)} other) in ${m.scan.seconds} s; about ${overNetwork} s more over a ${NETWORK_MS} ms network, ${LANES} at a time`,
        carried ? `ceil(N/100) = ${fmt(pages)} pages, no reads` : '',
        carried ? (fhirPages <= pages && reads === 0 ? 'met' : 'MISSED') : '',
      ],
      [
        `  ... then write ${fmt(m.moved)} (${fmt(m.failed)} failed)`,
        `${fmt(m.write.requests)} requests in ${m.write.seconds} s; the move in all ${fmt(m.requests)} requests, ${m.seconds} s`,
        '',
        '',
      ],
    ];
  });
}

/** `npm run bench -- --move`: only the move, on its two backends (no build, app shell or browser). */
export async function moveOnly({ log, verbose, printTable, resultsDir }) {
  stopOnSignals(130);
  const tmp = mkdtempSync(join(tmpdir(), 'user-access-bench-'));
  let move;
  try {
    assembleIfNeeded({ log });
    const spaDir = join(tmp, 'spa');
    copyAssembledSpa(spaDir);
    move = await measureMoves({ tmp, spaDir, log, logs: (name) => join(resultsDir, 'logs', `${name}.log`), verbose });
  } finally {
    await stopAll();
    rmSync(tmp, { recursive: true, force: true });
  }
  printTable('Move', ['measure', 'figure', 'goal', ''], moveRows(move));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'bench-move.json'), `${JSON.stringify({ date: new Date().toISOString(), move }, null, 2)}\n`);
  console.log('\nAll figures: tools/bench/results/bench-move.json');
}
