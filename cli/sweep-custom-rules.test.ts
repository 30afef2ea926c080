/**
 * Custom rules in the sweep as in the app: the app shell config's deactivationRoleLimits (--config),
 * then the registered rules (--rules), decide the same accounts the pages' engine decides.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../backend/src/server';
import { setGlobalProperty } from '../src/common/global-and-user-properties';
import { customRuleList } from '../src/deactivation/custom-rule-list';
import { evaluateDeactivations } from '../src/deactivation/policy';
import { fetchAllPolicyUsers } from '../src/deactivation/policy-io';
import { createDefaultPolicy, serializePolicy } from '../src/deactivation/policy-json';
import type { CustomRule } from '../src/deactivation/types';
import { createOpenmrsClient, type OpenmrsClient } from './client';
import { EXIT_ERROR, EXIT_OK, run } from './main';

jest.setTimeout(60_000);

let backend: { url: string; close(): Promise<void> };
let dataDir: string;
let admin: OpenmrsClient;

const policy = { ...createDefaultPolicy(), enabled: true, maxPerRun: 10000, demo: { ...createDefaultPolicy().demo, enabled: false } };
const roleLimits = [{ name: 'Short provider limit', role: 'Provider', inactiveDays: 3 }];
/** the same rule as the module below */
const contractEnded: CustomRule = (user, current) =>
  user.username === 'test-doctor'
    ? { ...current, status: 'due', rule: 'contract', reasonCode: 'custom', reasonParams: { text: 'Contract ended' } }
    : null;

async function sweep(...extra: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['sweep', '--url', backend.url, '--user', 'admin', ...extra], { OPENMRS_PASSWORD: 'Admin123' }, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'esm-user-access-rules-'));
  backend = await startServer({ port: 0, dataDir, reset: true });
  admin = createOpenmrsClient(backend.url, 'admin', 'Admin123');
  await admin.login();
  await setGlobalProperty(admin, 'useraccess.deactivationPolicy', serializePolicy(policy), 'test');
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ '@openmrs/esm-user-access-app': { deactivationRoleLimits: roleLimits, showDeactivationAlert: true } }),
  );
  writeFileSync(
    join(dataDir, 'rules.cjs'),
    `exports.customRules = [(user, current) => user.username === 'test-doctor'
      ? { ...current, status: 'due', rule: 'contract', reasonCode: 'custom', reasonParams: { text: 'Contract ended' } }
      : null];`,
  );
});

afterAll(async () => {
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('custom rules in the sweep', () => {
  it('--config and --rules decide exactly what the app, with the same config and registered rule, previews', async () => {
    const now = new Date();
    const r = await sweep('--json', '--all', '--now', now.toISOString(), '--config', join(dataDir, 'config.json'), '--rules', join(dataDir, 'rules.cjs'));
    expect(r.code).toBe(EXIT_OK);
    const out = r.json();
    const decisionOf = (username: string) => out.decisions.find((d: { username: string }) => d.username === username);
    // test-pharmacist (Provider) logged in 40 days ago: due by the role limit; test-doctor by the module's rule
    expect(decisionOf('test-pharmacist')).toMatchObject({ status: 'due', rule: 'Short provider limit' });
    expect(decisionOf('test-doctor')).toMatchObject({ status: 'due', rule: 'contract', reason: 'Contract ended' });

    const users = await fetchAllPolicyUsers(admin);
    const session = await admin.login();
    const app = evaluateDeactivations(users, policy, now, {
      actingUserUuid: session.user!.uuid,
      customRules: customRuleList(roleLimits, [contractEnded]),
    });
    const appDue = app.filter((d) => d.status === 'due').map((d) => d.uuid).sort();
    const sweepDue = [...out.due, ...out.notPermitted].map((d: { uuid: string }) => d.uuid).sort();
    expect(sweepDue).toEqual(appDue);

    const without = (await sweep('--json', '--all', '--now', now.toISOString())).json();
    expect(without.decisions.find((d: { username: string }) => d.username === 'test-pharmacist').rule).not.toBe('Short provider limit');
    expect(without.due.length).toBeLessThan(out.due.length);
  });

  it('accepts the module section alone, and refuses a config whose role limits are wrong', async () => {
    writeFileSync(join(dataDir, 'section.json'), JSON.stringify({ deactivationRoleLimits: roleLimits }));
    const section = await sweep('--json', '--all', '--config', join(dataDir, 'section.json'));
    expect(section.json().decisions.find((d: { username: string }) => d.username === 'test-pharmacist').rule).toBe('Short provider limit');

    writeFileSync(join(dataDir, 'bad.json'), JSON.stringify({ deactivationRoleLimits: [{ name: 'x', role: 'Provider', inactiveDays: 0 }] }));
    const bad = await sweep('--config', join(dataDir, 'bad.json'));
    expect(bad.code).toBe(EXIT_ERROR);
    expect(bad.stderr).toMatch(/bad\.json: deactivationRoleLimits\[0\]\.inactiveDays must be a whole number from 1 to 3650\./);
    const missing = await sweep('--config', join(dataDir, 'nope.json'));
    expect(missing.code).toBe(EXIT_ERROR);
    expect(missing.stderr).toMatch(/--config .*nope\.json cannot be read/);
  });
});
