import { resolve } from 'node:path';
import { startServer } from './server';

/**
 * CLI: PORT, BACKEND_DATA_DIR, SPA_DIR, CORE_VERSION; --reset, --scale=large, --lbac, --core-version=2.7.0,
 * --rest-version=2.44.0, --fhir2-version=1.11.0, --fhir2-paging-maximum=N, --latency=MS, --error-rate=R,
 * --unauthorized-after=N
 */
function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  const found = process.argv.find((a) => a === `--${name}` || a.startsWith(prefix));
  if (!found) {
    return undefined;
  }
  return found === `--${name}` ? 'true' : found.slice(prefix.length);
}

function num(value: string | undefined): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const n = Number(value);
  if (Number.isNaN(n)) {
    throw new Error(`Not a number: ${value}`);
  }
  return n;
}

async function main() {
  const root = resolve(__dirname, '..', '..');
  const scale = (flag('scale') ?? process.env.BACKEND_SCALE) === 'large' ? 'large' : 'default';
  const started = Date.now();
  const server = await startServer({
    port: num(process.env.PORT) ?? 8090,
    dataDir: process.env.BACKEND_DATA_DIR ? resolve(process.env.BACKEND_DATA_DIR) : resolve(root, '.backend-data'),
    spaDir: process.env.SPA_DIR ? resolve(process.env.SPA_DIR) : resolve(root, '.spa'),
    reset: flag('reset') === 'true',
    scale: flag('scale') || process.env.BACKEND_SCALE ? scale : undefined,
    lbac: flag('lbac') === 'true',
    coreVersion: flag('core-version') ?? process.env.CORE_VERSION,
    restVersion: flag('rest-version'),
    fhir2Version: flag('fhir2-version'),
    fhir2PagingMaximum: num(flag('fhir2-paging-maximum')),
    faults: {
      latencyMs: num(flag('latency') ?? process.env.FAULT_LATENCY_MS),
      errorRate: num(flag('error-rate') ?? process.env.FAULT_ERROR_RATE),
      unauthorizedAfter: num(flag('unauthorized-after') ?? process.env.FAULT_UNAUTHORIZED_AFTER),
    },
  });
  const db = server.store.db;
  console.log(`OpenMRS stand-in backend at ${server.url} (ready in ${Date.now() - started} ms)`);
  console.log(`  REST ${server.url}/ws/rest/v1   FHIR ${server.url}/ws/fhir2/R4   SPA ${server.url}/spa/`);
  console.log(`  ${db.users.length} users, ${db.persons.filter((p) => p.patient).length} patients, ${db.locations.length} locations`);
  console.log('  login: admin / Admin123 (System Developer); useradmin / Useradmin123 (not a System Developer); clerk / Clerk123; seeded users: Password123');
  console.log(`  core ${server.coreVersion}, webservices.rest ${server.flags.restVersion}, fhir2 ${server.flags.fhir2Version}${flag('lbac') === 'true' ? '; LBAC on: lbac.nurse, lbac.clerk, lbac.sysadmin, lbac.sessiononly, lbac.nolocation' : ''}`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
