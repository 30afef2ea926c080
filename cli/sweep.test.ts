/**
 * The CLI against the local backend (backend/src/server.ts), in process through run(), plus one run
 * of the bundled bin with plain Node.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startServer } from '../backend/src/server';
import { createDefaultPolicy, serializePolicy } from '../src/deactivation/policy-json';
import { POLICY_USER_REP, toPolicyUser } from '../src/deactivation/rest-user';
import { patchUserProperties, setGlobalProperty } from '../src/common/global-and-user-properties';
import { fetchAllRestUsers } from '../src/deactivation/policy-io';
import type { DeactivationPolicy } from '../src/deactivation/types';
import { createOpenmrsClient, type OpenmrsClient } from './client';
import { EXIT_ERROR, EXIT_OK, EXIT_REFUSED, run } from './main';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;
const ADMIN_PASSWORD = 'Admin123';

let server: { url: string; close(): Promise<void> };
let dataDir: string;
let admin: OpenmrsClient;

interface RestUser {
  uuid: string;
  username: string;
  retired: boolean;
  userProperties: Record<string, string>;
  allRoles?: Array<{ name: string }>;
  auditInfo?: { retireReason?: string };
}

async function cli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { OPENMRS_PASSWORD: ADMIN_PASSWORD, ...env }, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

const sweep = (...extra: string[]) => cli(['sweep', '--url', server.url, '--user', 'admin', ...extra]);

async function users(): Promise<RestUser[]> {
  return (await fetchAllRestUsers(admin, POLICY_USER_REP)) as unknown as RestUser[];
}
async function byUsername(username: string): Promise<RestUser> {
  const found = (await users()).find((u) => u.username === username);
  if (!found) throw new Error(`no user ${username}`);
  return found;
}
async function setPolicy(change: Partial<DeactivationPolicy>) {
  await setGlobalProperty(admin, 'useraccess.deactivationPolicy', serializePolicy({ ...createDefaultPolicy(), ...change }), 'test');
}
const retiredCount = async () => (await users()).filter((u) => u.retired).length;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'esm-user-access-cli-'));
  server = await startServer({ port: 0, dataDir, reset: true });
  admin = createOpenmrsClient(server.url, 'admin', ADMIN_PASSWORD);
  await admin.login();
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('esm-user-access sweep', () => {
  it('refuses to start without a password, and never takes one on the command line', async () => {
    const missing = await run(['sweep', '--url', server.url, '--user', 'admin'], {}, { stdout: () => {}, stderr: () => {} });
    expect(missing).toBe(EXIT_ERROR);
    const onArgv = await cli(['sweep', '--url', server.url, '--user', 'admin', '--password', 'x']);
    expect(onArgv.code).toBe(EXIT_ERROR);
    expect(onArgv.stderr).toMatch(/OPENMRS_PASSWORD/);
  });

  it('exits 1 with a clear message on a wrong password', async () => {
    const r = await cli(['sweep', '--url', server.url, '--user', 'admin'], { OPENMRS_PASSWORD: 'wrong' });
    expect(r.code).toBe(EXIT_ERROR);
    expect(r.stderr).toMatch(/Login to .* as "admin" failed/);
  });

  it('exits 1 when the server cannot be reached', async () => {
    const r = await cli(['sweep', '--url', 'http://127.0.0.1:9/openmrs', '--user', 'admin']);
    expect(r.code).toBe(EXIT_ERROR);
    expect(r.stderr).toMatch(/esm-user-access: /);
  });

  it('with no policy stored, previews the default (disabled) policy and writes nothing', async () => {
    const before = await retiredCount();
    const r = await sweep('--json');
    expect(r.code).toBe(EXIT_OK);
    const out = r.json();
    expect(out).toMatchObject({ dryRun: true, policySet: false, policy: { enabled: false, neverLoggedIn: 'never' }, blocked: { reason: expect.stringMatching(/disabled/) } });
    expect(out.users).toBe((await users()).length);
    expect(await retiredCount()).toBe(before);
  });

  it('a disabled policy refuses --apply with exit 2', async () => {
    await setPolicy({ enabled: false, maxPerRun: 10000 });
    const before = await retiredCount();
    const r = await sweep('--apply');
    expect(r.code).toBe(EXIT_REFUSED);
    expect(r.stdout).toMatch(/Refused: The deactivation policy is disabled/);
    expect(await retiredCount()).toBe(before);
  });

  it('the circuit breaker refuses (exit 2) in a dry run and with --apply, writing nothing', async () => {
    await setPolicy({ enabled: true, maxPerRun: 1 });
    const before = await retiredCount();
    const dry = await sweep('--json');
    expect(dry.code).toBe(EXIT_REFUSED);
    const out = dry.json();
    expect(out.due.length).toBeGreaterThan(1);
    expect(out.blocked.reason).toMatch(new RegExp(`^${out.due.length} accounts are due, more than the limit of 1 per run`));
    const applied = await sweep('--apply');
    expect(applied.code).toBe(EXIT_REFUSED);
    expect(await retiredCount()).toBe(before);
  });

  it('an invalid stored policy is shown and refuses --apply', async () => {
    await setGlobalProperty(admin, 'useraccess.deactivationPolicy', '{"version":1,"enabled":true,"inactiveDays":0,"maxPerRun":10000}', 'test');
    const before = await retiredCount();
    const dry = await sweep();
    expect(dry.code).toBe(EXIT_OK);
    expect(dry.stdout).toMatch(/Problems with the stored policy:\n {2}- The inactivity limit must be a whole number/);
    const applied = await sweep('--apply');
    expect(applied.code).toBe(EXIT_REFUSED);
    expect(await retiredCount()).toBe(before);
  });

  it('plans with the shared engine, then --apply deactivates exactly the due accounts and nobody protected', async () => {
    const now = Date.now();
    // the acting admin, an exempt-until user and a stale user, all inactive for 100 days
    const adminUser = await byUsername('admin');
    const clerk = await byUsername('clerk');
    const sysadmin = await byUsername('sysadmin');
    await patchUserProperties(admin, adminUser.uuid, { lastLoginTimestamp: String(now - 100 * DAY) });
    await patchUserProperties(admin, clerk.uuid, {
      lastLoginTimestamp: String(now - 100 * DAY),
      'useraccess.exemptUntil': new Date(now + 30 * DAY).toISOString().slice(0, 10),
      'useraccess.exemptReason': 'Transfer',
    });
    await patchUserProperties(admin, sysadmin.uuid, { lastLoginTimestamp: String(now - 100 * DAY) });
    await setPolicy({ enabled: true, maxPerRun: 10000, exemptRoles: ['Organizational: Hospital Administrator'] });

    const dry = await sweep('--json', '--all');
    expect(dry.code).toBe(EXIT_OK);
    const plan = dry.json();
    const dueNames: string[] = plan.due.map((d: { username: string }) => d.username);
    expect(dueNames).toEqual(expect.arrayContaining(['sysadmin', 'test-pharmacist', 'demo.nurse', 'visitor1']));
    expect(dueNames).not.toContain('admin');
    expect(dueNames).not.toContain('clerk');
    expect(dueNames).not.toContain('visitor2'); // demo, half a day: upcoming
    expect(dueNames).not.toContain('demo.clerk'); // never logged in, policy 'never'
    const decision = (name: string) => plan.decisions.find((d: { username: string }) => d.username === name);
    expect(decision('admin')).toMatchObject({ status: 'exempt' });
    expect(decision('clerk')).toMatchObject({ status: 'exempt', reason: expect.stringMatching(/^Exempt until .*: Transfer$/) });
    expect(decision('sysadmin')).toMatchObject({ status: 'due', rule: 'inactive', reason: 'Inactive for 100 days (limit 90 days)' });
    expect(decision('visitor2')).toMatchObject({ status: 'upcoming', rule: 'demo' });

    const beforeApply = await users();
    const protectedUuids = new Set(
      beforeApply
        .map((u) => toPolicyUser(u as never))
        .filter((u) => u.roles.some((r) => /^(system developer|organizational: hospital administrator)$/i.test(r)))
        .map((u) => u.uuid),
    );
    expect(plan.due.every((d: { uuid: string }) => !protectedUuids.has(d.uuid))).toBe(true);
    // a dry run writes nothing
    expect(beforeApply.filter((u) => dueNames.includes(u.username)).every((u) => !u.retired)).toBe(true);

    const applied = await sweep('--apply', '--json');
    expect(applied.code).toBe(EXIT_OK);
    const result = applied.json();
    expect(result.deactivated).toBe(plan.due.length);
    expect(result.failed).toBe(0);
    expect(result.remaining).toEqual([]);

    const after = await users();
    const retiredNow = after.filter((u) => u.retired && !beforeApply.find((b) => b.uuid === u.uuid)?.retired);
    expect(retiredNow.map((u) => u.username).sort()).toEqual([...dueNames].sort());
    const sys = after.find((u) => u.username === 'sysadmin')!;
    expect(sys.auditInfo?.retireReason).toBe('Inactive for 100 days (limit 90 days)');
    expect(sys.userProperties.defaultLocation).toBeTruthy(); // properties kept by the merge
    expect(after.find((u) => u.username === 'admin')!.retired).toBe(false);
    expect(after.find((u) => u.username === 'clerk')!.retired).toBe(false);

    // a second run finds nothing more to do
    const again = await sweep('--apply');
    expect(again.code).toBe(EXIT_OK);
    expect(again.stdout).toMatch(/Nothing is due for deactivation/);
  });

  it('prints a readable table', async () => {
    const pharmacistTwin = await byUsername('maximiliana.montgomery');
    await patchUserProperties(admin, pharmacistTwin.uuid, { lastLoginTimestamp: String(Date.now() - 95 * DAY) });
    const r = await sweep();
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/\(dry run; add --apply to deactivate\)/);
    expect(r.stdout).toMatch(/Due for deactivation \(1\):\nUSERNAME +RULE +REASON\nmaximiliana\.montgomery +inactive +Inactive for 95 days \(limit 90 days\)/);
  });

  it('runs custom rules from --rules', async () => {
    const rules = join(dataDir, 'rules.cjs');
    writeFileSync(
      rules,
      `exports.customRules = [(user, current) => user.username === 'test-doctor' ? { ...current, status: 'due', rule: 'contract', reason: 'Contract ended' } : null];`,
    );
    const r = await sweep('--json', '--rules', rules);
    expect(r.code).toBe(EXIT_OK);
    expect(r.json().due).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'test-doctor', rule: 'contract', reason: 'Contract ended' })]));
  });

  it('as an administrator who is not a System Developer: accounts it may not change are not done, named with the missing privileges, not counted, never sent', async () => {
    // only these two are due: a doctor, whose clinical privileges useradmin lacks, and a nurse
    for (const username of ['test-doctor', 'maximiliana.montgomery']) {
      const user = await byUsername(username);
      await patchUserProperties(admin, user.uuid, { lastLoginTimestamp: String(Date.now() - 1100 * DAY) });
    }
    await setPolicy({ enabled: true, maxPerRun: 1, inactiveDays: 1000, neverLoggedIn: 'never', demo: { ...createDefaultPolicy().demo, enabled: false } });
    const requests: string[] = [];
    const counting: typeof fetch = (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    };
    const asUserAdmin = async (...extra: string[]) => {
      let stdout = '';
      const code = await run(['sweep', '--url', server.url, '--user', 'useradmin', ...extra], { OPENMRS_PASSWORD: 'Useradmin123' }, {
        stdout: (t) => (stdout += t),
        stderr: () => undefined,
        fetch: counting,
      });
      return { code, stdout };
    };

    const dry = await asUserAdmin();
    expect(dry.code).toBe(EXIT_OK);
    expect(dry.stdout).toMatch(/Due for deactivation \(1\):\nUSERNAME +RULE +REASON\nmaximiliana\.montgomery /);
    expect(dry.stdout).toMatch(
      /Not done: due, but useradmin may not change them \(1; not counted toward the limit per run\):\nUSERNAME +WHY NOT\ntest-doctor +Not permitted: changing this account needs privileges you do not have: Add Orders, Edit Encounters, Edit Observations, Edit Orders/,
    );

    const applied = await asUserAdmin('--apply', '--json');
    expect(applied.code).toBe(EXIT_OK);
    const result = JSON.parse(applied.stdout);
    expect(result.notPermitted).toEqual([
      expect.objectContaining({ username: 'test-doctor', refusal: { kind: 'privileges', missing: ['Add Orders', 'Edit Encounters', 'Edit Observations', 'Edit Orders'] } }),
    ]);
    expect(result.deactivated).toBe(1);
    expect(requests.filter((r) => r.startsWith('DELETE'))).toEqual([expect.stringContaining(`/user/${(await byUsername('maximiliana.montgomery')).uuid}?reason=`)]);
    expect((await byUsername('test-doctor')).retired).toBe(false);
    await setPolicy({ enabled: false });
  });

  it('the bin that npm run build bundles runs with plain Node, away from node_modules', async () => {
    const binDir = mkdtempSync(join(tmpdir(), 'esm-user-access-bin-'));
    const bin = join(binDir, 'esm-user-access.mjs');
    await promisify(execFile)(process.execPath, [resolve(__dirname, '..', 'tools', 'build-cli.mjs'), `--outfile=${bin}`]);
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'sweep', '--url', server.url, '--user', 'admin', '--json'], {
      env: { ...process.env, OPENMRS_PASSWORD: ADMIN_PASSWORD, NODE_OPTIONS: '' },
      cwd: binDir,
    });
    expect(JSON.parse(stdout)).toMatchObject({ dryRun: true, exitCode: 0, policySet: true });
    const failed = await promisify(execFile)(process.execPath, [bin, 'nonsense'], { cwd: binDir }).catch((e) => e);
    rmSync(binDir, { recursive: true, force: true });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/the only command is "sweep"/);
  });
});

describe('esm-user-access sweep on an unreliable server', () => {
  let flaky: { url: string; close(): Promise<void> };
  let flakyDir: string;

  beforeAll(async () => {
    flakyDir = mkdtempSync(join(tmpdir(), 'esm-user-access-cli-flaky-'));
    flaky = await startServer({ port: 0, dataDir: flakyDir, reset: true, faults: { unauthorizedAfter: 7, errorRate: 0.1 } });
    const client = createOpenmrsClient(flaky.url, 'admin', ADMIN_PASSWORD, fetch, { getRetries: 8, getBackoffMs: 1 });
    await client.login();
    for (let i = 0; ; i++) {
      try {
        await setGlobalProperty(client, 'useraccess.deactivationPolicy', serializePolicy({ ...createDefaultPolicy(), enabled: true, maxPerRun: 10000 }), 'test');
        await setGlobalProperty(client, 'webservices.rest.maxResultsAbsolute', '40', 'test');
        break;
      } catch (error) {
        if (i > 20) throw error;
      }
    }
  });

  afterAll(async () => {
    await flaky?.close();
    rmSync(flakyDir, { recursive: true, force: true });
  });

  it('survives session timeouts, 5xx and a lowered page limit, and converges to nothing due', async () => {
    const attempt = () => cli(['sweep', '--url', flaky.url, '--user', 'admin', '--apply', '--json']);
    let last = await attempt();
    for (let i = 0; i < 8 && last.code !== EXIT_OK; i++) {
      expect(last.code).toBe(EXIT_ERROR); // a failed item or read, never a refusal
      last = await attempt();
    }
    expect(last.code).toBe(EXIT_OK);
    let check = await cli(['sweep', '--url', flaky.url, '--user', 'admin', '--json']);
    for (let i = 0; i < 5 && check.code !== EXIT_OK; i++) {
      check = await cli(['sweep', '--url', flaky.url, '--user', 'admin', '--json']);
    }
    expect(check.code).toBe(EXIT_OK);
    const out = check.json();
    expect(out.users).toBeGreaterThan(200); // many pages of 40
    expect(out.due).toEqual([]);
    expect(out.counts.deactivated).toBeGreaterThan(100);
  });
});
