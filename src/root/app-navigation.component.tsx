import React from 'react';
import { useTranslation } from '../common/use-translation';
import { NavLink } from 'react-router-dom';
import { paths } from '../constants';
import styles from './root.scss';

const AppNavigation: React.FC = () => {
  const { t } = useTranslation();
  const linkClass = ({ isActive }: { isActive: boolean }) => (isActive ? `${styles.navLink} ${styles.active}` : styles.navLink);
  return (
    <header className={styles.header}>
      <h1 className={styles.title}>{t('userAccess', 'User access')}</h1>
      <nav aria-label={t('userAccessSections', 'User access sections')} className={styles.nav}>
        <NavLink className={linkClass} to={paths.deactivation}>
          {t('accountDeactivation', 'Account deactivation')}
        </NavLink>
        <NavLink className={linkClass} to={paths.locations}>
          {t('locationAccess', 'Location access')}
        </NavLink>
      </nav>
    </header>
  );
};

export default AppNavigation;
