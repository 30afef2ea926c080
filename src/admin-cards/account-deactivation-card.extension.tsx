import React from 'react';
import { useTranslation } from 'react-i18next';
import { appUrl, paths } from '../constants';
import AdminCard from './admin-card.component';

const AccountDeactivationCard: React.FC = () => {
  const { t } = useTranslation();
  return (
    <AdminCard
      title={t('accountDeactivation', 'Account deactivation')}
      description={t('accountDeactivationCardDescription', 'Deactivate inactive accounts and review upcoming deactivations')}
      href={appUrl(paths.deactivation)}
    />
  );
};

export default AccountDeactivationCard;
