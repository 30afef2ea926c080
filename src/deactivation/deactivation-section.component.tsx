import React from 'react';
import { Route, Routes } from 'react-router-dom';
import { useTranslation } from '../common/use-translation';
import RequirePrivilege from '../common/require-privilege.component';
import SectionNavigation from '../common/section-navigation.component';
import { privileges } from '../common/privileges';
import UpcomingDeactivations from './upcoming/upcoming-deactivations.component';
import DeactivationSettings from './settings/deactivation-settings.component';

const DeactivationSection: React.FC = () => {
  const { t } = useTranslation();
  return (
    <RequirePrivilege privilege={privileges.manageAccountDeactivation}>
      <SectionNavigation
        label={t('accountDeactivationPages', 'Account deactivation pages')}
        links={[
          { to: '.', label: t('upcomingDeactivations', 'Upcoming deactivations'), end: true },
          { to: 'settings', label: t('inactivitySettings', 'Inactivity settings') },
        ]}
      />
      <Routes>
        <Route index element={<UpcomingDeactivations />} />
        <Route path="settings" element={<DeactivationSettings />} />
      </Routes>
    </RequirePrivilege>
  );
};

export default DeactivationSection;
