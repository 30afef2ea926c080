import { useMemo, useRef } from 'react';
import { useSession } from '@openmrs/esm-framework';
import type { EditRefusal } from '../common/edit-privileges';
import { useEditRefusal } from '../common/use-edit-refusal';
import { useCustomRules } from './custom-rules';
import { evaluateDeactivations } from './policy';
import { planRun } from './run-plan';
import type { Decision, DeactivationPolicy, PolicyUser } from './types';

interface Evaluated {
  decision: Decision;
  refusal: EditRefusal | null;
}

/** What each user was found to be, for one policy, set of rules and administrator, at one moment. */
interface Evaluations {
  inputs: unknown[];
  now: Date;
  byUser: WeakMap<PolicyUser, Evaluated>;
}

/**
 * The engine's decisions and the run plan for these users, as the signed-in administrator would run
 * them: custom rules applied, the acting administrator protected, and the accounts core would refuse
 * them (UserServiceImpl.checkPrivileges) set apart. The upcoming page and the settings preview both
 * use it, so a preview is what a run does.
 *
 * While a list loads it grows page by page: each user is evaluated once, at the moment the first page
 * was, so the complete list costs only the plan. Another policy, rule set or administrator, or a list
 * fetched afresh (its first user not seen before), starts a new evaluation at a new moment.
 */
export function useDeactivationPlan(users: PolicyUser[] | null | undefined, policy: DeactivationPolicy | null | undefined) {
  const session = useSession();
  const customRules = useCustomRules();
  const { refusalFor } = useEditRefusal();
  const actingUserUuid = session?.user?.uuid;
  const evaluations = useRef<Evaluations | null>(null);

  return useMemo(() => {
    if (!users || !policy) {
      return null;
    }
    const inputs = [policy, actingUserUuid, customRules, refusalFor];
    let current = evaluations.current;
    if (!current || current.inputs.some((input, i) => input !== inputs[i]) || (users.length > 0 && !current.byUser.has(users[0]))) {
      current = { inputs, now: new Date(), byUser: new WeakMap() };
      evaluations.current = current;
    }
    const { now, byUser } = current;
    const fresh = users.filter((user) => !byUser.has(user));
    if (fresh.length) {
      const decisions = evaluateDeactivations(fresh, policy, now, { actingUserUuid, customRules });
      fresh.forEach((user, i) => byUser.set(user, { decision: decisions[i], refusal: refusalFor(user.roles) }));
    }
    const decisions: Decision[] = [];
    const refusals = new Map<string, EditRefusal>();
    for (const user of users) {
      const { decision, refusal } = byUser.get(user)!;
      decisions.push(decision);
      if (refusal) {
        refusals.set(user.uuid, refusal);
      }
    }
    const plan = planRun(decisions, policy, (uuid) => refusals.get(uuid) ?? null);
    return { now, decisions, plan, refusals };
  }, [users, policy, actingUserUuid, customRules, refusalFor]);
}
