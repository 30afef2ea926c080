import React, { useMemo, useState } from 'react';
import {
  Button,
  Checkbox,
  ComposedModal,
  DataTable,
  FormGroup,
  ModalBody,
  ModalFooter,
  ModalHeader,
  Select,
  SelectItem,
  Table,
  TableBatchAction,
  TableBatchActions,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  TableSelectAll,
  TableSelectRow,
  TableToolbar,
  TableToolbarContent,
  TableToolbarSearch,
  Tile,
} from '@carbon/react';
import { ListLoading } from '../../common/list-loading.component';
import { LOCATION_USERS_LIST } from '../../common/list-progress';
import { Edit, Location, SubtractAlt } from '@carbon/react/icons';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { useBulkDialogFocus } from '../../common/use-bulk-dialog-focus';
import { useSearchParams } from 'react-router-dom';
import BulkProgress from '../../common/bulk-progress.component';
import { runBulk, type BulkOutcome } from '../../common/bulk-runner';
import { useEditRefusal } from '../../common/use-edit-refusal';
import { explainingRefusal } from '../../common/edit-refusal-text';
import EditRefusalNote from '../../common/edit-refusal-note.component';
import { useConfig } from '@openmrs/esm-framework';
import type { Config } from '../../config-schema';
import type { LocationInfo } from '../location-storage-io';
import type { LocationUser } from '../user-locations-io';
import {
  assignUserLocation,
  saveUserLocations,
  unassignUserLocation,
  useAllLocations,
  useLocationUsers,
} from '../location-access.resource';
import { locationName, locationOptions } from '../location-labels';
import styles from '../location-access.scss';
import TablePagination from '../../common/table-pagination.component';

/** Users matching the search (name or username, words ANDed) and the location filter ('', 'none' or a uuid). */
export function filterUsers(users: LocationUser[], query: string, location: string): LocationUser[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return users.filter((user) => {
    if (user.retired) {
      return false;
    }
    const text = `${user.name} ${user.username}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) {
      return false;
    }
    if (location === 'none') {
      return user.locations.length === 0;
    }
    return !location || user.locations.includes(location);
  });
}

interface EditModalProps {
  user: LocationUser;
  locations: LocationInfo[];
  byUuid: Map<string, LocationInfo>;
  onClose(saved: boolean): void;
}

const EditUserLocationsModal: React.FC<EditModalProps> = ({ user, locations, byUuid, onClose }) => {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string[]>(user.locations);
  const [defaultLocation, setDefaultLocation] = useState<string>(user.defaultLocation ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // the active locations plus any the user already has (retired or unknown), so nothing is dropped unseen
  const items = useMemo(() => {
    const list = locations.filter((l) => !l.retired).map((l) => ({ id: l.uuid, text: l.isLoginLocation ? t('loginLocationName', '{{name}} (login location)', { name: l.name }) : l.name }));
    for (const uuid of user.locations) {
      if (!list.some((i) => i.id === uuid)) {
        list.push({ id: uuid, text: locationName(byUuid.get(uuid), uuid, t) });
      }
    }
    return list;
  }, [locations, user.locations, byUuid, t]);
  const effectiveDefault = selected.includes(defaultLocation) ? defaultLocation : (selected[0] ?? '');

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await explainingRefusal(t, () => saveUserLocations(user.uuid, selected, effectiveDefault || null));
      onClose(true);
    } catch (e) {
      setError(e);
      setSaving(false);
    }
  };

  return (
    <ComposedModal open onClose={() => onClose(false)} preventCloseOnClickOutside size="sm">
      <ModalHeader title={t('locationsOfUser', 'Locations of {{name}}', { name: user.name || user.username })} closeModal={() => onClose(false)} />
      <ModalBody hasForm className={styles.locationsModalBody}>
        {/* Checkboxes, not Carbon's MultiSelect: its options nest a focusable checkbox inside role="option"
            (axe: nested-interactive), and its list is clipped by a small modal. */}
        <FormGroup legendText={t('userLocationsLabel', 'Locations this user can access')} className={styles.locationChoices}>
          {items.map((item) => (
            <Checkbox
              key={item.id}
              id={`user-location-${item.id}`}
              labelText={item.text}
              checked={selected.includes(item.id)}
              onChange={(_event, { checked }) =>
                setSelected((current) =>
                  checked ? [...current.filter((uuid) => uuid !== item.id), item.id] : current.filter((uuid) => uuid !== item.id),
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
        {Boolean(error) && (
          <ErrorNotice title={t('couldNotSave', 'Could not save')} error={error} />
        )}
      </ModalBody>
      <ModalFooter>
        <Button kind="secondary" onClick={() => onClose(false)}>
          {t('cancel', 'Cancel')}
        </Button>
        <Button kind="primary" onClick={save} disabled={saving}>
          {t('save', 'Save')}
        </Button>
      </ModalFooter>
    </ComposedModal>
  );
};

interface BulkUserModalProps {
  action: 'add' | 'remove';
  users: LocationUser[];
  locations: LocationInfo[];
  onClose(changed: boolean): void;
}

const BulkUserLocationModal: React.FC<BulkUserModalProps> = ({ action, users, locations, onClose }) => {
  const { t } = useTranslation();
  const config = useConfig<Config>();
  const [location, setLocation] = useState('');
  const [done, setDone] = useState(0);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome<LocationUser> | null>(null);
  const [pending, setPending] = useState(users);
  const { progressRef, doneRef } = useBulkDialogFocus(running, outcome !== null);

  const start = async (items: LocationUser[]) => {
    setRunning(true);
    const offset = users.length - items.length;
    setDone(offset);
    const result = await runBulk(
      items,
      (user) =>
        explainingRefusal(t, () => (action === 'add' ? assignUserLocation(user.uuid, location) : unassignUserLocation(user.uuid, location))),
      { concurrency: config.bulkConcurrency, onProgress: (p) => setDone(offset + p.done) },
    );
    setOutcome(result);
    setRunning(false);
    setPending([...result.remaining, ...result.results.filter((r) => r.status === 'failed' && !r.permanent).map((r) => r.item)]);
  };
  const started = running || outcome !== null;
  const title =
    action === 'add'
      ? t('assignLocationToUsers', 'Assign a location to {{count}} users', { defaultValue_one: 'Assign a location to {{count}} user', count: users.length })
      : t('removeLocationFromUsers', 'Remove a location from {{count}} users', { defaultValue_one: 'Remove a location from {{count}} user', count: users.length });

  return (
    <ComposedModal open onClose={() => onClose(Boolean(outcome?.succeeded))} preventCloseOnClickOutside size="sm">
      <ModalHeader title={title} closeModal={() => onClose(Boolean(outcome?.succeeded))} />
      <ModalBody hasForm>
        {!started && (
          <Select id="bulk-user-location" labelText={t('location', 'Location')} value={location} onChange={(e) => setLocation(e.target.value)}>
            <SelectItem value="" text={t('chooseLocation', 'Choose a location')} />
            {locationOptions(locations, t)}
          </Select>
        )}
        {started && (
          <div ref={progressRef} tabIndex={-1}>
            <BulkProgress done={done} total={users.length} outcome={outcome} itemLabel={(u: LocationUser) => `${u.name} (${u.username})`} />
          </div>
        )}
      </ModalBody>
      <ModalFooter>
        <Button ref={doneRef} kind="secondary" onClick={() => onClose(Boolean(outcome?.succeeded))} disabled={running}>
          {started ? t('done', 'Done') : t('cancel', 'Cancel')}
        </Button>
        {!started && (
          <Button kind="primary" disabled={!location} onClick={() => start(pending)}>
            {action === 'add' ? t('assign', 'Assign') : t('remove', 'Remove')}
          </Button>
        )}
        {outcome && pending.length > 0 && (
          <Button kind="primary" onClick={() => start(pending)} disabled={running}>
            {t('retryRemaining', 'Retry the rest ({{count}})', { count: pending.length })}
          </Button>
        )}
      </ModalFooter>
    </ComposedModal>
  );
};

/** Users with their locations: search, filter by location or "no location", edit one, bulk assign or remove. */
const UserLocations: React.FC = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { users, error, isLoading, mutate } = useLocationUsers();
  const { locations, byUuid, loaded: locationsLoaded, error: locationsError, isLoading: locationsLoading } = useAllLocations();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [editing, setEditing] = useState<LocationUser | null>(null);
  const [bulk, setBulk] = useState<{ action: 'add' | 'remove'; users: LocationUser[] } | null>(null);
  const locationFilter = params.get('location') ?? '';
  // core refuses this administrator users holding privileges it lacks (UserServiceImpl.checkPrivileges)
  const { refusalFor } = useEditRefusal();

  const shown = useMemo(() => filterUsers(users ?? [], query, locationFilter), [users, query, locationFilter]);
  const pageRows = shown.slice((page - 1) * pageSize, page * pageSize);
  const rowsById = new Map(pageRows.map((u) => [u.uuid, u]));

  // a failed re-fetch keeps the table on screen
  if ((error && !users) || (locationsError && !locationsLoaded)) {
    return (
      <ErrorNotice title={t('couldNotLoadUserLocations', 'Could not load users and locations')} error={error ?? locationsError} />
    );
  }
  if (isLoading || locationsLoading || !users) {
    return <ListLoading list={LOCATION_USERS_LIST} />;
  }

  const locationsText = (user: LocationUser) =>
    user.locations.length
      ? user.locations
          .map((uuid) => {
            const name = locationName(byUuid.get(uuid), uuid, t);
            return uuid === user.defaultLocation ? t('defaultMarker', '{{name}} (default)', { name }) : name;
          })
          .join(', ')
      : t('noLocation', 'No location');

  const headers = [
    { key: 'name', header: t('name', 'Name') },
    { key: 'username', header: t('username', 'Username') },
    { key: 'locations', header: t('userLocationsColumn', 'Locations') },
    { key: 'actions', header: t('actions', 'Actions') },
  ];
  const refusals = new Map(pageRows.map((u) => [u.uuid, refusalFor(u.roles)]));
  const rows = pageRows.map((u) => ({
    id: u.uuid,
    disabled: Boolean(refusals.get(u.uuid)),
    name: u.name,
    username: u.username,
    locations: locationsText(u),
    actions: '',
  }));

  return (
    <div className={styles.page}>
      <h2 className={styles.heading}>{t('userLocations', 'User locations')}</h2>
      <p className={styles.help}>
        {t(
          'userLocationsHelp',
          'A user\'s locations are stored in the user property locationUuid (comma-separated), which the locationbasedaccess module reads; the default location (defaultLocation) is always one of them.',
        )}
      </p>
      <DataTable rows={rows} headers={headers} size="sm" useZebraStyles>
        {({ rows: tableRows, headers: tableHeaders, getTableProps, getSelectionProps, getBatchActionProps, selectedRows }) => {
          const selected = selectedRows.map((r) => rowsById.get(r.id)).filter(Boolean) as LocationUser[];
          const batch = getBatchActionProps();
          // Carbon hides the batch actions with aria-hidden but leaves their buttons focusable
          const batchTabIndex = batch.shouldShowBatchActions ? 0 : -1;
          return (
            <TableContainer>
              <TableToolbar aria-label={t('tableToolbar', 'Table toolbar')}>
                <TableBatchActions
                  {...batch}
                  translateWithId={(id, state) =>
                    id === 'carbon.table.batch.cancel'
                      ? t('cancel', 'Cancel')
                      : id === 'carbon.table.batch.selectAll'
                        ? t('selectAll', 'Select all')
                        : t('itemsSelected', '{{count}} items selected', { defaultValue_one: '{{count}} item selected', count: state?.totalSelected ?? 0 })
                  }
                >
                  <TableBatchAction renderIcon={Location} tabIndex={batchTabIndex} onClick={() => setBulk({ action: 'add', users: selected })}>
                    {t('assignLocation', 'Assign location')}
                  </TableBatchAction>
                  <TableBatchAction renderIcon={SubtractAlt} tabIndex={batchTabIndex} onClick={() => setBulk({ action: 'remove', users: selected })}>
                    {t('removeLocationBatch', 'Remove location')}
                  </TableBatchAction>
                </TableBatchActions>
                <TableToolbarContent>
                  <TableToolbarSearch
                    persistent
                    labelText={t('searchUsersByName', 'Search users')}
                    placeholder={t('searchUsersByName', 'Search users')}
                    onChange={(event) => {
                      setQuery(typeof event === 'string' ? event : event.target.value);
                      setPage(1);
                    }}
                  />
                  <Select
                    id="user-location-filter"
                    labelText={t('filterByLocation', 'Filter by location')}
                    hideLabel={false}
                    inline
                    size="sm"
                    value={locationFilter}
                    onChange={(e) => {
                      setPage(1);
                      setParams(e.target.value ? { location: e.target.value } : {});
                    }}
                  >
                    <SelectItem value="" text={t('allUsers', 'All users')} />
                    <SelectItem value="none" text={t('usersWithNoLocation', 'No location')} />
                    {locationOptions(locations, t)}
                  </Select>
                </TableToolbarContent>
              </TableToolbar>
              {shown.length === 0 ? (
                <Tile>
                  <p>{t('noUsersMatch', 'No users match.')}</p>
                </Tile>
              ) : (
                <Table {...getTableProps()} aria-label={t('userLocationsTable', 'Users and their locations')}>
                  <TableHead>
                    <TableRow>
                      <TableSelectAll {...getSelectionProps()} />
                      {tableHeaders.map((header) => (
                        <TableHeader key={header.key}>{header.header}</TableHeader>
                      ))}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {tableRows.map((row) => {
                      const user = rowsById.get(row.id);
                      const refusal = refusals.get(row.id);
                      return (
                        <TableRow key={row.id}>
                          <TableSelectRow {...getSelectionProps({ row })} aria-label={t('selectUser', 'Select {{name}}', { name: user?.name })} />
                          {row.cells.map((cell) =>
                            cell.info.header === 'actions' ? (
                              <TableCell key={cell.id}>
                                <Button
                                  kind="ghost"
                                  size="sm"
                                  renderIcon={Edit}
                                  disabled={Boolean(refusal)}
                                  onClick={() => user && setEditing(user)}
                                  aria-label={t('editLocationsOf', 'Edit the locations of {{name}}', { name: user?.name })}
                                >
                                  {t('edit', 'Edit')}
                                </Button>
                              </TableCell>
                            ) : (
                              <TableCell key={cell.id}>
                                {cell.value}
                                {cell.info.header === 'name' && refusal && <EditRefusalNote refusal={refusal} />}
                              </TableCell>
                            ),
                          )}
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              )}
              <TablePagination
                page={page}
                pageSize={pageSize}
                totalItems={shown.length}
                onChange={(newPage, newPageSize) => {
                  setPage(newPage);
                  setPageSize(newPageSize);
                }}
              />
            </TableContainer>
          );
        }}
      </DataTable>
      {editing && (
        <EditUserLocationsModal
          user={editing}
          locations={locations}
          byUuid={byUuid}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              mutate();
            }
          }}
        />
      )}
      {bulk && (
        <BulkUserLocationModal
          action={bulk.action}
          users={bulk.users}
          locations={locations}
          onClose={(changed) => {
            setBulk(null);
            if (changed) {
              mutate();
            }
          }}
        />
      )}
    </div>
  );
};

export default UserLocations;
