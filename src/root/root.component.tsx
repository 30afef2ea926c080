import React from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useTranslation } from '../common/use-translation';
import { appBasePath, paths } from '../constants';
import SectionNavigation from '../common/section-navigation.component';
import DeactivationSection from '../deactivation/deactivation-section.component';
import LocationAccessSection from '../location-access/location-access-section.component';
import styles from './root.scss';

const Root: React.FC = () => {
  const { t } = useTranslation();
  return (
    <BrowserRouter basename={`${window.spaBase}/${appBasePath}`}>
      <main className={styles.container}>
        <header className={styles.header}>
          <h1 className={styles.title}>{t('userAccess', 'User access')}</h1>
          <SectionNavigation
            level="app"
            label={t('userAccessSections', 'User access sections')}
            links={[
              { to: paths.deactivation, label: t('accountDeactivation', 'Account deactivation') },
              { to: paths.locations, label: t('locationAccess', 'Location access') },
            ]}
          />
        </header>
        <div className={styles.content}>
          <Routes>
            <Route path="/" element={<Navigate to={paths.deactivation} replace />} />
            <Route path={`${paths.deactivation}/*`} element={<DeactivationSection />} />
            <Route path={`${paths.locations}/*`} element={<LocationAccessSection />} />
            <Route path="*" element={<Navigate to={paths.deactivation} replace />} />
          </Routes>
        </div>
      </main>
    </BrowserRouter>
  );
};

export default Root;
