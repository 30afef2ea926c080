import React from 'react';
import { InlineLoading, InlineNotification } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { resolveSmtpSettings } from '../mail-settings';
import { useMailProperties } from '../mail-settings.resource';
import { emailWarningDays } from '../policy-json';
import type { DeactivationPolicy } from '../types';
import styles from './deactivation-settings.scss';

/**
 * Whether the sweep can email the users' warnings: the policy option on, and core's mail global
 * properties complete. Says what is missing otherwise.
 */
const EmailWarningsStatus: React.FC<{ policy: DeactivationPolicy }> = ({ policy }) => {
  const { t } = useTranslation();
  const { properties, error, isLoading } = useMailProperties();

  const status = () => {
    if (error) {
      return <ErrorNotice title={t('couldNotReadMailSettings', 'Could not read the mail settings')} error={error} />;
    }
    if (isLoading || !properties) {
      return <InlineLoading description={t('loading', 'Loading')} />;
    }
    const { settings, missing, coreDefaults } = resolveSmtpSettings(properties);
    if (!policy.emailWarnings.enabled) {
      return (
        <InlineNotification
          kind="info"
          lowContrast
          hideCloseButton
          title={t('emailWarningsOff', 'Users are not emailed before their account is deactivated.')}
          subtitle={t('emailWarningsOffHint', 'Turn on "Email each user before their account is deactivated" and save.')}
        />
      );
    }
    if (missing.length) {
      return (
        <InlineNotification
          kind="warning"
          lowContrast
          hideCloseButton
          title={t('emailWarningsNotConfigured', 'Email warnings are on, but mail is not configured')}
          subtitle={t('mailSettingsMissing', 'Set these global properties (or the sweep\'s --smtp flags): {{missing}}.', {
            missing: missing.join(', '),
          })}
        />
      );
    }
    return (
      <InlineNotification
        kind="success"
        lowContrast
        hideCloseButton
        title={t('emailWarningsConfigured', 'Email warnings are configured')}
        subtitle={
          t('emailWarningsConfiguredDetail', 'The sweep emails each user {{days}} days before deactivation, from {{from}} through {{host}}:{{port}}.', {
            days: emailWarningDays(policy),
            from: settings.from,
            host: settings.host,
            port: settings.port,
          }) +
          (coreDefaults
            ? ' ' + t('mailCoreDefaults', 'These are the values core installs with; check that they reach your mail server.')
            : '')
        }
      />
    );
  };

  return (
    <section className={styles.panel} aria-labelledby="email-warnings-heading">
      <h3 id="email-warnings-heading" className={styles.panelHeading}>
        {t('emailWarnings', 'Email warnings')}
      </h3>
      {status()}
      <p className={styles.panelNote}>
        {t(
          'emailWarningsSweepNote',
          'Only the headless sweep sends email (a digest to administrators, and the users\' warnings). Accounts without an email address are reported, not warned.',
        )}
      </p>
    </section>
  );
};

export default EmailWarningsStatus;
