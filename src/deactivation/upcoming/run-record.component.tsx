import React from 'react';
import { Button, InlineNotification } from '@carbon/react';
import { Download } from '@carbon/react/icons';
import { useTranslation } from '../../common/use-translation';
import { downloadCsv } from '../../common/csv';
import { runResultsCsv } from '../history/run-results';
import type { RunResultLine } from '../history/run-history';

/** Before "Deactivate all due": the run history cannot be written by this administrator. */
export const RunHistoryUnwritableNotice: React.FC = () => {
  const { t } = useTranslation();
  return (
    <InlineNotification
      kind="warning"
      lowContrast
      hideCloseButton
      title={t('runHistoryUnwritable', 'This run will not be kept in the run history.')}
      subtitle={t(
        'runHistoryUnwritableDetail',
        'Keeping it needs the privilege Manage Global Properties, which you do not have. Each account still records its own change. Download the results after the run.',
      )}
    />
  );
};

interface RunResultsProps {
  lines: RunResultLine[];
  /** why the run was not recorded, when it was not */
  recordError: string | null;
  offerDownload: boolean;
}

/** After a run: whether it was recorded, and its results as CSV when it was not. */
export const RunResults: React.FC<RunResultsProps> = ({ lines, recordError, offerDownload }) => {
  const { t } = useTranslation();
  const download = () =>
    downloadCsv(
      `deactivation-run-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`,
      runResultsCsv(lines, {
        username: t('username', 'Username'),
        outcome: t('outcome', 'Outcome'),
        message: t('message', 'Message'),
      }),
    );
  return (
    <>
      {recordError && (
        <InlineNotification
          kind="warning"
          lowContrast
          hideCloseButton
          title={t('runNotRecorded', 'The run was not kept in the run history.')}
          subtitle={recordError}
        />
      )}
      {(offerDownload || recordError) && (
        <Button kind="tertiary" size="sm" renderIcon={Download} onClick={download} disabled={!lines.length}>
          {t('downloadRunResults', 'Download the results (CSV)')}
        </Button>
      )}
    </>
  );
};
