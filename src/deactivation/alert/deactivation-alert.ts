import {
  getConfig,
  navigate,
  showSnackbar,
  translateFrom,
  userHasAccess,
  type Session,
} from '@openmrs/esm-framework';
import type { Config } from '../../config-schema';
import { appUrl, moduleName, paths } from '../../constants';
import { privileges } from '../../common/privileges';
import { evaluateDeactivations } from '../policy';
import { loadPolicy } from '../policy-io';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { fetchAllPolicyUsers } from '../users.resource';

/** One key per login: lastLoginTimestamp changes each time the user logs in. */
function alertKey(session: Session): string {
  return `useraccess.deactivationAlert.${session.user?.uuid}.${session.user?.userProperties?.lastLoginTimestamp ?? ''}`;
}

export async function alertIfDeactivationsUpcoming(session: Session, now = new Date()): Promise<number | null> {
  const user = session.user;
  if (!session.authenticated || !user || !userHasAccess(privileges.manageAccountDeactivation, user)) {
    return null;
  }
  const key = alertKey(session);
  if (window.sessionStorage.getItem(key)) {
    return null;
  }
  window.sessionStorage.setItem(key, 'shown');
  const config = await getConfig<Config>(moduleName);
  if (!config.showDeactivationAlert) {
    return null;
  }
  // The policy first: while it is off, nobody is told anything, so the users (ceil(N/100) requests)
  // are not fetched at all.
  const { policy } = await loadPolicy(openmrsRestClient);
  if (!policy.enabled) {
    return null;
  }
  const users = await fetchAllPolicyUsers();
  const decisions = evaluateDeactivations(users, policy, now, { actingUserUuid: user.uuid });
  const count = decisions.filter((d) => d.status === 'due' || d.status === 'upcoming').length;
  if (count > 0) {
    showSnackbar({
      kind: 'warning',
      title: translateFrom(moduleName, 'deactivationAlertTitle', 'Accounts to be deactivated within {{days}} days: {{count}}', {
        count,
        days: policy.warningDays,
      }),
      actionButtonLabel: translateFrom(moduleName, 'review', 'Review'),
      onActionButtonClick: () => navigate({ to: appUrl(paths.deactivation) }),
      timeoutInMs: 15000,
    });
  }
  return count;
}
