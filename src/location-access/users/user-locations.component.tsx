import React, { useMemo, useState } from 'react';
import {
  Button,
  DataTable,
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
import { Download, Edit, Location, SubtractAlt } from '@carbon/react/icons';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { useSearchParams } from 'react-router-dom';
import { useEditRefusal } from '../../common/use-edit-refusal';
import { showChangingModal, type ChangingModalProps } from '../../common/show-changing-modal';
import EditRefusalNote from '../../common/edit-refusal-note.component';
import type { LocationUser } from '../user-locations-io';
import type { EditUserLocationsModalProps } from './edit-user-locations.modal';
import type { BulkUserLocationsModalProps } from './bulk-user-locations.modal';
import { useAllLocations, useLocationUsers } from '../location-access.resource';
import { locationName, locationOptions } from '../location-labels';
import { downloadCsv } from '../../common/csv';
import { userLocationsCsv } from '../location-exports';
import layout from '../page-layout.scss';
import TablePagination, { useTablePages } from '../../common/table-pagination.component';
import { useSession } from '@openmrs/esm-framework';
import { giverOf } from '../location-giving';
import { today } from '../assignment-end-dates';
import { formatDay } from '../requests/request-labels';

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

/** Users with their locations: search, filter by location or "no location", edit one, bulk assign or remove. */
const UserLocations: React.FC = () => {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { users, error, isLoading, mutate } = useLocationUsers();
  const { locations, byUuid, loaded: locationsLoaded, error: locationsError, isLoading: locationsLoading } = useAllLocations();
  const [query, setQuery] = useState('');
  const locationFilter = params.get('location') ?? '';
  // core refuses this administrator users holding privileges it lacks (UserServiceImpl.checkPrivileges)
  const { refusalFor } = useEditRefusal();
  const sessionUser = useSession()?.user;
  const giver = useMemo(() => giverOf(sessionUser), [sessionUser]);

  const shown = useMemo(() => filterUsers(users ?? [], query, locationFilter), [users, query, locationFilter]);
  const { pageRows, goTo, paginationProps } = useTablePages(shown, 25);
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
            const plain = locationName(byUuid.get(uuid), uuid, t);
            const end = user.endDates[uuid];
            const name = !end
              ? plain
              : end < today()
                ? t('expiredMarker', '{{name}} (expired {{date}})', { name: plain, date: formatDay(end) })
                : t('expiringMarker', '{{name}} (until {{date}})', { name: plain, date: formatDay(end) });
            return uuid === user.defaultLocation ? t('defaultMarker', '{{name}} (default)', { name }) : name;
          })
          .join(', ')
      : t('noLocation', 'No location');

  const showEdit = (user: LocationUser) =>
    showChangingModal<Omit<EditUserLocationsModalProps, keyof ChangingModalProps>>(
      'user-locations-edit-modal',
      { size: 'sm', user, locations, byUuid, giver },
      mutate,
    );
  const showBulk = (action: 'add' | 'remove', selected: LocationUser[]) =>
    showChangingModal<Omit<BulkUserLocationsModalProps, keyof ChangingModalProps>>(
      'user-locations-bulk-modal',
      { size: 'sm', action, users: selected, locations, giver },
      mutate,
    );

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
    <div className={layout.page}>
      <h2 className={layout.heading}>{t('userLocations', 'User locations')}</h2>
      <p className={layout.help}>
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
                  <TableBatchAction renderIcon={Location} tabIndex={batchTabIndex} onClick={() => showBulk('add', selected)}>
                    {t('assignLocation', 'Assign location')}
                  </TableBatchAction>
                  <TableBatchAction renderIcon={SubtractAlt} tabIndex={batchTabIndex} onClick={() => showBulk('remove', selected)}>
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
                      goTo(1);
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
                      goTo(1);
                      setParams(e.target.value ? { location: e.target.value } : {});
                    }}
                  >
                    <SelectItem value="" text={t('allUsers', 'All users')} />
                    <SelectItem value="none" text={t('usersWithNoLocation', 'No location')} />
                    {locationOptions(locations, t)}
                  </Select>
                  {/* under the batch actions bar it would stay focusable and be read out unseen */}
                  {!batch.shouldShowBatchActions && (
                    <Button
                      kind="ghost"
                      size="sm"
                      renderIcon={Download}
                      disabled={!shown.length}
                      onClick={() => downloadCsv('user-locations.csv', userLocationsCsv(shown, byUuid, t))}
                    >
                      {t('exportCsv', 'Export CSV')}
                    </Button>
                  )}
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
                                  onClick={() => user && showEdit(user)}
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
              <TablePagination {...paginationProps} />
            </TableContainer>
          );
        }}
      </DataTable>
    </div>
  );
};

export default UserLocations;
