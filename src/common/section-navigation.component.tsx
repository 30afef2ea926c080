import React from 'react';
import { NavLink } from 'react-router-dom';
import styles from './section-navigation.scss';

interface SectionNavigationProps {
  label: string;
  links: Array<{ to: string; label: string; end?: boolean }>;
}

/** The second level of navigation inside a section of the app, e.g. "Upcoming" and "Settings". */
const SectionNavigation: React.FC<SectionNavigationProps> = ({ label, links }) => (
  <nav aria-label={label} className={styles.sectionNav}>
    {links.map((link) => (
      <NavLink
        key={link.to}
        to={link.to}
        end={link.end}
        className={({ isActive }) => (isActive ? `${styles.link} ${styles.active}` : styles.link)}
      >
        {link.label}
      </NavLink>
    ))}
  </nav>
);

export default SectionNavigation;
