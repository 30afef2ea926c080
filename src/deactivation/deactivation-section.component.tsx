import React from 'react';
import { useTranslation } from 'react-i18next';
import ComingSoon from '../common/coming-soon.component';

const DeactivationSection: React.FC = () => {
  const { t } = useTranslation();
  return <ComingSoon title={t('accountDeactivation', 'Account deactivation')} />;
};

export default DeactivationSection;
