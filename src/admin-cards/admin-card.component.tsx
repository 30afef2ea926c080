import React from 'react';
import { ClickableTile, Layer } from '@carbon/react';
import { ArrowRight } from '@carbon/react/icons';
import styles from './admin-card.scss';

interface AdminCardProps {
  title: string;
  description: string;
  href: string;
}

const AdminCard: React.FC<AdminCardProps> = ({ title, description, href }) => (
  <Layer>
    <ClickableTile className={styles.card} href={href}>
      <div>
        <div className="heading">{title}</div>
        <div className="content">{description}</div>
      </div>
      <div className="iconWrapper">
        <ArrowRight size={16} aria-hidden="true" />
      </div>
    </ClickableTile>
  </Layer>
);

export default AdminCard;
