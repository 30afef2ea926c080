import React from 'react';
import { useTranslation } from 'react-i18next';
import { appUrl, paths } from '../constants';
import AdminCard from './admin-card.component';

const LocationAccessCard: React.FC = () => {
  const { t } = useTranslation();
  return (
    <AdminCard
      title={t('locationAccess', 'Location access')}
      description={t('locationAccessCardDescription', 'Assign users and patients to locations')}
      href={appUrl(paths.locations)}
    />
  );
};

export default LocationAccessCard;
