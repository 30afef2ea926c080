import { MAX_LIMIT_DAYS, MAX_PER_RUN, MAX_WARNING_DAYS } from '../policy-json';
import type { DeactivationPolicy, NeverLoggedInHandling } from '../types';

/** What the settings form holds: numbers as typed, so "abc" or "-1" can be shown and refused. */
export interface PolicyFormValues {
  enabled: boolean;
  inactiveDays: string;
  neverLoggedIn: NeverLoggedInHandling;
  demoEnabled: boolean;
  demoInactiveDays: string;
  demoFamilyName: string;
  demoUsernamePrefix: string;
  demoSystemIdPattern: string;
  exemptRoles: string[];
  warningDays: string;
  maxPerRun: string;
  emailWarningsEnabled: boolean;
  /** blank: the warning period */
  emailWarningsDaysBefore: string;
}

export type PolicyFormField = keyof PolicyFormValues;

export type FieldProblem =
  | { kind: 'wholeNumber'; min: number; max: number }
  | { kind: 'invalidPattern'; detail: string }
  | { kind: 'noDemoMatcher' };

export function toFormValues(policy: DeactivationPolicy): PolicyFormValues {
  return {
    enabled: policy.enabled,
    inactiveDays: String(policy.inactiveDays),
    neverLoggedIn: policy.neverLoggedIn,
    demoEnabled: policy.demo.enabled,
    demoInactiveDays: String(policy.demo.inactiveDays),
    demoFamilyName: policy.demo.familyName,
    demoUsernamePrefix: policy.demo.usernamePrefix,
    demoSystemIdPattern: policy.demo.systemIdPattern,
    exemptRoles: [...policy.exemptRoles],
    warningDays: String(policy.warningDays),
    maxPerRun: String(policy.maxPerRun),
    emailWarningsEnabled: policy.emailWarnings.enabled,
    emailWarningsDaysBefore: policy.emailWarnings.daysBefore === null ? '' : String(policy.emailWarnings.daysBefore),
  };
}

function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

export function toPolicy(values: PolicyFormValues): DeactivationPolicy {
  return {
    version: 1,
    enabled: values.enabled,
    inactiveDays: wholeNumber(values.inactiveDays),
    neverLoggedIn: values.neverLoggedIn,
    demo: {
      enabled: values.demoEnabled,
      inactiveDays: wholeNumber(values.demoInactiveDays),
      familyName: values.demoFamilyName.trim(),
      usernamePrefix: values.demoUsernamePrefix.trim(),
      systemIdPattern: values.demoSystemIdPattern.trim(),
    },
    exemptRoles: values.exemptRoles,
    warningDays: wholeNumber(values.warningDays),
    maxPerRun: wholeNumber(values.maxPerRun),
    emailWarnings: {
      enabled: values.emailWarningsEnabled,
      daysBefore: values.emailWarningsDaysBefore.trim() ? wholeNumber(values.emailWarningsDaysBefore) : null,
    },
  };
}

/** Problems per field, for the form to show beside each input. */
export function fieldProblems(values: PolicyFormValues): Partial<Record<PolicyFormField, FieldProblem>> {
  const problems: Partial<Record<PolicyFormField, FieldProblem>> = {};
  const checkWhole = (field: PolicyFormField, min: number, max: number) => {
    const n = wholeNumber(values[field] as string);
    if (!(n >= min && n <= max)) {
      problems[field] = { kind: 'wholeNumber', min, max };
    }
  };
  checkWhole('inactiveDays', 1, MAX_LIMIT_DAYS);
  checkWhole('demoInactiveDays', 1, MAX_LIMIT_DAYS);
  checkWhole('warningDays', 0, MAX_WARNING_DAYS);
  checkWhole('maxPerRun', 1, MAX_PER_RUN);
  if (values.emailWarningsDaysBefore.trim()) {
    checkWhole('emailWarningsDaysBefore', 1, MAX_WARNING_DAYS);
  }
  try {
    new RegExp(`^(?:${values.demoSystemIdPattern.trim()})$`);
  } catch (error) {
    // "Invalid regular expression: /^(?:([)$/: Unterminated character class": keep only the reason,
    // not the anchored copy of the pattern the person never typed
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
    problems.demoSystemIdPattern = { kind: 'invalidPattern', detail: reason };
  }
  if (values.demoEnabled && ![values.demoFamilyName, values.demoUsernamePrefix, values.demoSystemIdPattern].some((v) => v.trim())) {
    problems.demoFamilyName = { kind: 'noDemoMatcher' };
  }
  return problems;
}
