import useSWR from 'swr';
import { restBaseUrl } from '@openmrs/esm-framework';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { autoRetireTaskBody, detectCoreTaskSupport, findAutoRetireTask, taskAction, type CoreSupport, type TaskDefinition } from './core-task-io';

export const autoRetireTaskSwrKey = `${restBaseUrl}/taskdefinition?v=full`;

/** The scheduler task definition whose class is core's AutoRetireUsersTask, or null when none exists. */
export function useAutoRetireTask() {
  const { data, error, isLoading, mutate } = useSWR<TaskDefinition | null>(autoRetireTaskSwrKey, () =>
    findAutoRetireTask(openmrsRestClient),
  );
  return { task: data ?? null, error, isLoading, mutate };
}

/**
 * Best effort, from GET /systeminformation: 'available' (core 2.7+), 'unavailable' (older core) or
 * 'unknown' (not allowed to read it, or no version found). Scheduling or running the task on a core
 * without the class rejects with CoreTaskUnavailableError in any case.
 */
export function useCoreTaskSupport() {
  const { data, error, isLoading } = useSWR<CoreSupport>(`${restBaseUrl}/systeminformation#core-task`, () =>
    detectCoreTaskSupport(openmrsRestClient),
  );
  return { support: data ?? ({ status: 'unknown', version: null } as CoreSupport), error, isLoading };
}

/** Creates the task definition (every required field), starting at `startTime`. Neither scheduled nor started on startup. */
export async function createAutoRetireTask(repeatIntervalSeconds = 86400, startTime: Date = new Date()) {
  return openmrsRestClient.post<TaskDefinition>('/taskdefinition', autoRetireTaskBody(repeatIntervalSeconds, startTime));
}

/** Changes how often the task repeats; a started task is rescheduled so the change applies now. */
export async function updateTaskInterval(task: Pick<TaskDefinition, 'uuid' | 'started'>, repeatIntervalSeconds: number) {
  if (!Number.isInteger(repeatIntervalSeconds) || repeatIntervalSeconds < 60) {
    throw new Error('The task must repeat every 60 seconds or more (a whole number of seconds).');
  }
  await openmrsRestClient.post(`/taskdefinition/${encodeURIComponent(task.uuid)}`, { repeatInterval: repeatIntervalSeconds });
  if (task.started) {
    await taskAction(openmrsRestClient, 'RESCHEDULETASK', task.uuid);
  }
}
