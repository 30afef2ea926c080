// Chromium measurements for npm run bench (playwright-core with the system Chromium), against the
// real app shell (`openmrs develop`) serving this module's production build and the local backend:
//   - the session-location switcher: requests a page load gains from it (with vs. without the
//     extension, removed through the temporary config the app shell reads from localStorage).
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A browser context logged in through POST /ws/rest/v1/session with Basic auth, as the e2e setup does. */
export async function loggedInContext(browser, openmrsUrl, username, password, sessionLocation) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  const response = await context.request.post(`${openmrsUrl}/ws/rest/v1/session`, {
    headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    data: { ...(sessionLocation ? { sessionLocation } : {}), locale: 'en' },
  });
  const session = await response.json();
  if (!response.ok() || !session.authenticated) {
    throw new Error(`POST /session for ${username} answered ${response.status()}`);
  }
  return context;
}

/** A request as compared between two page loads: method, path and query (origins dropped). */
function requestKey(request) {
  const u = new URL(request.url());
  return `${request.method()} ${u.pathname}${u.search}`;
}

function kindOf(key) {
  if (/\/ws\/fhir2\//.test(key)) {
    return 'FHIR';
  }
  if (/\/ws\/rest\//.test(key)) {
    return 'REST';
  }
  if (/\.js(\?|$)/.test(key)) {
    return 'JS';
  }
  if (/\.json(\?|$)/.test(key)) {
    return 'JSON';
  }
  return 'other';
}

/**
 * The requests of a page load, until the network is idle and 1.5 s more. With `loads` > 1 the page
 * is loaded again in the same tab (same login, sessionStorage kept) and the last load's requests count.
 */
async function pageLoadRequests(context, url, loads = 1) {
  const page = await context.newPage();
  let keys = [];
  page.on('request', (request) => keys.push(requestKey(request)));
  for (let i = 0; i < loads; i++) {
    keys = [];
    await page.goto(url, { waitUntil: 'networkidle', timeout: 120000 });
    // On a busy machine the network can be idle for 500 ms while the page still parses chunks:
    // wait until no request has started for 1.5 s (at most 15 s more).
    for (let waited = 0, seen = -1; seen !== keys.length && waited < 15000; waited += 1500) {
      seen = keys.length;
      await page.waitForTimeout(1500);
    }
  }
  await page.close();
  return keys;
}

function multisetDiff(a, b) {
  const counts = new Map();
  a.forEach((k) => counts.set(k, (counts.get(k) ?? 0) + 1));
  b.forEach((k) => counts.set(k, (counts.get(k) ?? 0) - 1));
  const added = [];
  const removed = [];
  for (const [k, n] of counts) {
    for (let i = 0; i < n; i++) {
      added.push(k);
    }
    for (let i = 0; i < -n; i++) {
      removed.push(k);
    }
  }
  return { added, removed };
}

/**
 * Requests the switcher adds to a page load, for one user on one page: the same load (fresh context,
 * empty cache) with the extension and without it (temporary config removing it from
 * top-nav-info-slot; tools/dev-frontend-config.json already removes core's location-changer, so that
 * stays removed in both). `loads` 2 measures the next page load of the same login instead of the first.
 */
export async function measureSwitcher(browser, { shellUrl, openmrsUrl, user, password, sessionLocation, pagePath, loads = 1 }) {
  const url = `${shellUrl}/openmrs/spa/${pagePath}`;
  const load = async (withSwitcher) => {
    const context = await loggedInContext(browser, openmrsUrl, user, password, sessionLocation);
    if (!withSwitcher) {
      const config = {
        '@openmrs/esm-primary-navigation-app': {
          extensionSlots: { 'top-nav-info-slot': { remove: ['location-changer', 'session-location-switcher'] } },
        },
      };
      await context.addInitScript((value) => localStorage.setItem('openmrs:temporaryConfig', value), JSON.stringify(config));
    }
    try {
      return await pageLoadRequests(context, url, loads);
    } finally {
      await context.close();
    }
  };
  const without = await load(false);
  const withIt = await load(true);
  const { added, removed } = multisetDiff(withIt, without);
  const byKind = {};
  added.forEach((k) => (byKind[kindOf(k)] = (byKind[kindOf(k)] ?? 0) + 1));
  return {
    user,
    page: pagePath,
    loads,
    requestsWithout: without.length,
    requestsWith: withIt.length,
    added,
    removed,
    addedByKind: byKind,
    addedDataRequests: added.filter((k) => ['REST', 'FHIR'].includes(kindOf(k))).length,
  };
}
