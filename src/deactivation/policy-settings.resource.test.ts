import { renderHook, waitFor } from '@testing-library/react';
import { mockFetch, ok, fail, swrWrapper } from '../test-support/openmrs-fetch';
import { saveDeactivationPolicy, useDeactivationPolicy } from './policy-settings.resource';
import { createDefaultPolicy, serializePolicy } from './policy-json';
import { PolicyValidationError } from './policy-io';

describe('the policy global property', () => {
  it('is the default policy when not set yet (404)', async () => {
    mockFetch.mockImplementation((() => fail(404, 'Object with given uuid doesn\'t exist')) as never);
    const { result } = renderHook(() => useDeactivationPolicy(), { wrapper: swrWrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current).toMatchObject({ policy: createDefaultPolicy(), errors: [], isSet: false, error: undefined });
    expect(mockFetch.mock.calls[0][0]).toBe('/ws/rest/v1/systemsetting/useraccess.deactivationPolicy?v=default');
  });

  it('parses a stored policy and reports problems with it', async () => {
    mockFetch.mockImplementation((() =>
      ok({ property: 'useraccess.deactivationPolicy', value: '{"version":1,"enabled":true,"inactiveDays":0}' })) as never);
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
    await saveDeactivationPolicy(enabled);
    const posts = mockFetch.mock.calls.filter((c) => c[1]?.method === 'POST');
    expect(posts.map((c) => [c[0], (c[1]?.body as Record<string, string>).property, (c[1]?.body as Record<string, string>).value])).toEqual([
      ['/ws/rest/v1/systemsetting', 'useraccess.deactivationPolicy', serializePolicy(enabled)],
      ['/ws/rest/v1/systemsetting', 'users.numberOfDaysToRetire', '60'],
    ]);
    expect((posts[0][1]?.body as Record<string, string>).description).toMatch(/deactivation policy/);

    mockFetch.mockClear();
    await saveDeactivationPolicy(createDefaultPolicy());
    const blank = mockFetch.mock.calls.find((c) => (c[1]?.body as Record<string, string>)?.property === 'users.numberOfDaysToRetire');
    expect((blank?.[1]?.body as Record<string, string>).value).toBe('');
  });

  it('refuses to save an invalid policy and writes nothing', async () => {
    const bad = { ...createDefaultPolicy(), maxPerRun: 0, inactiveDays: -1 };
    const attempt = saveDeactivationPolicy(bad);
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
