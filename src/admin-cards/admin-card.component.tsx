import React from 'react';
import { ClickableTile, Layer } from '@carbon/react';
import { ArrowRight } from '@carbon/react/icons';
import { navigate } from '@openmrs/esm-framework';
import styles from './admin-card.scss';

interface AdminCardProps {
  /** the small label above the title, as System Administration's own cards have */
  category: string;
  title: string;
  href: string;
}

/** A plain click opens the app without reloading the app shell; a click to open a new tab is left to the browser. */
function openInApp(event: React.MouseEvent<HTMLAnchorElement>, href: string) {
  if (event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) {
    event.preventDefault();
    navigate({ to: href });
  }
}

/** A card in System Administration, shaped like the system admin app's own LinkCard. */
const AdminCard: React.FC<AdminCardProps> = ({ category, title, href }) => (
  <Layer>
    <ClickableTile className={styles.card} href={href} onClick={(event: React.MouseEvent<HTMLAnchorElement>) => openInApp(event, href)}>
      <div>
        <div className="heading">{category}</div>
        <div className="content">{title}</div>
      </div>
      <div className="iconWrapper">
        <ArrowRight size={16} aria-hidden="true" />
      </div>
    </ClickableTile>
  </Layer>
);

export default AdminCard;
