import React from 'react';
import { useTranslation } from 'react-i18next';
import ComingSoon from '../common/coming-soon.component';

const LocationAccessSection: React.FC = () => {
  const { t } = useTranslation();
  return <ComingSoon title={t('locationAccess', 'Location access')} />;
};

export default LocationAccessSection;
