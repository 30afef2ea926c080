/** The sweep removes location assignments whose last day has passed, against the local backend. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../backend/src/server';
import { createDefaultPolicy, serializePolicy } from '../src/deactivation/policy-json';
import { patchUserProperties, setGlobalProperty } from '../src/common/global-and-user-properties';
import { createOpenmrsClient, type OpenmrsClient } from './client';
import { EXIT_OK, run } from './main';

jest.setTimeout(60_000);

const CLINIC = '44c3efb0-2583-4c80-a79e-1f756a03c0a1';
const WARD = 'ba685651-ed3b-4e63-a4a9-6b41ebf6b4d5';

let server: { url: string; close(): Promise<void> };
let dataDir: string;
let admin: OpenmrsClient;
let clerkUuid = '';

async function sweep(...extra: string[]) {
  let stdout = '';
  const code = await run(['sweep', '--url', server.url, '--user', 'admin', ...extra], { OPENMRS_PASSWORD: 'Admin123' }, {
    stdout: (t) => (stdout += t),
    stderr: () => {},
  });
  return { code, stdout };
}

const clerkProperties = async () =>
  (await admin.get<{ userProperties: Record<string, string> }>(`/user/${clerkUuid}?v=custom:(userProperties)`)).userProperties;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'esm-user-access-expired-'));
  server = await startServer({ port: 0, dataDir, reset: true });
  admin = createOpenmrsClient(server.url, 'admin', 'Admin123');
  await admin.login();
  // nothing due for deactivation, so the run's exit code speaks of the assignments alone
  await setGlobalProperty(admin, 'useraccess.deactivationPolicy', serializePolicy({ ...createDefaultPolicy(), enabled: true, inactiveDays: 3650 }), 'test');
  clerkUuid = (await admin.get<{ results: Array<{ uuid: string }> }>('/user?q=clerk&v=custom:(uuid)')).results[0].uuid;
  await patchUserProperties(admin, clerkUuid, {
    locationUuid: `${CLINIC},${WARD}`,
    defaultLocation: WARD,
    'useraccess.locationEndDates': `${WARD}:2020-01-31,${CLINIC}:2999-12-31`,
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the sweep and assignments that end on a date', () => {
  it('a dry run reports the expired assignment and writes nothing', async () => {
    const r = await sweep();
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('Expired location assignments (dry run; --apply removes them), 1 user:');
    expect(r.stdout).toContain('clerk: Inpatient Ward (last day 2020-01-31): to remove');
    expect((await clerkProperties()).locationUuid).toBe(`${CLINIC},${WARD}`);
  });

  it('with --apply removes only the expired location, moves the default, keeps the later end date, and reports it', async () => {
    const r = await sweep('--apply', '--json');
    expect(r.code).toBe(EXIT_OK);
    expect(JSON.parse(r.stdout).expiredAssignments).toEqual([
      {
        uuid: clerkUuid,
        username: 'clerk',
        locations: [{ uuid: WARD, name: 'Inpatient Ward', lastDay: '2020-01-31' }],
        status: 'removed',
      },
    ]);
    const props = await clerkProperties();
    expect(props).toMatchObject({ locationUuid: CLINIC, defaultLocation: CLINIC, 'useraccess.locationEndDates': `${CLINIC}:2999-12-31` });
    const again = await sweep();
    expect(again.stdout).toContain('No location assignment has expired.');
  });
});
