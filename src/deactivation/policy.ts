/**
 * The account-deactivation policy engine. Pure: no React, no fetch, no clock of its own. The page's
 * preview, the page's "Deactivate all due" and the headless CLI all call these functions, so the
 * preview is exactly what a run executes.
 *
 * Date semantics (all instants are absolute; nothing depends on the machine's time zone):
 * - last activity = user property `lastLoginTimestamp` (epoch milliseconds as a decimal string, as
 *   core 2.7+ writes it). Blank or malformed = never logged in. A last login later than `now` (a
 *   clock skew) counts as activity at `now`.
 * - never logged in: policy.neverLoggedIn 'countFromCreation' counts from `dateCreated` (what core's
 *   AutoRetireUsersTask does); 'never' (the default) never deactivates such accounts.
 * - deactivateOn = last activity + limit × 24 h, an exact instant. 'due' when now >= deactivateOn
 *   (exactly N days is due, like core's `>=`); 'upcoming' when deactivateOn - now <= warningDays × 24 h.
 * - `useraccess.exemptUntil`: a date `yyyy-mm-dd` exempts through the END of that day in UTC (so
 *   "2025-03-01" protects until 2025-03-02T00:00:00Z, exclusive); a full ISO date-time exempts until
 *   that instant (no offset = UTC). Once passed it no longer protects. A malformed value protects
 *   nobody, and the decision's reason says it was ignored.
 * - `policy.enabled` does not change the evaluation (the preview needs it); `planRun` refuses to run
 *   a disabled policy.
 */
import type { EditRefusal } from '../common/edit-privileges';
import type {
  CustomRule,
  Decision,
  DecisionStatus,
  DeactivationPolicy,
  EvaluationContext,
  NeverLoggedInHandling,
  PolicyUser,
  ReasonCode,
} from './types';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const SYSTEM_DEVELOPER_ROLE = 'System Developer';
export const LAST_LOGIN_PROPERTY = 'lastLoginTimestamp';
export const EXEMPT_UNTIL_PROPERTY = 'useraccess.exemptUntil';
export const EXEMPT_REASON_PROPERTY = 'useraccess.exemptReason';
/** The global property holding the app's policy (JSON, see serializePolicy). */
export const POLICY_GLOBAL_PROPERTY = 'useraccess.deactivationPolicy';
/** The global property core's AutoRetireUsersTask reads. */
export const CORE_DAYS_TO_RETIRE_GLOBAL_PROPERTY = 'users.numberOfDaysToRetire';
export const CORE_AUTO_RETIRE_TASK_CLASS = 'org.openmrs.scheduler.tasks.AutoRetireUsersTask';

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
}) as DeactivationPolicy;

/** A fresh, mutable copy of the default policy. */
export function createDefaultPolicy(): DeactivationPolicy {
  return { ...defaultPolicy, demo: { ...defaultPolicy.demo }, exemptRoles: [] };
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function sameName(a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  const x = a.trim();
  const y = b.trim();
  // lengths first: the engine compares every role of every user, and lowercasing allocates
  return x.length === y.length && x.toLowerCase() === y.toLowerCase();
}

export function hasRole(user: Pick<PolicyUser, 'roles'>, role: string): boolean {
  return (user.roles ?? []).some((r) => typeof r === 'string' && sameName(r, role));
}

export function isSystemDeveloper(user: Pick<PolicyUser, 'roles'>): boolean {
  return hasRole(user, SYSTEM_DEVELOPER_ROLE);
}

/**
 * Parses `lastLoginTimestamp` (epoch ms as a decimal string). Returns null for blank or malformed
 * values (treated as never logged in).
 */
export function parseLastLogin(value: string | null | undefined): Date | null {
  const ms = parseLastLoginMs(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** parseLastLogin in epoch ms, NaN where it gives null: 1 to 15 decimal digits, spaces around allowed. */
function parseLastLoginMs(value: string | null | undefined): number {
  if (typeof value !== 'string') {
    return NaN;
  }
  // by hand rather than a regex and Number(), and trimmed only when not plain digits: this runs once
  // per user on every evaluation
  const ms = digitsValue(value);
  return Number.isNaN(ms) ? digitsValue(value.trim()) : ms;
}

/** The value of 1 to 15 decimal digits (exact, as it stays below 2^53); NaN for anything else. */
function digitsValue(text: string): number {
  if (text.length < 1 || text.length > 15) {
    return NaN;
  }
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) {
      return NaN;
    }
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Parses a date as OpenMRS REST serves it (`2024-06-26T10:00:00.000+0000`) or any ISO 8601 date or
 * date-time. A date-time without an offset is read as UTC. Returns null when it cannot be parsed.
 */
export function parseOpenmrsDate(value: unknown): Date | null {
  if (value instanceof Date) {
    return isNaN(value.getTime()) ? null : value;
  }
  if (typeof value !== 'string' || !value.trim()) {
    return null;
  }
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) {
    return null;
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return null;
  }
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    t -= sign * offsetMinutes * 60 * 1000;
  }
  return new Date(t);
}

/**
 * The instant an exemption ends (exclusive), or null when the value is blank; `'invalid'` when it
 * cannot be parsed. A date-only value `yyyy-mm-dd` lasts through the end of that day in UTC.
 */
export function exemptionEnd(value: string | null | undefined): Date | null | 'invalid' {
  if (typeof value !== 'string' || !value.trim()) {
    return null;
  }
  const v = value.trim();
  const parsed = parseOpenmrsDate(v);
  if (!parsed) {
    return 'invalid';
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    return new Date(parsed.getTime() + DAY_MS);
  }
  return parsed;
}

function compileDemoPattern(pattern: string): RegExp | null {
  if (!pattern) {
    return null;
  }
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return null;
  }
}

/** Whether a user is a demo account under the policy (false when demo rules are disabled). */
export function isDemoAccount(user: PolicyUser, policy: DeactivationPolicy, compiled?: RegExp | null): boolean {
  return demoMatcher(policy, compiled)(user);
}

/** isDemoAccount for one policy, with the policy's side worked out once. */
function demoMatcher(policy: DeactivationPolicy, compiled?: RegExp | null): (user: PolicyUser) => boolean {
  const demo = policy.demo;
  if (!demo?.enabled) {
    return () => false;
  }
  const family = (demo.familyName ?? '').trim();
  const prefix = (demo.usernamePrefix ?? '').trim().toLowerCase();
  const re = compiled === undefined ? compileDemoPattern(demo.systemIdPattern) : compiled;
  // (a family name shorter than the trimmed one cannot equal it once trimmed: a cheap check first)
  return (user) =>
    (!!family && !!user.familyName && user.familyName.length >= family.length && sameName(user.familyName, family)) ||
    (!!prefix && startsWithLowerCase(user.username ?? '', prefix)) ||
    (!!re && !!user.systemId && re.test(user.systemId.trim()));
}

/**
 * `value.trim().toLowerCase().startsWith(prefix)` for a trimmed lower-case prefix, without the two
 * copies when the first character already rules it out.
 */
function startsWithLowerCase(value: string, prefix: string): boolean {
  const first = value.charCodeAt(0);
  // a printable ASCII character is not trimmed, and lower-cases to one ASCII character whatever follows
  const isPrintableAscii = first > 32 && first < 127;
  if (isPrintableAscii && (first >= 65 && first <= 90 ? first + 32 : first) !== prefix.charCodeAt(0)) {
    return false;
  }
  return value.trim().toLowerCase().startsWith(prefix);
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

const STRICTNESS: Partial<Record<DecisionStatus, number>> = { active: 0, upcoming: 1, due: 2 };

function applyCustomRules(
  user: PolicyUser,
  decision: Decision,
  rules: CustomRule[],
  policy: DeactivationPolicy,
  now: Date,
): Decision {
  let current = decision;
  for (const rule of rules) {
    let proposed: Decision | null;
    try {
      proposed = rule(user, current, policy, now);
    } catch (e) {
      current = withoutReasonCode({ ...current, reason: `${current.reason} (a custom rule failed: ${(e as Error)?.message ?? e})` });
      continue;
    }
    if (!proposed) {
      continue;
    }
    const before = STRICTNESS[current.status] ?? 0;
    const after = STRICTNESS[proposed.status];
    // Custom rules can only make a decision stricter (active < upcoming < due); they can never
    // exempt, mark as deactivated, or relax a decision.
    if (after === undefined || after < before) {
      continue;
    }
    // a rule that copied the decision and wrote its own reason text has no reason code of its own
    const ownText = proposed.reason !== current.reason && proposed.reasonCode === current.reasonCode;
    current = ownText ? withoutReasonCode({ ...proposed, uuid: user.uuid }) : { ...proposed, uuid: user.uuid };
  }
  return current;
}

function withoutReasonCode(decision: Decision): Decision {
  const { reasonCode: _code, reasonParams: _params, ...rest } = decision;
  return rest;
}

interface Protection {
  reason: string | null;
  code?: ReasonCode;
  params?: Record<string, string | number>;
  note: string | null;
  invalidExemption?: string;
}

const NOT_PROTECTED: Protection = Object.freeze({ reason: null, note: null });

const SYSTEM_DEVELOPER_PROTECTION: Protection = Object.freeze({
  reason: 'Has the System Developer role; such accounts are never deactivated',
  code: 'systemDeveloper',
  note: null,
});

const ACTING_ADMIN_PROTECTION: Protection = Object.freeze({
  reason: 'The administrator running this action is never deactivated',
  code: 'actingAdmin',
  note: null,
});

/** What evaluating one user needs that does not depend on the user, worked out once per evaluation. */
interface Evaluation {
  policy: DeactivationPolicy;
  nowMs: number;
  actingUserUuid: string | undefined;
  isDemo: (user: PolicyUser) => boolean;
  matchRole: (role: string) => RoleMatch;
  /** see sharedReason: one list per status, rule and source (3 × 2 × 2), by inactiveDays */
  reasons: SharedReason[][];
  exemptions: Map<string, ExemptUntil>;
}

function prepareEvaluation(policy: DeactivationPolicy, now: Date, context: EvaluationContext): Evaluation {
  return {
    policy,
    nowMs: now.getTime(),
    actingUserUuid: context.actingUserUuid,
    isDemo: demoMatcher(policy, compileDemoPattern(policy.demo?.systemIdPattern ?? '')),
    matchRole: roleMatcher(policy.exemptRoles ?? []),
    reasons: Array.from({ length: 12 }, () => []),
    exemptions: new Map(),
  };
}

/** What holding one role name protects from; of two roles, the one with the lower rank wins. */
interface RoleMatch {
  /** -1 for System Developer, else the index in policy.exemptRoles of the first exempt role it is */
  rank: number;
  protection: Protection | null;
}

const NO_ROLE_MATCH: RoleMatch = Object.freeze({ rank: Infinity, protection: null });

/** Matches each distinct role name once per evaluation: users share a handful of role names. */
function roleMatcher(exemptRoles: string[]): (role: string) => RoleMatch {
  const matches = new Map<string, RoleMatch>();
  return (role) => {
    let match = matches.get(role);
    if (!match) {
      match = roleMatch(role, exemptRoles);
      matches.set(role, match);
    }
    return match;
  };
}

function roleMatch(role: string, exemptRoles: string[]): RoleMatch {
  if (sameName(role, SYSTEM_DEVELOPER_ROLE)) {
    return { rank: -1, protection: SYSTEM_DEVELOPER_PROTECTION };
  }
  const rank = exemptRoles.findIndex((r) => r && sameName(role, r));
  if (rank < 0) {
    return NO_ROLE_MATCH;
  }
  const exemptRole = exemptRoles[rank];
  const reason = `Has the exempt role "${exemptRole}"`;
  return { rank, protection: { reason, code: 'exemptRole', params: Object.freeze({ role: exemptRole }), note: null } };
}

/** System Developer, else the first of the policy's exempt roles the user has; null when neither. */
function roleProtection(user: PolicyUser, evaluation: Evaluation): Protection | null {
  let best = NO_ROLE_MATCH;
  for (const role of user.roles ?? []) {
    if (typeof role === 'string') {
      const match = evaluation.matchRole(role);
      if (match.rank < best.rank) {
        best = match;
      }
    }
  }
  return best.protection;
}

function protectionReason(user: PolicyUser, evaluation: Evaluation): Protection {
  const byRole = roleProtection(user, evaluation);
  if (byRole) {
    return byRole;
  }
  if (evaluation.actingUserUuid && user.uuid === evaluation.actingUserUuid) {
    return ACTING_ADMIN_PROTECTION;
  }
  const props = user.userProperties ?? {};
  const raw = props[EXEMPT_UNTIL_PROPERTY];
  if (typeof raw !== 'string') {
    return NOT_PROTECTED;
  }
  const exemptUntil = readExemptUntil(raw, evaluation.exemptions);
  if (exemptUntil.invalid) {
    return exemptUntil.invalid;
  }
  if (evaluation.nowMs < exemptUntil.endMs) {
    const why = (props[EXEMPT_REASON_PROPERTY] ?? '').trim();
    return {
      reason: `Exempt until ${exemptUntil.shown}${why ? `: ${why}` : ''}`,
      code: 'exemptUntil',
      params: { until: exemptUntil.shown, why },
      note: null,
    };
  }
  return NOT_PROTECTED;
}

/** A `useraccess.exemptUntil` value as the engine reads it. */
interface ExemptUntil {
  /** exemptionEnd in epoch ms; NaN when the value is blank or not a date */
  endMs: number;
  /** the date as a reason shows it: as written when date-only, else the end instant */
  shown: string;
  /** when the value is not a date: the note about ignoring it */
  invalid: Protection | null;
}

/** Reads each distinct exemptUntil value once per evaluation: users share a few such dates. */
function readExemptUntil(raw: string, cache: Map<string, ExemptUntil>): ExemptUntil {
  let read = cache.get(raw);
  if (!read) {
    const end = exemptionEnd(raw);
    if (end === 'invalid') {
      const note = `ignored an exemption date that is not a date: "${raw}"`;
      read = { endMs: NaN, shown: '', invalid: { reason: null, note, invalidExemption: raw } };
    } else if (!end) {
      read = { endMs: NaN, shown: '', invalid: null };
    } else {
      const trimmed = raw.trim();
      const shown = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? trimmed : end.toISOString();
      read = { endMs: end.getTime(), shown, invalid: null };
    }
    cache.set(raw, read);
  }
  return read;
}

function withNote(reason: string, note: string | null): string {
  return note ? `${reason} (${note})` : reason;
}

/** Adds the ignored exemption date, if any, to a decision of a user who is not protected. */
function withInvalidExemption(decision: Decision, protection: Protection): Decision {
  if (protection.invalidExemption !== undefined) {
    decision.invalidExemption = protection.invalidExemption;
  }
  return decision;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The reason of a due, upcoming or active decision of the inactivity or demo rule. */
function reasonText(
  status: DecisionStatus,
  demo: boolean,
  source: Decision['activitySource'],
  inactiveDays: number,
  limit: number,
  inDays: number,
): string {
  const subject = demo ? 'Demo account' : null;
  const inactivity =
    source === 'created'
      ? `never logged in, created ${plural(inactiveDays, 'day')} ago (limit ${limit})`
      : `inactive for ${plural(inactiveDays, 'day')} (limit ${limit})`;
  if (status === 'due') {
    return subject ? `${subject} ${inactivity}` : sentence(inactivity);
  }
  if (status === 'upcoming') {
    return `Will be deactivated in ${plural(inDays, 'day')}: ${subject ? `demo account ${inactivity}` : inactivity}`;
  }
  return source === 'created'
    ? `${subject ? `${subject} never` : 'Never'} logged in, created ${plural(inactiveDays, 'day')} ago (limit ${limit})`
    : `${subject ? `${subject}, last` : 'Last'} login ${plural(inactiveDays, 'day')} ago (limit ${limit})`;
}

/** The reason of a decision of the inactivity or demo rule, as text and as data. */
interface SharedReason {
  reason: string;
  code: ReasonCode;
  params: Record<string, string | number>;
  inDays: number;
}

/**
 * Many users share a reason (same status, rule and day counts): it is built once per evaluation
 * and shared (its params frozen), so 100,000 users do not allocate and keep 100,000 copies of a
 * few hundred reasons. Cached by status, rule and source, then by inactiveDays: in one evaluation the
 * rule decides the limit, and the limit and inactiveDays decide inDays (checked all the same).
 */
function sharedReason(
  reasons: SharedReason[][],
  status: 'due' | 'upcoming' | 'active',
  demo: boolean,
  source: 'lastLogin' | 'created',
  inactiveDays: number,
  limit: number,
  inDays: number,
): SharedReason {
  const statusIndex = status === 'due' ? 0 : status === 'upcoming' ? 1 : 2;
  const variant = statusIndex * 4 + (demo ? 2 : 0) + (source === 'created' ? 1 : 0);
  const byDays = reasons[variant];
  let shared = byDays[inactiveDays];
  if (shared === undefined || shared.inDays !== inDays) {
    shared = {
      reason: reasonText(status, demo, source, inactiveDays, limit, inDays),
      code: `${status}After${source === 'created' ? 'Creation' : 'Login'}`,
      params: Object.freeze({ days: inactiveDays, limit, inDays, demo: demo ? 1 : 0 }),
      inDays,
    };
    byDays[inactiveDays] = shared;
  }
  return shared;
}

function deactivatedDecision(user: PolicyUser, lastLogin: Date | null): Decision {
  const date = user.dateRetired ? isoDay(user.dateRetired) : '';
  const why = (user.retireReason ?? '').trim();
  return {
    uuid: user.uuid,
    status: 'deactivated',
    rule: null,
    reason: `Deactivated${date ? ` on ${date}` : ''}${why ? `: ${why}` : ''}`,
    reasonCode: 'deactivated',
    reasonParams: { date, why },
    lastActivity: lastLogin,
    deactivateOn: user.dateRetired ?? null,
    activitySource: lastLogin ? 'lastLogin' : null,
  };
}

function evaluateOne(user: PolicyUser, evaluation: Evaluation): Decision {
  const { policy, nowMs } = evaluation;
  const props = user.userProperties ?? {};
  let lastLoginMs = parseLastLoginMs(props[LAST_LOGIN_PROPERTY]);
  if (lastLoginMs > nowMs) {
    lastLoginMs = nowMs;
  }
  const lastLogin = Number.isNaN(lastLoginMs) ? null : new Date(lastLoginMs);

  if (user.retired) {
    return deactivatedDecision(user, lastLogin);
  }

  const protection = protectionReason(user, evaluation);
  if (protection.reason) {
    return {
      uuid: user.uuid,
      status: 'exempt',
      rule: null,
      reason: protection.reason,
      reasonCode: protection.code,
      reasonParams: protection.params,
      lastActivity: lastLogin,
      deactivateOn: null,
      activitySource: lastLogin ? 'lastLogin' : null,
    };
  }
  const note = protection.note;

  let activity: Date;
  let source: 'lastLogin' | 'created';
  if (lastLogin) {
    activity = lastLogin;
    source = 'lastLogin';
  } else {
    if ((policy.neverLoggedIn as NeverLoggedInHandling) !== 'countFromCreation') {
      return withInvalidExemption(
        {
          uuid: user.uuid,
          status: 'active',
          rule: null,
          reason: withNote('Never logged in; the policy does not deactivate such accounts', note),
          reasonCode: 'neverLoggedInKept',
          lastActivity: null,
          deactivateOn: null,
          activitySource: null,
        },
        protection,
      );
    }
    if (!user.dateCreated) {
      return withInvalidExemption(
        {
          uuid: user.uuid,
          status: 'active',
          rule: null,
          reason: withNote('Never logged in and the creation date is unknown; cannot be evaluated', note),
          reasonCode: 'noCreationDate',
          lastActivity: null,
          deactivateOn: null,
          activitySource: null,
        },
        protection,
      );
    }
    activity = new Date(Math.min(user.dateCreated.getTime(), nowMs));
    source = 'created';
  }

  const demo = evaluation.isDemo(user);
  const limit = demo ? policy.demo.inactiveDays : policy.inactiveDays;
  const deactivateOn = new Date(activity.getTime() + limit * DAY_MS);
  const inactiveDays = Math.floor((nowMs - activity.getTime()) / DAY_MS);

  let status: 'due' | 'upcoming' | 'active';
  let inDays = 0;
  if (nowMs >= deactivateOn.getTime()) {
    status = 'due';
  } else {
    const remaining = deactivateOn.getTime() - nowMs;
    inDays = Math.ceil(remaining / DAY_MS);
    status = remaining <= policy.warningDays * DAY_MS ? 'upcoming' : 'active';
  }
  const shared = sharedReason(evaluation.reasons, status, demo, source, inactiveDays, limit, inDays);

  return withInvalidExemption(
    {
      uuid: user.uuid,
      status,
      rule: demo ? 'demo' : 'inactive',
      reason: withNote(shared.reason, note),
      reasonCode: shared.code,
      reasonParams: shared.params,
      lastActivity: activity,
      deactivateOn,
      activitySource: source,
    },
    protection,
  );
}

/**
 * One decision per user, in the same order. See the module comment for the rules and date
 * semantics. Custom rules (context.customRules) run after the built-in ones, only on users left
 * 'active' or 'upcoming', and can only make a decision stricter.
 */
export function evaluateDeactivations(
  users: PolicyUser[],
  policy: DeactivationPolicy,
  now: Date,
  context: EvaluationContext = {},
): Decision[] {
  const evaluation = prepareEvaluation(policy, now, context);
  const rules = context.customRules ?? [];
  return users.map((user) => {
    const decision = evaluateOne(user, evaluation);
    if (rules.length && (decision.status === 'active' || decision.status === 'upcoming')) {
      return applyCustomRules(user, decision, rules, policy, now);
    }
    return decision;
  });
}

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

export interface RunPlan {
  /** what a run writes: the 'due' decisions the editor may carry out, or nothing when blocked */
  toDeactivate: Decision[];
  /** every 'due' decision the editor may carry out, also when blocked (for display); maxPerRun counts these */
  due: Decision[];
  /** 'due' decisions core would refuse this editor (UserServiceImpl.checkPrivileges): never sent, not counted */
  notPermitted: NotPermittedDecision[];
  blocked: null | { reason: string };
}

export interface NotPermittedDecision {
  decision: Decision;
  refusal: EditRefusal;
}

/**
 * What a run would do. Blocked (nothing is written) when the policy is disabled or when more accounts
 * are due than `maxPerRun` (a circuit breaker against a wrong clock or a bad import). `refusalOf`
 * tells which accounts the editor may not change (see edit-privileges.ts): those are set apart, since
 * the server would refuse each of them.
 */
export function planRun(
  decisions: Decision[],
  policy: DeactivationPolicy,
  refusalOf: (uuid: string) => EditRefusal | null = () => null,
): RunPlan {
  const due: Decision[] = [];
  const notPermitted: NotPermittedDecision[] = [];
  for (const decision of decisions) {
    if (decision.status !== 'due') {
      continue;
    }
    const refusal = refusalOf(decision.uuid);
    if (refusal) {
      notPermitted.push({ decision, refusal });
    } else {
      due.push(decision);
    }
  }
  if (!policy.enabled) {
    return {
      toDeactivate: [],
      due,
      notPermitted,
      blocked: { reason: 'The deactivation policy is disabled; enable it before running a deactivation.' },
    };
  }
  if (due.length > policy.maxPerRun) {
    return {
      toDeactivate: [],
      due,
      notPermitted,
      blocked: {
        reason:
          `${plural(due.length, 'account is', 'accounts are')} due, more than the limit of ${policy.maxPerRun} per run; ` +
          'nothing was deactivated. Check the server clock and the last-login data, or raise the limit.',
      },
    };
  }
  return { toDeactivate: due, due, notPermitted, blocked: null };
}

// ---------------------------------------------------------------------------------------------
// Core's AutoRetireUsersTask, simulated
// ---------------------------------------------------------------------------------------------

export interface CoreTaskPrediction {
  /** users core's task would retire */
  wouldRetire: PolicyUser[];
  /**
   * users whose lastLoginTimestamp core cannot parse (Long.parseLong): core's run then throws,
   * logs "Error occurred while auto-retiring users" and retires nobody at all
   */
  wouldFailOn: PolicyUser[];
}

function coreCandidate(user: PolicyUser, thresholdMs: number, nowMs: number): boolean | 'fails' {
  if (isSystemDeveloper(user) || user.retired) {
    return false;
  }
  const ts = user.userProperties?.[LAST_LOGIN_PROPERTY];
  if (typeof ts === 'string' && ts.trim() !== '') {
    // Long.parseLong: optional sign, decimal digits, no surrounding spaces.
    if (!/^[+-]?\d{1,18}$/.test(ts)) {
      return 'fails';
    }
    return nowMs - Number(ts) >= thresholdMs;
  }
  if (user.dateCreated) {
    return nowMs - user.dateCreated.getTime() >= thresholdMs;
  }
  return false;
}

/**
 * What core's AutoRetireUsersTask (core 2.7+, REST_CONTRACT §3) would retire with
 * `users.numberOfDaysToRetire = thresholdDays`: not System Developer (inherited, case-insensitive),
 * not retired, and now - (lastLoginTimestamp, else dateCreated) >= threshold. It knows nothing of
 * demo rules, exempt roles or exemptions.
 */
export function coreTaskWouldRetire(users: PolicyUser[], thresholdDays: number, now: Date): PolicyUser[] {
  return predictCoreTask(users, thresholdDays, now).wouldRetire;
}

/** coreTaskWouldRetire plus the users whose malformed lastLoginTimestamp would make core's run fail. */
export function predictCoreTask(users: PolicyUser[], thresholdDays: number, now: Date): CoreTaskPrediction {
  if (!Number.isFinite(thresholdDays)) {
    return { wouldRetire: [], wouldFailOn: [] };
  }
  const thresholdMs = Math.trunc(thresholdDays) * DAY_MS;
  const nowMs = now.getTime();
  const wouldRetire: PolicyUser[] = [];
  const wouldFailOn: PolicyUser[] = [];
  for (const user of users) {
    const result = coreCandidate(user, thresholdMs, nowMs);
    if (result === 'fails') {
      wouldFailOn.push(user);
    } else if (result) {
      wouldRetire.push(user);
    }
  }
  return { wouldRetire, wouldFailOn };
}

// ---------------------------------------------------------------------------------------------
// Parsing, validating and serializing the policy
// ---------------------------------------------------------------------------------------------

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
  });
}

// ---------------------------------------------------------------------------------------------
// REST user -> PolicyUser
// ---------------------------------------------------------------------------------------------

/**
 * The custom representation the engine needs. Every property exists on the server: `allRoles` is
 * `User.getAllRoles()` (in the full rep), `preferredName` is PersonResource's @PropertyGetter,
 * `auditInfo` gives dateCreated, dateRetired and retireReason (the last two only when retired).
 */
export const POLICY_USER_REP =
  'custom:(uuid,display,username,systemId,userProperties,retired,' +
  'person:(uuid,display,preferredName:(familyName)),roles:(name),allRoles:(name),auditInfo)';

export interface RestRoleLike {
  name?: string;
  display?: string;
}

export interface RestUserLike {
  uuid: string;
  display?: string;
  username?: string | null;
  systemId?: string | null;
  userProperties?: Record<string, unknown> | null;
  retired?: boolean;
  person?: { uuid?: string; display?: string; preferredName?: { familyName?: string | null } | null } | null;
  roles?: RestRoleLike[] | null;
  allRoles?: RestRoleLike[] | null;
  auditInfo?: {
    dateCreated?: string | null;
    dateRetired?: string | null;
    retireReason?: string | null;
  } | null;
}

/** Maps a REST user (POLICY_USER_REP, or the full rep) to what the engine needs. */
export function toPolicyUser(rest: RestUserLike): PolicyUser {
  const roleNames = new Set<string>();
  for (const r of [...(rest.allRoles ?? []), ...(rest.roles ?? [])]) {
    const name = r?.name ?? r?.display;
    if (typeof name === 'string' && name) {
      roleNames.add(name);
    }
  }
  const userProperties: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest.userProperties ?? {})) {
    if (v !== null && v !== undefined) {
      userProperties[k] = String(v);
    }
  }
  const retired = rest.retired === true;
  return {
    uuid: rest.uuid,
    username: rest.username ?? '',
    systemId: rest.systemId ?? '',
    display: rest.display ?? rest.username ?? rest.systemId ?? '',
    personName: rest.person?.display ?? '',
    familyName: rest.person?.preferredName?.familyName ?? null,
    roles: [...roleNames],
    retired,
    dateCreated: parseOpenmrsDate(rest.auditInfo?.dateCreated),
    dateRetired: retired ? parseOpenmrsDate(rest.auditInfo?.dateRetired) : null,
    retireReason: retired ? (rest.auditInfo?.retireReason ?? null) : null,
    userProperties,
  };
}
