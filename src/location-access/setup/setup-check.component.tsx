import React, { useState } from 'react';
import { Button, DataTableSkeleton, InlineLoading, InlineNotification } from '@carbon/react';
import { CheckmarkFilled, WarningFilled } from '@carbon/react/icons';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { createAppAttributeType, restoreLbacAttributeGp, storageProblem } from '../location-storage-io';
import { APP_PRIVILEGES, createPrivilege } from '../setup-check-io';
import { useConfig } from '@openmrs/esm-framework';
import type { Config } from '../../config-schema';
import { APP_ATTRIBUTE_TYPE_NAME, LBAC_ATTRIBUTE_TYPE_GP } from '../constants';
import { useLbacSwitches, useMissingPrivileges, useStorageMode } from '../location-access.resource';
import layout from '../page-layout.scss';
import styles from './setup-check.scss';
import RequesterRoleCheck from '../requests/requester-role-check.component';

const Status: React.FC<{ ok: boolean; okText: string; missingText: string }> = ({ ok, okText, missingText }) => (
  <span className={ok ? styles.ok : styles.missing}>
    {ok ? <CheckmarkFilled aria-hidden /> : <WarningFilled aria-hidden />} {ok ? okText : missingText}
  </span>
);

/** Checks the app's privileges, the patient location attribute type and server-side enforcement; creates what is missing. */
const SetupCheck: React.FC = () => {
  const { t } = useTranslation();
  const config = useConfig<Config>();
  const { missing, error: privError, isLoading: privLoading, mutate: mutatePrivileges } = useMissingPrivileges();
  const { mode, error: modeError, isLoading: modeLoading, mutate: mutateMode } = useStorageMode();
  const { switches } = useLbacSwitches(mode?.kind === 'lbac');
  const [working, setWorking] = useState(false);
  const [fixError, setFixError] = useState<unknown>(null);

  // a failed re-check keeps showing what the last check found
  const checkError = (!missing && privError) || (!mode && modeError);
  if (checkError) {
    return (
      <div className={layout.page}>
        <ErrorNotice
          title={t('setupCheckFailed', 'The setup check could not run')}
          error={checkError}
          onRetry={() => Promise.all([mutatePrivileges(), mutateMode()])}
        />
      </div>
    );
  }
  if (privLoading || modeLoading || !missing || !mode) {
    return <DataTableSkeleton role="progressbar" zebra aria-label={t('loading', 'Loading')} />;
  }

  const problem = storageProblem(mode);
  const canCreateType = mode.kind === 'attribute' && problem === 'typeMissing';
  const canRestoreGp = mode.kind === 'lbac' && problem === 'lbacGpBlank';
  const somethingToFix = missing.length > 0 || canCreateType || canRestoreGp;

  const fix = async () => {
    setWorking(true);
    setFixError(null);
    let failure: unknown = null;
    try {
      for (const name of missing) {
        await createPrivilege(openmrsRestClient, name);
      }
      if (canCreateType) {
        await createAppAttributeType(openmrsRestClient, config.patientLocationAttributeTypeUuid);
      }
      if (canRestoreGp) {
        await restoreLbacAttributeGp(openmrsRestClient);
      }
    } catch (e) {
      failure = e;
    } finally {
      await Promise.all([mutatePrivileges(), mutateMode()]);
      setFixError(failure);
      setWorking(false);
    }
  };

  const problemText: Record<string, string> = {
    lbacGpBlank: t('lbacGpBlank', 'The global property {{gp}} is blank, so the module cannot store patient locations.', { gp: LBAC_ATTRIBUTE_TYPE_GP }),
    lbacTypeMissing: t('lbacTypeMissing', 'The global property {{gp}} names an attribute type that does not exist. Fix it in the legacy admin; the app does not change it.', { gp: LBAC_ATTRIBUTE_TYPE_GP }),
    typeMissing: t('typeMissing', 'The attribute type "{{name}}" does not exist yet.', { name: APP_ATTRIBUTE_TYPE_NAME }),
    typeWrongFormat: t('typeWrongFormat', 'The configured attribute type does not have the format org.openmrs.Location.'),
    typeRetired: t('typeRetired', 'The configured attribute type is retired.'),
  };

  return (
    <div className={layout.page}>
      <h2 className={layout.heading}>{t('setupCheck', 'Setup check')}</h2>

      <section className={layout.panel} aria-labelledby="setup-privileges">
        <h3 id="setup-privileges" className={layout.subheading}>
          {t('appPrivileges', 'Privileges')}
        </h3>
        <ul className={layout.checkList}>
          {APP_PRIVILEGES.map((p) => (
            <li key={p.name} className={layout.checkItem}>
              <strong>{p.name}</strong>
              <Status ok={!missing.includes(p.name)} okText={t('present', 'Present')} missingText={t('missing', 'Missing')} />
            </li>
          ))}
        </ul>
      </section>

      <section className={layout.panel} aria-labelledby="setup-attribute">
        <h3 id="setup-attribute" className={layout.subheading}>
          {t('patientLocationStorage', 'Where patient locations are stored')}
        </h3>
        <p>
          {mode.kind === 'lbac'
            ? t('modeLbac', 'The locationbasedaccess module is installed: its attribute type (named by {{gp}}) holds the location uuid, written through /lbac/patient-migration.', { gp: LBAC_ATTRIBUTE_TYPE_GP })
            : t('modeAttribute', 'The locationbasedaccess module is not installed: the app\'s own attribute type "{{name}}" (format org.openmrs.Location) holds the location.', { name: APP_ATTRIBUTE_TYPE_NAME })}
        </p>
        <div className={layout.checkItem}>
          <strong>{t('attributeType', 'Attribute type')}</strong>
          <Status
            ok={!problem}
            okText={`${mode.attributeType?.name ?? ''} (${mode.attributeTypeUuid ?? ''})`}
            missingText={problem ? problemText[problem] : ''}
          />
        </div>
        {mode.kind === 'attribute' && mode.attributeTypeUuid && mode.attributeTypeUuid !== mode.configuredUuid && (
          <p className={layout.help}>
            {t('typeFoundByName', 'Found by name with uuid {{uuid}}; set the config key patientLocationAttributeTypeUuid to it so other tools can find it.', { uuid: mode.attributeTypeUuid })}
          </p>
        )}
      </section>

      <section className={layout.panel} aria-labelledby="setup-enforcement">
        <h3 id="setup-enforcement" className={layout.subheading}>
          {t('serverEnforcement', 'Server-side enforcement')}
        </h3>
        {mode.kind === 'lbac' ? (
          <>
            <Status ok okText={t('enforcementPresent', 'Present: the locationbasedaccess module filters what users see.')} missingText="" />
            <ul className={layout.checkList} aria-label={t('lbacSwitches', 'Module switches')}>
              {(switches ?? []).map((s) => (
                <li key={s.property} className={layout.checkItem}>
                  <code>{s.property}</code>
                  <span>{s.on ? t('switchOn', 'On') : t('switchOff', 'Off ({{value}})', { value: s.value ?? t('notSet', 'not set') })}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <InlineNotification
            kind="warning"
            lowContrast
            hideCloseButton
            title={t('noEnforcement', 'No server-side enforcement')}
            subtitle={t('noEnforcementDetail', 'Assignments are recorded, but searches are not filtered by the server. Install the locationbasedaccess module to enforce them.')}
          />
        )}
        <p className={layout.help}>
          {t(
            'lbacRequiredModules',
            'The locationbasedaccess module (0.2.0) requires the uiframework and appui modules: OpenMRS does not start it without them.',
          )}
        </p>
      </section>

      <RequesterRoleCheck />

      {fixError ? <ErrorNotice title={t('couldNotCreate', 'Could not create everything')} error={fixError} /> : null}
      <div className={layout.actions}>
        <Button kind="primary" disabled={!somethingToFix || working} onClick={fix}>
          {somethingToFix ? t('createMissing', 'Create what is missing') : t('nothingMissing', 'Nothing is missing')}
        </Button>
        {working && <InlineLoading description={t('creating', 'Creating…')} />}
      </div>
    </div>
  );
};

export default SetupCheck;
