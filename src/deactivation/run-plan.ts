import type { EditRefusal } from '../common/edit-privileges';
import type { Decision, DeactivationPolicy } from './types';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

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
