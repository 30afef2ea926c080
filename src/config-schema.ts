import { Type, validator } from '@openmrs/esm-framework';
import type { RoleLimitRuleConfig } from './deactivation/role-limit-rule';
import { APP_ATTRIBUTE_TYPE_DEFAULT_UUID } from './location-access/app-attribute-type-uuid';
import { sessionLocationSwitcherSchema, type SessionLocationSwitcherConfig } from './session-location/config-schema';

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
  patientLocationAttributeTypeUuid: {
    _type: Type.PersonAttributeTypeUuid,
    _default: APP_ATTRIBUTE_TYPE_DEFAULT_UUID,
    _description:
      'The person attribute type (format org.openmrs.Location) that holds a patient\'s location when the ' +
      'locationbasedaccess module is NOT installed. The setup check creates it ("Patient location (User Access app)"). ' +
      'With the module installed, its own type (global property locationbasedaccess.locationAttributeUuid) is used instead.',
  },
  lbacPatientsPerRequest: {
    _type: Type.Number,
    _default: 1,
    _description:
      'Patients per POST /lbac/patient-migration request. The module shares one attribute object across the list, ' +
      'so keep 1 unless larger batches were verified on the target server.',
    _validators: [validator((n: number) => Number.isInteger(n) && n >= 1 && n <= 100, 'Must be a whole number from 1 to 100')],
  },
  bulkConcurrency: {
    _type: Type.Number,
    _default: 6,
    _description: 'Parallel requests when assigning or moving patient and user locations in bulk.',
    _validators: [validator((n: number) => Number.isInteger(n) && n >= 1 && n <= 20, 'Must be a whole number from 1 to 20')],
  },
  sessionLocationSwitcher: sessionLocationSwitcherSchema,
};

export interface Config {
  deactivationPageSize: number;
  deactivationRoleLimits: RoleLimitRuleConfig[];
  showDeactivationAlert: boolean;
  patientLocationAttributeTypeUuid: string;
  lbacPatientsPerRequest: number;
  bulkConcurrency: number;
  sessionLocationSwitcher: SessionLocationSwitcherConfig;
}
