import React from 'react';
import { ConfigurableLink, showSnackbar, type SnackbarDescriptor, translateFrom, type Session } from '@openmrs/esm-framework';
import { appUrl, moduleName, paths } from '../../constants';
import { whenIdle } from '../../common/when-idle';
import { currentCustomRules } from '../custom-rules';
import { evaluateDeactivations } from '../policy';
import { parsePolicy } from '../policy-json';
import { fetchAllPolicyUsersShared } from '../users.resource';

/** translateFrom in this module's namespace, named `t` so that the extract script finds its keys. */
const t = (key: string, fallback: string, options?: Record<string, unknown>) => translateFrom(moduleName, key, fallback, options);

/**
 * Tells the user how many accounts will be deactivated within the warning window. Called once per
 * login for users with Manage Account Deactivation (see deactivation-alert-trigger.ts), with the
 * policy global property's value already read.
 */
export async function alertIfDeactivationsUpcoming(session: Session, rawPolicy: string | null, now = new Date()): Promise<number | null> {
  const user = session.user;
  const { policy } = parsePolicy(rawPolicy);
  // While the policy is off nobody is told anything, so the users (ceil(N/100) requests) are not fetched.
  if (!session.authenticated || !user || !policy.enabled) {
    return null;
  }
  const [users, customRules] = await Promise.all([fetchAllPolicyUsersShared(), currentCustomRules()]);
  // the list is shared with the page that may be waiting for it (the upcoming deactivations): that page first
  await whenIdle();
  const decisions = evaluateDeactivations(users, policy, now, { actingUserUuid: user.uuid, customRules });
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
