import React from 'react';
import { InlineLoading, InlineNotification } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import type { PolicyUser } from '../types';
import styles from './deactivation-settings.scss';

interface ProtectedAccountsProps {
  /** null while the users are not loaded */
  accounts: PolicyUser[] | null;
  usersError?: unknown;
}

/** Every account core's task would retire that the app protects, or a plain sentence that there is none. */
const ProtectedAccounts: React.FC<ProtectedAccountsProps> = ({ accounts, usersError }) => {
  const { t } = useTranslation();
  if (usersError) {
    return (
      <ErrorNotice
        title={t('protectedAccountsUnavailable', 'Could not load the users, so the accounts the core task would retire cannot be listed')}
        error={usersError}
      />
    );
  }
  if (!accounts) {
    return <InlineLoading description={t('loadingUsers', 'Loading the users…')} />;
  }
  if (!accounts.length) {
    return <p>{t('coreWouldRetireNoProtected', 'The core task would retire no account that this app protects.')}</p>;
  }
  return (
    <>
      <InlineNotification
        kind="warning"
        lowContrast
        hideCloseButton
        title={t('coreWouldRetireProtected', 'Accounts the core task would retire that this app protects: {{count}}', {
          count: accounts.length,
        })}
        subtitle={t(
          'coreWouldRetireProtectedDetail',
          'Exempt roles, exemptions, demo rules and accounts that never logged in mean nothing to it.',
        )}
      />
      <ul className={styles.protectedList} aria-label={t('protectedAccounts', 'Accounts the core task would retire')}>
        {accounts.map((user) => (
          <li key={user.uuid}>
            {user.personName} ({user.username || user.systemId})
          </li>
        ))}
      </ul>
    </>
  );
};

export default ProtectedAccounts;
