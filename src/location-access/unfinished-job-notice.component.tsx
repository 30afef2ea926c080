import React from 'react';
import { Button, InlineNotification } from '@carbon/react';
import { useTranslation } from '../common/use-translation';
import layout from './page-layout.scss';

interface UnfinishedJobNoticeProps {
  title: string;
  detail: string;
  onResume(): void;
  onDiscard(): void;
  /** more buttons between Resume and Discard */
  children?: React.ReactNode;
}

/** Shown when a page opens with an unfinished job in storage (a reload or a new login mid-job): resume or discard. */
const UnfinishedJobNotice: React.FC<UnfinishedJobNoticeProps> = ({ title, detail, onResume, onDiscard, children }) => {
  const { t } = useTranslation();
  return (
    <div className={layout.panel}>
      <InlineNotification kind="warning" lowContrast hideCloseButton title={title} subtitle={detail} />
      <div className={layout.actions}>
        <Button size="sm" kind="primary" onClick={onResume}>
          {t('resume', 'Resume')}
        </Button>
        {children}
        <Button size="sm" kind="ghost" onClick={onDiscard}>
          {t('discardJob', 'Discard')}
        </Button>
      </div>
    </div>
  );
};

export default UnfinishedJobNotice;
