import { defineConfigSchema, getAsyncLifecycle, getConfig } from '@openmrs/esm-framework';
import { configSchema, type Config } from './config-schema';
import { moduleName } from './constants';
import { startDeactivationAlert } from './deactivation-alert-trigger';

const options = { featureName: 'user-access', moduleName };

export const importTranslation = require.context('../translations', false, /.json$/, 'lazy');

export function startupApp() {
  defineConfigSchema(moduleName, configSchema);
  startDeactivationAlert(() => getConfig<Config>(moduleName));
}

export { registerDeactivationRule } from './common/deactivation-rule-registry';

export const root = getAsyncLifecycle(() => import('./root/root.component'), options);

export const accountDeactivationAdminCard = getAsyncLifecycle(
  () => import('./admin-cards/account-deactivation-card.extension'),
  options,
);

export const locationAccessAdminCard = getAsyncLifecycle(
  () => import('./admin-cards/location-access-card.extension'),
  options,
);

export const sessionLocationSwitcher = getAsyncLifecycle(
  () => import('./session-location/session-location-switcher.extension'),
  { featureName: 'session-location-switcher', moduleName },
);

export const deactivationUserActionModal = getAsyncLifecycle(() => import('./deactivation/upcoming/user-action.modal'), options);

export const userLocationsEditModal = getAsyncLifecycle(() => import('./location-access/users/edit-user-locations.modal'), options);

export const userLocationsBulkModal = getAsyncLifecycle(() => import('./location-access/users/bulk-user-locations.modal'), options);

export const locationRequestModal = getAsyncLifecycle(() => import('./location-access/requests/request-location.modal'), options);

export const locationRequestDecisionModal = getAsyncLifecycle(() => import('./location-access/requests/decide-request.modal'), options);
