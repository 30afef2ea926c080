import useSWR from 'swr';
import { restBaseUrl } from '@openmrs/esm-framework';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { RUN_HISTORY_GLOBAL_PROPERTY, type RunEntry } from './run-history';
import { loadRunHistory } from './run-history-io';

export const runHistorySwrKey = `${restBaseUrl}/systemsetting/${RUN_HISTORY_GLOBAL_PROPERTY}`;
const noRuns: RunEntry[] = [];

/** The stored runs, oldest first ([] while loading or when none was recorded yet). */
export function useRunHistory() {
  const { data, error, isLoading, mutate } = useSWR<RunEntry[]>(runHistorySwrKey, () => loadRunHistory(openmrsRestClient));
  return { runs: data ?? noRuns, error, isLoading, mutate };
}
