import React from 'react';
import { useTranslation } from '../common/use-translation';
import { appUrl, paths } from '../constants';
import AdminCard from './admin-card.component';

const AccountDeactivationCard: React.FC = () => {
  const { t } = useTranslation();
  return (
    <AdminCard
      category={t('userAccess', 'User access')}
      title={t('accountDeactivation', 'Account deactivation')}
      href={appUrl(paths.deactivation)}
    />
  );
};

export default AccountDeactivationCard;
