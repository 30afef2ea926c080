import React, { useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  FormGroup,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Select,
  SelectItem,
  TextInput,
} from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import { useModalFocus } from '../../common/use-modal-focus';
import type { ChangingModalProps } from '../../common/show-changing-modal';
import ErrorNotice from '../../common/error-notice.component';
import { explainingRefusal } from '../../common/edit-refusal-text';
import type { LocationInfo } from '../location-storage-io';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { setUserLocations, type LocationUser } from '../user-locations-io';
import { locationName } from '../location-labels';
import { today, withEndDate, type EndDates } from '../assignment-end-dates';
import { givable, type Giver } from '../location-giving';
import styles from './edit-user-locations.scss';

export interface EditUserLocationsModalProps extends ChangingModalProps {
  user: LocationUser;
  locations: LocationInfo[];
  byUuid: Map<string, LocationInfo>;
  /** the administrator: only the locations they may give are offered, and the write refuses the rest */
  giver?: Giver;
}

/** One user's locations and default location, saved together. */
const EditUserLocationsModal: React.FC<EditUserLocationsModalProps> = ({
  user,
  locations,
  byUuid,
  giver,
  closeModal,
  onChange,
}) => {
  const { t } = useTranslation();
  const headerRef = useModalFocus();
  const [selected, setSelected] = useState<string[]>(user.locations);
  const [defaultLocation, setDefaultLocation] = useState<string>(user.defaultLocation ?? '');
  const [endDates, setEndDates] = useState<EndDates>(user.endDates);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // the active locations plus any the user already has (retired or unknown), so nothing is dropped unseen
  const items = useMemo(() => {
    const list = givable(giver, locations)
      .filter((l) => !l.retired)
      .map((l) => ({
        id: l.uuid,
        text: l.isLoginLocation ? t('loginLocationName', '{{name}} (login location)', { name: l.name }) : l.name,
      }));
    for (const uuid of user.locations) {
      if (!list.some((i) => i.id === uuid)) {
        list.push({ id: uuid, text: locationName(byUuid.get(uuid), uuid, t) });
      }
    }
    return list;
  }, [giver, locations, user.locations, byUuid, t]);
  const pastDates = selected.filter(
    (uuid) => endDates[uuid] && endDates[uuid] < today() && endDates[uuid] !== user.endDates[uuid],
  );
  const effectiveDefault = selected.includes(defaultLocation) ? defaultLocation : (selected[0] ?? '');

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await explainingRefusal(t, () =>
        setUserLocations(openmrsRestClient, user.uuid, selected, effectiveDefault || null, { giver, endDates }),
      );
      onChange();
      closeModal();
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  return (
    <>
      <ModalHeader
        ref={headerRef}
        title={t('locationsOfUser', 'Locations of {{name}}', { name: user.name || user.username })}
        closeModal={closeModal}
      />
      <ModalBody hasForm className={styles.locationsModalBody}>
        {/* Checkboxes, not Carbon's MultiSelect: its options nest a focusable checkbox inside role="option"
            (axe: nested-interactive), and its list is clipped by a small modal. */}
        <FormGroup
          legendText={t('userLocationsLabel', 'Locations this user can access')}
          className={styles.locationChoices}
        >
          {items.map((item) => (
            <Checkbox
              key={item.id}
              id={`user-location-${item.id}`}
              labelText={item.text}
              checked={selected.includes(item.id)}
              onChange={(_event, { checked }) =>
                setSelected((current) =>
                  checked
                    ? [...current.filter((uuid) => uuid !== item.id), item.id]
                    : current.filter((uuid) => uuid !== item.id),
                )
              }
            />
          ))}
        </FormGroup>
        <Select
          id="user-default-location"
          labelText={t('defaultLocationLabel', 'Default location (used at login)')}
          // a disabled field greys its helper text below a readable contrast; with no location it has nothing to add
          helperText={selected.length ? t('defaultLocationHelp', 'Always one of the locations above.') : undefined}
          value={effectiveDefault}
          disabled={!selected.length}
          onChange={(e) => setDefaultLocation(e.target.value)}
        >
          {!selected.length && <SelectItem value="" text={t('noLocation', 'No location')} />}
          {selected.map((uuid) => (
            <SelectItem key={uuid} value={uuid} text={items.find((i) => i.id === uuid)?.text ?? uuid} />
          ))}
        </Select>
        {selected.length > 0 && (
          <FormGroup legendText={t('endDatesLegend', 'Access ends (optional; empty: no end)')}>
            {selected.map((uuid) => (
              <TextInput
                key={uuid}
                id={`user-location-end-${uuid}`}
                type="date"
                size="sm"
                labelText={t('lastDayAt', 'Last day at {{name}}', { name: items.find((i) => i.id === uuid)?.text ?? uuid })}
                value={endDates[uuid] ?? ''}
                invalid={pastDates.includes(uuid)}
                invalidText={t('endDateInPast', 'The last day cannot be in the past.')}
                onChange={(e) => setEndDates((current) => withEndDate(current, uuid, e.target.value || null))}
              />
            ))}
          </FormGroup>
        )}
        {Boolean(error) && <ErrorNotice title={t('couldNotSave', 'Could not save')} error={error} />}
      </ModalBody>
      <ModalFooter>
        <Button kind="secondary" onClick={closeModal}>
          {t('cancel', 'Cancel')}
        </Button>
        <Button kind="primary" onClick={save} disabled={saving || pastDates.length > 0}>
          {t('save', 'Save')}
        </Button>
      </ModalFooter>
    </>
  );
};

export default EditUserLocationsModal;
