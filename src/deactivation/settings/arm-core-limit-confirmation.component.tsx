import React, { useEffect, useRef } from 'react';
import { Button } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import type { PolicyUser } from '../types';
import ProtectedAccounts from './protected-accounts.component';
import styles from './deactivation-settings.scss';

interface ArmCoreLimitConfirmationProps {
  days: number;
  /** null while the users are not loaded */
  accounts: PolicyUser[] | null;
  usersError?: unknown;
  onConfirm(): void;
  onCancel(): void;
}

/** Shown where a save would set users.numberOfDaysToRetire: what core's task would then retire that the app protects. */
const ArmCoreLimitConfirmation: React.FC<ArmCoreLimitConfirmationProps> = ({ days, accounts, usersError, onConfirm, onCancel }) => {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={styles.confirm} aria-labelledby="arm-core-limit-heading">
      <h4 id="arm-core-limit-heading" ref={heading} tabIndex={-1} className={styles.confirmHeading}>
        {t('armCoreLimit', 'Saving also sets users.numberOfDaysToRetire to {{days}}', { days })}
      </h4>
      <p>
        {t(
          'armCoreLimitDetail',
          "Core's Auto Retire Users task retires accounts by this limit alone whenever it runs, whether or not it was started here.",
        )}
      </p>
      <ProtectedAccounts accounts={accounts} usersError={usersError} />
      <div className={styles.actions}>
        <Button kind={accounts?.length ? 'danger' : 'primary'} size="sm" disabled={!accounts} onClick={onConfirm}>
          {t('saveAndSetCoreLimit', 'Save and set the core limit')}
        </Button>
        <Button kind="ghost" size="sm" onClick={onCancel}>
          {t('cancel', 'Cancel')}
        </Button>
      </div>
    </section>
  );
};

export default ArmCoreLimitConfirmation;
