import type { SwrCacheMutate } from '../../common/swr-cache-mutate';
import type { RestClient } from '../../common/rest-client';
import { errorMessage } from '../../common/error-message';
import { runTaskAndReadBack, type TaskRunOutcome } from '../core-task-io';
import { runEntry } from './run-history';
import { appendRun } from './run-history-io';
import { runHistorySwrKey } from './run-history.resource';

export interface RecordedTaskRun {
  outcome: TaskRunOutcome;
  /** why the run is not in the run history, when it is not */
  recordError: string | null;
}

/**
 * Runs core's AutoRetireUsersTask, reads back whom it retired, and keeps that as a run of the core
 * task (the task itself records nothing but each account's retire reason). A run that could not be
 * recorded is still reported.
 */
export async function runAndRecordCoreTask(
  client: RestClient,
  taskUuid: string,
  actor: string,
  mutate: SwrCacheMutate,
): Promise<RecordedTaskRun> {
  const startedAt = new Date();
  const outcome = await runTaskAndReadBack(client, { uuid: taskUuid });
  const lines = outcome.retired.map((user) => ({
    username: user.username || user.systemId,
    outcome: 'deactivated' as const,
  }));
  try {
    await appendRun(
      client,
      runEntry({ at: startedAt, by: actor, via: 'coreTask', dryRun: false, due: lines.length }, lines),
    );
    await mutate(runHistorySwrKey);
    return { outcome, recordError: null };
  } catch (error) {
    return { outcome, recordError: errorMessage(error) };
  }
}
