/** The sweep's history against the local backend: entries on each account, and each run kept or printed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../backend/src/server';
import { createDefaultPolicy, serializePolicy } from '../src/deactivation/policy-json';
import { POLICY_USER_REP } from '../src/deactivation/rest-user';
import { patchUserProperties, setGlobalProperty } from '../src/common/global-and-user-properties';
import { fetchAllRestUsers } from '../src/deactivation/policy-io';
import { parseAccountHistory } from '../src/deactivation/history/account-history';
import { loadRunHistory } from '../src/deactivation/history/run-history-io';
import { createOpenmrsClient, type OpenmrsClient } from './client';
import { EXIT_OK, run } from './main';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;
let server: { url: string; close(): Promise<void> };
let dataDir: string;
let admin: OpenmrsClient;

interface RestUser {
  uuid: string;
  username: string;
  retired: boolean;
  userProperties: Record<string, string>;
}

async function sweep(user: string, password: string, ...extra: string[]) {
  let stdout = '';
  const code = await run(['sweep', '--url', server.url, '--user', user, ...extra], { OPENMRS_PASSWORD: password }, {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
  });
  return { code, stdout };
}
const byUsername = async (username: string) =>
  ((await fetchAllRestUsers(admin, POLICY_USER_REP)) as unknown as RestUser[]).find((u) => u.username === username)!;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'esm-user-access-history-'));
  server = await startServer({ port: 0, dataDir, reset: true });
  admin = createOpenmrsClient(server.url, 'admin', 'Admin123');
  await admin.login();
  // only the nurse is due
  const nurse = await byUsername('maximiliana.montgomery');
  await patchUserProperties(admin, nurse.uuid, { lastLoginTimestamp: String(Date.now() - 1100 * DAY) });
  const policy = { ...createDefaultPolicy(), enabled: true, inactiveDays: 1000, neverLoggedIn: 'never' as const, demo: { ...createDefaultPolicy().demo, enabled: false } };
  await setGlobalProperty(admin, 'useraccess.deactivationPolicy', serializePolicy(policy), 'test');
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the sweep keeps a history', () => {
  it('a dry run is kept as a dry run naming the account it would deactivate', async () => {
    const dry = await sweep('admin', 'Admin123');
    expect(dry.code).toBe(EXIT_OK);
    expect(dry.stdout).toMatch(/Run history \(useraccess\.deactivationRuns\): dry run by admin at .*: due 1, deactivated 0/);
    const runs = await loadRunHistory(admin);
    expect(runs.at(-1)).toMatchObject({ via: 'sweep', dryRun: true, by: 'admin', accounts: [['maximiliana.montgomery', 'wouldDeactivate']] });
  });

  it('an account the sweep deactivates records it on the account, keeping its other properties; the run is kept', async () => {
    const applied = await sweep('admin', 'Admin123', '--apply', '--json');
    expect(applied.code).toBe(EXIT_OK);
    const out = JSON.parse(applied.stdout);
    expect(out.history).toMatchObject({ recorded: true, run: { dryRun: false, counts: { due: 1, deactivated: 1 } } });
    const nurse = await byUsername('maximiliana.montgomery');
    expect(nurse.retired).toBe(true);
    expect(nurse.userProperties.lastLoginTimestamp).toBeTruthy();
    expect(parseAccountHistory(nurse.userProperties['useraccess.history'])).toEqual([
      expect.objectContaining({ action: 'deactivate', by: 'admin', via: 'sweep', reason: 'Inactive for 1,100 days (limit 1,000 days)', previousRetireReason: null }),
    ]);
    expect((await loadRunHistory(admin)).map((r) => r.dryRun)).toEqual([true, false]);
  });

  it('a sweep account without Manage Global Properties prints the run it could not keep, and exits as before', async () => {
    const role = 'History test: reads users only';
    expect((await admin.post<{ uuid: string }>('/role', { name: role, description: 'test', privileges: ['Get Users', 'Get Global Properties', 'Get Roles', 'Get Privileges'] }))).toBeTruthy();
    await admin.post('/user', {
      username: 'reader',
      password: 'Reader123',
      person: { names: [{ givenName: 'Rita', familyName: 'Reader' }], gender: 'F' },
      roles: [role],
    });
    const before = await loadRunHistory(admin);
    const dry = await sweep('reader', 'Reader123');
    expect(dry.code).toBe(EXIT_OK);
    expect(dry.stdout).toMatch(/Run history NOT kept \(.*Manage Global Properties.*\): dry run by reader/);
    expect(dry.stdout).toMatch(/ {2}\{"at":".*","by":"reader","via":"sweep","dryRun":true/);
    expect(await loadRunHistory(admin)).toEqual(before);
  });
});
