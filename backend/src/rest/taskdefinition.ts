import { requirePrivilege, type Ctx, type Reply } from '../context';
import { badRequest, methodNotAllowed, serverError, wrappedError } from '../errors';
import type { TaskDefinition, User } from '../model';
import { versionAtLeast } from '../versions';
import { newUuid } from '../store';
import { formatDate, link, OMIT, parseDate, type Converter } from '../representations';
import { callerOf, filterUsers } from '../lbac';
import { knownTaskClasses, runAutoRetireUsersTask, AUTO_RETIRE_TASK_CLASS } from '../scheduler';
import { asBoolean, asString, checkProperties, isPurge, newAudit, notRetired, touch } from './common';
import { crudHandler, retireDelegate } from './resource';

export const taskDefinitionConverter: Converter<TaskDefinition> = {
  typeName: 'TaskDefinitionResource2_4(class org.openmrs.scheduler.TaskDefinition)',
  alias: 'taskdefinition',
  path: (t) => `taskdefinition/${t.uuid}`,
  ref: (t, ctx) => ({
    uuid: t.uuid,
    name: t.name,
    description: t.description,
    taskClass: t.taskClass,
    links: [link(ctx, 'self', `taskdefinition/${t.uuid}`, 'taskdefinition')],
  }),
  defaultFields: ['uuid', 'name', 'description', 'taskClass', 'startTime', 'started', 'links'],
  fullFields: [
    'uuid', 'name', 'description', 'taskClass', 'startTime', 'lastExecutionTime', 'repeatInterval', 'startOnStartup',
    'startTimePattern', 'started', 'properties', 'links',
  ],
  get(t, name, _rep, ctx, kind) {
    switch (name) {
      case 'uuid':
        return t.uuid;
      case 'display':
        return t.name;
      case 'name':
        return t.name;
      case 'description':
        return t.description;
      case 'taskClass':
        return t.taskClass;
      case 'startTime':
        return formatDate(t.startTime);
      case 'lastExecutionTime':
        return formatDate(t.lastExecutionTime);
      case 'repeatInterval':
        return t.repeatInterval;
      case 'startOnStartup':
        return t.startOnStartup;
      case 'startTimePattern':
        return t.startTimePattern;
      case 'started':
        return t.started;
      case 'properties':
        return { ...t.properties };
      case 'links': {
        const self = link(ctx, 'self', `taskdefinition/${t.uuid}`, 'taskdefinition');
        if (kind === 'default') {
          return [
            link(ctx, 'ref', `taskdefinition/${t.uuid}`, 'taskdefinition', '?v=ref'),
            link(ctx, 'full', `taskdefinition/${t.uuid}`, 'taskdefinition', '?v=full'),
            self,
          ];
        }
        if (kind === 'full') {
          return [self, link(ctx, 'ref', `taskdefinition/${t.uuid}`, 'taskdefinition', '?v=ref')];
        }
        return [self];
      }
      default:
        return OMIT;
    }
  },
};

/** getTaskByUuid, then getTaskByName (throws when missing), then getTask(Integer.parseInt). Unknown: 500. */
export function resolveTask(ctx: Ctx, key: string): TaskDefinition {
  const tasks = ctx.store.db.taskDefinitions;
  const found =
    tasks.find((t) => t.uuid === key) ??
    tasks.find((t) => t.name === key) ??
    (/^\d+$/.test(key) ? tasks.find((t) => t.id === Number(key)) : undefined);
  if (found) {
    return found;
  }
  throw serverError(
    `Object of class [org.openmrs.scheduler.TaskDefinition] with identifier [${key}]: not found`,
    'org.openmrs.scheduler.db.hibernate.HibernateSchedulerDAO:125',
  );
}

const CREATABLE = ['name', 'description', 'taskClass', 'startTime', 'repeatInterval', 'startOnStartup', 'properties'];

function applyTask(t: TaskDefinition, body: Record<string, unknown>) {
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case 'name':
        t.name = asString(value) ?? '';
        break;
      case 'description':
        t.description = asString(value);
        break;
      case 'taskClass':
        t.taskClass = asString(value) ?? '';
        break;
      case 'startTime': {
        if (value === null) {
          t.startTime = null;
          break;
        }
        const ms = parseDate(value);
        if (Number.isNaN(ms)) {
          throw badRequest(`Unparseable date: "${String(value)}"`, 'org.openmrs.module.webservices.rest.web.ConversionUtil:292');
        }
        t.startTime = ms;
        break;
      }
      case 'repeatInterval': {
        const n = Number(value);
        if (!Number.isFinite(n)) {
          throw badRequest(`Cannot convert ${String(value)} to java.lang.Long`);
        }
        t.repeatInterval = Math.trunc(n);
        break;
      }
      case 'startOnStartup':
        t.startOnStartup = asBoolean(value);
        break;
      case 'properties':
        t.properties = Object.fromEntries(
          Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v === null ? '' : String(v)]),
        );
        break;
    }
  }
}

function searchTasks(ctx: Ctx): TaskDefinition[] {
  const q = ctx.params.get('q');
  const tasks = ctx.store.db.taskDefinitions;
  return q === null || q === 'registered' ? tasks : tasks.filter((t) => t.started);
}

const taskDefinitions = crudHandler<TaskDefinition>({
  converter: taskDefinitionConverter,
  // taskDefinitionHandler checks Manage Scheduler for every request
  privileges: {},
  getByUniqueId: resolveTask,
  doGetAll: searchTasks,
  doSearch: searchTasks,
  create: {
    properties: CREATABLE,
    required: CREATABLE,
    save(ctx, body, actor) {
      const t: TaskDefinition = {
        id: ctx.store.nextId(),
        uuid: newUuid(),
        name: '',
        description: null,
        taskClass: '',
        startTime: null,
        lastExecutionTime: null,
        repeatInterval: 0,
        startOnStartup: false,
        startTimePattern: null,
        started: false,
        properties: {},
        ...newAudit(actor.uuid),
        ...notRetired(),
      };
      applyTask(t, body);
      ctx.store.db.taskDefinitions.push(t);
      return t;
    },
  },
  update: {
    properties: [...CREATABLE, 'retired'],
    save(_ctx, t, body, actor) {
      applyTask(t, body);
      touch(t, actor.uuid);
    },
  },
  delete: retireDelegate,
});

/** Every SchedulerService method is @Authorized(Manage Scheduler), so the privilege comes first, even for a method the resource lacks. */
export function taskDefinitionHandler(ctx: Ctx, segments: string[]): Promise<Reply> | Reply {
  requirePrivilege(ctx, 'Manage Scheduler');
  if (ctx.method === 'DELETE' && segments[0] && isPurge(ctx)) {
    throw serverError('TaskAction cannot be purged', 'org.openmrs.module.webservices.rest.web.v1_0.resource.openmrs1_8.TaskDefinitionResource1_8:190');
  }
  return taskDefinitions(ctx, segments);
}

const TASK_ACTION = 'org.openmrs.module.webservices.rest.web.v1_0.resource.openmrs1_8.TaskActionResource1_8';

/**
 * TaskFactory.createInstance: a class the OpenmrsClassLoader cannot load (e.g. AutoRetireUsersTask on
 * core < 2.7) is SchedulerException("could not load class", ClassNotFoundException(<class>)).
 * scheduleTask wraps that in SchedulerException("Failed to schedule task"); the REST resource wraps
 * it in APIException("Errors occurred while <doing> task"): a 500 whose message chains them all.
 */
function checkTaskClass(ctx: Ctx, t: TaskDefinition, action: string) {
  if (knownTaskClasses(ctx.flags.coreVersion).includes(t.taskClass)) {
    return;
  }
  const chain: Record<string, [string, number, string[]]> = {
    SCHEDULETASK: ['Errors occurred while scheduling task', 97, ['Failed to schedule task']],
    RESCHEDULETASK: ['Errors occurred while rescheduling task', 120, ['Failed to schedule task']],
    RUNTASK: ['Errors occurred while running task', 153, []],
  };
  const [outer, line, middle] = chain[action];
  throw wrappedError(500, null, [outer, ...middle, 'could not load class', t.taskClass], `${TASK_ACTION}:${line}`);
}

/** How long the stand-in's job queue takes to pick up a job scheduled by RUNTASK on REST 4.0.0 and later. */
export const QUEUED_RUN_DELAY_MS = 1000;

/**
 * TaskServiceWrapper.runTask. REST 2.44.0 to 3.4.1: TaskFactory.createInstance(def).execute(), in the
 * request thread as the caller; it is not TimerSchedulerTask.execute, so lastExecutionTime stays as
 * it was. REST 4.0.0 (RESTWS-1027/1032, for core 2.9+): SchedulerService.schedule(def) enqueues a job
 * that LegacyTask runs later as the caller; a missing class fails that job, not the request, and
 * nothing there sets lastExecutionTime either.
 */
function runTask(ctx: Ctx, t: TaskDefinition, user: User) {
  const execute = () => {
    if (t.taskClass === AUTO_RETIRE_TASK_CLASS) {
      runAutoRetireUsersTask(ctx.store, user, Date.now(), (users) => filterUsers(callerOf(ctx), users));
    }
  };
  if (versionAtLeast(ctx.flags.restVersion, '4.0.0')) {
    if (knownTaskClasses(ctx.flags.coreVersion).includes(t.taskClass)) {
      setTimeout(execute, QUEUED_RUN_DELAY_MS).unref();
    }
    return;
  }
  checkTaskClass(ctx, t, 'RUNTASK');
  execute();
}

const ACTIONS = ['SCHEDULETASK', 'SHUTDOWNTASK', 'RESCHEDULETASK', 'RESCHEDULEALLTASKS', 'DELETE', 'RUNTASK'];

/** POST /taskaction {action, tasks}: 201 {tasks:[ref], action}. */
export async function taskActionHandler(ctx: Ctx, segments: string[]): Promise<Reply> {
  if (ctx.method !== 'POST' || segments.length) {
    throw methodNotAllowed(ctx.method);
  }
  const user = requirePrivilege(ctx, 'Manage Scheduler');
  const body = await ctx.readBody();
  checkProperties(body, ['action', 'tasks', 'allTasks'], ['action']);
  const action = String(body.action).toUpperCase();
  if (!ACTIONS.includes(action)) {
    throw badRequest(
      `No enum constant org.openmrs.module.webservices.rest.web.v1_0.controller.openmrs1_8.TaskAction.Action.${action}`,
    );
  }
  const keys = Array.isArray(body.tasks) ? body.tasks : body.tasks === undefined ? [] : [body.tasks];
  const tasks =
    body.allTasks === true || body.allTasks === 'true'
      ? [...ctx.store.db.taskDefinitions]
      : keys.map((k) => resolveTask(ctx, typeof k === 'string' ? k : String((k as { uuid?: string })?.uuid ?? k)));
  if (!tasks.length && action !== 'RESCHEDULEALLTASKS') {
    throw badRequest(
      `Cannot execute action ${action} on empty set of task definitions.`,
      'org.openmrs.module.webservices.rest.web.v1_0.resource.openmrs1_8.TaskActionResource1_8:92',
    );
  }
  for (const t of tasks) {
    switch (action) {
      case 'SCHEDULETASK':
      case 'RESCHEDULETASK':
        checkTaskClass(ctx, t, action);
        t.started = true;
        break;
      case 'SHUTDOWNTASK':
        t.started = false;
        break;
      case 'DELETE':
        // TimerSchedulerServiceImpl.deleteTask: an APIException (not a SchedulerException, so not wrapped)
        if (t.started) {
          throw serverError(
            'Started tasks should not be deleted. They should be stopped first, and then deleted.',
            'org.openmrs.scheduler.timer.TimerSchedulerServiceImpl:426',
          );
        }
        ctx.store.db.taskDefinitions = ctx.store.db.taskDefinitions.filter((x) => x !== t);
        break;
      case 'RUNTASK':
        runTask(ctx, t, user);
        break;
    }
  }
  ctx.store.changed();
  return {
    status: 201,
    // ConversionUtil.convertToRepresentation(action, DEFAULT): tasks as REF, plus resourceVersion
    body: { tasks: tasks.map((t) => taskDefinitionConverter.ref(t, ctx)), action, resourceVersion: '1.8' },
  };
}
