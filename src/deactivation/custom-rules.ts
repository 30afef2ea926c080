import { useMemo } from 'react';
import { getConfig, useConfig, useStore } from '@openmrs/esm-framework';
import type { Config } from '../config-schema';
import { moduleName } from '../constants';
import { customRuleStore } from '../common/deactivation-rule-registry';
import { customRuleList } from './custom-rule-list';
import type { CustomRule } from './types';

/** The config's role limits, then the registered rules, in that order. */
export function useCustomRules(): CustomRule[] {
  const { deactivationRoleLimits } = useConfig<Config>();
  const { rules } = useStore(customRuleStore());
  return useMemo(() => customRuleList(deactivationRoleLimits, Object.values(rules)), [deactivationRoleLimits, rules]);
}

/** The same rules outside React (the after-login alert): the config and the rules registered by now. */
export async function currentCustomRules(): Promise<CustomRule[]> {
  const { deactivationRoleLimits } = await getConfig<Config>(moduleName);
  return customRuleList(deactivationRoleLimits, Object.values(customRuleStore().getState().rules));
}
