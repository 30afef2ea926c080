import { parseArgs, UsageError } from './args';
import { describePolicy, formatTable } from './main';
import { createDefaultPolicy } from '../src/deactivation/policy-json';

const env = { OPENMRS_PASSWORD: 'pw' };

describe('parseArgs', () => {
  it('reads a sweep', () => {
    expect(parseArgs(['sweep', '--url', 'http://h:8080/openmrs/', '--user=admin', '--apply', '--json'], env).args).toEqual({
      url: 'http://h:8080/openmrs',
      user: 'admin',
      password: 'pw',
      apply: true,
      json: true,
      all: false,
      now: null,
      rules: null,
      config: null,
      concurrency: 4,
      adminEmail: [],
      noEmail: false,
      smtp: {},
    });
  });

  it('reads the email options: the --smtp flags and SMTP_PASSWORD as overrides of core\'s mail properties', () => {
    const argv = ['sweep', '--admin-email', 'a@x.org, b@x.org', '--smtp-host', 'mail.x.org', '--smtp-port', '587'];
    const args = parseArgs([...argv, '--smtp-user', 'u', '--smtp-starttls', '--config', 'c.json'], { ...env, OPENMRS_URL: 'http://h', OPENMRS_USER: 'a', SMTP_PASSWORD: 's' }).args;
    expect(args).toMatchObject({
      adminEmail: ['a@x.org', 'b@x.org'],
      config: 'c.json',
      smtp: { host: 'mail.x.org', port: '587', user: 'u', password: 's', auth: 'true', starttls: 'true' },
    });
    expect(() => parseArgs(['sweep', '--admin-email', 'nobody'], { ...env, OPENMRS_URL: 'http://h', OPENMRS_USER: 'a' })).toThrow(
      '--admin-email: "nobody" is not an email address.',
    );
    expect(() => parseArgs(['sweep', '--smtp-port', 'x'], { ...env, OPENMRS_URL: 'http://h', OPENMRS_USER: 'a' })).toThrow(
      '--smtp-port must be a port number.',
    );
  });

  it('falls back to OPENMRS_URL and OPENMRS_USER', () => {
    expect(parseArgs(['sweep'], { ...env, OPENMRS_URL: 'https://x/openmrs', OPENMRS_USER: 'a' }).args).toMatchObject({
      url: 'https://x/openmrs',
      user: 'a',
    });
  });

  it.each`
    argv                                                                          | message
    ${['sweep', '--user', 'a']}                                                   | ${/--url/}
    ${['sweep', '--url', 'ftp://x']}                                              | ${/http\(s\) URL/}
    ${['sweep', '--url', 'http://x']}                                             | ${/--user/}
    ${['sweep', '--url', 'http://x', '--user']}                                   | ${/--user needs a value/}
    ${['sweep', '--url', '--user', 'a']}                                          | ${/--url needs a value/}
    ${['sweep', '--url', 'http://x', '--user', 'a', 'extra']}                     | ${/Unexpected argument "extra"/}
    ${['sweep', '--url', 'http://x', '--user', 'a', '-x']}                        | ${/Unknown option -x\./}
    ${['sweep', '--url', 'http://x', '--user', 'a', '--password=p']}              | ${/OPENMRS_PASSWORD, not on the command line/}
    ${['sweep', '--url', 'http://x', '--user', 'a', '--bogus']}                   | ${/Unknown option --bogus/}
    ${['sweep', '--url', 'http://x', '--user', 'a', '--password', 'p']}           | ${/OPENMRS_PASSWORD/}
    ${['purge']}                                                                  | ${/only command is "sweep"/}
    ${['sweep', '--url', 'http://x', '--user', 'a', '--now', 'soon']}             | ${/--now must be an ISO date/}
    ${['sweep', '--url', 'http://x', '--user', 'a', '--now', '2030-01-01', '--apply']} | ${/dry runs only/}
    ${['sweep', '--url', 'http://x', '--user', 'a', '--concurrency', '0']}        | ${/--concurrency/}
  `('rejects $argv', ({ argv, message }) => {
    expect(() => parseArgs(argv, env)).toThrow(UsageError);
    expect(() => parseArgs(argv, env)).toThrow(message);
  });

  it('reads --name=value, values that start with one dash, and flags anywhere', () => {
    expect(parseArgs(['--apply', 'sweep', '--url=http://x', '--user', '-a', '--all', '--concurrency=8', '--rules', 'r.mjs'], env).args).toMatchObject({
      url: 'http://x',
      user: '-a',
      apply: true,
      all: true,
      concurrency: 8,
      rules: 'r.mjs',
    });
  });

  it('needs the password from the environment', () => {
    expect(() => parseArgs(['sweep', '--url', 'http://x', '--user', 'a'], {})).toThrow(/OPENMRS_PASSWORD/);
  });

  it('help', () => {
    expect(parseArgs(['--help'], {}).command).toBe('help');
    expect(parseArgs(['sweep', '-h', '--bogus'], {}).command).toBe('help');
    expect(parseArgs([], {}).command).toBeNull();
  });
});

describe('output helpers', () => {
  it('formatTable pads all but the last column', () => {
    expect(formatTable(['A', 'BB', 'C'], [['xxx', 'y', 'long text'], ['', 'zz', '']])).toBe('A    BB  C\nxxx  y   long text\n     zz');
  });

  it('describePolicy', () => {
    expect(describePolicy(createDefaultPolicy())).toBe(
      'DISABLED, inactive 90 days, demo accounts 2 days, never-logged-in accounts kept, warning 14 days, at most 50 per run',
    );
  });
});
