import React from 'react';
import { NavLink } from 'react-router-dom';
import styles from './section-navigation.scss';

interface SectionNavigationProps {
  label: string;
  links: Array<{ to: string; label: string; end?: boolean }>;
  /** `app`: the app's sections, as tabs under its title; `section` (default): the pages of one section. */
  level?: 'app' | 'section';
}

const looks = {
  app: { nav: styles.appNav, link: styles.appLink, active: styles.appActive },
  section: { nav: styles.sectionNav, link: styles.link, active: styles.active },
};

/** The app's navigation, at both levels: its sections (Account deactivation, Location access) and each section's pages. */
const SectionNavigation: React.FC<SectionNavigationProps> = ({ label, links, level = 'section' }) => {
  const look = looks[level];
  return (
    <nav aria-label={label} className={look.nav}>
      {links.map((link) => (
        <NavLink
          key={link.to}
          to={link.to}
          end={link.end}
          className={({ isActive }) => (isActive ? `${look.link} ${look.active}` : look.link)}
        >
          {link.label}
        </NavLink>
      ))}
    </nav>
  );
};

export default SectionNavigation;
