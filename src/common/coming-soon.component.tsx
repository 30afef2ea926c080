import React from 'react';
import { Tile } from '@carbon/react';
import { useTranslation } from 'react-i18next';

interface ComingSoonProps {
  title: string;
}

const ComingSoon: React.FC<ComingSoonProps> = ({ title }) => {
  const { t } = useTranslation();
  return (
    <Tile>
      <h2>{title}</h2>
      <p>{t('comingSoon', 'Coming soon.')}</p>
    </Tile>
  );
};

export default ComingSoon;
