/**
 * The sweep's email against the local backend and a real SMTP server started here (smtp-server),
 * whose messages are read back with mailparser.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startServer } from '../backend/src/server';
import { CLERK_PASSWORD } from '../backend/src/seed';
import { createDefaultPolicy, serializePolicy } from '../src/deactivation/policy-json';
import { POLICY_USER_REP } from '../src/deactivation/rest-user';
import { patchUserProperties, setGlobalProperty } from '../src/common/global-and-user-properties';
import { fetchAllRestUsers } from '../src/deactivation/policy-io';
import type { DeactivationPolicy } from '../src/deactivation/types';
import { createOpenmrsClient, type OpenmrsClient } from './client';
import { WARNING_SENT_PROPERTY } from './email-warnings';
import { EXIT_OK, run } from './main';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;
const BOUNCING = 'bounce@example.org';

let backend: { url: string; close(): Promise<void> };
let dataDir: string;
let admin: OpenmrsClient;
let smtp: SMTPServer;
let smtpPort: number;
const inbox: ParsedMail[] = [];

async function sweep(...extra: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['sweep', '--url', backend.url, '--user', 'admin', ...extra], { OPENMRS_PASSWORD: 'Admin123' }, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

async function userNamed(username: string) {
  const all = (await fetchAllRestUsers(admin, POLICY_USER_REP)) as unknown as Array<{
    uuid: string;
    username: string;
    retired: boolean;
    userProperties: Record<string, string>;
  }>;
  return all.find((u) => u.username === username)!;
}

async function setPolicy(change: Partial<DeactivationPolicy>) {
  const policy = { ...createDefaultPolicy(), enabled: true, maxPerRun: 10000, ...change };
  policy.demo = { ...policy.demo, enabled: false };
  await setGlobalProperty(admin, 'useraccess.deactivationPolicy', serializePolicy(policy), 'test');
}

const setMail = async (host: string, port: number, from = 'openmrs@example.org') => {
  await setGlobalProperty(admin, 'mail.smtp_host', host, 'SMTP host name');
  await setGlobalProperty(admin, 'mail.smtp_port', String(port), 'SMTP port');
  await setGlobalProperty(admin, 'mail.from', from, 'Email address to use as the default from address');
};

/** a user whose account is due in `days` days under a 90-day policy, with this email */
async function lastUsed(username: string, daysAgo: number, email: string | null) {
  const user = await userNamed(username);
  await patchUserProperties(admin, user.uuid, { lastLoginTimestamp: String(Date.now() - daysAgo * DAY), [WARNING_SENT_PROPERTY]: null });
  await admin.post(`/user/${user.uuid}`, { email });
  return user.uuid;
}

const to = (mail: ParsedMail) => [mail.to].flat().flatMap((a) => a?.value.map((v) => v.address));
const mailTo = (address: string) => inbox.filter((m) => to(m).includes(address));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'esm-user-access-email-'));
  backend = await startServer({ port: 0, dataDir, reset: true });
  admin = createOpenmrsClient(backend.url, 'admin', 'Admin123');
  await admin.login();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(address.address === BOUNCING ? new Error('550 mailbox unavailable') : undefined);
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => inbox.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await backend?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  inbox.length = 0;
});

describe('the sweep emails', () => {
  it('says what is missing and sends nothing when core has no SMTP host', async () => {
    await setPolicy({ emailWarnings: { enabled: true, daysBefore: null } });
    await setGlobalProperty(admin, 'mail.smtp_host', '', 'SMTP host name');
    const r = await sweep('--admin-email', 'admins@example.org');
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/Email: mail is not configured \(mail\.smtp_host missing\); no email is sent\./);
    expect(inbox).toHaveLength(0);
  });

  it('a dry run emails the administrators a digest of what is due and upcoming, and warns nobody', async () => {
    await setMail('127.0.0.1', smtpPort);
    await setPolicy({ emailWarnings: { enabled: true, daysBefore: null } });
    await lastUsed('clerk', 85, 'clerk@example.org');
    const r = await sweep('--admin-email', 'admins@example.org,second@example.org');
    expect(r.code).toBe(EXIT_OK);
    expect(inbox).toHaveLength(1);
    const [digest] = inbox;
    expect(to(digest).sort()).toEqual(['admins@example.org', 'second@example.org']);
    expect(digest.from?.value[0].address).toBe('openmrs@example.org');
    expect(digest.subject).toMatch(/^OpenMRS: \d+ accounts due for deactivation, \d+ within 14 days$/);
    expect(digest.text).toMatch(/To be deactivated within 14 days \(\d+\):\n(.*\n)* {2}- clerk \(.*\): \d{4}-\d\d-\d\d, inactive: /);
    expect(mailTo('clerk@example.org')).toHaveLength(0);
    expect((await userNamed('clerk')).userProperties[WARNING_SENT_PROPERTY]).toBeUndefined();
  });

  it('--apply warns each user once, reports what it could not send, and a login keeps the account', async () => {
    await setMail('127.0.0.1', smtpPort);
    await setPolicy({ emailWarnings: { enabled: true, daysBefore: 5 } });
    await lastUsed('clerk', 87, 'clerk@example.org'); // due in 3 days: warned
    await lastUsed('sysadmin', 86, BOUNCING); // due in 4 days: the send fails
    await lastUsed('useradmin', 84, 'uma@example.org'); // due in 6 days: after the 5 days of the policy
    await lastUsed('test-pharmacist', 88, null);

    const first = await sweep('--apply', '--admin-email', 'admins@example.org', '--json');
    expect(first.code).toBe(EXIT_OK);
    const out = first.json();
    expect(out.email.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ username: 'clerk', status: 'sent', email: 'clerk@example.org' }),
        expect.objectContaining({ username: 'sysadmin', status: 'failed', message: expect.stringMatching(/550/) }),
        expect.objectContaining({ username: 'test-pharmacist', status: 'noEmail' }),
      ]),
    );
    expect(out.email.warnings.find((w: { username: string }) => w.username === 'useradmin')).toBeUndefined();
    const [warning] = mailTo('clerk@example.org');
    expect(warning.subject).toMatch(/^Your OpenMRS account clerk will be deactivated on \d{4}-\d\d-\d\d$/);
    expect(warning.text).toContain(`log in at ${backend.url}`);
    const report = mailTo('admins@example.org').find((m) => /^OpenMRS deactivation run: \d+ deactivated, \d+ problems$/.test(m.subject ?? ''));
    expect(report?.text).toMatch(/NOT SENT to sysadmin: .*550/);
    expect(report?.text).toMatch(/NOT SENT to test-pharmacist: no email on the account/);
    // recorded on the account, other properties kept
    const clerk = await userNamed('clerk');
    expect(JSON.parse(clerk.userProperties[WARNING_SENT_PROPERTY])).toMatchObject({ deactivateOn: expect.any(String) });
    expect(clerk.userProperties.lastLoginTimestamp).toBeTruthy();
    expect((await userNamed('sysadmin')).userProperties[WARNING_SENT_PROPERTY]).toBeUndefined();

    inbox.length = 0;
    const second = await sweep('--apply', '--admin-email', 'admins@example.org', '--json');
    expect(second.code).toBe(EXIT_OK);
    expect(mailTo('clerk@example.org')).toHaveLength(0);
    const retried = second.json().email.warnings.map((w: { username: string }) => w.username);
    expect(retried).toEqual(expect.arrayContaining(['sysadmin', 'test-pharmacist']));
    expect(retried).not.toContain('clerk');

    // clerk logs in after the warning: the last login moves, and four days on the account is not due
    const inFourDays = new Date(Date.now() + 4 * DAY).toISOString();
    const before = (await sweep('--json', '--all', '--now', inFourDays)).json();
    expect(before.decisions.find((d: { username: string }) => d.username === 'clerk').status).toBe('due');
    await createOpenmrsClient(backend.url, 'clerk', CLERK_PASSWORD).login();
    const after = (await sweep('--json', '--all', '--now', inFourDays)).json();
    expect(after.decisions.find((d: { username: string }) => d.username === 'clerk').status).toBe('active');
  });

  it('a mail server that cannot be reached neither blocks nor repeats the deactivations', async () => {
    await setMail('127.0.0.1', 9);
    await setPolicy({ emailWarnings: { enabled: true, daysBefore: null } });
    await lastUsed('test-doctor', 120, 'doctor@example.org');
    const first = await sweep('--apply', '--admin-email', 'admins@example.org');
    expect(first.code).toBe(EXIT_OK);
    expect(first.stdout).toMatch(/EMAIL FAILED to admins@example\.org \(OpenMRS deactivation run: /);
    expect((await userNamed('test-doctor')).retired).toBe(true);
    const second = await sweep('--apply', '--admin-email', 'admins@example.org');
    expect(second.code).toBe(EXIT_OK);
    expect(second.stdout).toMatch(/Nothing is due for deactivation/);
  });

  it('the --smtp flags override core\'s mail properties', async () => {
    await setMail('127.0.0.1', 9, 'core@example.org');
    await setPolicy({});
    await lastUsed('clerk', 80, null);
    const r = await sweep('--admin-email', 'admins@example.org', '--smtp-port', String(smtpPort), '--smtp-from', 'sweep@example.org');
    expect(r.code).toBe(EXIT_OK);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].from?.value[0].address).toBe('sweep@example.org');
    const none = await sweep('--admin-email', 'admins@example.org', '--smtp-port', String(smtpPort), '--no-email');
    expect(none.code).toBe(EXIT_OK);
    expect(inbox).toHaveLength(1);
  });

  it('the bundled bin sends with nodemailer inside it, away from node_modules', async () => {
    await setMail('127.0.0.1', smtpPort);
    await setPolicy({});
    await lastUsed('clerk', 80, null);
    const bin = join(dataDir, 'esm-user-access.mjs');
    await promisify(execFile)(process.execPath, [resolve(__dirname, '..', 'tools', 'build-cli.mjs'), `--outfile=${bin}`]);
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'sweep', '--url', backend.url, '--user', 'admin', '--admin-email', 'bin@example.org'], {
      cwd: dataDir,
      env: { PATH: process.env.PATH, OPENMRS_PASSWORD: 'Admin123' },
    });
    expect(stdout).toMatch(/Emailed bin@example\.org: OpenMRS: \d+ accounts due for deactivation/);
    expect(mailTo('bin@example.org')).toHaveLength(1);
  });
});
