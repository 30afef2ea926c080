import React from 'react';
import {
  ConfigurableLink,
  showSnackbar,
  type SnackbarDescriptor,
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
import { fetchAllPolicyUsersShared } from '../users.resource';

/** translateFrom in this module's namespace, named `t` so that the extract script finds its keys. */
const t = (key: string, fallback: string, options?: Record<string, unknown>) => translateFrom(moduleName, key, fallback, options);

/** One key per login: lastLoginTimestamp changes each time the user logs in. */
function alertKey(session: Session): string {
  return `useraccess.deactivationAlert.${session.user?.uuid}.${session.user?.userProperties?.lastLoginTimestamp ?? ''}`;
}

export async function alertIfDeactivationsUpcoming(
  session: Session,
  config: Pick<Config, 'showDeactivationAlert'>,
  now = new Date(),
): Promise<number | null> {
  const user = session.user;
  if (!session.authenticated || !user || !userHasAccess(privileges.manageAccountDeactivation, user)) {
    return null;
  }
  const key = alertKey(session);
  if (window.sessionStorage.getItem(key)) {
    return null;
  }
  window.sessionStorage.setItem(key, 'shown');
  if (!config.showDeactivationAlert) {
    return null;
  }
  // The policy first: while it is off, nobody is told anything, so the users (ceil(N/100) requests)
  // are not fetched at all.
  const { policy } = await loadPolicy(openmrsRestClient);
  if (!policy.enabled) {
    return null;
  }
  const users = await fetchAllPolicyUsersShared();
  const decisions = evaluateDeactivations(users, policy, now, { actingUserUuid: user.uuid });
  const count = decisions.filter((d) => d.status === 'due' || d.status === 'upcoming').length;
  if (count > 0) {
    // It asks for nothing, so it must not take the keyboard: an action button would get the focus
    // whenever the snackbar renders (Carbon's ActionableNotification), and as an alertdialog the
    // snackbar would keep Tab inside itself until it closes. A link in its text, and role "status"
    // (the snackbar passes unknown fields on to the notification), announced politely instead.
    const alert: SnackbarDescriptor & { role: 'status' } = {
      kind: 'warning',
      title: t('deactivationAlertTitle', 'Accounts to be deactivated within {{days}} days: {{count}}', {
        count,
        days: policy.warningDays,
      }),
      subtitle: (
        <ConfigurableLink to={appUrl(paths.deactivation)}>
          {t('reviewUpcomingDeactivations', 'Review the upcoming deactivations')}
        </ConfigurableLink>
      ),
      timeoutInMs: 15000,
      role: 'status',
    };
    showSnackbar(alert);
  }
  return count;
}
