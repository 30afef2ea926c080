/**
 * What the session-location switcher's menu adds for a user who lacks Manage Location Access: the
 * outcomes of their requests decided since their last login, and "Request another location…". The
 * switcher's open menu (location-menu-list, loaded when the menu is first wanted) imports it, so a page
 * load carries none of it.
 */
import { showModal } from '@openmrs/esm-framework';
import { LAST_LOGIN_PROPERTY } from '../../common/openmrs-facts';
import type { Translate } from '../../common/use-translation';
import { markSeen, outcomesOf, outcomesToShow, readSeen, type RequestOutcome } from './request-outcomes';

export interface MenuExtraItem {
  key: string;
  label: string;
  /** absent: a line to read, not to choose */
  onChoose?: () => void;
}

function outcomeLine(outcome: RequestOutcome, t: Translate): string {
  const locations = outcome.names.join(', ');
  if (outcome.s === 'a') {
    return outcome.e
      ? t('requestOutcomeApprovedUntil', 'Approved: {{locations}}, until {{date}}', { locations, date: outcome.e })
      : t('requestOutcomeApproved', 'Approved: {{locations}}', { locations });
  }
  return outcome.n
    ? t('requestOutcomeRejectedReason', 'Not approved: {{locations}} ({{reason}})', { locations, reason: outcome.n })
    : t('requestOutcomeRejected', 'Not approved: {{locations}}', { locations });
}

export interface RequesterUser {
  uuid: string;
  userProperties?: Record<string, unknown> | null;
}

export function requestMenuItems(user: RequesterUser, t: Translate): MenuExtraItem[] {
  const login = String(user.userProperties?.[LAST_LOGIN_PROPERTY] ?? '');
  const outcomes = outcomesToShow(outcomesOf(user.userProperties), readSeen(user.uuid), login);
  markSeen(user.uuid, outcomes, login);
  return [
    ...outcomes.map((o) => ({ key: `outcome-${o.id}`, label: outcomeLine(o, t) })),
    {
      key: 'request-location',
      label: t('requestAnotherLocation', 'Request another location…'),
      onChoose: () => {
        showModal('location-request-modal', {});
      },
    },
  ];
}
