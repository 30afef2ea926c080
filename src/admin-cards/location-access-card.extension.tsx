import React from 'react';
import { useTranslation } from '../common/use-translation';
import { appUrl, paths } from '../constants';
import AdminCard from './admin-card.component';

const LocationAccessCard: React.FC = () => {
  const { t } = useTranslation();
  return (
    <AdminCard
      category={t('userAccess', 'User access')}
      title={t('locationAccess', 'Location access')}
      href={appUrl(paths.locations)}
    />
  );
};

export default LocationAccessCard;
