import React from 'react';
import { Select, SelectItem, TextInput } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import { ACCOUNT_ACTIONS, RUNNERS } from './account-history';
import type { HistoryAction, HistoryFilters } from './history-rows';
import type { useHistoryWords } from './use-history-words';
import styles from './history.scss';

interface HistoryFiltersProps {
  filters: HistoryFilters;
  onChange(filters: HistoryFilters): void;
  words: ReturnType<typeof useHistoryWords>;
}

const actions: HistoryAction[] = [...ACCOUNT_ACTIONS, 'run'];

/** Account, action, runner and a date range (UTC days, as the entries are stored). */
const HistoryFiltersBar: React.FC<HistoryFiltersProps> = ({ filters, onChange, words }) => {
  const { t } = useTranslation();
  const set = (change: Partial<HistoryFilters>) => onChange({ ...filters, ...change });
  return (
    <div className={styles.filters} role="group" aria-label={t('historyFilters', 'Filters')}>
      <TextInput
        id="history-account"
        labelText={t('historyAccount', 'Account')}
        placeholder={t('historyAccountPlaceholder', 'Name or username')}
        value={filters.account}
        onChange={(event) => set({ account: event.target.value })}
      />
      <Select id="history-action" labelText={t('historyAction', 'Action')} value={filters.action} onChange={(event) => set({ action: event.target.value as HistoryFilters['action'] })}>
        <SelectItem value="all" text={t('historyAll', 'All')} />
        {actions.map((a) => (
          <SelectItem key={a} value={a} text={words.action(a)} />
        ))}
      </Select>
      <Select id="history-runner" labelText={t('historyRunner', 'Runner')} value={filters.runner} onChange={(event) => set({ runner: event.target.value as HistoryFilters['runner'] })}>
        <SelectItem value="all" text={t('historyAll', 'All')} />
        {RUNNERS.map((r) => (
          <SelectItem key={r} value={r} text={words.runner(r)} />
        ))}
      </Select>
      <TextInput id="history-from" type="date" labelText={t('historyFrom', 'From (UTC)')} value={filters.from} onChange={(event) => set({ from: event.target.value })} />
      <TextInput id="history-to" type="date" labelText={t('historyTo', 'To (UTC)')} value={filters.to} onChange={(event) => set({ to: event.target.value })} />
    </div>
  );
};

export default HistoryFiltersBar;
