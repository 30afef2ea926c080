import React, { useState } from 'react';
import { Button, ModalBody, ModalHeader, TextArea, TextInput } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import { useBulkDialogFocus } from '../../common/use-bulk-dialog-focus';
import { useModalFocus } from '../../common/use-modal-focus';
import type { ChangingModalProps } from '../../common/show-changing-modal';
import { describedByError } from '../../common/accessible-errors';
import BulkProgress from '../../common/bulk-progress.component';
import BulkModalFooter from '../../common/bulk-modal-footer.component';
import { runBulk, type BulkOutcome } from '../../common/bulk-runner';
import type { DeactivationRow } from './deactivation-rows';
import { runResultLines } from '../history/run-results';
import type { RunResultLine } from '../history/run-history';
import { errorMessage } from '../../common/error-message';
import { RunHistoryUnwritableNotice, RunResults } from './run-record.component';

export type UserActionKind = 'deactivate' | 'exempt' | 'removeExemption' | 'reactivate';

export interface UserActionInput {
  reason: string;
  /** yyyy-mm-dd, for exemptions */
  until: string;
}

export interface UserActionModalProps extends ChangingModalProps {
  kind: UserActionKind;
  rows: DeactivationRow[];
  perform(row: DeactivationRow, input: UserActionInput): Promise<unknown>;
  /** an explanation shown above the list, e.g. what "deactivate all due" will do */
  note?: string;
  /** false when each row's own rule gives the reason, as in "deactivate all due" */
  askReason?: boolean;
  /** "deactivate all due": keeps each pass in the run history (rejects when it cannot) */
  recordRun?: (lines: RunResultLine[], startedAt: Date) => Promise<void>;
  /** the administrator may not write the run history: say so before the run, offer its results as CSV after */
  runHistoryUnwritable?: boolean;
}

function toIsoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const UserActionModal: React.FC<UserActionModalProps> = ({
  kind,
  rows,
  perform,
  closeModal,
  onChange,
  note,
  askReason = true,
  recordRun,
  runHistoryUnwritable = false,
}) => {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  // a reactivated account still has its old last login: exempt it for a while, or the next run deactivates it again
  const [until, setUntil] = useState(kind === 'reactivate' ? toIsoDay(new Date(Date.now() + 30 * 24 * 3600 * 1000)) : '');
  const [pending, setPending] = useState<DeactivationRow[]>(rows);
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome<DeactivationRow> | null>(null);
  const [touched, setTouched] = useState(false);
  const [resultLines, setResultLines] = useState<RunResultLine[]>([]);
  const [recordError, setRecordError] = useState<string | null>(null);
  const { progressRef, doneRef } = useBulkDialogFocus(running, outcome !== null);
  const headerRef = useModalFocus();

  const titles: Record<UserActionKind, string> = {
    deactivate: t('deactivateAccounts', 'Deactivate selected accounts ({{count}})', { count: rows.length }),
    exempt: t('exemptAccounts', 'Exempt selected accounts ({{count}})', { count: rows.length }),
    removeExemption: t('removeExemptions', 'Remove exemptions ({{count}})', { count: rows.length }),
    reactivate: t('reactivateAccounts', 'Reactivate selected accounts ({{count}})', { count: rows.length }),
  };
  const confirmLabels: Record<UserActionKind, string> = {
    deactivate: t('deactivate', 'Deactivate'),
    exempt: t('exempt', 'Exempt'),
    removeExemption: t('removeExemption', 'Remove exemption'),
    reactivate: t('reactivate', 'Reactivate'),
  };

  const needsReason = askReason;
  const reasonError = needsReason && touched && !reason.trim() ? t('reasonRequired', 'Give a reason for the audit log.') : '';
  const needsDate = kind === 'exempt' || kind === 'reactivate';
  // a date in the past would record an exemption that protects nobody: refuse it, as an empty one
  const untilProblem = !needsDate
    ? ''
    : !until
      ? t('dateRequired', 'Choose the last day of the exemption.')
      : !/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until))
        ? t('dateInvalid', 'Enter a date as yyyy-mm-dd.')
        : until < toIsoDay(new Date())
          ? t('datePast', 'Choose today or a later day.')
          : '';
  const untilError = touched ? untilProblem : '';

  const start = async (items: DeactivationRow[]) => {
    setTouched(true);
    if ((needsReason && !reason.trim()) || untilProblem) {
      return;
    }
    setRunning(true);
    const startedAt = new Date();
    const offset = rows.length - items.length;
    setDone(offset);
    const result = await runBulk(items, (row) => perform(row, { reason: reason.trim(), until }), {
      concurrency: 4,
      onProgress: (progress) => setDone(offset + progress.done),
    });
    const lines = runResultLines(result, (row) => row.user.username || row.user.systemId);
    setResultLines((before) => [...before.filter((l) => !lines.some((n) => n.username === l.username)), ...lines]);
    if (recordRun && !runHistoryUnwritable) {
      await recordRun(lines, startedAt).then(
        () => setRecordError(null),
        (error) => setRecordError(errorMessage(error)),
      );
    }
    setRunning(false);
    if (result.succeeded > 0) {
      onChange();
    }
    setOutcome(result);
    setPending([...result.remaining, ...result.results.filter((r) => r.status === 'failed' && !r.permanent).map((r) => r.item)]);
  };

  const started = running || outcome !== null;

  return (
    <>
      <ModalHeader ref={headerRef} title={titles[kind]} closeModal={closeModal} />
      <ModalBody hasForm>
        {note && <p className="user-action-note">{note}</p>}
        {!started && recordRun && runHistoryUnwritable && <RunHistoryUnwritableNotice />}
        <ul aria-label={t('selectedAccounts', 'Selected accounts')} className="user-action-list">
          {rows.slice(0, 10).map((row) => (
            <li key={row.user.uuid}>
              {row.user.personName} ({row.user.username})
            </li>
          ))}
          {rows.length > 10 && <li>{t('andMore', 'and {{count}} more', { count: rows.length - 10 })}</li>}
        </ul>
        {!started && needsDate && (
          <TextInput
            id="exempt-until"
            type="date"
            labelText={
              kind === 'reactivate'
                ? t('graceThrough', 'Exempt through (inclusive), so the next run does not deactivate them again')
                : t('exemptThrough', 'Exempt through (inclusive)')
            }
            min={toIsoDay(new Date())}
            value={until}
            onChange={(event) => setUntil(event.target.value)}
            invalid={Boolean(untilError)}
            invalidText={untilError}
            {...describedByError('exempt-until', untilError)}
          />
        )}
        {!started && needsReason && (
          <TextArea
            id="user-action-reason"
            labelText={
              {
                exempt: t('exemptionReason', 'Reason for the exemption (e.g. temporary transfer)'),
                deactivate: t('auditReason', 'Reason, recorded on each account'),
                reactivate: t('reactivationReason', 'Reason for the reactivation, recorded on each account'),
                removeExemption: t('removeExemptionReason', 'Reason for removing the exemption, recorded on each account'),
              }[kind]
            }
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            invalid={Boolean(reasonError)}
            invalidText={reasonError}
            rows={2}
          />
        )}
        {started && (
          <div ref={progressRef} tabIndex={-1}>
            <BulkProgress
              done={done}
              total={rows.length}
              outcome={outcome}
              itemLabel={(row) => `${row.user.personName} (${row.user.username})`}
            />
          </div>
        )}
        {outcome && recordRun && <RunResults lines={resultLines} recordError={recordError} offerDownload={runHistoryUnwritable} />}
      </ModalBody>
      <BulkModalFooter
        doneRef={doneRef}
        running={running}
        ended={outcome !== null}
        onClose={closeModal}
        confirm={
          <Button kind={kind === 'deactivate' ? 'danger' : 'primary'} onClick={() => start(pending)}>
            {confirmLabels[kind]}
          </Button>
        }
        remaining={pending.length}
        onRetry={() => start(pending)}
      />
    </>
  );
};

export default UserActionModal;
