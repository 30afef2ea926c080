import React from 'react';
import { InlineNotification } from '@carbon/react';
import { useSession } from '@openmrs/esm-framework';
import { useTranslation } from '../../common/use-translation';
import { hasSystemDeveloperRoleDirectly } from '../../common/openmrs-facts';
import type { StorageMode } from '../location-storage-io';
import layout from '../page-layout.scss';

interface LbacHiddenNoteProps {
  mode: StorageMode;
  /** 'scan': listed by FHIR but their records could not be read; 'job': the migration answered 404; 'search': nothing found */
  context: 'scan' | 'job' | 'search';
  count?: number;
}

/**
 * Why patients go missing or cannot be assigned. With LBAC, PatientServiceInterceptorAdvice hides from
 * anyone but a System Developer every patient without a location yet or at a location not among theirs:
 * REST reads answer 404, searches leave them out, and /lbac/patient-migration answers 404 "Patient not found".
 */
const LbacHiddenNote: React.FC<LbacHiddenNoteProps> = ({ mode, context, count = 0 }) => {
  const { t } = useTranslation();
  const session = useSession();
  const lbacHides = mode.kind === 'lbac' && !hasSystemDeveloperRoleDirectly(session?.user);
  if (context === 'search' && !lbacHides) {
    return null;
  }
  const why = t(
    'lbacHidesPatients',
    'The locationbasedaccess module shows you only the patients at your locations. A patient who has no location yet, or whose location is not one of yours, is invisible to everyone but a System Developer, so only a System Developer can assign it.',
  );
  if (context === 'search') {
    return <p className={layout.help}>{why}</p>;
  }
  if (!count) {
    return null;
  }
  const title =
    context === 'job'
      ? lbacHides
        ? t('patientsHiddenNotAssigned', '{{count}} patients could not be assigned: the server does not show them to you', {
            defaultValue_one: '{{count}} patient could not be assigned: the server does not show it to you',
            count,
          })
        : t('patientsGoneNotAssigned', '{{count}} patients could not be assigned: the server no longer has them', {
            defaultValue_one: '{{count}} patient could not be assigned: the server no longer has it',
            count,
          })
      : lbacHides
        ? t('patientsHiddenLeftOut', '{{count}} patients listed by FHIR were left out: the server does not show you their records', {
            defaultValue_one: '{{count}} patient listed by FHIR was left out: the server does not show you its record',
            count,
          })
        : t('patientsGoneLeftOut', '{{count}} patients listed by FHIR were left out: their records are gone (voided since they were listed)', {
            defaultValue_one: '{{count}} patient listed by FHIR was left out: its record is gone (voided since it was listed)',
            count,
          });
  const subtitle = lbacHides
    ? `${why} ${context === 'job' ? t('retryWillNotHelp', 'Trying again will not help; ask a System Developer to assign them.') : ''}`.trim()
    : undefined;
  return <InlineNotification kind="warning" lowContrast hideCloseButton title={title} subtitle={subtitle} />;
};

export default LbacHiddenNote;
