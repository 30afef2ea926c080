import React from 'react';
import { Button, InlineNotification } from '@carbon/react';
import { useTranslation } from './use-translation';
import { errorMessage } from './error-message';

interface ErrorNoticeProps {
  /** What could not be done, already translated. */
  title: string;
  /** Why: an error from openmrsFetch or elsewhere (worded by errorMessage), or a sentence already worded. */
  error: unknown;
  /** Offers "Try again" below the notice. */
  onRetry?: () => void;
  /** The result of an action, which the person may dismiss; a failed read stays until it is read again. */
  closable?: boolean;
}

/**
 * Every error the app shows. Not the framework's ErrorState: that tile shows only "Error 403: Forbidden"
 * and a fixed apology, while the server's own sentence ("Privileges required: Get Users") is what tells
 * an administrator what to change.
 */
const ErrorNotice: React.FC<ErrorNoticeProps> = ({ title, error, onRetry, closable = false }) => {
  const { t } = useTranslation();
  return (
    <>
      <InlineNotification kind="error" lowContrast hideCloseButton={!closable} title={title} subtitle={errorMessage(error)} />
      {onRetry && (
        <Button kind="tertiary" size="sm" onClick={onRetry}>
          {t('tryAgain', 'Try again')}
        </Button>
      )}
    </>
  );
};

export default ErrorNotice;
