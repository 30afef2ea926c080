/**
 * Where other modules register deactivation rules (the app's public `registerDeactivationRule`). Kept
 * apart from the rules' evaluation so the app's entry, which exports it, carries none of the engine.
 */
import { getGlobalStore } from '@openmrs/esm-framework';
import type { CustomRule } from '../deactivation/types';

interface CustomRuleStore {
  rules: Record<string, CustomRule>;
}

const storeName = 'useraccess-deactivation-rules';

export function customRuleStore() {
  return getGlobalStore<CustomRuleStore>(storeName, { rules: {} });
}

/**
 * Lets another module add a deactivation rule, e.g. from its own startupApp:
 * `registerDeactivationRule('contract-ended', (user, decision, policy, now) => ...)`.
 * Rules run after the built-in ones and can only make a decision stricter.
 */
export function registerDeactivationRule(name: string, rule: CustomRule) {
  const store = customRuleStore();
  store.setState({ rules: { ...store.getState().rules, [name]: rule } });
}
