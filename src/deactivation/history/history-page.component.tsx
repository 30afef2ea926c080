import React, { useMemo, useState } from 'react';
import {
  Button,
  DataTable,
  InlineNotification,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableHeader,
  TableRow,
  TableToolbar,
  TableToolbarContent,
  Tile,
} from '@carbon/react';
import { Download } from '@carbon/react/icons';
import { formatDatetime } from '@openmrs/esm-framework';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { ListLoading } from '../../common/list-loading.component';
import { USERS_LIST } from '../../common/list-progress';
import { downloadCsv, toCsv } from '../../common/csv';
import TablePagination, { useTablePages } from '../../common/table-pagination.component';
import { errorMessage } from '../../common/error-message';
import { useAllPolicyUsers } from '../users.resource';
import { useRunHistory } from './run-history.resource';
import {
  filterHistory,
  historyCsvLines,
  historyRows,
  NO_FILTERS,
  type HistoryFilters,
  type HistoryRow,
} from './history-rows';
import { useHistoryWords } from './use-history-words';
import HistoryFiltersBar from './history-filters.component';
import layout from '../upcoming/upcoming-deactivations.scss';
import styles from './history.scss';

const SHOWN_RUN_ACCOUNTS = 5;

/** Every account's last changes and the last runs, with filters and CSV export. */
const HistoryPage: React.FC = () => {
  const { t } = useTranslation();
  const words = useHistoryWords();
  const { users, error: usersError, isLoading: usersLoading } = useAllPolicyUsers();
  const { runs, error: runsError, isLoading: runsLoading } = useRunHistory();
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);

  const all = useMemo(() => historyRows(users, runs), [users, runs]);
  const shown = useMemo(() => filterHistory(all, filters), [all, filters]);
  const { pageRows, goTo, paginationProps } = useTablePages(shown, 25);
  // from every row: Carbon's DataTable renders the rows it was given the render before
  const rowsById = useMemo(() => new Map(all.map((row) => [row.id, row])), [all]);

  const [when, by, action, runner] = [
    { key: 'at', header: t('historyWhen', 'When') },
    { key: 'by', header: t('historyBy', 'By') },
    { key: 'action', header: t('historyAction', 'Action') },
    { key: 'via', header: t('historyRunner', 'Runner') },
  ];
  const accountHeader = t('historyAccount', 'Account');
  const previousHeader = t('historyPreviousReason', 'Previous retire reason');
  const headers = [
    when,
    by,
    action,
    runner,
    { key: 'account', header: accountHeader },
    { key: 'details', header: t('historyDetails', 'Reason or result') },
    { key: 'previous', header: previousHeader },
  ];

  const runSummary = (row: HistoryRow) => {
    const c = row.counts!;
    const parts = row.dryRun
      ? [t('runSummaryDry', 'Dry run: {{due}} due', { due: c.due })]
      : [
          t(
            'runSummary',
            '{{due}} due: {{deactivated}} deactivated, {{failed}} failed, {{notProcessed}} not processed',
            { ...c },
          ),
        ];
    if (c.notPermitted) {
      parts.push(t('runSummaryNotPermitted', '{{count}} not permitted', { count: c.notPermitted }));
    }
    if (row.blocked) {
      parts.push(row.blocked);
    }
    return parts.join('; ');
  };

  const detailsOf = (row: HistoryRow): React.ReactNode => {
    if (row.action !== 'run') {
      return row.until ? `${row.reason} (${t('historyUntil', 'through {{day}}', { day: row.until })})` : row.reason;
    }
    const accounts = row.accounts ?? [];
    const hidden = accounts.length - SHOWN_RUN_ACCOUNTS + (row.more ?? 0);
    return (
      <>
        {runSummary(row)}
        {accounts.length > 0 && (
          <ul className={styles.details}>
            {accounts.slice(0, SHOWN_RUN_ACCOUNTS).map(([username, outcome, message]) => (
              <li key={username}>
                {username}: {words.outcome(outcome)}
                {message ? ` (${message})` : ''}
              </li>
            ))}
            {hidden > 0 && <li>{t('andMore', 'and {{count}} more', { count: hidden })}</li>}
          </ul>
        )}
      </>
    );
  };

  const cells = (row: HistoryRow) => ({
    id: row.id,
    at: formatDatetime(row.at),
    by: row.by,
    action:
      row.action === 'run' ? `${words.action('run')} (${words.mode(Boolean(row.dryRun))})` : words.action(row.action),
    via: words.runner(row.via),
    account: row.action === 'run' ? '' : `${row.personName ? `${row.personName} ` : ''}(${row.username})`,
    details: '',
    previous: row.previousRetireReason ?? '',
  });

  const exportCsv = () => {
    const columns = [
      when,
      by,
      action,
      runner,
      { key: 'mode', header: t('historyMode', 'Dry run or applied') },
      { key: 'account', header: accountHeader },
      { key: 'outcome', header: t('outcome', 'Outcome') },
      { key: 'reason', header: t('historyReasonOrMessage', 'Reason or message') },
      { key: 'previousRetireReason', header: previousHeader },
      { key: 'until', header: t('historyExemptThrough', 'Exempt through') },
    ];
    downloadCsv('deactivation-history.csv', toCsv(historyCsvLines(shown, words), columns));
  };

  if (usersError) {
    return (
      <ErrorNotice
        title={t('couldNotLoadHistory', 'Could not load the accounts and their history')}
        error={usersError}
      />
    );
  }
  if (usersLoading || runsLoading) {
    return <ListLoading list={USERS_LIST} />;
  }

  return (
    <div className={layout.page}>
      <div className={layout.summary}>
        <h2 className={layout.heading}>{t('deactivationHistory', 'Deactivation history')}</h2>
        <p className={layout.policyLine}>
          {t(
            'historyIntro',
            'Each account keeps its last 20 changes: who, when, what, why, and the retire reason it had before. The last 200 runs of "Deactivate all due", the sweep and the core task are kept with each account\'s result.',
          )}
        </p>
        {runsError && (
          <InlineNotification
            kind="warning"
            lowContrast
            hideCloseButton
            title={t(
              'runHistoryUnreadable',
              "The run history could not be read; only the accounts' own history is shown.",
            )}
            subtitle={errorMessage(runsError)}
          />
        )}
        <HistoryFiltersBar
          filters={filters}
          words={words}
          onChange={(next) => {
            setFilters(next);
            goTo(1);
          }}
        />
      </div>
      <DataTable rows={pageRows.map(cells)} headers={headers} size="sm" useZebraStyles>
        {({ rows: tableRows, headers: tableHeaders, getTableProps }) => (
          <TableContainer>
            <TableToolbar aria-label={t('tableToolbar', 'Table toolbar')}>
              <TableToolbarContent>
                <Button kind="ghost" renderIcon={Download} onClick={exportCsv} disabled={!shown.length}>
                  {t('exportCsv', 'Export CSV')}
                </Button>
              </TableToolbarContent>
            </TableToolbar>
            {shown.length === 0 ? (
              <Tile className={layout.emptyState}>
                <p>
                  {all.length
                    ? t('historyNoMatch', 'No entries match these filters.')
                    : t('historyEmpty', 'Nothing recorded yet. Changes and runs appear here from now on.')}
                </p>
              </Tile>
            ) : (
              <div className={styles.tableScroll}>
                <Table {...getTableProps()} aria-label={t('historyTable', 'Deactivation history')}>
                  <TableHead>
                    <TableRow>
                      {tableHeaders.map((header) => (
                        <TableHeader key={header.key}>{header.header}</TableHeader>
                      ))}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {tableRows.map((row) => (
                      <TableRow key={row.id}>
                        {row.cells.map((cell) => (
                          <TableCell key={cell.id} className={styles.cell}>
                            {cell.info.header === 'details' && rowsById.has(row.id)
                              ? detailsOf(rowsById.get(row.id)!)
                              : cell.value}
                          </TableCell>
                        ))}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            )}
            <TablePagination {...paginationProps} />
          </TableContainer>
        )}
      </DataTable>
    </div>
  );
};

export default HistoryPage;
