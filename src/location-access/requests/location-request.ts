/**
 * A location request as the text of a core alert (`org.openmrs.notification.Alert`): the prefix, then
 * JSON with short keys, because AlertValidator caps the text at 512 characters (Alert.TEXT_MAX_LENGTH).
 * The alert's creator (set by AlertServiceImpl.saveAlert, not by the client) is the requester; its
 * changedBy and dateChanged say who decided and when. Pure: no I/O.
 */
export const REQUEST_PREFIX = 'useraccess.locationRequest:';
export const ALERT_TEXT_MAX = 512;
/** room kept free for the decision (status and the rejection reason) when a request is made */
export const DECISION_ROOM = 110;
export const REJECTION_REASON_MAX = 100;
export const REASON_MAX = 200;
export const PATIENT_NAME_MAX = 60;

export type RequestStatus = 'pending' | 'approved' | 'rejected';

export interface RequestBody {
  /** user: locations for the requester; patient: one patient to move to `locations[0]` */
  kind: 'user' | 'patient';
  locations: string[];
  /** last day of access (user requests), `YYYY-MM-DD` */
  endDate: string | null;
  reason: string;
  patientUuid: string | null;
  /** the patient's name when asked, so the page can show it without reading the patient */
  patientName?: string | null;
  status: RequestStatus;
  /** why it was rejected */
  rejectionReason: string | null;
}

interface Stored {
  k: 'u' | 'p';
  l: string[];
  e?: string;
  r: string;
  p?: string;
  pn?: string;
  s: 'p' | 'a' | 'r';
  n?: string;
}

const STATUS_CODES: Record<RequestStatus, Stored['s']> = { pending: 'p', approved: 'a', rejected: 'r' };

export function encodeRequest(body: RequestBody): string {
  const stored: Stored = { k: body.kind === 'patient' ? 'p' : 'u', l: body.locations, r: body.reason, s: STATUS_CODES[body.status] };
  if (body.endDate) {
    stored.e = body.endDate;
  }
  if (body.patientUuid) {
    stored.p = body.patientUuid;
  }
  if (body.patientName) {
    stored.pn = body.patientName.slice(0, PATIENT_NAME_MAX);
  }
  if (body.rejectionReason) {
    stored.n = body.rejectionReason;
  }
  return REQUEST_PREFIX + JSON.stringify(stored);
}

/** The request an alert's text holds, or null when the alert is not one. */
export function decodeRequest(text: unknown): RequestBody | null {
  if (typeof text !== 'string' || !text.startsWith(REQUEST_PREFIX)) {
    return null;
  }
  let stored: Partial<Stored>;
  try {
    stored = JSON.parse(text.slice(REQUEST_PREFIX.length));
  } catch {
    return null;
  }
  const locations = Array.isArray(stored.l) ? stored.l.filter((l): l is string => typeof l === 'string' && !!l) : [];
  if (!locations.length || (stored.k !== 'u' && stored.k !== 'p')) {
    return null;
  }
  const status = (Object.keys(STATUS_CODES) as RequestStatus[]).find((s) => STATUS_CODES[s] === stored.s) ?? 'pending';
  return {
    kind: stored.k === 'p' ? 'patient' : 'user',
    locations,
    endDate: typeof stored.e === 'string' ? stored.e : null,
    reason: typeof stored.r === 'string' ? stored.r : '',
    patientUuid: typeof stored.p === 'string' ? stored.p : null,
    ...(typeof stored.pn === 'string' ? { patientName: stored.pn } : {}),
    status,
    rejectionReason: typeof stored.n === 'string' ? stored.n : null,
  };
}

/** How many characters of reason still fit, keeping room for the decision. */
export function reasonRoom(body: Omit<RequestBody, 'reason'>): number {
  const used = encodeRequest({ ...body, reason: '' }).length;
  return Math.max(0, Math.min(REASON_MAX, ALERT_TEXT_MAX - DECISION_ROOM - used));
}

/** How many characters of rejection reason still fit in the stored request. */
export function rejectionRoom(body: RequestBody): number {
  const used = encodeRequest({ ...body, status: 'rejected', rejectionReason: '' }).length;
  return Math.max(0, Math.min(REJECTION_REASON_MAX, ALERT_TEXT_MAX - used));
}

/** The text of the same request once decided; the rejection reason is cut to what fits. */
export function decidedText(body: RequestBody, status: 'approved' | 'rejected', rejectionReason: string | null): string {
  const reason = status === 'rejected' ? (rejectionReason ?? '').trim().slice(0, rejectionRoom(body)) || null : null;
  return encodeRequest({ ...body, status, rejectionReason: reason });
}

/** Whether the request, as it would be stored, leaves room for the decision. */
export function fitsInAlert(body: RequestBody): boolean {
  return encodeRequest(body).length <= ALERT_TEXT_MAX - DECISION_ROOM;
}
