import { useMemo } from 'react';
import { useConfig, useStore } from '@openmrs/esm-framework';
import type { Config } from '../config-schema';
import { customRuleStore } from '../common/deactivation-rule-registry';
import { roleLimitRule } from './role-limit-rule';
import type { CustomRule } from './types';

/** The config's role limits, then the registered rules, in that order. */
export function useCustomRules(): CustomRule[] {
  const { deactivationRoleLimits } = useConfig<Config>();
  const { rules } = useStore(customRuleStore());
  return useMemo(
    () => [...deactivationRoleLimits.map(roleLimitRule), ...Object.values(rules)],
    [deactivationRoleLimits, rules],
  );
}
