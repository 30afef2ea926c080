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
 *   nobody, and the decision's invalidExemption says it was ignored.
 * - A decision's reason is a code and parameters (reasonCode, reasonParams); reason-text.ts words it.
 * - `policy.enabled` does not change the evaluation (the preview needs it); `planRun` refuses to run
 *   a disabled policy.
 */
import { LAST_LOGIN_PROPERTY } from '../common/openmrs-facts';
import { isoDay } from '../common/dates';
import { DAY_MS, parseLastLoginMs } from './dates';
import { compileDemoPattern, demoMatcher } from './demo-accounts';
import { protector, type Protection } from './protections';
import { sharedReasons, type ActivitySource, type RuleStatus } from './reasons';
import type {
  CustomRule,
  Decision,
  DecisionStatus,
  DeactivationPolicy,
  EvaluationContext,
  NeverLoggedInHandling,
  PolicyUser,
} from './types';

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

/** What evaluating one user needs that does not depend on the user, worked out once per evaluation. */
interface Evaluation {
  policy: DeactivationPolicy;
  nowMs: number;
  isDemo: (user: PolicyUser) => boolean;
  protectionOf: (user: PolicyUser) => Protection;
  reasonOf: ReturnType<typeof sharedReasons>;
}

function prepareEvaluation(policy: DeactivationPolicy, now: Date, context: EvaluationContext): Evaluation {
  const nowMs = now.getTime();
  return {
    policy,
    nowMs,
    isDemo: demoMatcher(policy, compileDemoPattern(policy.demo?.systemIdPattern ?? '')),
    protectionOf: protector(policy, nowMs, context.actingUserUuid),
    reasonOf: sharedReasons(),
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

  const protection = evaluation.protectionOf(user);
  if (protection.code) {
    return {
      uuid: user.uuid,
      status: 'exempt',
      rule: null,
      reasonCode: protection.code,
      reasonParams: protection.params,
      lastActivity: lastLogin,
      deactivateOn: null,
      activitySource: lastLogin ? 'lastLogin' : null,
    };
  }

  let activity: Date;
  let source: ActivitySource;
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

  let status: RuleStatus;
  let inDays = 0;
  if (nowMs >= deactivateOn.getTime()) {
    status = 'due';
  } else {
    const remaining = deactivateOn.getTime() - nowMs;
    inDays = Math.ceil(remaining / DAY_MS);
    status = remaining <= policy.warningDays * DAY_MS ? 'upcoming' : 'active';
  }
  const shared = evaluation.reasonOf(status, demo, source, inactiveDays, limit, inDays);

  return withInvalidExemption(
    {
      uuid: user.uuid,
      status,
      rule: demo ? 'demo' : 'inactive',
      reasonCode: shared.code,
      reasonParams: shared.params,
      lastActivity: activity,
      deactivateOn,
      activitySource: source,
    },
    protection,
  );
}

function deactivatedDecision(user: PolicyUser, lastLogin: Date | null): Decision {
  const date = user.dateRetired ? isoDay(user.dateRetired) : '';
  const why = (user.retireReason ?? '').trim();
  return {
    uuid: user.uuid,
    status: 'deactivated',
    rule: null,
    reasonCode: 'deactivated',
    reasonParams: { date, why },
    lastActivity: lastLogin,
    deactivateOn: user.dateRetired ?? null,
    activitySource: lastLogin ? 'lastLogin' : null,
  };
}

/** Adds the ignored exemption date, if any, to a decision of a user who is not protected. */
function withInvalidExemption(decision: Decision, protection: Protection): Decision {
  if (protection.invalidExemption !== undefined) {
    decision.invalidExemption = protection.invalidExemption;
  }
  return decision;
}

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
      current = { ...current, customRuleError: String((e as Error)?.message ?? e) };
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
    current = { ...ownTextAsCustom(proposed), uuid: user.uuid };
  }
  return current;
}

/**
 * A rule written in JavaScript (a --rules module of the sweep, another module's registered rule) may
 * still set `reason` to its own text, as rules did before reasons became codes: that text becomes the
 * parameter of the code 'custom'.
 */
function ownTextAsCustom(proposed: Decision & { reason?: unknown }): Decision {
  if (typeof proposed.reason !== 'string') {
    return proposed;
  }
  const { reason, ...decision } = proposed;
  return { ...decision, reasonCode: 'custom', reasonParams: { text: reason } };
}
