/** Reading and appending the run history global property (see run-history.ts), for the page and the sweep. */
import { getGlobalProperty, setGlobalProperty } from '../../common/global-and-user-properties';
import type { RestClient } from '../../common/rest-client';
import {
  appendRunHistory,
  parseRunHistory,
  RUN_HISTORY_GLOBAL_PROPERTY,
  RUN_HISTORY_GP_DESCRIPTION,
  type RunEntry,
} from './run-history';

/** core's AdministrationService.saveGlobalProperty needs this privilege (2.7 and 2.8) */
export const MANAGE_GLOBAL_PROPERTIES = 'Manage Global Properties';

export async function loadRunHistory(client: RestClient): Promise<RunEntry[]> {
  return parseRunHistory(await getGlobalProperty(client, RUN_HISTORY_GLOBAL_PROPERTY));
}

/**
 * Appends a run: reads the property, appends, writes it back. Two runs finishing at the same moment
 * may lose one entry (there is no compare-and-set on global properties); runs are minutes apart.
 */
export async function appendRun(client: RestClient, entry: RunEntry): Promise<void> {
  const raw = await getGlobalProperty(client, RUN_HISTORY_GLOBAL_PROPERTY);
  await setGlobalProperty(client, RUN_HISTORY_GLOBAL_PROPERTY, appendRunHistory(raw, entry), RUN_HISTORY_GP_DESCRIPTION);
}
