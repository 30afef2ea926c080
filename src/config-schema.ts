import { Type, validator } from '@openmrs/esm-framework';
import type { RoleLimitRuleConfig } from './deactivation/role-limit-rule';

export const configSchema = {
  deactivationPageSize: {
    _type: Type.Number,
    _default: 25,
    _description: 'Rows per page in the upcoming deactivations table.',
    _validators: [validator((n: number) => Number.isInteger(n) && n >= 5 && n <= 100, 'Must be a whole number from 5 to 100')],
  },
  deactivationRoleLimits: {
    _type: Type.Array,
    _default: [],
    _description:
      'Custom deactivation rules: accounts with a role are deactivated after fewer days than the policy says. ' +
      'Evaluated after the built-in rules; exempt accounts stay exempt.',
    _elements: {
      _type: Type.Object,
      name: { _type: Type.String, _description: 'Shown as the rule on the upcoming deactivations page.' },
      role: { _type: Type.String, _description: 'Role name, e.g. "Student".' },
      inactiveDays: {
        _type: Type.Number,
        _description: 'Days without a login.',
        _validators: [validator((n: number) => Number.isInteger(n) && n >= 1 && n <= 3650, 'Must be a whole number from 1 to 3650')],
      },
    },
  },
  showDeactivationAlert: {
    _type: Type.Boolean,
    _default: true,
    _description: 'Show administrators, once a session, how many accounts will be deactivated within the warning window.',
  },
};

export interface Config {
  deactivationPageSize: number;
  deactivationRoleLimits: RoleLimitRuleConfig[];
  showDeactivationAlert: boolean;
}
