import { coreAtLeast } from './versions';
import type { TaskDefinition, User } from './model';
import type { Store } from './store';

export const AUTO_RETIRE_TASK_CLASS = 'org.openmrs.scheduler.tasks.AutoRetireUsersTask';
export const AUTO_RETIRE_REASON = 'User retired due to inactivity';
export const GP_DAYS_TO_RETIRE = 'users.numberOfDaysToRetire';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Core task classes a TaskFactory can instantiate here (AutoRetireUsersTask only from core 2.7.0). */
export function knownTaskClasses(coreVersion: string): string[] {
  return coreAtLeast(coreVersion, 2, 7) ? KNOWN_TASK_CLASSES : KNOWN_TASK_CLASSES.filter((c) => c !== AUTO_RETIRE_TASK_CLASS);
}

export const KNOWN_TASK_CLASSES = [
  AUTO_RETIRE_TASK_CLASS,
  'org.openmrs.scheduler.tasks.HelloWorldTask',
  'org.openmrs.scheduler.tasks.ProcessHL7InQueueTask',
  'org.openmrs.scheduler.tasks.CheckInternetConnectivityTask',
  'org.openmrs.scheduler.tasks.AlertReminderTask',
  'org.openmrs.scheduler.tasks.SendEmailTask',
  'org.openmrs.scheduler.tasks.CleanupOldConceptMapTask',
];

/**
 * The scheduler as a server start leaves it. TimerSchedulerServiceImpl.onShutdown stops every task
 * (shutdownAllTasks saves started=false), then onStartup schedules every task whose startOnStartup is
 * true (core 2.5.x to 2.8.x), however it was left: a SHUTDOWNTASK alone does not survive a restart.
 */
export function onStartup(tasks: TaskDefinition[]): void {
  for (const task of tasks) {
    task.started = task.startOnStartup;
  }
}

/**
 * AutoRetireUsersTask.execute, run synchronously as `caller` (REST 2.x/3.x RUNTASK).
 * Returns the retired users. Every error is caught and logged, as in core.
 */
export function runAutoRetireUsersTask(
  store: Store,
  caller: User,
  now = Date.now(),
  /** getAllUsers as the caller sees it (LBAC filters it for non-super users) */
  visibleUsers: (users: User[]) => User[] = (users) => users,
): User[] {
  const retired: User[] = [];
  try {
    const raw = store.gp(GP_DAYS_TO_RETIRE);
    if (raw === null || raw.trim() === '') {
      return retired;
    }
    if (!/^[+-]?\d+$/.test(raw)) {
      throw new Error(`For input string: "${raw}"`);
    }
    // getAllUsers needs Get Users, retireUser needs Edit Users: the task runs as the caller
    if (!store.hasPrivilege(caller, 'Get Users') || !store.hasPrivilege(caller, 'Edit Users')) {
      throw new Error('Privileges required: Get Users');
    }
    const threshold = Number(raw) * DAY_MS;
    const candidates = visibleUsers([...store.db.users].sort((a, b) => a.id - b.id)).filter((user) => {
      if (store.isSuperUser(user) || user.retired) {
        return false;
      }
      const ts = user.userProperties.lastLoginTimestamp ?? '';
      if (ts.trim() !== '') {
        if (!/^[+-]?\d+$/.test(ts)) {
          throw new Error(`For input string: "${ts}"`);
        }
        return now - Number(ts) >= threshold;
      }
      return user.dateCreated !== null && user.dateCreated !== undefined && now - user.dateCreated >= threshold;
    });
    // usersToRetire.forEach(retireUser): saveUser's checkPrivileges throws at the first account the
    // caller may not edit, which ends the run; the accounts retired before it stay retired
    for (const user of candidates) {
      const refusal = store.editRefusal(caller, user);
      if (refusal) {
        throw new Error(refusal);
      }
      user.retired = true;
      user.retiredBy = caller.uuid;
      user.dateRetired = now;
      user.retireReason = AUTO_RETIRE_REASON;
      user.changedBy = caller.uuid;
      user.dateChanged = now;
      retired.push(user);
    }
  } catch (e) {
    console.error('Error occurred while auto-retiring users: ', e instanceof Error ? e.message : e);
  }
  if (retired.length) {
    store.changed();
  }
  return retired;
}
