// The upcoming-deactivations table with 10,000 users, in Chromium through the real app shell: for each
// of `loads` page loads (the first with an empty cache) the user-list requests, the most in flight, and
// two moments, counted from the start of the first user-list request:
//   - first rows: the first frame a row of the Deactivations table is visible (with the count loaded
//     so far, while the rest loads);
//   - complete: the first frame the page is no longer busy and a row's selection box is enabled.
// Beside them two floors, each every user page fetched alone (the app's representation, totalCount on
// the first page, then 6 at a time, JSON parsed) and nothing else:
//   - idle: by the same page once the load is over;
//   - during a load: by the same page loaded again, its own user list answered empty, from the moment
//     it asked for it; the app shell and the page load as before, less the module's handling of the list.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleIfNeeded } from '../assemble-spa.mjs';
import { launchBrowser, loggedInContext } from './browser.mjs';
import { enablePolicy, productionBuild, startShellWithBuild } from './run-steps.mjs';
import { copyAssembledSpa, freePort, startBackend, stopAll, stopOnSignals } from '../lib/stack.mjs';

const PAGE_SIZE = 100;
const CONCURRENCY = 6;
/**
 * BENCH_TRACE=<file>: a Chromium trace of the first warm load, with the main thread's and the worker's CPU
 * samples; BENCH_TRACE_LOAD=<n> traces load n instead (0, the cold one)
 */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'];

const isUserList = (url) => {
  const u = new URL(url);
  return /\/ws\/rest\/v1\/user$/.test(u.pathname) && u.searchParams.has('v');
};

/**
 * In the page: when rows first showed and when the table was complete (epoch milliseconds, to compare
 * with the requests' timing, which the browser reports for the page and its workers alike), and how
 * long the server took for each of the floor's requests.
 */
function watchTable() {
  const bench = { firstRowsAt: null, firstRowsNote: null, completeAt: null, floorWaits: [] };
  window.__benchTable = bench;
  const now = () => performance.timeOrigin + performance.now();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // the page's own requests may come from a worker, which has its own timeline: only the floor's are here
      if (/\/ws\/rest\/v1\/user\?v=/.test(entry.name) && bench.completeAt !== null) {
        bench.floorWaits.push(entry.responseStart - entry.requestStart);
      }
    }
  }).observe({ type: 'resource', buffered: true });
  const check = () => {
    const row = document.querySelector('table[aria-label="Deactivations"] tbody tr');
    // in the shown tab (Carbon hides the others); asked without a layout, which would slow the page measured
    if (row && !row.closest('[hidden]')) {
      if (bench.firstRowsAt === null) {
        bench.firstRowsAt = now();
        bench.firstRowsNote = document.querySelector('[aria-busy="true"] .cds--inline-loading__text')?.textContent ?? null;
      }
      // (a page without aria-busy, from before rows were shown while loading, is complete with its first row)
      const done = !row.closest('[aria-busy="true"]');
      if (done && row.querySelector('input[type="checkbox"]:not([disabled])')) {
        bench.completeAt = now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** In the page: every user page fetched as the app does, and nothing else; milliseconds. */
async function fetchPagesAlone({ listUrl, pageSize, concurrency, headers = {} }) {
  const at = (start, counted) => {
    const url = new URL(listUrl);
    url.searchParams.delete('totalCount');
    url.searchParams.set('limit', String(pageSize));
    url.searchParams.set('startIndex', String(start));
    if (counted) {
      url.searchParams.set('totalCount', 'true');
    }
    return fetch(url, { headers: { Accept: 'application/json', ...headers }, credentials: 'include' }).then((r) => r.json());
  };
  const t0 = performance.now();
  const first = await at(0, true);
  const pages = Math.ceil(first.totalCount / pageSize);
  let next = 1;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < pages) {
        const index = next++;
        await at(index * pageSize, false);
      }
    }),
  );
  return { ms: performance.now() - t0, pages };
}

/** The header that tells the bench's own user-list requests from the page's. */
const FLOOR_HEADER = 'x-bench-floor';

/**
 * The floor during a page load: the same page loaded again, its user list answered at once with no
 * users, and from the moment it asked for the list, every user page fetched alone as fetchPagesAlone
 * does. So the app shell and the page load as they did, and only the module's own handling of the list
 * is missing; milliseconds. For the cold load, `page` is a new context's, as the cold load's was: no
 * HTTP cache, nothing compiled yet, and the first page of a login (the after-login alert runs).
 */
async function floorDuringLoad(page, { shellUrl, listUrl }) {
  let listAsked;
  const asked = new Promise((resolve) => (listAsked = resolve));
  const answerEmpty = (route) => {
    if (route.request().headers()[FLOOR_HEADER]) {
      return route.continue();
    }
    listAsked();
    return route.fulfill({ json: { results: [], totalCount: 0, links: [] } });
  };
  const userList = (url) => isUserList(url.toString());
  await page.route(userList, answerEmpty);
  await page.goto(`${shellUrl}/openmrs/spa/user-access/deactivation`, { waitUntil: 'commit' });
  await asked;
  const floor = await page.evaluate(fetchPagesAlone, { listUrl, pageSize: PAGE_SIZE, concurrency: CONCURRENCY, headers: { [FLOOR_HEADER]: '1' } });
  await page.unroute(userList, answerEmpty);
  return Math.round(floor.ms);
}

/** BENCH_TABLE_LOADS=<n>: how many loads (the first cold), 3 by default; the times vary by a fifth from one load to the next */
export const TABLE_LOADS = Number(process.env.BENCH_TABLE_LOADS) || 3;

export async function measureUpcomingTable(browser, { shellUrl, openmrsUrl, loads = TABLE_LOADS }) {
  const context = await loggedInContext(browser, openmrsUrl, 'admin', 'Admin123');
  await context.addInitScript(watchTable);
  const page = await context.newPage();
  const runs = [];
  const moduleFiles = new Set();
  let coldListUrl = null;
  for (let i = 0; i < loads; i++) {
    const run = { cache: i === 0 ? 'cold' : 'warm', requests: 0, userListRequests: 0, maxInFlight: 0, totalCount: null };
    let inFlight = 0;
    let listUrl = null;
    const listRequests = new Set();
    const onRequest = (request) => {
      run.requests++;
      const file = /\/openmrs-esm-user-access-app-[^/]+\/([^/?]+\.js)(\?|$)/.exec(request.url());
      if (file && i === 0) {
        moduleFiles.add(file[1]);
      }
      if (isUserList(request.url())) {
        listUrl ??= request.url();
        run.userListRequests++;
        listRequests.add(request);
        run.maxInFlight = Math.max(run.maxInFlight, ++inFlight);
      }
    };
    const listTimings = [];
    const onDone = (request) => {
      if (listRequests.delete(request)) {
        inFlight--;
        const { startTime, requestStart, responseStart, responseEnd } = request.timing();
        listTimings.push({ start: startTime, end: startTime + responseEnd, wait: responseStart - requestStart });
      }
    };
    const onResponse = async (response) => {
      if (isUserList(response.url()) && new URL(response.url()).searchParams.get('totalCount') === 'true') {
        run.totalCount = (await response.json().catch(() => ({}))).totalCount ?? null;
      }
    };
    page.on('request', onRequest);
    page.on('requestfinished', onDone);
    page.on('requestfailed', onDone);
    page.on('response', onResponse);
    const traced = process.env.BENCH_TRACE && i === Number(process.env.BENCH_TRACE_LOAD ?? 1);
    if (traced) {
      await browser.startTracing(page, { path: process.env.BENCH_TRACE, categories: TRACE_CATEGORIES });
    }
    await page.goto(`${shellUrl}/openmrs/spa/user-access/deactivation`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__benchTable?.completeAt, null, { timeout: 180000, polling: 100 });
    if (traced) {
      await browser.stopTracing();
    }
    await page.waitForLoadState('networkidle').catch(() => {});
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
    page.off('response', onResponse);
    const t = await page.evaluate(() => ({ ...window.__benchTable, navigationAt: performance.timeOrigin }));
    const firstListAt = Math.min(...listTimings.map((x) => x.start));
    const lastListEndAt = Math.max(...listTimings.map((x) => x.end));
    const floor = await page.evaluate(fetchPagesAlone, { listUrl, pageSize: PAGE_SIZE, concurrency: CONCURRENCY });
    // the floor's entries reach the observer a little after its fetches resolve
    await page.waitForTimeout(500);
    const floorWaits = await page.evaluate(() => window.__benchTable.floorWaits);
    // the cold load's, at the end: a new login would make the next loads of this one a first page again
    const floorDuringLoadMs = i === 0 ? null : await floorDuringLoad(page, { shellUrl, listUrl });
    coldListUrl ??= listUrl;
    Object.assign(run, {
      firstRowsMs: Math.round(t.firstRowsAt - firstListAt),
      completeMs: Math.round(t.completeAt - firstListAt),
      // the page's own fetch: first user-list request sent to last response in
      fetchMs: Math.round(lastListEndAt - firstListAt),
      serverWaitMs: { page: Math.round(median(listTimings.map((x) => x.wait))), floor: Math.round(median(floorWaits)) },
      floorMs: Math.round(floor.ms),
      floorDuringLoadMs,
      floorPages: floor.pages,
      firstRowsNote: t.firstRowsNote,
      firstListAtMs: Math.round(firstListAt - t.navigationAt),
      // from navigation start, as earlier runs measured "usable"
      firstRowsFromNavigationMs: Math.round(t.firstRowsAt - t.navigationAt),
      usableMs: Math.round(t.completeAt - t.navigationAt),
    });
    runs.push(run);
  }
  await context.close();
  const coldContext = await loggedInContext(browser, openmrsUrl, 'admin', 'Admin123');
  runs[0].floorDuringLoadMs = await floorDuringLoad(await coldContext.newPage(), { shellUrl, listUrl: coldListUrl });
  await coldContext.close();
  return { runs, moduleFiles: [...moduleFiles] };
}

const fmt = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

/** Each load's complete table over its floor during a load. */
const duringLoadRatios = (table) => table.runs.map((x) => x.completeMs / x.floorDuringLoadMs);

/** Whether each load met the three goals. */
export function tableGoals(table) {
  const n = table.runs[0].totalCount;
  return {
    listRequests: table.runs.every((x) => x.userListRequests === Math.ceil(n / PAGE_SIZE)),
    firstRows: table.runs.every((x) => x.firstRowsMs <= x.floorMs / 2),
    complete: table.runs.every((x) => x.completeMs <= x.floorMs * 1.25),
    // one load's figures vary by a tenth or more (the floors too), so the loads' median is what is held to it
    completeDuringLoad: median(duringLoadRatios(table)) <= 1.25,
  };
}

/** The table's lines of the figures table. */
export function tableRows(table) {
  const runs = table.runs;
  const n = runs[0].totalCount;
  const goals = tableGoals(table);
  const each = (f) => runs.map(f).join(' / ');
  const met = (ok) => (ok ? 'met' : 'MISSED');
  return [
    [
      `Upcoming deactivations, N = ${fmt(n)} users: user-list requests (${each((x) => x.cache)})`,
      each((x) => fmt(x.userListRequests)),
      `ceil(N/100) = ${Math.ceil(n / PAGE_SIZE)}, exactly`,
      met(goals.listRequests),
    ],
    ['  ... most in flight at once', each((x) => x.maxInFlight), '', ''],
    ['  ... floor: the same run fetching every user page alone, the page idle', `${each((x) => fmt(x.floorMs))} ms`, '', ''],
    [
      '  ... floor during a load: the same page load, its list answered empty, fetching every user page alone',
      `${each((x) => fmt(x.floorDuringLoadMs))} ms`,
      '',
      '',
    ],
    ['  ... the page\'s own fetch of the same pages (first request to last response)', `${each((x) => fmt(x.fetchMs))} ms`, '', ''],
    [
      '  ... median server wait per user page (request sent to first byte): page / floor',
      each((x) => `${fmt(x.serverWaitMs.page)} / ${fmt(x.serverWaitMs.floor)} ms`),
      '',
      '',
    ],
    [
      '  ... first rows shown, with the count so far (from the first user request)',
      `${each((x) => fmt(x.firstRowsMs))} ms (${each((x) => `${Math.round((x.firstRowsMs / x.floorMs) * 100)}%`)} of the floor)`,
      '<= 50% of the floor',
      met(goals.firstRows),
    ],
    [
      '  ... complete, actions enabled (from the first user request)',
      `${each((x) => fmt(x.completeMs))} ms (${each((x) => `${Math.round((x.completeMs / x.floorMs) * 100)}%`)} of the floor)`,
      '<= 125% of the floor',
      met(goals.complete),
    ],
    [
      '  ... complete, against the floor during a load',
      `${each((x) => `${Math.round((x.completeMs / x.floorDuringLoadMs) * 100)}%`)}: ` +
        `${duringLoadRatios(table).filter((r) => r <= 1.25).length} of ${runs.length} loads within, median ${Math.round(median(duringLoadRatios(table)) * 100)}%`,
      'median <= 125%',
      met(goals.completeDuringLoad),
    ],
    [
      '  ... the same two from navigation start',
      `${each((x) => fmt(x.firstRowsFromNavigationMs))} ms; ${each((x) => fmt(x.usableMs))} ms`,
      '',
      '',
    ],
    ['  ... what the first rows said while loading', runs.map((x) => x.firstRowsNote ?? '(loaded at once)').join(' | '), '', ''],
  ];
}

/** `npm run bench -- --table`: the build, one backend at --scale=large, the app shell and the table's loads. */
export async function tableOnly({ log, verbose, printTable, resultsDir }) {
  stopOnSignals(130);
  const tmp = mkdtempSync(join(tmpdir(), 'user-access-bench-'));
  const logs = (name) => join(resultsDir, 'logs', `${name}.log`);
  let table;
  try {
    assembleIfNeeded({ log });
    const spaDir = join(tmp, 'spa');
    copyAssembledSpa(spaDir);
    const buildDir = join(tmp, 'build');
    const built = productionBuild(buildDir, { log, verbose, logFile: logs('build') });
    const backend = await startBackend({
      port: await freePort(18590),
      dataDir: join(tmp, 'data'),
      spaDir,
      args: ['--reset', '--scale=large'],
      quiet: !verbose,
      logFile: logs('backend'),
    });
    await enablePolicy(`${backend.url}/openmrs`);
    await built;
    const shell = await startShellWithBuild({ spaDir, buildDir, backendUrl: backend.url, tmp, log, verbose, logFile: logs('app-shell') });
    const browser = await launchBrowser();
    try {
      log(`Chromium: upcoming deactivations, ${TABLE_LOADS} loads (policy on) ...`);
      table = await measureUpcomingTable(browser, { shellUrl: shell.url, openmrsUrl: `${shell.url}/openmrs` });
    } finally {
      await browser.close();
    }
  } finally {
    await stopAll();
    rmSync(tmp, { recursive: true, force: true });
  }
  printTable('Upcoming deactivations', ['measure', 'figure', 'goal', ''], tableRows(table));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'bench-table.json'), `${JSON.stringify({ date: new Date().toISOString(), table }, null, 2)}\n`);
  console.log('\nAll figures: tools/bench/results/bench-table.json');
}
