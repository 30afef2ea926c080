import { roleLimitRule, type RoleLimitRuleConfig } from './role-limit-rule';
import type { CustomRule } from './types';

/**
 * The custom rules in the order every runner applies them (the pages, the after-login alert and the
 * sweep): the config's role limits, then the registered rules (the sweep's --rules module).
 */
export function customRuleList(roleLimits: RoleLimitRuleConfig[] | undefined, registered: CustomRule[]): CustomRule[] {
  return [...(roleLimits ?? []).map(roleLimitRule), ...registered];
}
