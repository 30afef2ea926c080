import { act, renderHook, waitFor } from '@testing-library/react';
import { useSWRConfig } from 'swr';
import { mockFetch, ok, fail, swrWrapper } from '../test-support/openmrs-fetch';
import { saveDeactivationPolicy, useCoreDaysToRetire, useDeactivationPolicy } from './policy-settings.resource';
import { createDefaultPolicy, serializePolicy } from './policy-json';
import { PolicyValidationError } from './policy-io';

/** a cache refresh for the saves whose effect on a page is not under test */
const refresh = jest.fn(() => Promise.resolve(undefined)) as never;

describe('the policy global property', () => {
  it('is the default policy when not set yet (404)', async () => {
    mockFetch.mockImplementation((() => fail(404, "Object with given uuid doesn't exist")) as never);
    const { result } = renderHook(() => useDeactivationPolicy(), { wrapper: swrWrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current).toMatchObject({ policy: createDefaultPolicy(), errors: [], isSet: false, error: undefined });
    expect(mockFetch.mock.calls[0][0]).toBe('/ws/rest/v1/systemsetting/useraccess.deactivationPolicy?v=default');
  });

  it('parses a stored policy and reports problems with it', async () => {
    mockFetch.mockImplementation((() =>
      ok({
        property: 'useraccess.deactivationPolicy',
        value: '{"version":1,"enabled":true,"inactiveDays":0}',
      })) as never);
    const { result } = renderHook(() => useDeactivationPolicy(), { wrapper: swrWrapper });
    await waitFor(() => expect(result.current.isSet).toBe(true));
    expect(result.current.policy.enabled).toBe(true);
    expect(result.current.errors).toEqual(['The inactivity limit must be a whole number of days from 1 to 3650.']);
  });

  it('surfaces errors other than 404', async () => {
    mockFetch.mockImplementation((() => fail(403)) as never);
    const { result } = renderHook(() => useDeactivationPolicy(), { wrapper: swrWrapper });
    await waitFor(() => expect(result.current.error).toBeDefined());
  });

  it('saves the policy and keeps users.numberOfDaysToRetire in step', async () => {
    mockFetch.mockImplementation((() => ok({}, 201)) as never);
    const enabled = { ...createDefaultPolicy(), enabled: true, inactiveDays: 60 };
    await saveDeactivationPolicy(enabled, refresh);
    const posts = mockFetch.mock.calls.filter((c) => c[1]?.method === 'POST');
    expect(
      posts.map((c) => [
        c[0],
        (c[1]?.body as Record<string, string>).property,
        (c[1]?.body as Record<string, string>).value,
      ]),
    ).toEqual([
      ['/ws/rest/v1/systemsetting', 'useraccess.deactivationPolicy', serializePolicy(enabled)],
      ['/ws/rest/v1/systemsetting', 'users.numberOfDaysToRetire', '60'],
    ]);
    expect((posts[0][1]?.body as Record<string, string>).description).toMatch(/deactivation policy/);

    mockFetch.mockClear();
    await saveDeactivationPolicy(createDefaultPolicy(), refresh);
    const blank = mockFetch.mock.calls.find(
      (c) => (c[1]?.body as Record<string, string>)?.property === 'users.numberOfDaysToRetire',
    );
    expect((blank?.[1]?.body as Record<string, string>).value).toBe('');
  });

  it('shows the new users.numberOfDaysToRetire after a save, in the cache the app shell gives each app (an SWRConfig provider)', async () => {
    let coreDays = '90';
    mockFetch.mockImplementation(((
      url: string,
      init?: { method?: string; body?: { property?: string; value?: string } },
    ) => {
      if (init?.method === 'POST') {
        if (init.body?.property === 'users.numberOfDaysToRetire') {
          coreDays = init.body.value ?? '';
        }
        return ok({}, 201);
      }
      return ok({ property: 'users.numberOfDaysToRetire', value: coreDays });
    }) as never);
    const { result } = renderHook(() => ({ days: useCoreDaysToRetire().value, mutate: useSWRConfig().mutate }), {
      wrapper: swrWrapper,
    });
    await waitFor(() => expect(result.current.days).toBe('90'));
    await act(() =>
      saveDeactivationPolicy({ ...createDefaultPolicy(), enabled: true, inactiveDays: 3650 }, result.current.mutate),
    );
    await waitFor(() => expect(result.current.days).toBe('3650'));
  });

  it('refuses to save an invalid policy and writes nothing', async () => {
    const bad = { ...createDefaultPolicy(), maxPerRun: 0, inactiveDays: -1 };
    const attempt = saveDeactivationPolicy(bad, refresh);
    await expect(attempt).rejects.toBeInstanceOf(PolicyValidationError);
    await expect(attempt).rejects.toMatchObject({
      validationErrors: [
        'The inactivity limit must be a whole number of days from 1 to 3650.',
        'The maximum number of deactivations per run must be a whole number from 1 to 10000.',
      ],
    });
    expect(mockFetch).not.toHaveBeenCalled();
  });
});
