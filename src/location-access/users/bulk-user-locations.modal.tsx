import React, { useState } from 'react';
import { Button, ModalBody, ModalHeader, Select, SelectItem, TextInput } from '@carbon/react';
import { useConfig } from '@openmrs/esm-framework';
import type { Config } from '../../config-schema';
import { useTranslation } from '../../common/use-translation';
import { useModalFocus } from '../../common/use-modal-focus';
import { useBulkDialogFocus } from '../../common/use-bulk-dialog-focus';
import type { ChangingModalProps } from '../../common/show-changing-modal';
import BulkProgress from '../../common/bulk-progress.component';
import BulkModalFooter from '../../common/bulk-modal-footer.component';
import { runBulk, type BulkOutcome } from '../../common/bulk-runner';
import { explainingRefusal } from '../../common/edit-refusal-text';
import type { LocationInfo } from '../location-storage-io';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { addUserLocation, removeUserLocation, type LocationUser } from '../user-locations-io';
import { locationOptions } from '../location-labels';
import { today } from '../assignment-end-dates';
import { givable, type Giver } from '../location-giving';

export interface BulkUserLocationsModalProps extends ChangingModalProps {
  action: 'add' | 'remove';
  users: LocationUser[];
  locations: LocationInfo[];
  /** the administrator: only the locations they may give are offered to add, and the write refuses the rest */
  giver?: Giver;
}

/** Adds one location to, or removes it from, each selected user, with the progress and each user's result. */
const BulkUserLocationsModal: React.FC<BulkUserLocationsModalProps> = ({
  action,
  users,
  locations,
  giver,
  closeModal,
  onChange,
}) => {
  const { t } = useTranslation();
  const config = useConfig<Config>();
  const [location, setLocation] = useState('');
  const [endDay, setEndDay] = useState('');
  const pastDay = Boolean(endDay) && endDay < today();
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome<LocationUser> | null>(null);
  const [pending, setPending] = useState(users);
  const { progressRef, doneRef } = useBulkDialogFocus(running, outcome !== null);
  const headerRef = useModalFocus();

  const start = async (items: LocationUser[]) => {
    setRunning(true);
    const offset = users.length - items.length;
    setDone(offset);
    const result = await runBulk(
      items,
      (user) =>
        explainingRefusal(t, () =>
          action === 'add'
            ? addUserLocation(openmrsRestClient, user.uuid, location, { giver, endDay: endDay || null })
            : removeUserLocation(openmrsRestClient, user.uuid, location),
        ),
      { concurrency: config.bulkConcurrency, onProgress: (p) => setDone(offset + p.done) },
    );
    setOutcome(result);
    if (result.succeeded > 0) {
      onChange();
    }
    setRunning(false);
    setPending([
      ...result.remaining,
      ...result.results.filter((r) => r.status === 'failed' && !r.permanent).map((r) => r.item),
    ]);
  };
  const started = running || outcome !== null;
  const title =
    action === 'add'
      ? t('assignLocationToUsers', 'Assign a location to {{count}} users', {
          defaultValue_one: 'Assign a location to {{count}} user',
          count: users.length,
        })
      : t('removeLocationFromUsers', 'Remove a location from {{count}} users', {
          defaultValue_one: 'Remove a location from {{count}} user',
          count: users.length,
        });

  return (
    <>
      <ModalHeader ref={headerRef} title={title} closeModal={closeModal} />
      <ModalBody hasForm>
        {!started && (
          <Select
            id="bulk-user-location"
            labelText={t('location', 'Location')}
            value={location}
            onChange={(e) => setLocation(e.target.value)}
          >
            <SelectItem value="" text={t('chooseLocation', 'Choose a location')} />
            {locationOptions(action === 'add' ? givable(giver, locations) : locations, t)}
          </Select>
        )}
        {!started && action === 'add' && (
          <TextInput
            id="bulk-user-location-end"
            type="date"
            labelText={t('requestEndDate', 'Last day of access (optional)')}
            helperText={t('bulkEndDateHelp', 'Empty: no end. A user who already holds the location keeps the longer access.')}
            value={endDay}
            min={today()}
            invalid={pastDay}
            invalidText={t('endDateInPast', 'The last day cannot be in the past.')}
            onChange={(e) => setEndDay(e.target.value)}
          />
        )}
        {started && (
          <div ref={progressRef} tabIndex={-1}>
            <BulkProgress
              done={done}
              total={users.length}
              outcome={outcome}
              itemLabel={(u: LocationUser) => `${u.name} (${u.username})`}
            />
          </div>
        )}
      </ModalBody>
      <BulkModalFooter
        doneRef={doneRef}
        running={running}
        ended={outcome !== null}
        onClose={closeModal}
        confirm={
          <Button kind="primary" disabled={!location || pastDay} onClick={() => start(pending)}>
            {action === 'add' ? t('assign', 'Assign') : t('remove', 'Remove')}
          </Button>
        }
        remaining={pending.length}
        onRetry={() => start(pending)}
      />
    </>
  );
};

export default BulkUserLocationsModal;
