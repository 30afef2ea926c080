/** The administrators' emails: the digest of what will be deactivated soon, and what a run did. */
import { englishReasonText } from '../src/deactivation/reason-text';
import type { Decision, DeactivationPolicy, PolicyUser } from '../src/deactivation/types';
import type { Email } from './mailer';
import type { WarningOutcome } from './email-warnings';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '-');

function accountLine(user: PolicyUser | undefined, d: Decision): string {
  const name = user ? `${user.username || user.systemId}${user.personName ? ` (${user.personName})` : ''}` : d.uuid;
  return `  - ${name}: ${day(d.deactivateOn)}, ${d.rule ?? '-'}: ${englishReasonText(d)}`;
}

/** Due now and upcoming within the warning window, soonest first; null when there is nothing to say. */
export function digestEmail(
  to: string[],
  serverUrl: string,
  policy: DeactivationPolicy,
  decisions: Decision[],
  users: Map<string, PolicyUser>,
): Email | null {
  const soonest = (a: Decision, b: Decision) => (a.deactivateOn?.getTime() ?? 0) - (b.deactivateOn?.getTime() ?? 0);
  const due = decisions.filter((d) => d.status === 'due').sort(soonest);
  const upcoming = decisions.filter((d) => d.status === 'upcoming').sort(soonest);
  if (!due.length && !upcoming.length) {
    return null;
  }
  const lines = [
    `The account deactivation policy of ${serverUrl} ${policy.enabled ? 'is on' : 'is OFF (nothing is deactivated)'}.`,
    '',
  ];
  if (due.length) {
    lines.push(`Due now (${due.length}):`, ...due.map((d) => accountLine(users.get(d.uuid), d)), '');
  }
  if (upcoming.length) {
    lines.push(`To be deactivated within ${policy.warningDays} days (${upcoming.length}):`, ...upcoming.map((d) => accountLine(users.get(d.uuid), d)), '');
  }
  lines.push('Review them on the Upcoming deactivations page of System Administration.');
  return {
    to,
    subject: `OpenMRS: ${due.length} accounts due for deactivation, ${upcoming.length} within ${policy.warningDays} days`,
    text: lines.join('\n') + '\n',
  };
}

export interface RunReport {
  refused: string | null;
  attempted: number;
  deactivated: Array<{ username: string; reason: string }>;
  failed: Array<{ username: string; message: string }>;
  notDone: number;
  stoppedBecause: string | null;
  warnings: WarningOutcome[];
}

export function runReportEmail(to: string[], serverUrl: string, report: RunReport): Email {
  const lines: string[] = [];
  if (report.refused) {
    lines.push(`The sweep refused to run and deactivated nobody: ${report.refused}`, '');
  } else {
    lines.push(`Deactivated ${report.deactivated.length} of ${report.attempted} due accounts on ${serverUrl}.`, '');
    if (report.deactivated.length) {
      lines.push('Deactivated:', ...report.deactivated.map((r) => `  - ${r.username}: ${r.reason}`), '');
    }
    if (report.failed.length) {
      lines.push('FAILED:', ...report.failed.map((r) => `  - ${r.username}: ${r.message}`), '');
    }
    if (report.stoppedBecause) {
      lines.push(`Stopped (${report.stoppedBecause}); run the sweep again to finish.`, '');
    }
  }
  if (report.notDone) {
    lines.push(`${report.notDone} due accounts were not done: the sweep's account may not change them.`, '');
  }
  const sent = report.warnings.filter((w) => w.status === 'sent' || w.status === 'sentNotRecorded').length;
  const unsent = report.warnings.filter((w) => w.status === 'failed' || w.status === 'noEmail');
  if (report.warnings.length) {
    lines.push(`Warning emails to users: ${sent} sent.`);
    lines.push(...unsent.map((w) => `  - NOT SENT to ${w.username}: ${w.status === 'noEmail' ? 'no email on the account' : w.message}`));
    lines.push('');
  }
  const problems = report.failed.length + unsent.length + (report.refused ? 1 : 0);
  return {
    to,
    subject: report.refused
      ? 'OpenMRS deactivation run REFUSED: nothing was deactivated'
      : `OpenMRS deactivation run: ${report.deactivated.length} deactivated${problems ? `, ${problems} problems` : ''}`,
    text: lines.join('\n'),
  };
}
