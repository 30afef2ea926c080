import React from 'react';
import { Route, Routes } from 'react-router-dom';
import { useTranslation } from '../common/use-translation';
import RequirePrivilege from '../common/require-privilege.component';
import SectionNavigation from '../common/section-navigation.component';
import { privileges } from '../common/privileges';
import UpcomingDeactivations from './upcoming/upcoming-deactivations.component';
import DeactivationSettings from './settings/deactivation-settings.component';
import HistoryPage from './history/history-page.component';

const DeactivationSection: React.FC = () => {
  const { t } = useTranslation();
  return (
    <RequirePrivilege privilege={privileges.manageAccountDeactivation}>
      <SectionNavigation
        label={t('accountDeactivationPages', 'Account deactivation pages')}
        links={[
          { to: '.', label: t('upcomingDeactivations', 'Upcoming deactivations'), end: true },
          { to: 'settings', label: t('inactivitySettings', 'Inactivity settings') },
          { to: 'history', label: t('deactivationHistory', 'Deactivation history') },
        ]}
      />
      <Routes>
        <Route index element={<UpcomingDeactivations />} />
        <Route path="settings" element={<DeactivationSettings />} />
        <Route path="history" element={<HistoryPage />} />
      </Routes>
    </RequirePrivilege>
  );
};

export default DeactivationSection;
