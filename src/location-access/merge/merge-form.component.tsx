import React, { useState } from 'react';
import { Button, Checkbox, FormGroup, RadioButton, RadioButtonGroup, Select, SelectItem, TextInput } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import type { ModeGateData } from '../mode-gate.component';
import { locationName, locationOptions } from '../location-labels';
import { jobItemsOf, ScanStatus, usePatientScan } from '../patients/patient-selection.component';
import { fetchMergeUsers, type MergeItem, type MergeUser } from './merge-io';
import { patientsAt, usersHolding } from './merge-plan';
import { useCanManageLocations, useLocationTags } from './merge.resource';
import MergePreview from './merge-preview.component';
import { newMerge, type StoredMerge } from './merge-store';
import layout from '../page-layout.scss';
import styles from './merge-locations.scss';

interface MergeFormProps {
  data: ModeGateData;
  onStart(merge: StoredMerge): void;
}

/** Choose the locations to merge and the target (existing or new), preview what moves, then start. */
const MergeForm: React.FC<MergeFormProps> = ({ data, onStart }) => {
  const { t } = useTranslation();
  const canManageLocations = useCanManageLocations();
  const { tags, error: tagsError } = useLocationTags();
  const [sources, setSources] = useState<string[]>([]);
  const [targetKind, setTargetKind] = useState<'existing' | 'new'>('existing');
  const [existingTarget, setExistingTarget] = useState('');
  const [newName, setNewName] = useState('');
  const [newTags, setNewTags] = useState<string[]>([]);
  const [retire, setRetire] = useState(false);
  const [users, setUsers] = useState<MergeUser[] | null>(null);
  const [usersError, setUsersError] = useState<unknown>(null);
  const [loadingUsers, setLoadingUsers] = useState(false);
  const scan = usePatientScan(data);

  const resetPreview = () => {
    setUsers(null);
    scan.reset();
  };
  const name = (uuid: string) => locationName(data.byUuid.get(uuid), uuid, t);
  const trimmedName = newName.trim();
  const nameTaken = data.locations.some((l) => !l.retired && l.name.trim().toLowerCase() === trimmedName.toLowerCase());
  const targetProblem =
    targetKind === 'existing'
      ? !existingTarget
        ? t('mergeChooseTarget', 'Choose the location to merge into.')
        : sources.includes(existingTarget)
          ? t('mergeTargetIsSource', 'The target cannot be one of the merged locations.')
          : null
      : !trimmedName
        ? t('mergeNameTarget', 'Give the new location a name.')
        : nameTaken
          ? t('mergeNameTaken', 'A location named "{{name}}" already exists.', { name: trimmedName })
          : null;
  const targetLabel = targetKind === 'existing' ? name(existingTarget) : trimmedName;

  const preview = async () => {
    setUsersError(null);
    setUsers(null);
    setLoadingUsers(true);
    try {
      setUsers(await fetchMergeUsers(openmrsRestClient));
    } catch (error) {
      setUsersError(error);
      return;
    } finally {
      setLoadingUsers(false);
    }
    await scan.scan({ includeDead: true });
  };

  const start = () => {
    const items: MergeItem[] = [
      ...usersHolding(users ?? [], sources).map((u) => ({ kind: 'user' as const, uuid: u.uuid, label: u.name ? `${u.name} (${u.username})` : u.username })),
      ...jobItemsOf(patientsAt(scan.rows ?? [], sources)).map((p) => ({ kind: 'patient' as const, ...p })),
    ];
    const target =
      targetKind === 'existing'
        ? { uuid: existingTarget, display: name(existingTarget), tagUuids: [] }
        : { uuid: null, display: trimmedName, tagUuids: newTags };
    onStart(newMerge(sources.map((uuid) => ({ uuid, display: name(uuid) })), target, items, retire && canManageLocations));
  };

  const previewReady = users && scan.rows && !scan.scanning;
  return (
    <div className={layout.panel}>
      <FormGroup legendText={t('mergeSources', 'Locations to merge')} className={styles.choices}>
        {data.locations.map((location) => (
          <Checkbox
            key={location.uuid}
            id={`merge-source-${location.uuid}`}
            labelText={name(location.uuid)}
            checked={sources.includes(location.uuid)}
            onChange={(_event, { checked }) => {
              setSources((current) => (checked ? [...current, location.uuid] : current.filter((uuid) => uuid !== location.uuid)));
              resetPreview();
            }}
          />
        ))}
      </FormGroup>
      <RadioButtonGroup
        legendText={t('mergeTarget', 'Merge into')}
        name="merge-target-kind"
        valueSelected={targetKind}
        onChange={(value) => {
          setTargetKind(value as 'existing' | 'new');
          resetPreview();
        }}
      >
        <RadioButton id="merge-target-existing" value="existing" labelText={t('mergeIntoExisting', 'An existing location')} />
        <RadioButton id="merge-target-new" value="new" labelText={t('mergeIntoNew', 'A new location')} disabled={!canManageLocations} />
      </RadioButtonGroup>
      {!canManageLocations && (
        <p className={layout.help}>
          {t('mergeNeedsManageLocations', 'Creating a location and retiring the merged ones need the privilege "Manage Locations".')}
        </p>
      )}
      {targetKind === 'existing' ? (
        <Select id="merge-target" labelText={t('mergeTargetLocation', 'Target location')} value={existingTarget} onChange={(e) => setExistingTarget(e.target.value)}>
          <SelectItem value="" text={t('chooseLocation', 'Choose a location')} />
          {locationOptions(data.locations.filter((l) => !sources.includes(l.uuid)), t)}
        </Select>
      ) : (
        <div className={styles.newTarget}>
          <TextInput
            id="merge-new-name"
            labelText={t('mergeNewName', 'Name of the new location')}
            value={newName}
            invalid={nameTaken}
            invalidText={nameTaken ? t('mergeNameTaken', 'A location named "{{name}}" already exists.', { name: trimmedName }) : undefined}
            onChange={(e) => setNewName(e.target.value)}
          />
          {tagsError ? <ErrorNotice title={t('couldNotLoadTags', 'Could not load the location tags')} error={tagsError} /> : null}
          <FormGroup legendText={t('mergeNewTags', 'Tags of the new location')} className={styles.choices}>
            {(tags ?? []).map((tag) => (
              <Checkbox
                key={tag.uuid}
                id={`merge-tag-${tag.uuid}`}
                labelText={tag.display}
                checked={newTags.includes(tag.uuid)}
                onChange={(_event, { checked }) =>
                  setNewTags((current) => (checked ? [...current, tag.uuid] : current.filter((uuid) => uuid !== tag.uuid)))
                }
              />
            ))}
          </FormGroup>
        </div>
      )}
      <Checkbox
        id="merge-retire"
        labelText={t('mergeRetireSources', 'Retire the merged locations afterwards (never deleted)')}
        checked={retire && canManageLocations}
        disabled={!canManageLocations}
        onChange={(_event, { checked }) => setRetire(checked)}
      />
      <p className={layout.help}>
        {t(
          'mergeCostNote',
          'The preview reads every user (100 per request) and every patient, as the report\'s "Count every patient" does.',
        )}
      </p>
      {sources.length > 0 && targetProblem && <p className={styles.problem}>{targetProblem}</p>}
      <Button kind="secondary" disabled={!sources.length || !!targetProblem || loadingUsers || scan.scanning} onClick={preview}>
        {t('mergePreview', 'Preview the merge')}
      </Button>
      {usersError ? <ErrorNotice title={t('couldNotLoadReportUsers', 'Could not load users')} error={usersError} /> : null}
      <ScanStatus scan={scan} />
      {previewReady && (
        <MergePreview data={data} sources={sources} targetLabel={targetLabel} users={users} patients={scan.rows ?? []} unreadable={scan.unreadable} retire={retire && canManageLocations}>
          <Button kind="primary" disabled={!!targetProblem} onClick={start}>
            {t('mergeStart', 'Merge into {{target}}', { target: targetLabel })}
          </Button>
        </MergePreview>
      )}
    </div>
  );
};

export default MergeForm;
