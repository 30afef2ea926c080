/** The command line of esm-user-access: its usage text and the arguments of a sweep. */
import { parseArgs as tokenize } from 'node:util';
import type { MailPropertyValues } from '../src/deactivation/mail-settings';

export const USAGE = `Usage: esm-user-access sweep --url <openmrs url> --user <username> [options]

Deactivates (retires) OpenMRS accounts as the User access app's policy says (global property
useraccess.deactivationPolicy), and removes location assignments whose last day has passed (user
property useraccess.locationEndDates). Dry run unless --apply. The password is read from OPENMRS_PASSWORD.

Options:
  --url <url>          the server, e.g. http://localhost:8080/openmrs (or OPENMRS_URL)
  --user <username>    an administrator (or OPENMRS_USER); this account is never deactivated
  --apply              deactivate the due accounts (default: only print the plan)
  --json               print one JSON document instead of text
  --all                list every user's decision, not only the due ones
  --now <iso date>     evaluate at another instant (dry run only)
  --rules <module>     an ES module exporting customRules (array of functions), run after the built-in rules
  --config <file>      the app shell's config JSON: its deactivationRoleLimits apply as in the app
  --concurrency <n>    parallel deactivations with --apply (default 4)

Email (docs/email-warnings.md): SMTP from core's mail.* global properties, each overridable:
  --admin-email <list> comma-separated addresses for the digest and the run report (or
                       OPENMRS_ADMIN_EMAIL; default: the email on the --user account)
  --smtp-host <host>   --smtp-port <port>   --smtp-from <address>   --smtp-user <name>
                       (the SMTP password is read from SMTP_PASSWORD)
  --smtp-starttls      require STARTTLS     --smtp-secure   TLS from the start (port 465)
  --no-email           send no email at all
  -h, --help           this text

Accounts the administrator may not change (the server requires every privilege of every role of
the account, and Assign System Developer Role for a System Developer) are listed as not done, with
the privileges missing; they are not attempted and not counted toward maxPerRun.

Exit codes: 0 done; 1 error; 2 refused and nothing written (more due than the policy's maxPerRun,
or with --apply a disabled or invalid policy).
`;

export interface SweepArgs {
  url: string;
  user: string;
  password: string;
  apply: boolean;
  json: boolean;
  all: boolean;
  now: Date | null;
  rules: string | null;
  /** the app shell config JSON file (its deactivationRoleLimits) */
  config: string | null;
  concurrency: number;
  adminEmail: string[];
  noEmail: boolean;
  /** --smtp-* flags and SMTP_PASSWORD, overriding core's mail global properties */
  smtp: MailPropertyValues;
}

export class UsageError extends Error {}

const OPTIONS = {
  url: { type: 'string' },
  user: { type: 'string' },
  now: { type: 'string' },
  rules: { type: 'string' },
  config: { type: 'string' },
  concurrency: { type: 'string' },
  'admin-email': { type: 'string' },
  'smtp-host': { type: 'string' },
  'smtp-port': { type: 'string' },
  'smtp-from': { type: 'string' },
  'smtp-user': { type: 'string' },
  'smtp-starttls': { type: 'boolean' },
  'smtp-secure': { type: 'boolean' },
  'no-email': { type: 'boolean' },
  apply: { type: 'boolean' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/**
 * node:util parseArgs splits the command line (non-strict, so that each mistake gets its own message
 * here, in the order given); an option that takes a value refuses a following `--option` as its value.
 */
export function parseArgs(argv: string[], env: Record<string, string | undefined>): { command: string | null; args: SweepArgs | null } {
  const values: Partial<Record<OptionName, string>> = {};
  const flags = new Set<OptionName>();
  let command: string | null = null;
  for (const token of tokenize({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true }).tokens) {
    if (token.kind === 'option-terminator') {
      throw new UsageError('Unknown option --.');
    }
    if (token.kind === 'positional') {
      if (command) {
        throw new UsageError(`Unexpected argument "${token.value}".`);
      }
      command = token.value;
      continue;
    }
    const name = token.name as OptionName;
    if (name === 'help') {
      return { command: 'help', args: null };
    }
    if (token.name === 'password') {
      throw new UsageError('Pass the password in the environment variable OPENMRS_PASSWORD, not on the command line.');
    }
    if (!Object.hasOwn(OPTIONS, name)) {
      throw new UsageError(`Unknown option ${token.rawName}.`);
    }
    if (OPTIONS[name].type === 'boolean') {
      flags.add(name);
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) {
      throw new UsageError(`${token.rawName} needs a value.`);
    }
    values[name] = token.value;
  }
  if (!command) {
    return { command: null, args: null };
  }
  if (command !== 'sweep') {
    throw new UsageError(`Unknown command "${command}"; the only command is "sweep".`);
  }
  const url = values.url ?? env.OPENMRS_URL;
  const user = values.user ?? env.OPENMRS_USER;
  const password = env.OPENMRS_PASSWORD;
  if (!url) {
    throw new UsageError('Give the server with --url (or OPENMRS_URL).');
  }
  if (!/^https?:\/\/[^/]+/i.test(url)) {
    throw new UsageError(`--url must be an http(s) URL such as http://localhost:8080/openmrs, not "${url}".`);
  }
  if (!user) {
    throw new UsageError('Give the administrator with --user (or OPENMRS_USER).');
  }
  if (!password) {
    throw new UsageError('Set the password in the environment variable OPENMRS_PASSWORD.');
  }
  let now: Date | null = null;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (isNaN(now.getTime())) {
      throw new UsageError(`--now must be an ISO date, not "${values.now}".`);
    }
    if (flags.has('apply')) {
      throw new UsageError('--now is for dry runs only; a run with --apply always uses the real clock.');
    }
  }
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new UsageError('--concurrency must be a whole number from 1 to 32.');
  }
  const adminEmail = (values['admin-email'] ?? env.OPENMRS_ADMIN_EMAIL ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const badAddress = adminEmail.find((a) => !/^[^\s@]+@[^\s@]+$/.test(a));
  if (badAddress) {
    throw new UsageError(`--admin-email: "${badAddress}" is not an email address.`);
  }
  if (values['smtp-port'] !== undefined && !/^\d{1,5}$/.test(values['smtp-port'])) {
    throw new UsageError('--smtp-port must be a port number.');
  }
  const smtp: MailPropertyValues = {
    host: values['smtp-host'],
    port: values['smtp-port'],
    from: values['smtp-from'],
    user: values['smtp-user'],
    password: env.SMTP_PASSWORD,
  };
  if (values['smtp-user'] !== undefined) {
    smtp.auth = 'true';
  }
  if (flags.has('smtp-starttls')) {
    smtp.starttls = 'true';
  }
  if (flags.has('smtp-secure')) {
    smtp.protocol = 'smtps';
  }
  return {
    command,
    args: {
      url: url.replace(/\/+$/, ''),
      user,
      password,
      apply: flags.has('apply'),
      json: flags.has('json'),
      all: flags.has('all'),
      now,
      rules: values.rules ?? null,
      config: values.config ?? null,
      concurrency,
      adminEmail,
      noEmail: flags.has('no-email'),
      smtp,
    },
  };
}
