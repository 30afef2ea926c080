import { useMemo } from 'react';
import { useSession } from '@openmrs/esm-framework';
import type { EditRefusal } from '../common/edit-privileges';
import { useEditRefusal } from '../common/use-edit-refusal';
import { useCustomRules } from './custom-rules';
import { evaluateDeactivations } from './policy';
import { planRun } from './run-plan';
import type { DeactivationPolicy, PolicyUser } from './types';

/**
 * The engine's decisions and the run plan for these users, as the signed-in administrator would run
 * them: custom rules applied, the acting administrator protected, and the accounts core would refuse
 * them (UserServiceImpl.checkPrivileges) set apart. The upcoming page and the settings preview both
 * use it, so a preview is what a run does.
 */
export function useDeactivationPlan(users: PolicyUser[] | null | undefined, policy: DeactivationPolicy | null | undefined) {
  const session = useSession();
  const customRules = useCustomRules();
  const { refusalFor } = useEditRefusal();
  const actingUserUuid = session?.user?.uuid;

  return useMemo(() => {
    if (!users || !policy) {
      return null;
    }
    const now = new Date();
    const decisions = evaluateDeactivations(users, policy, now, { actingUserUuid, customRules });
    const refusals = new Map<string, EditRefusal>();
    for (const user of users) {
      const refusal = refusalFor(user.roles);
      if (refusal) {
        refusals.set(user.uuid, refusal);
      }
    }
    const plan = planRun(decisions, policy, (uuid) => refusals.get(uuid) ?? null);
    return { now, decisions, plan, refusals };
  }, [users, policy, actingUserUuid, customRules, refusalFor]);
}
