import React from 'react';
import { useTranslation } from 'react-i18next';
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
