import { DAY_MS } from './dates';
import { hasRole } from './names';
import type { CustomRule, Decision } from './types';

export interface RoleLimitRuleConfig {
  /** the rule's name, shown in the Rule column */
  name: string;
  role: string;
  inactiveDays: number;
}

/**
 * A custom rule an implementer declares in the config: accounts with `role` are deactivated after
 * `inactiveDays` without activity, when that is sooner than the policy's own limit.
 */
export function roleLimitRule({ name, role, inactiveDays }: RoleLimitRuleConfig): CustomRule {
  return (user, current, policy, now): Decision | null => {
    if (!hasRole(user, role) || !current.lastActivity) {
      return null;
    }
    const deactivateOn = new Date(current.lastActivity.getTime() + inactiveDays * DAY_MS);
    if (current.deactivateOn && current.deactivateOn <= deactivateOn) {
      return null;
    }
    const days = Math.floor((now.getTime() - current.lastActivity.getTime()) / DAY_MS);
    const untilDue = deactivateOn.getTime() - now.getTime();
    if (untilDue <= 0) {
      return {
        ...current,
        status: 'due',
        rule: name,
        deactivateOn,
        reasonCode: 'custom',
        reasonParams: { text: `${role}: inactive for ${days} days (limit ${inactiveDays})` },
      };
    }
    if (untilDue <= policy.warningDays * DAY_MS) {
      return {
        ...current,
        status: 'upcoming',
        rule: name,
        deactivateOn,
        reasonCode: 'custom',
        reasonParams: {
          text: `Will be deactivated in ${Math.ceil(untilDue / DAY_MS)} days: ${role}, inactive for ${days} days (limit ${inactiveDays})`,
        },
      };
    }
    return null;
  };
}
