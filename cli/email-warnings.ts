/**
 * The sweep's warning to each user whose account it will deactivate soon, sent to the email on the
 * OpenMRS account, once per deactivation date. What was sent is recorded on the account itself, in
 * the user property WARNING_SENT_PROPERTY, written like every other user-property change of the app
 * (read fresh, merge, POST: other properties are kept), with the same privileges the deactivation
 * needs; accounts this administrator may not change are neither warned nor deactivated by them.
 */
import { fetchAllPages, type RestClient } from '../src/common/rest-client';
import { patchUserProperties } from '../src/common/global-and-user-properties';
import { errorMessage } from '../src/common/error-message';
import { DAY_MS } from '../src/deactivation/dates';
import { emailWarningDays } from '../src/deactivation/policy-json';
import type { Decision, DeactivationPolicy, PolicyUser } from '../src/deactivation/types';
import type { Mailer } from './mailer';

export const WARNING_SENT_PROPERTY = 'useraccess.deactivationWarningSent';

export interface WarningSent {
  sentAt: string;
  /** the deactivation date the warning announced; a later login moves it, and a new one is sent in time */
  deactivateOn: string;
}

export function parseWarningSent(value: string | undefined): WarningSent | null {
  if (!value) {
    return null;
  }
  try {
    const parsed = JSON.parse(value);
    return typeof parsed?.deactivateOn === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Accounts to warn now: not yet due, to be deactivated within the policy's email warning days, not
 * refused to this administrator, and not yet warned about this deactivation date.
 */
export function accountsToWarn(
  decisions: Decision[],
  users: Map<string, PolicyUser>,
  policy: DeactivationPolicy,
  now: Date,
  isRefused: (uuid: string) => boolean,
): Decision[] {
  if (!policy.enabled || !policy.emailWarnings.enabled) {
    return [];
  }
  const horizon = now.getTime() + emailWarningDays(policy) * DAY_MS;
  return decisions.filter((d) => {
    if ((d.status !== 'upcoming' && d.status !== 'active') || !d.deactivateOn || isRefused(d.uuid)) {
      return false;
    }
    const on = d.deactivateOn.getTime();
    if (on <= now.getTime() || on > horizon) {
      return false;
    }
    const sent = parseWarningSent(users.get(d.uuid)?.userProperties[WARNING_SENT_PROPERTY]);
    return sent?.deactivateOn !== d.deactivateOn.toISOString();
  });
}

/**
 * `email` on /user: the bean property User.getEmail (core 2.2+); REST lists it in the default and
 * full representations from webservices.rest 2.50.0 (RESTWS-982, UserResource2_2), and a custom
 * representation reads it on older modules too (BaseDelegatingResource.getProperty).
 */
export async function fetchUserEmails(client: RestClient): Promise<Map<string, string>> {
  const rows = await fetchAllPages<{ uuid: string; email?: string | null }>(client, '/user?v=custom:(uuid,email)');
  return new Map(rows.filter((r) => r.email?.trim()).map((r) => [r.uuid, r.email!.trim()]));
}

export interface WarningOutcome {
  uuid: string;
  username: string;
  email: string | null;
  status: 'sent' | 'noEmail' | 'failed' | 'sentNotRecorded';
  message?: string;
}

export function warningText(user: PolicyUser, decision: Decision, serverUrl: string): { subject: string; text: string } {
  const date = decision.deactivateOn!.toISOString().slice(0, 10);
  const name = user.personName || user.username || user.systemId;
  return {
    subject: `Your OpenMRS account ${user.username || user.systemId} will be deactivated on ${date}`,
    text:
      `Dear ${name},\n\n` +
      `Your OpenMRS account "${user.username || user.systemId}" has not been used for a while. ` +
      `It will be deactivated on ${date} unless you log in before then.\n\n` +
      `To keep it, log in at ${serverUrl}. After that nothing else is needed.\n` +
      `If you no longer need the account, you can ignore this message.\n`,
  };
}

/** Sends the warnings one by one; a failed send is reported and not recorded, so the next run tries again. */
export async function sendUserWarnings(
  client: RestClient,
  mailer: Mailer,
  due: Decision[],
  users: Map<string, PolicyUser>,
  emails: Map<string, string>,
  serverUrl: string,
  now: Date,
): Promise<WarningOutcome[]> {
  const outcomes: WarningOutcome[] = [];
  for (const decision of due) {
    const user = users.get(decision.uuid)!;
    const username = user.username || user.systemId;
    const email = emails.get(decision.uuid) ?? null;
    if (!email) {
      outcomes.push({ uuid: decision.uuid, username, email, status: 'noEmail' });
      continue;
    }
    const sent = await mailer.send({ to: [email], ...warningText(user, decision, serverUrl) });
    if (!sent.ok) {
      outcomes.push({ uuid: decision.uuid, username, email, status: 'failed', message: sent.error });
      continue;
    }
    const record: WarningSent = { sentAt: now.toISOString(), deactivateOn: decision.deactivateOn!.toISOString() };
    try {
      await patchUserProperties(client, decision.uuid, { [WARNING_SENT_PROPERTY]: JSON.stringify(record) });
      outcomes.push({ uuid: decision.uuid, username, email, status: 'sent' });
    } catch (error) {
      outcomes.push({ uuid: decision.uuid, username, email, status: 'sentNotRecorded', message: errorMessage(error) });
    }
  }
  return outcomes;
}
