import React, { useMemo, useState } from 'react';
import {
  Button,
  DataTable,
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
import { Download, Renew, TrashCan, UserFollow, UserSpeaker } from '@carbon/react/icons';
import { useTranslation } from '../../common/use-translation';
import {
  searchRows,
  sortRows,
  type DeactivationRow,
  type DeactivationTab,
  type SortDirection,
  type SortKey,
} from './deactivation-rows';
import { downloadCsv, toCsv } from '../../common/csv';
import { useReasonText } from './use-reason-text';
import { useDayText } from '../../common/use-day-text';
import { EXEMPT_UNTIL_PROPERTY } from '../protections';
import type { EditRefusal } from '../../common/edit-privileges';
import EditRefusalNote from '../../common/edit-refusal-note.component';
import styles from './upcoming-deactivations.scss';
import TablePagination, { useTablePages } from '../../common/table-pagination.component';

export interface DeactivationTableActions {
  onDeactivate(rows: DeactivationRow[]): void;
  onExempt(rows: DeactivationRow[]): void;
  onRemoveExemption(rows: DeactivationRow[]): void;
  onReactivate(rows: DeactivationRow[]): void;
}

interface DeactivationTableProps extends DeactivationTableActions {
  tab: DeactivationTab;
  rows: DeactivationRow[];
  pageSize: number;
  canWrite: boolean;
  /** false while users are still loading: the rows are not all there, so nothing is exported yet */
  complete?: boolean;
  /** accounts the signed-in administrator may not change, with why: not selectable */
  refusals?: Map<string, EditRefusal>;
}

const sortableKeys: Record<string, SortKey> = {
  name: 'name',
  username: 'username',
  lastLogin: 'lastLogin',
  deactivateOn: 'deactivateOn',
};

/** The first roles of a user, and how many more; the whole list is in the tooltip and the CSV. */
const RoleList: React.FC<{ roles: string[] }> = ({ roles }) => {
  const { t } = useTranslation();
  if (roles.length <= 2) {
    return <>{roles.join(', ')}</>;
  }
  return (
    <span title={roles.join(', ')}>
      {roles.slice(0, 2).join(', ')} {t('moreRoles', '+{{count}} more', { count: roles.length - 2 })}
    </span>
  );
};

const DeactivationTable: React.FC<DeactivationTableProps> = ({
  tab,
  rows,
  pageSize: initialPageSize,
  canWrite,
  complete = true,
  refusals,
  onDeactivate,
  onExempt,
  onRemoveExemption,
  onReactivate,
}) => {
  const { t } = useTranslation();
  const reasonText = useReasonText();
  const formatDay = useDayText();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: 'deactivateOn', direction: 'ASC' });

  const headers = [
    { key: 'name', header: t('name', 'Name') },
    { key: 'username', header: t('username', 'Username') },
    { key: 'roles', header: t('roles', 'Roles') },
    { key: 'lastLogin', header: t('lastLogin', 'Last login') },
    { key: 'rule', header: t('rule', 'Rule') },
    { key: 'reason', header: t('reason', 'Reason') },
    {
      key: 'deactivateOn',
      header: tab === 'deactivated' ? t('deactivatedOn', 'Deactivated on') : t('deactivationDate', 'Deactivation date'),
    },
  ];

  // translated once, not for each row: the CSV export words every row of the tab
  const never = t('never', 'Never');
  const inactivity = t('ruleInactive', 'Inactivity');
  const demoAccount = t('ruleDemo', 'Demo account');
  const ruleLabel = (rule: string | null) => (rule === 'inactive' ? inactivity : rule === 'demo' ? demoAccount : (rule ?? ''));

  const shownRows = useMemo(() => sortRows(searchRows(rows, query), sort.key, sort.direction), [rows, query, sort]);
  const { pageRows, goTo, paginationProps } = useTablePages(shownRows, initialPageSize);
  const rowsById = new Map(pageRows.map((row) => [row.user.uuid, row]));

  const cells = (row: DeactivationRow) => ({
    id: row.user.uuid,
    // on the Exempt tab only a dated exemption can be removed; roles and the acting admin stay exempt
    disabled: (tab === 'exempt' && !row.user.userProperties[EXEMPT_UNTIL_PROPERTY]) || Boolean(refusals?.get(row.user.uuid)),
    name: row.user.personName,
    username: row.user.username,
    roles: row.user.roles.join(', '),
    lastLogin: row.decision.activitySource === 'lastLogin' ? formatDay(row.decision.lastActivity) : never,
    rule: ruleLabel(row.decision.rule),
    reason: reasonText(row.decision),
    deactivateOn: formatDay(tab === 'deactivated' ? row.user.dateRetired : row.decision.deactivateOn),
  });

  const exportCsv = () => {
    const columns = headers.map(({ key, header }) => ({ key, header }));
    downloadCsv(`deactivations-${tab}.csv`, toCsv(shownRows.map(cells), columns));
  };

  const toggleSort = (key: SortKey) => {
    setSort((current) => ({
      key,
      direction: current.key === key && current.direction === 'ASC' ? 'DESC' : 'ASC',
    }));
  };

  return (
    <DataTable rows={pageRows.map(cells)} headers={headers} size="sm" useZebraStyles>
      {({ rows: tableRows, headers: tableHeaders, getTableProps, getSelectionProps, getBatchActionProps, selectedRows }) => {
        const selected = selectedRows.map((row) => rowsById.get(row.id)).filter(Boolean) as DeactivationRow[];
        const batch = getBatchActionProps();
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
                      : t('accountsSelected', 'Selected: {{count}}', { count: state?.totalSelected ?? 0 })
                }
              >
                {canWrite && (tab === 'due' || tab === 'upcoming') && (
                  <TableBatchAction renderIcon={TrashCan} tabIndex={batch.shouldShowBatchActions ? 0 : -1} onClick={() => onDeactivate(selected)}>
                    {t('deactivateNow', 'Deactivate now')}
                  </TableBatchAction>
                )}
                {canWrite && (tab === 'due' || tab === 'upcoming') && (
                  <TableBatchAction renderIcon={UserSpeaker} tabIndex={batch.shouldShowBatchActions ? 0 : -1} onClick={() => onExempt(selected)}>
                    {t('exemptUntil', 'Exempt until…')}
                  </TableBatchAction>
                )}
                {canWrite && tab === 'exempt' && (
                  <TableBatchAction renderIcon={Renew} tabIndex={batch.shouldShowBatchActions ? 0 : -1} onClick={() => onRemoveExemption(selected)}>
                    {t('removeExemption', 'Remove exemption')}
                  </TableBatchAction>
                )}
                {canWrite && tab === 'deactivated' && (
                  <TableBatchAction renderIcon={UserFollow} tabIndex={batch.shouldShowBatchActions ? 0 : -1} onClick={() => onReactivate(selected)}>
                    {t('reactivate', 'Reactivate')}
                  </TableBatchAction>
                )}
              </TableBatchActions>
              {/* The batch actions bar covers the toolbar while rows are selected; Carbon only clips the
                  content under it, which stayed focusable and was read out unseen (axe: contrast of the
                  hidden Export button). Leave it out meanwhile; the search keeps its text on return. */}
              {!batch.shouldShowBatchActions && (
              <TableToolbarContent>
                <TableToolbarSearch
                  persistent
                  defaultValue={query}
                  labelText={t('searchUsers', 'Search users')}
                  placeholder={t('searchByNameOrUsername', 'Search by name, username or role')}
                  onChange={(event) => {
                    setQuery(typeof event === 'string' ? event : event.target.value);
                    goTo(1);
                  }}
                />
                <Button kind="ghost" renderIcon={Download} onClick={exportCsv} disabled={!complete || !shownRows.length}>
                  {t('exportCsv', 'Export CSV')}
                </Button>
              </TableToolbarContent>
              )}
            </TableToolbar>
            {shownRows.length === 0 ? (
              <Tile className={styles.emptyState}>
                <p>{query ? t('noMatchingUsers', 'No users match your search.') : t('noUsersInTab', 'No users here.')}</p>
              </Tile>
            ) : (
              <Table {...getTableProps()} aria-label={t('deactivationsTable', 'Deactivations')}>
                <TableHead>
                  <TableRow>
                    {canWrite && <TableSelectAll {...getSelectionProps()} />}
                    {tableHeaders.map((header) => {
                      const sortKey = sortableKeys[header.key];
                      return (
                        <TableHeader
                          key={header.key}
                          isSortable={Boolean(sortKey)}
                          isSortHeader={sort.key === sortKey}
                          sortDirection={sort.key === sortKey ? sort.direction : 'NONE'}
                          onClick={sortKey ? () => toggleSort(sortKey) : undefined}
                        >
                          {header.header}
                        </TableHeader>
                      );
                    })}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {tableRows.map((row) => (
                    <TableRow key={row.id}>
                      {canWrite && (
                        <TableSelectRow
                          {...getSelectionProps({ row })}
                          aria-label={t('selectUser', 'Select {{name}}', { name: rowsById.get(row.id)?.user.personName })}
                        />
                      )}
                      {row.cells.map((cell) => (
                        <TableCell key={cell.id}>
                          {cell.info.header === 'roles' ? (
                            <RoleList roles={rowsById.get(row.id)?.user.roles ?? []} />
                          ) : cell.info.header === 'name' && canWrite && refusals?.get(row.id) ? (
                            <>
                              {cell.value}
                              <EditRefusalNote refusal={refusals.get(row.id)!} />
                            </>
                          ) : (
                            cell.value
                          )}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <TablePagination {...paginationProps} />
          </TableContainer>
        );
      }}
    </DataTable>
  );
};

export default DeactivationTable;
