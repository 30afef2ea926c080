import React from 'react';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import type { ModeGateData } from '../mode-gate.component';
import { locationName } from '../location-labels';
import type { PatientRow } from '../patient-rows';
import LbacHiddenNote from '../patients/lbac-hidden-note.component';
import { mergeCounts, type MergeUserInput } from './merge-plan';
import layout from '../page-layout.scss';

interface MergePreviewProps {
  data: ModeGateData;
  sources: string[];
  targetLabel: string;
  users: MergeUserInput[];
  patients: PatientRow[];
  /** patients FHIR listed whose records REST would not show (LBAC) */
  unreadable: number;
  retire: boolean;
  /** the start button */
  children: React.ReactNode;
}

/** What the merge will change, with counts per merged location, before anything is written. */
const MergePreview: React.FC<MergePreviewProps> = ({ data, sources, targetLabel, users, patients, unreadable, retire, children }) => {
  const { t } = useTranslation();
  const counts = mergeCounts(users, patients, sources);
  return (
    <section className={layout.panel} aria-label={t('mergePreviewTitle', 'What the merge changes')}>
      <h3 className={layout.subheading}>{t('mergePreviewTitle', 'What the merge changes')}</h3>
      <Table size="sm" useZebraStyles aria-label={t('mergePreviewTable', 'Users and patients per merged location')}>
        <TableHead>
          <TableRow>
            <TableHeader>{t('location', 'Location')}</TableHeader>
            <TableHeader>{t('users', 'Users')}</TableHeader>
            <TableHeader>{t('patients', 'Patients')}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {sources.map((uuid) => (
            <TableRow key={uuid}>
              <TableCell>{locationName(data.byUuid.get(uuid), uuid, t)}</TableCell>
              <TableCell>{counts.perSource[uuid].users}</TableCell>
              <TableCell>{counts.perSource[uuid].patients}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ul className={layout.help} aria-label={t('mergeMoves', 'Moves to {{target}}', { target: targetLabel })}>
        <li>{t('mergeAssignmentsCount', 'Users with a merged location among their locations: {{count}}', { count: counts.assignments })}</li>
        <li>{t('mergeDefaultsCount', 'Users whose default location is a merged location: {{count}}', { count: counts.defaults })}</li>
        <li>{t('mergeDatedCount', 'Users with an assignment that ends on a date at a merged location: {{count}}', { count: counts.datedAssignments })}</li>
        <li>{t('mergePatientsCount', 'Patients at a merged location: {{count}}', { count: counts.patients })}</li>
      </ul>
      <LbacHiddenNote mode={data.mode} context="scan" count={unreadable} />
      <p className={layout.help}>
        {t('mergeClinicalNote', 'Visits, encounters and other clinical records keep their location.')}{' '}
        {retire
          ? t('mergeRetireNote', 'Once everything has moved, the merged locations are retired (not deleted); a location that still holds anything is not retired.')
          : t('mergeKeepNote', 'The merged locations stay active.')}
      </p>
      {children}
    </section>
  );
};

export default MergePreview;
