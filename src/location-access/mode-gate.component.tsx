import React from 'react';
import { DataTableSkeleton, InlineNotification } from '@carbon/react';
import { useTranslation } from '../common/use-translation';
import ErrorNotice from '../common/error-notice.component';
import { Link } from 'react-router-dom';
import { storageProblem, type LocationInfo, type StorageMode } from './location-storage-io';
import { useAllLocations, useStorageMode } from './location-access.resource';

export interface ModeGateData {
  mode: StorageMode;
  locations: LocationInfo[];
  byUuid: Map<string, LocationInfo>;
  known: Set<string>;
}

interface ModeGateProps {
  children(data: ModeGateData): React.ReactNode;
}

/** Loads the storage mode and the locations; renders the page only when patient locations can be used. */
const ModeGate: React.FC<ModeGateProps> = ({ children }) => {
  const { t } = useTranslation();
  const { mode, error: modeError, isLoading: modeLoading } = useStorageMode();
  const { locations, byUuid, known, loaded, error: locationsError, isLoading: locationsLoading } = useAllLocations();
  // a failed re-fetch (e.g. on focus, during a job) keeps the page and its job on screen
  if ((modeError && !mode) || (locationsError && !loaded)) {
    return (
      <ErrorNotice
        title={t('couldNotLoadLocationSetup', 'Could not load the locations and the patient location setup')}
        error={modeError ?? locationsError}
      />
    );
  }
  if (modeLoading || locationsLoading || !mode) {
    return <DataTableSkeleton role="progressbar" zebra aria-label={t('loading', 'Loading')} />;
  }
  if (storageProblem(mode)) {
    return (
      <div>
        <InlineNotification
          kind="warning"
          lowContrast
          hideCloseButton
          title={t('patientLocationNotReady', 'Patient locations are not set up on this server')}
          subtitle={t('patientLocationNotReadyDetail', 'The attribute type that holds a patient\'s location is missing or unusable.')}
        />
        <Link to="../setup" relative="path">{t('openSetupCheck', 'Open the setup check')}</Link>
      </div>
    );
  }
  return <>{children({ mode, locations, byUuid, known })}</>;
};

export default ModeGate;
