import { renderHook, waitFor } from '@testing-library/react';
import { mockFetch, ok, fail, swrWrapper, listUrls } from '../test-support/openmrs-fetch';
import { createAutoRetireTask, updateTaskInterval, useAutoRetireTask, useCoreTaskSupport } from './core-task.resource';
import { startedAutoRetireTask as task } from '../test-support/core-task';

describe('core AutoRetireUsersTask', () => {

  it('finds the task definition by class', async () => {
    mockFetch.mockImplementation((() =>
      ok({ results: [{ uuid: 'other', taskClass: 'org.openmrs.scheduler.tasks.ProcessHL7InQueueTask' }, task] })) as never);
    const { result } = renderHook(() => useAutoRetireTask(), { wrapper: swrWrapper });
    await waitFor(() => expect(result.current.task).toEqual(task));
    expect(listUrls('taskdefinition')[0]).toMatch(/^\/ws\/rest\/v1\/taskdefinition\?v=full/);
  });

  it('is null when there is none', async () => {
    mockFetch.mockImplementation((() => ok({ results: [] })) as never);
    const { result } = renderHook(() => useAutoRetireTask(), { wrapper: swrWrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.task).toBeNull();
  });

  it('creates the definition with every required field', async () => {
    mockFetch.mockImplementation((() => ok(task, 201)) as never);
    await createAutoRetireTask(3600, new Date('2026-01-01T02:00:00Z'));
    expect(mockFetch).toHaveBeenCalledWith('/ws/rest/v1/taskdefinition', {
      method: 'POST',
      body: {
        name: 'Auto Retire Users',
        description: expect.stringMatching(/users.numberOfDaysToRetire/),
        taskClass: 'org.openmrs.scheduler.tasks.AutoRetireUsersTask',
        startTime: '2026-01-01T02:00:00.000+0000',
        repeatInterval: 3600,
        startOnStartup: false,
        properties: {},
      },
    });
    await expect(createAutoRetireTask(10)).rejects.toThrow(/60 seconds/);
  });

  it('updates the interval and reschedules a started task', async () => {
    mockFetch.mockImplementation((() => ok({}, 200)) as never);
    await updateTaskInterval(task, 7200);
    expect(mockFetch.mock.calls.map((c) => [c[0], c[1]?.body])).toEqual([
      ['/ws/rest/v1/taskdefinition/t1', { repeatInterval: 7200 }],
      ['/ws/rest/v1/taskaction', { action: 'RESCHEDULETASK', tasks: ['t1'] }],
    ]);
    mockFetch.mockClear();
    await updateTaskInterval({ ...task, started: false }, 7200);
    expect(mockFetch).toHaveBeenCalledTimes(1);
  });

  it('detects support from the core version, best effort', async () => {
    mockFetch.mockImplementation((() =>
      ok({
        systemInfo: {
          'SystemInfo.title.openmrsInformation': {
            'SystemInfo.OpenMRSInstallation.systemDate': '2026-01-01',
            'SystemInfo.OpenMRSInstallation.openmrsVersion': '2.7.4 Build 1234',
          },
        },
      })) as never);
    const { result } = renderHook(() => useCoreTaskSupport(), { wrapper: swrWrapper });
    await waitFor(() => expect(result.current.support).toEqual({ status: 'available', version: '2.7.4 Build 1234' }));
  });

  it('says unknown when systeminformation cannot be read', async () => {
    mockFetch.mockImplementation((() => fail(403)) as never);
    const { result } = renderHook(() => useCoreTaskSupport(), { wrapper: swrWrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.support.status).toBe('unknown');
  });
});
