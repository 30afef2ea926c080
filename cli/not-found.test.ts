/**
 * The CLI (and the app, through the same rest-client) tells "no such user" from a failure on every
 * supported REST version: 404 from 2.50, the 400/500 of UserResource1_8 before (RESTWS-981).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../backend/src/server';
import { isNotFound, isTransientError } from '../src/common/rest-client';
import { createOpenmrsClient } from './client';

const UNKNOWN = '00000000-0000-0000-0000-00000000dead';
const servers: Array<{ server: RunningServer; dataDir: string }> = [];

afterAll(async () => {
  for (const { server, dataDir } of servers) {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it.each(['2.44.0', '2.49.0', '2.50.0', '3.4.1'])('REST %s: reading, updating and retiring an unknown user is "not found", never retried', async (restVersion) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'esm-user-access-not-found-'));
  const server = await startServer({ port: 0, dataDir, reset: true, restVersion });
  servers.push({ server, dataDir });
  const client = createOpenmrsClient(server.url, 'admin', 'Admin123');
  await client.login();
  const errors = await Promise.all([
    client.get(`/user/${UNKNOWN}?v=custom:(uuid,userProperties)`).catch((e: unknown) => e),
    client.post(`/user/${UNKNOWN}`, { userProperties: {} }).catch((e: unknown) => e),
    client.delete(`/user/${UNKNOWN}?reason=test`).catch((e: unknown) => e),
  ]);
  for (const error of errors) {
    expect(isNotFound(error)).toBe(true);
    expect(isTransientError(error)).toBe(false);
  }
  // a real failure stays one
  const failure = await client.post('/user', { username: 'x' }).catch((e: unknown) => e);
  expect(isNotFound(failure)).toBe(false);
});
