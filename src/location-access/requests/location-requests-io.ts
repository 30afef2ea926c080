/**
 * Location requests through core's `/alert` (AlertResource2_0). Why alerts: docs/location-requests.md.
 * - a requester needs Manage Alerts to create one (AlertService.saveAlert);
 * - reading needs only a login (getAllAlerts is @Authorized without a privilege);
 * - a decision re-reads the request and writes nothing when someone else decided it meanwhile.
 */
import { fetchAllPages, isNotFound, type FetchAllOptions, type RestClient } from '../../common/rest-client';
import { grantEndDate } from '../assignment-end-dates';
import type { Giver } from '../location-giving';
import { changeUserLocations } from '../user-locations-io';
import { decidedText, decodeRequest, encodeRequest, type RequestBody } from './location-request';
import { OUTCOMES_PROPERTY, withOutcome } from './request-outcomes';

const enc = encodeURIComponent;
const PERSON_REP = 'uuid,display,person:(display)';
export const REQUEST_REP = `custom:(uuid,text,dateCreated,dateChanged,creator:(${PERSON_REP}),changedBy:(${PERSON_REP}))`;
/** a decided request leaves GET /alert (HibernateAlertDAO leaves out expired alerts) after this many days */
export const DECIDED_KEPT_DAYS = 90;

export interface RequestUser {
  uuid: string;
  username: string;
  name: string;
}

export interface LocationRequest {
  uuid: string;
  body: RequestBody;
  requester: RequestUser;
  createdAt: string | null;
  /** who last changed the alert, and when: the decider once decided */
  changedBy: RequestUser | null;
  changedAt: string | null;
}

interface RestUser {
  uuid: string;
  display?: string;
  person?: { display?: string } | null;
}

interface RestAlert {
  uuid: string;
  text?: string;
  dateCreated?: string | null;
  dateChanged?: string | null;
  creator?: RestUser | null;
  changedBy?: RestUser | null;
}

function toUser(user: RestUser | null | undefined): RequestUser | null {
  return user ? { uuid: user.uuid, username: user.display ?? '', name: user.person?.display ?? user.display ?? '' } : null;
}

export function toLocationRequest(alert: RestAlert): LocationRequest | null {
  const body = decodeRequest(alert.text);
  const requester = toUser(alert.creator);
  if (!body || !requester) {
    return null;
  }
  return {
    uuid: alert.uuid,
    body,
    requester,
    createdAt: alert.dateCreated ?? null,
    changedBy: toUser(alert.changedBy),
    changedAt: alert.dateChanged ?? null,
  };
}

/** Every request not yet out of the list (pending ones, and decided ones for DECIDED_KEPT_DAYS), oldest first. */
export async function fetchRequests(client: RestClient, options: FetchAllOptions = {}): Promise<LocationRequest[]> {
  const alerts = await fetchAllPages<RestAlert>(client, `/alert?v=${REQUEST_REP}`, options);
  return alerts.map(toLocationRequest).filter((r): r is LocationRequest => r !== null);
}

/** One request read fresh; null when it is gone (purged) or not a request. */
export async function fetchRequest(client: RestClient, uuid: string): Promise<LocationRequest | null> {
  try {
    return toLocationRequest(await client.get<RestAlert>(`/alert/${enc(uuid)}?v=${REQUEST_REP}`));
  } catch (error) {
    if (isNotFound(error)) {
      return null;
    }
    throw error;
  }
}

/** Makes a request: an alert whose recipient is the requester (AlertResource2_0 needs at least one). */
export async function createRequest(client: RestClient, requesterUuid: string, body: Omit<RequestBody, 'status' | 'rejectionReason'>) {
  const text = encodeRequest({ ...body, status: 'pending', rejectionReason: null });
  return client.post<{ uuid: string }>('/alert', { text, recipients: [{ recipient: requesterUuid }] });
}

export type Decision = { status: 'approved' } | { status: 'rejected'; reason: string };

export type DecisionResult =
  | { kind: 'decided' }
  /** someone else decided first: nothing was written */
  | { kind: 'conflict'; current: LocationRequest }
  /** the request no longer exists: nothing was written */
  | { kind: 'gone' };

export interface DecideOptions {
  /** the decider, for "who may give which location" */
  giver?: Giver;
  /** location uuid → name, written into the requester's outcome so their switcher can show it */
  names: Record<string, string>;
  /** writes a patient's location as the one-patient page does (patient requests) */
  writePatientLocation?: (patientUuid: string, locationUuid: string) => Promise<unknown>;
  now?: Date;
}

/**
 * Decides a request. It is read again first: if it is gone or already decided, nothing is written.
 * Then the assignment (approval) and the requester's outcome are written, and last the request itself,
 * so a failure in between leaves it pending and deciding again repeats the same, idempotent writes.
 */
export async function decideRequest(client: RestClient, uuid: string, decision: Decision, options: DecideOptions): Promise<DecisionResult> {
  const current = await fetchRequest(client, uuid);
  if (!current) {
    return { kind: 'gone' };
  }
  if (current.body.status !== 'pending') {
    return { kind: 'conflict', current };
  }
  const now = options.now ?? new Date();
  const body = current.body;
  const rejectionReason = decision.status === 'rejected' ? decision.reason.trim() : null;
  if (body.kind === 'user') {
    await changeUserLocations(
      client,
      current.requester.uuid,
      (held, properties) => {
        const approved = decision.status === 'approved';
        let endDates = held.endDates;
        if (approved) {
          for (const location of body.locations) {
            endDates = grantEndDate(endDates, held.locations.includes(location), location, body.endDate);
          }
        }
        const outcome = {
          id: current.uuid,
          s: approved ? ('a' as const) : ('r' as const),
          names: body.locations.map((l) => options.names[l] ?? l),
          ...(approved && body.endDate ? { e: body.endDate } : {}),
          ...(rejectionReason ? { n: rejectionReason } : {}),
          at: now.toISOString().slice(0, 10),
        };
        return {
          locations: approved ? [...held.locations, ...body.locations] : held.locations,
          defaultLocation: held.defaultLocation,
          endDates,
          extraProperties: { [OUTCOMES_PROPERTY]: withOutcome(properties, outcome) },
        };
      },
      { giver: decision.status === 'approved' ? options.giver : undefined },
    );
  } else if (decision.status === 'approved') {
    if (!options.writePatientLocation || !body.patientUuid) {
      throw new Error('This request changes a patient\'s location: it needs the patient location storage.');
    }
    await options.writePatientLocation(body.patientUuid, body.locations[0]);
  }
  const expires = new Date(now.getTime() + DECIDED_KEPT_DAYS * 86_400_000);
  await client.post(`/alert/${enc(uuid)}`, {
    text: decidedText(body, decision.status, rejectionReason),
    dateToExpire: expires.toISOString().replace('Z', '+0000'),
  });
  return { kind: 'decided' };
}
