/**
 * The sweep's plan does not depend on the server's REST version: against a server behaving as the
 * oldest supported one (webservices.rest 2.44.0, where a list with totalCount=true is a search that
 * leaves out retired users, and core 2.7.0) it decides exactly what it decides against the newest.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../backend/src/server';
import { setGlobalProperty } from '../src/common/global-and-user-properties';
import { createDefaultPolicy, serializePolicy } from '../src/deactivation/policy-json';
import { createOpenmrsClient } from './client';
import { EXIT_OK, run } from './main';

jest.setTimeout(60_000);

const NOW = '2026-12-06T12:00:00.000Z';

interface PlannedDecision {
  username: string;
  status: string;
  rule: string | null;
  reason: string;
}

const running: Array<{ server: RunningServer; dataDir: string }> = [];

async function planOf(options: ServerOptions): Promise<{ users: number; decisions: PlannedDecision[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'esm-user-access-cli-version-'));
  const server = await startServer({ port: 0, dataDir, reset: true, ...options });
  running.push({ server, dataDir });
  const admin = createOpenmrsClient(server.url, 'admin', 'Admin123');
  await admin.login();
  const policy = { ...createDefaultPolicy(), enabled: true, maxPerRun: 10000, neverLoggedIn: 'countFromCreation' as const };
  await setGlobalProperty(admin, 'useraccess.deactivationPolicy', serializePolicy(policy), 'test');

  let stdout = '';
  const code = await run(
    ['sweep', '--url', server.url, '--user', 'admin', '--json', '--all', '--now', NOW],
    { OPENMRS_PASSWORD: 'Admin123' },
    { stdout: (t) => (stdout += t), stderr: () => {} },
  );
  expect(code).toBe(EXIT_OK);
  const out = JSON.parse(stdout);
  const decisions: PlannedDecision[] = out.decisions.map(({ username, status, rule, reason }: PlannedDecision) => ({
    username,
    status,
    rule,
    reason,
  }));
  return { users: out.users, decisions: decisions.sort((a, b) => a.username.localeCompare(b.username)) };
}

afterAll(async () => {
  for (const { server, dataDir } of running) {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it('plans the same deactivations against REST 2.44.0 / core 2.7.0 as against the newest servers, retired users included', async () => {
  const newest = await planOf({});
  const oldest = await planOf({ restVersion: '2.44.0', coreVersion: '2.7.0', fhir2Version: '1.11.0' });

  expect(newest.decisions.some((d) => d.status === 'deactivated')).toBe(true);
  expect(newest.decisions.some((d) => d.status === 'due')).toBe(true);
  expect(oldest.users).toBe(newest.users);
  expect(oldest.decisions).toEqual(newest.decisions);
});
