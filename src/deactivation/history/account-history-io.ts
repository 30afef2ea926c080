/**
 * The four account actions, each recording its history entry on the account (see account-history.ts)
 * with the privilege of the change itself (Edit Users), for the page and the sweep alike.
 *
 * A write to user properties replaces the whole map on the server (UserResource1_8 sets
 * userProperties), so each one reads the user fresh and keeps every property the app does not own.
 */
import { mergeUserProperties } from '../../common/global-and-user-properties';
import { isTransientError, type RestClient } from '../../common/rest-client';
import { PermanentError } from '../../common/bulk-runner';
import { clearExemptionPatch, exemptionPatch, retireReasonText, retireUser } from '../policy-io';
import { ACCOUNT_HISTORY_PROPERTY, appendAccountHistory, type AccountAction, type Runner } from './account-history';

export interface ActionContext {
  /** username of whoever acts */
  actor: string;
  via: Runner;
  /** the clock; tests fix it */
  now?: () => Date;
}

interface FreshUser {
  uuid: string;
  retired?: boolean;
  auditInfo?: { retireReason?: string | null } | null;
  userProperties?: Record<string, unknown> | null;
}

const FRESH_REP = 'custom:(uuid,retired,auditInfo,userProperties)';

function userPath(uuid: string) {
  return `/user/${encodeURIComponent(uuid)}`;
}

function readFresh(client: RestClient, uuid: string): Promise<FreshUser> {
  return client.get<FreshUser>(`${userPath(uuid)}?v=${FRESH_REP}`);
}

/** The user's properties with `patch` applied and this change appended to its history. */
function propertiesWith(
  fresh: FreshUser,
  patch: Record<string, string | null>,
  action: AccountAction,
  reason: string,
  context: ActionContext,
  until?: string,
): Record<string, string> {
  const merged = mergeUserProperties(fresh.userProperties, patch);
  merged[ACCOUNT_HISTORY_PROPERTY] = appendAccountHistory(merged[ACCOUNT_HISTORY_PROPERTY], {
    at: (context.now?.() ?? new Date()).toISOString(),
    by: context.actor,
    action,
    reason,
    previousRetireReason: fresh.retired ? (fresh.auditInfo?.retireReason ?? null) : null,
    ...(until ? { until } : {}),
    via: context.via,
  });
  return merged;
}

/** Exempts through `until` (yyyy-mm-dd, inclusive): one POST with the exemption and its history entry. */
export async function exemptWithHistory(client: RestClient, uuid: string, until: string, reason: string, context: ActionContext) {
  const patch = exemptionPatch(until, reason);
  const fresh = await readFresh(client, uuid);
  await client.post(userPath(uuid), { userProperties: propertiesWith(fresh, patch, 'exempt', reason, context, until) });
}

/** Removes the exemption: one POST without the exemption properties, with its history entry. */
export async function removeExemptionWithHistory(client: RestClient, uuid: string, reason: string, context: ActionContext) {
  const fresh = await readFresh(client, uuid);
  await client.post(userPath(uuid), {
    userProperties: propertiesWith(fresh, clearExemptionPatch, 'removeExemption', reason, context),
  });
}

/** The account was reactivated by someone else since the list was read; nothing was sent. */
export class NotDeactivatedError extends PermanentError {
  constructor() {
    super('Not deactivated (any more); nothing was sent.');
    this.name = 'NotDeactivatedError';
  }
}

/**
 * Reactivates in one POST {retired: false, userProperties}. Saving a non-retired user clears its
 * retire reason, retiredBy and dateRetired (RetireSaveHandler, core 2.7 and 2.8), so the reason it
 * had is kept in the history entry. `graceUntil` also exempts the account through that day: its last
 * login is still old, and the next run would deactivate it again at once.
 */
export async function reactivateWithHistory(
  client: RestClient,
  uuid: string,
  reason: string,
  graceUntil: string | null,
  context: ActionContext,
) {
  const patch = graceUntil ? exemptionPatch(graceUntil, reason) : {};
  const fresh = await readFresh(client, uuid);
  if (fresh.retired !== true) {
    throw new NotDeactivatedError();
  }
  await client.post(userPath(uuid), {
    retired: false,
    userProperties: propertiesWith(fresh, patch, 'reactivate', reason, context, graceUntil ?? undefined),
  });
}

/**
 * Deactivates (retireUser: DELETE ?reason=, after checking the account is not already retired), then
 * records the entry with a second POST, with the same privilege: a DELETE carries no properties. If
 * that record cannot be written, the item fails with a message saying the account is deactivated.
 */
export async function deactivateWithHistory(client: RestClient, uuid: string, reason: string, context: ActionContext) {
  const retireReason = retireReasonText(reason);
  await retireUser(client, uuid, retireReason);
  for (let attempt = 1; ; attempt++) {
    try {
      const fresh = await readFresh(client, uuid);
      // the entry's previous reason is the one before this change: none, the account was active
      await client.post(userPath(uuid), {
        userProperties: propertiesWith({ ...fresh, retired: false }, {}, 'deactivate', retireReason, context),
      });
      return;
    } catch (error) {
      if (attempt < 3 && isTransientError(error)) {
        continue;
      }
      throw new PermanentError(
        `Deactivated, but its history entry was not written: ${(error as Error)?.message ?? String(error)}`,
      );
    }
  }
}
