/** The policy as stored in its global property: defaults, validation, parsing and serializing. */
import type { DeactivationPolicy } from './types';

/** The global property holding the app's policy (JSON, see serializePolicy). */
export { POLICY_GLOBAL_PROPERTY } from './policy-global-property';

export const MAX_LIMIT_DAYS = 3650;
export const MAX_WARNING_DAYS = 365;
export const MAX_PER_RUN = 10000;

/** The safe defaults: disabled, and accounts that never logged in are never deactivated. */
export const defaultPolicy: DeactivationPolicy = Object.freeze({
  version: 1,
  enabled: false,
  inactiveDays: 90,
  neverLoggedIn: 'never',
  demo: Object.freeze({
    enabled: true,
    inactiveDays: 2,
    familyName: 'Test Account',
    usernamePrefix: 'test-',
    systemIdPattern: '9+-\\d+',
  }),
  exemptRoles: Object.freeze([]) as unknown as string[],
  warningDays: 14,
  maxPerRun: 50,
  emailWarnings: Object.freeze({ enabled: false, daysBefore: null }),
}) as DeactivationPolicy;

/** A fresh, mutable copy of the default policy. */
export function createDefaultPolicy(): DeactivationPolicy {
  return { ...defaultPolicy, demo: { ...defaultPolicy.demo }, exemptRoles: [], emailWarnings: { ...defaultPolicy.emailWarnings } };
}

function isWhole(n: unknown, min: number, max: number): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
}

/** Human-readable problems with a policy; empty when it is valid. */
export function validatePolicy(p: DeactivationPolicy): string[] {
  const errors: string[] = [];
  if (!p || typeof p !== 'object') {
    return ['The policy is missing.'];
  }
  if (p.version !== 1) {
    errors.push(`Unknown policy version ${JSON.stringify(p.version)}; this app understands version 1.`);
  }
  if (typeof p.enabled !== 'boolean') {
    errors.push('"Enabled" must be true or false.');
  }
  if (!isWhole(p.inactiveDays, 1, MAX_LIMIT_DAYS)) {
    errors.push(`The inactivity limit must be a whole number of days from 1 to ${MAX_LIMIT_DAYS}.`);
  }
  if (p.neverLoggedIn !== 'countFromCreation' && p.neverLoggedIn !== 'never') {
    errors.push('Accounts that never logged in must be handled as "countFromCreation" or "never".');
  }
  if (!isWhole(p.warningDays, 0, MAX_WARNING_DAYS)) {
    errors.push(`The warning period must be a whole number of days from 0 to ${MAX_WARNING_DAYS}.`);
  }
  if (!isWhole(p.maxPerRun, 1, MAX_PER_RUN)) {
    errors.push(`The maximum number of deactivations per run must be a whole number from 1 to ${MAX_PER_RUN}.`);
  }
  if (!Array.isArray(p.exemptRoles) || p.exemptRoles.some((r) => typeof r !== 'string' || !r.trim())) {
    errors.push('Exempt roles must be a list of role names, none of them blank.');
  }
  errors.push(...validateEmailWarnings(p.emailWarnings));
  const demo = p.demo;
  if (!demo || typeof demo !== 'object') {
    errors.push('The demo account settings are missing.');
    return errors;
  }
  if (typeof demo.enabled !== 'boolean') {
    errors.push('"Demo accounts enabled" must be true or false.');
  }
  if (!isWhole(demo.inactiveDays, 1, MAX_LIMIT_DAYS)) {
    errors.push(`The demo account limit must be a whole number of days from 1 to ${MAX_LIMIT_DAYS}.`);
  }
  for (const [key, label] of [
    ['familyName', 'demo family name'],
    ['usernamePrefix', 'demo username prefix'],
    ['systemIdPattern', 'demo system ID pattern'],
  ] as const) {
    if (typeof demo[key] !== 'string') {
      errors.push(`The ${label} must be text.`);
    }
  }
  if (typeof demo.systemIdPattern === 'string' && demo.systemIdPattern) {
    try {
      new RegExp(`^(?:${demo.systemIdPattern})$`);
    } catch (e) {
      errors.push(`The demo system ID pattern is not a valid regular expression: ${(e as Error).message}`);
    }
  }
  if (
    demo.enabled === true &&
    ![demo.familyName, demo.usernamePrefix, demo.systemIdPattern].some((v) => typeof v === 'string' && v.trim())
  ) {
    errors.push(
      'Demo accounts are enabled but no way to recognise them is set: give a family name, a username prefix or a system ID pattern.',
    );
  }
  return errors;
}

function validateEmailWarnings(w: DeactivationPolicy['emailWarnings']): string[] {
  if (!w || typeof w !== 'object') {
    return ['The email warning settings are missing.'];
  }
  const errors: string[] = [];
  if (typeof w.enabled !== 'boolean') {
    errors.push('"Email warnings enabled" must be true or false.');
  }
  if (w.daysBefore !== null && !isWhole(w.daysBefore, 1, MAX_WARNING_DAYS)) {
    errors.push(`The days before deactivation to email a warning must be empty (the warning period) or a whole number from 1 to ${MAX_WARNING_DAYS}.`);
  }
  return errors;
}

/** How many days before its deactivation an account's user is emailed: daysBefore, else warningDays. */
export function emailWarningDays(p: DeactivationPolicy): number {
  return p.emailWarnings.daysBefore ?? p.warningDays;
}

/**
 * Reads the policy global property. Blank (not set yet) gives the default policy and no errors.
 * Not JSON, not an object or an unknown version gives the default policy and an error. Fields of the
 * wrong type fall back to their default with an error; values of the right type but out of range are
 * kept (so a form can show them) and reported. Callers that write must refuse when errors is not empty.
 */
export function parsePolicy(json: string | null | undefined): { policy: DeactivationPolicy; errors: string[] } {
  if (json === null || json === undefined || !json.trim()) {
    return { policy: createDefaultPolicy(), errors: [] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {
      policy: createDefaultPolicy(),
      errors: ['The saved deactivation policy is not valid JSON; the default policy (disabled) is shown instead.'],
    };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      policy: createDefaultPolicy(),
      errors: ['The saved deactivation policy is not an object; the default policy (disabled) is shown instead.'],
    };
  }
  const obj = raw as Record<string, unknown>;
  if (obj.version !== 1) {
    return {
      policy: createDefaultPolicy(),
      errors: [
        `The saved deactivation policy has an unknown version (${JSON.stringify(obj.version ?? null)}); ` +
          'the default policy (disabled) is shown instead.',
      ],
    };
  }
  const errors: string[] = [];
  const policy = createDefaultPolicy();
  const take = <T>(
    source: Record<string, unknown>,
    key: string,
    check: (v: unknown) => boolean,
    fallback: T,
    label: string,
  ): T => {
    if (!(key in source) || source[key] === undefined) {
      return fallback;
    }
    if (!check(source[key])) {
      errors.push(`The saved value of ${label} (${JSON.stringify(source[key])}) has the wrong type; using ${JSON.stringify(fallback)}.`);
      return fallback;
    }
    return source[key] as T;
  };
  const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const isBool = (v: unknown) => typeof v === 'boolean';
  const isStr = (v: unknown) => typeof v === 'string';

  policy.enabled = take(obj, 'enabled', isBool, policy.enabled, '"enabled"');
  policy.inactiveDays = take(obj, 'inactiveDays', isNum, policy.inactiveDays, '"inactiveDays"');
  policy.neverLoggedIn = take(
    obj,
    'neverLoggedIn',
    (v) => v === 'never' || v === 'countFromCreation',
    policy.neverLoggedIn,
    '"neverLoggedIn"',
  );
  policy.warningDays = take(obj, 'warningDays', isNum, policy.warningDays, '"warningDays"');
  policy.maxPerRun = take(obj, 'maxPerRun', isNum, policy.maxPerRun, '"maxPerRun"');
  policy.exemptRoles = take(
    obj,
    'exemptRoles',
    (v) => Array.isArray(v) && v.every((r) => typeof r === 'string'),
    policy.exemptRoles,
    '"exemptRoles"',
  ).slice();
  if ('demo' in obj && obj.demo !== undefined) {
    if (!obj.demo || typeof obj.demo !== 'object' || Array.isArray(obj.demo)) {
      errors.push('The saved demo account settings are not an object; using the defaults.');
    } else {
      const d = obj.demo as Record<string, unknown>;
      policy.demo = {
        enabled: take(d, 'enabled', isBool, policy.demo.enabled, '"demo.enabled"'),
        inactiveDays: take(d, 'inactiveDays', isNum, policy.demo.inactiveDays, '"demo.inactiveDays"'),
        familyName: take(d, 'familyName', isStr, policy.demo.familyName, '"demo.familyName"'),
        usernamePrefix: take(d, 'usernamePrefix', isStr, policy.demo.usernamePrefix, '"demo.usernamePrefix"'),
        systemIdPattern: take(d, 'systemIdPattern', isStr, policy.demo.systemIdPattern, '"demo.systemIdPattern"'),
      };
    }
  }
  if ('emailWarnings' in obj && obj.emailWarnings !== undefined) {
    if (!obj.emailWarnings || typeof obj.emailWarnings !== 'object' || Array.isArray(obj.emailWarnings)) {
      errors.push('The saved email warning settings are not an object; using the defaults (off).');
    } else {
      const w = obj.emailWarnings as Record<string, unknown>;
      policy.emailWarnings = {
        enabled: take(w, 'enabled', isBool, policy.emailWarnings.enabled, '"emailWarnings.enabled"'),
        daysBefore: take<number | null>(w, 'daysBefore', (v) => v === null || isNum(v), null, '"emailWarnings.daysBefore"'),
      };
    }
  }
  errors.push(...validatePolicy(policy));
  return { policy, errors };
}

/** The JSON stored in the global property, keys in a stable order. */
export function serializePolicy(p: DeactivationPolicy): string {
  return JSON.stringify({
    version: 1,
    enabled: p.enabled,
    inactiveDays: p.inactiveDays,
    neverLoggedIn: p.neverLoggedIn,
    demo: {
      enabled: p.demo.enabled,
      inactiveDays: p.demo.inactiveDays,
      familyName: p.demo.familyName,
      usernamePrefix: p.demo.usernamePrefix,
      systemIdPattern: p.demo.systemIdPattern,
    },
    exemptRoles: [...p.exemptRoles],
    warningDays: p.warningDays,
    maxPerRun: p.maxPerRun,
    emailWarnings: { enabled: p.emailWarnings.enabled, daysBefore: p.emailWarnings.daysBefore },
  });
}
