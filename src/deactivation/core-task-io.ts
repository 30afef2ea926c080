/**
 * Core's scheduler task (AutoRetireUsersTask) through /taskdefinition and /taskaction, shared by the
 * settings page and the tests. Nothing here imports the framework: the caller passes a `RestClient`.
 */
import { fetchAllPages, restModuleVersion, statusOf, versionAtLeast, type RestClient, type RestError } from '../common/rest-client';
import { errorMessage } from '../common/error-message';
import { CORE_AUTO_RETIRE_TASK_CLASS } from './core-task-prediction';
import { fetchAllPolicyUsers } from './policy-io';
import type { PolicyUser } from './types';

export interface TaskDefinition {
  uuid: string;
  name: string;
  description?: string | null;
  taskClass: string;
  startTime?: string | null;
  lastExecutionTime?: string | null;
  repeatInterval?: number | null;
  startOnStartup?: boolean;
  startTimePattern?: string | null;
  started?: boolean;
  properties?: Record<string, string> | null;
}

export type TaskAction = 'SCHEDULETASK' | 'SHUTDOWNTASK' | 'RESCHEDULETASK' | 'RUNTASK';

export const AUTO_RETIRE_TASK_NAME = 'Auto Retire Users';

/** AutoRetireUsersTask.AUTO_RETIRE_REASON: the reason core's task retires users with. */
export const CORE_AUTO_RETIRE_REASON = 'User retired due to inactivity';

/** GET /taskdefinition is paged like any list (TaskDefinitionResource1_8.doGetAll, NeedsPaging): read every page. */
export async function findAutoRetireTask(client: RestClient): Promise<TaskDefinition | null> {
  const tasks = await fetchAllPages<TaskDefinition>(client, '/taskdefinition?v=full');
  return tasks.find((t) => t.taskClass === CORE_AUTO_RETIRE_TASK_CLASS) ?? null;
}

/**
 * Stopped, or never started, yet TimerSchedulerServiceImpl.onStartup will schedule it at the next
 * server start (made by an older version of this app, or by hand).
 */
export function startsAfterRestart(task: Pick<TaskDefinition, 'started' | 'startOnStartup'>): boolean {
  return !task.started && task.startOnStartup === true;
}

function setStartOnStartup(client: RestClient, taskUuid: string, startOnStartup: boolean) {
  return client.post(`/taskdefinition/${encodeURIComponent(taskUuid)}`, { startOnStartup });
}

/**
 * Starts the task so that it also starts again after a server restart. startOnStartup is set first:
 * the scheduler keeps the definition it loaded at SCHEDULETASK and saves that copy after every run
 * (TimerSchedulerTask.saveLastExecutionTime), which would undo a later change. If scheduling fails,
 * startOnStartup is cleared again, so a task that did not start never starts at the next restart.
 */
export async function startTask(client: RestClient, taskUuid: string): Promise<void> {
  await setStartOnStartup(client, taskUuid, true);
  try {
    await taskAction(client, 'SCHEDULETASK', taskUuid);
  } catch (error) {
    await setStartOnStartup(client, taskUuid, false).catch(() => undefined);
    throw error;
  }
}

/** Stops the task, then clears startOnStartup so that a restart does not start it again. */
export async function stopTask(client: RestClient, taskUuid: string): Promise<void> {
  await taskAction(client, 'SHUTDOWNTASK', taskUuid);
  await setStartOnStartup(client, taskUuid, false);
}

/** Clears startOnStartup of a stopped task, so that it stays stopped after a restart. */
export function keepStoppedAfterRestart(client: RestClient, taskUuid: string): Promise<unknown> {
  return setStartOnStartup(client, taskUuid, false);
}

/**
 * Whether RUNTASK only queues the run: TaskServiceWrapper.runTask calls SchedulerService.schedule from
 * webservices.rest 4.0.0 (RESTWS-1027/1032); from 2.44.0 to 3.4.1 it runs the task in the request.
 */
export function runTaskIsQueued(restVersion: string | null): boolean {
  return versionAtLeast(restVersion, '4.0.0');
}

export interface TaskRunOutcome {
  /** the accounts retired with core's reason that were not retired so before the run */
  retired: PolicyUser[];
  /** false when the server only queued the run and lastExecutionTime had not moved by the deadline */
  finished: boolean;
}

/**
 * Runs the task now and reads back what it changed. RUNTASK answers 201 even when the run retired
 * nobody: AutoRetireUsersTask.execute catches and logs every exception. Where the server only queues
 * the run, waits (up to `waitMs`) for the task's lastExecutionTime to move before reading back.
 */
export async function runTaskAndReadBack(
  client: RestClient,
  task: Pick<TaskDefinition, 'uuid'>,
  {
    waitMs = 30000,
    pollMs = 2000,
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  }: { waitMs?: number; pollMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<TaskRunOutcome> {
  const byCore = (users: PolicyUser[]) => users.filter((u) => u.retired && u.retireReason === CORE_AUTO_RETIRE_REASON);
  const taskPath = `/taskdefinition/${encodeURIComponent(task.uuid)}?v=full`;
  const [before, queued, lastRun] = await Promise.all([
    fetchAllPolicyUsers(client).then((users) => new Set(byCore(users).map((u) => u.uuid))),
    restModuleVersion(client).then(runTaskIsQueued),
    client.get<TaskDefinition>(taskPath).then((t) => t.lastExecutionTime ?? null),
  ]);
  await taskAction(client, 'RUNTASK', task.uuid);
  let finished = true;
  if (queued) {
    finished = false;
    for (let waited = 0; waited < waitMs && !finished; waited += pollMs) {
      await sleep(pollMs);
      finished = ((await client.get<TaskDefinition>(taskPath)).lastExecutionTime ?? null) !== lastRun;
    }
  }
  const retired = byCore(await fetchAllPolicyUsers(client)).filter((u) => !before.has(u.uuid));
  return { retired, finished };
}

/** A date the way OpenMRS writes it: yyyy-MM-dd'T'HH:mm:ss.SSS+0000 (UTC). */
export function formatOpenmrsDate(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export function autoRetireTaskBody(repeatIntervalSeconds: number, startTime: Date) {
  if (!Number.isInteger(repeatIntervalSeconds) || repeatIntervalSeconds < 60) {
    throw new Error('The task must repeat every 60 seconds or more (a whole number of seconds).');
  }
  return {
    name: AUTO_RETIRE_TASK_NAME,
    description:
      'Retires users inactive for more than users.numberOfDaysToRetire days (core AutoRetireUsersTask). ' +
      'Created by the User access app.',
    taskClass: CORE_AUTO_RETIRE_TASK_CLASS,
    startTime: formatOpenmrsDate(startTime),
    repeatInterval: repeatIntervalSeconds,
    // TimerSchedulerServiceImpl.onStartup schedules every task with startOnStartup: only startTask sets it
    startOnStartup: false,
    properties: {},
  };
}

export class CoreTaskUnavailableError extends Error {
  constructor(readonly cause: unknown) {
    super(
      "This server cannot run core's AutoRetireUsersTask (it needs OpenMRS core 2.7 or later). " +
        "Use the app's own sweep instead (the page's \"Deactivate due accounts\", or the esm-user-access CLI).",
    );
    this.name = 'CoreTaskUnavailableError';
  }
}

/**
 * Whether an error from scheduling or running the task means the server has no such class: core
 * wraps ClassNotFoundException in a SchedulerException, then APIException, so REST answers 500.
 */
export function isMissingTaskClassError(error: unknown): boolean {
  const status = statusOf(error);
  const text = `${errorMessage(error)} ${JSON.stringify((error as RestError)?.responseBody ?? '')}`;
  return (
    (status === 500 || status === undefined) &&
    /ClassNotFound|NoClassDefFound|could not (load|find|instantiate|create)[^"]*task|AutoRetireUsersTask/i.test(text)
  );
}

export async function taskAction(client: RestClient, action: TaskAction, taskUuid: string): Promise<void> {
  try {
    await client.post('/taskaction', { action, tasks: [taskUuid] });
  } catch (error) {
    if ((action === 'SCHEDULETASK' || action === 'RUNTASK' || action === 'RESCHEDULETASK') && isMissingTaskClassError(error)) {
      throw new CoreTaskUnavailableError(error);
    }
    throw error;
  }
}

export type CoreSupport =
  | { status: 'available'; version: string }
  | { status: 'unavailable'; version: string }
  | { status: 'unknown'; version: null };

/** Compares the core version from GET /systeminformation with 2.7.0, where AutoRetireUsersTask appeared. */
export function coreSupportFromVersion(version: string | null): CoreSupport {
  const m = version ? /(\d+)\.(\d+)/.exec(version) : null;
  if (!version || !m) {
    return { status: 'unknown', version: null };
  }
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return { status: major > 2 || (major === 2 && minor >= 7) ? 'available' : 'unavailable', version };
}

/** Finds the "OpenMRS version" value in the systeminformation map (keys are message codes). */
export function findCoreVersion(systemInfo: unknown): string | null {
  const walk = (node: unknown): string | null => {
    if (!node || typeof node !== 'object') {
      return null;
    }
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (typeof value === 'string' && /openmrs\s*\.?version$/i.test(key.replace(/[^a-z.\s]/gi, ' ').trim())) {
        return value;
      }
      const inner = walk(value);
      if (inner) {
        return inner;
      }
    }
    return null;
  };
  return walk(systemInfo);
}

/**
 * Best effort: whether the server's core has AutoRetireUsersTask, from GET /systeminformation
 * (needs a privilege to view it; any failure gives 'unknown'). Scheduling or running the task on a
 * server without it fails with CoreTaskUnavailableError in any case.
 */
export async function detectCoreTaskSupport(client: RestClient): Promise<CoreSupport> {
  try {
    const info = await client.get<{ systemInfo?: unknown }>('/systeminformation');
    return coreSupportFromVersion(findCoreVersion(info?.systemInfo));
  } catch {
    return { status: 'unknown', version: null };
  }
}
