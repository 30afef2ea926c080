import React from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { appBasePath, paths } from '../constants';
import AppNavigation from './app-navigation.component';
import DeactivationSection from '../deactivation/deactivation-section.component';
import LocationAccessSection from '../location-access/location-access-section.component';
import styles from './root.scss';

const Root: React.FC = () => (
  <BrowserRouter basename={`${window.spaBase}/${appBasePath}`}>
    <main className={styles.container}>
      <AppNavigation />
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

export default Root;
