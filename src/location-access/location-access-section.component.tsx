import React from 'react';
import { Route, Routes } from 'react-router-dom';
import { useSession } from '@openmrs/esm-framework';
import { useTranslation } from '../common/use-translation';
import RequirePrivilege from '../common/require-privilege.component';
import SectionNavigation from '../common/section-navigation.component';
import { privileges } from '../common/privileges';
import UserLocations from './users/user-locations.component';
import PatientLocation from './patients/patient-location.component';
import BulkAssign from './patients/bulk-assign.component';
import MovePatients from './patients/move-patients.component';
import LocationReport from './report/location-report.component';
import MergeLocations from './merge/merge-locations.component';
import SetupCheck from './setup/setup-check.component';
import LocationRequests from './requests/location-requests.component';
import { usePendingRequestCount } from './requests/location-requests.resource';
import PatientLocationRequest from './requests/patient-location-request.component';
import { mayRequestPatientMoves } from './requests/may-request-locations';

/** Location access: users' and patients' locations, merging locations, a report and the setup check, each behind its privilege. */
const LocationAccessSection: React.FC = () => {
  const { t } = useTranslation();
  const pendingRequests = usePendingRequestCount();
  const mayRequestMoves = mayRequestPatientMoves(useSession()?.user);
  return (
    <>
      <SectionNavigation
        label={t('locationAccessPages', 'Location access pages')}
        links={[
          { to: '.', label: t('userLocations', 'User locations'), end: true },
          { to: 'patient', label: t('onePatient', 'One patient') },
          { to: 'bulk', label: t('bulkAssign', 'Bulk assign') },
          { to: 'move', label: t('moveLocation', 'Move patients') },
          { to: 'merge', label: t('mergeLocations', 'Merge locations') },
          {
            to: 'requests',
            label: pendingRequests ? t('requestsWithCount', 'Requests ({{count}})', { count: pendingRequests }) : t('locationRequests', 'Requests'),
          },
          { to: 'report', label: t('report', 'Report') },
          { to: 'setup', label: t('setupCheck', 'Setup check') },
        ]}
      />
      <Routes>
        <Route
          index
          element={
            <RequirePrivilege privilege={privileges.manageLocationAccess}>
              <UserLocations />
            </RequirePrivilege>
          }
        />
        <Route
          path="patient"
          element={
            <RequirePrivilege privilege={privileges.assignPatientLocations} fallback={mayRequestMoves ? <PatientLocationRequest /> : undefined}>
              <PatientLocation />
            </RequirePrivilege>
          }
        />
        <Route
          path="bulk"
          element={
            <RequirePrivilege privilege={privileges.bulkChangePatientLocations}>
              <BulkAssign />
            </RequirePrivilege>
          }
        />
        <Route
          path="move"
          element={
            <RequirePrivilege privilege={privileges.bulkChangePatientLocations}>
              <MovePatients />
            </RequirePrivilege>
          }
        />
        <Route
          path="merge"
          element={
            <RequirePrivilege privilege={privileges.manageLocationAccess}>
              <RequirePrivilege privilege={privileges.bulkChangePatientLocations}>
                <MergeLocations />
              </RequirePrivilege>
            </RequirePrivilege>
          }
        />
        <Route
          path="requests"
          element={
            <RequirePrivilege privilege={privileges.manageLocationAccess}>
              <LocationRequests />
            </RequirePrivilege>
          }
        />
        <Route
          path="report"
          element={
            <RequirePrivilege privilege={privileges.manageLocationAccess}>
              <LocationReport />
            </RequirePrivilege>
          }
        />
        <Route
          path="setup"
          element={
            <RequirePrivilege privilege={privileges.manageLocationAccess}>
              <SetupCheck />
            </RequirePrivilege>
          }
        />
      </Routes>
    </>
  );
};

export default LocationAccessSection;
