/** Words for a request in the pages and dialogs: what it asks for, and who decided it. */
import type { Translate } from '../../common/use-translation';
import type { LocationRequest } from './location-requests-io';

export function requestedWhat(request: LocationRequest, nameOf: (uuid: string) => string, t: Translate): string {
  const names = request.body.locations.map(nameOf).join(', ');
  if (request.body.kind === 'patient') {
    return t('patientRequestWhat', 'Move {{patient}} to {{location}}', {
      patient: request.body.patientName || request.body.patientUuid || '',
      location: names,
    });
  }
  return names;
}

export function formatDay(value: string | null | undefined): string {
  if (!value) {
    return '';
  }
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString(undefined, { timeZone: value.length === 10 ? 'UTC' : undefined });
}

/** "Approved by Sam Admin on 06/12/2026" / "Rejected by …: reason". */
export function decisionText(request: LocationRequest, t: Translate): string {
  const values = { name: request.changedBy?.name || request.changedBy?.username || t('someone', 'someone'), date: formatDay(request.changedAt) };
  if (request.body.status === 'approved') {
    return t('approvedBy', 'Approved by {{name}} on {{date}}', values);
  }
  if (request.body.status === 'rejected') {
    return request.body.rejectionReason
      ? t('rejectedByWithReason', 'Rejected by {{name}} on {{date}}: {{reason}}', { ...values, reason: request.body.rejectionReason })
      : t('rejectedBy', 'Rejected by {{name}} on {{date}}', values);
  }
  return t('pending', 'Pending');
}
