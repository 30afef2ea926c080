import { useMemo } from 'react';
import { getGlobalStore, useConfig, useStore } from '@openmrs/esm-framework';
import type { Config } from '../config-schema';
import { roleLimitRule } from './role-limit-rule';
import type { CustomRule } from './types';

interface CustomRuleStore {
  rules: Record<string, CustomRule>;
}

const storeName = 'useraccess-deactivation-rules';

function ruleStore() {
  return getGlobalStore<CustomRuleStore>(storeName, { rules: {} });
}

/**
 * Lets another module add a deactivation rule, e.g. from its own startupApp:
 * `registerDeactivationRule('contract-ended', (user, decision, policy, now) => ...)`.
 * Rules run after the built-in ones and can only make a decision stricter.
 */
export function registerDeactivationRule(name: string, rule: CustomRule) {
  const store = ruleStore();
  store.setState({ rules: { ...store.getState().rules, [name]: rule } });
}

/** The config's role limits, then the registered rules, in that order. */
export function useCustomRules(): CustomRule[] {
  const { deactivationRoleLimits } = useConfig<Config>();
  const { rules } = useStore(ruleStore());
  return useMemo(
    () => [...deactivationRoleLimits.map(roleLimitRule), ...Object.values(rules)],
    [deactivationRoleLimits, rules],
  );
}
