import React from 'react';
import { ClickableTile, Layer } from '@carbon/react';
import { ArrowRight } from '@carbon/react/icons';
import styles from './admin-card.scss';

interface AdminCardProps {
  /** the small label above the title, as System Administration's own cards have */
  category: string;
  title: string;
  href: string;
}

/** A card in System Administration, shaped like the system admin app's own LinkCard. */
const AdminCard: React.FC<AdminCardProps> = ({ category, title, href }) => (
  <Layer>
    <ClickableTile className={styles.card} href={href}>
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
