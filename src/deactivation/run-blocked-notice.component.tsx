import React from 'react';
import { InlineNotification } from '@carbon/react';
import { useTranslation } from '../common/use-translation';

interface RunBlockedNoticeProps {
  due: number;
  maxPerRun: number;
}

/** The circuit breaker, in words: a run would stop before writing anything. */
const RunBlockedNotice: React.FC<RunBlockedNoticeProps> = ({ due, maxPerRun }) => {
  const { t } = useTranslation();
  return (
    <InlineNotification
      kind="warning"
      lowContrast
      hideCloseButton
      title={t('runBlocked', 'A run would stop')}
      subtitle={t(
        'runBlockedOverLimit',
        'Accounts due: {{due}}, more than the limit of {{max}} per run; a run deactivates nothing. Check the server clock and the last-login data, or raise the limit.',
        { due, max: maxPerRun },
      )}
    />
  );
};

export default RunBlockedNotice;
