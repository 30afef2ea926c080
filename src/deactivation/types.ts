/** What the policy engine needs to know about one user, as REST serves it (v=full or a custom rep). */
export interface PolicyUser {
  uuid: string;
  username: string;
  systemId: string;
  display: string;
  /** person's display name, e.g. "John Test Account" */
  personName: string;
  familyName: string | null;
  /** role names, direct and inherited (REST `allRoles` where available, else `roles`) */
  roles: string[];
  retired: boolean;
  dateCreated: Date | null;
  /** when retired: auditInfo.dateRetired and retireReason, for "recently deactivated" */
  dateRetired: Date | null;
  retireReason: string | null;
  userProperties: Record<string, string>;
}

export type NeverLoggedInHandling = 'countFromCreation' | 'never';

export interface DeactivationPolicy {
  version: 1;
  enabled: boolean;
  inactiveDays: number;
  neverLoggedIn: NeverLoggedInHandling;
  demo: {
    enabled: boolean;
    inactiveDays: number;
    familyName: string;
    usernamePrefix: string;
    /** a regular expression source matched against the whole system ID */
    systemIdPattern: string;
  };
  exemptRoles: string[];
  warningDays: number;
  maxPerRun: number;
  /** the sweep's email to each user about to be deactivated (docs/email-warnings.md); off by default */
  emailWarnings: {
    enabled: boolean;
    /** days before the deactivation date; null: warningDays */
    daysBefore: number | null;
  };
}

export type DecisionStatus = 'due' | 'upcoming' | 'exempt' | 'active' | 'deactivated';
export type DecisionRule = 'inactive' | 'demo' | string | null;

export interface Decision {
  uuid: string;
  status: DecisionStatus;
  rule: DecisionRule;
  lastActivity: Date | null;
  deactivateOn: Date | null;
  /**
   * what lastActivity is: the last login, or (policy 'countFromCreation', never logged in) the
   * account's creation date; null when there is none. For 'deactivated', deactivateOn is the date
   * the account was retired.
   */
  activitySource?: 'lastLogin' | 'created' | null;
  /**
   * Why, as data: reason-text.ts words it (in the user's language on the page and in its CSV, in
   * English for the sweep's output and the retire reason recorded on the server). A custom rule's
   * own text is the `text` parameter of the code 'custom'.
   */
  reasonCode: ReasonCode;
  reasonParams?: Record<string, string | number>;
  /** set when an exemption date was ignored because it is not a date (the raw value) */
  invalidExemption?: string;
  /** set when a custom rule threw: its message (the decision is the one before that rule) */
  customRuleError?: string;
}

export type ReasonCode =
  | 'systemDeveloper'
  | 'exemptRole'
  | 'actingAdmin'
  | 'exemptUntil'
  | 'deactivated'
  | 'neverLoggedInKept'
  | 'noCreationDate'
  | 'dueAfterLogin'
  | 'dueAfterCreation'
  | 'upcomingAfterLogin'
  | 'upcomingAfterCreation'
  | 'activeAfterLogin'
  | 'activeAfterCreation'
  /** a custom rule's own reason: reasonParams.text */
  | 'custom';

export interface EvaluationContext {
  /** uuid of the administrator running the preview or the run; never deactivated */
  actingUserUuid?: string;
  customRules?: CustomRule[];
}

/**
 * A rule an implementation adds. It runs after the built-in rules on users the built-in rules left
 * 'active' or 'upcoming', and may return a stricter decision, or null to leave the decision alone.
 * A decision with a reason of its own says so as `reasonCode: 'custom', reasonParams: { text }`.
 */
export type CustomRule = (user: PolicyUser, current: Decision, policy: DeactivationPolicy, now: Date) => Decision | null;
