import { openmrsFetch, type Session } from '@openmrs/esm-framework';
import { enabledPolicy } from '../../test-support/policy-users';
import { serializePolicy } from '../policy-json';
import { policyMayBeOn } from '../policy-global-property';
import { alertIfDeactivationsUpcoming } from './deactivation-alert';
import { alertIfPolicyOn } from './alert-if-policy-on';

jest.mock('./deactivation-alert', () => ({ alertIfDeactivationsUpcoming: jest.fn(() => Promise.resolve(3)) }));

const session = { authenticated: true, user: { uuid: 'admin' } } as unknown as Session;

function savedPolicy(value: string | null, status = 200) {
  jest.mocked(openmrsFetch).mockImplementation(() =>
    status === 200
      ? Promise.resolve({ data: { value } } as never)
      : Promise.reject(Object.assign(new Error(`HTTP ${status}`), { response: { status } })),
  );
}

describe('alertIfPolicyOn', () => {
  it('reads the policy global property once and hands its value to the alert when the policy is on', async () => {
    const raw = serializePolicy(enabledPolicy());
    savedPolicy(raw);
    expect(await alertIfPolicyOn(session)).toBe(3);
    expect(openmrsFetch).toHaveBeenCalledTimes(1);
    expect(jest.mocked(openmrsFetch).mock.calls[0][0]).toMatch(/\/systemsetting\/useraccess\.deactivationPolicy\?v=custom:\(value\)$/);
    expect(alertIfDeactivationsUpcoming).toHaveBeenCalledWith(session, raw, expect.any(Date));
  });

  it('loads nothing more while the policy is off or not set', async () => {
    savedPolicy(serializePolicy(enabledPolicy({ enabled: false })));
    expect(await alertIfPolicyOn(session)).toBeNull();
    savedPolicy(null, 404);
    expect(await alertIfPolicyOn(session)).toBeNull();
    expect(alertIfDeactivationsUpcoming).not.toHaveBeenCalled();
  });

  it('passes on other failures', async () => {
    savedPolicy(null, 403);
    await expect(alertIfPolicyOn(session)).rejects.toThrow('HTTP 403');
  });
});

describe('policyMayBeOn', () => {
  it('is false only where parsePolicy gives a policy that is off', () => {
    expect(policyMayBeOn(serializePolicy(enabledPolicy()))).toBe(true);
    expect(policyMayBeOn(serializePolicy(enabledPolicy({ enabled: false })))).toBe(false);
    expect(policyMayBeOn(null)).toBe(false);
    expect(policyMayBeOn('  ')).toBe(false);
    expect(policyMayBeOn('not json')).toBe(false);
    expect(policyMayBeOn('[1]')).toBe(false);
    expect(policyMayBeOn('{"version": 2, "enabled": true}')).toBe(false);
    expect(policyMayBeOn('{"version": 1, "enabled": "yes"}')).toBe(false);
  });
});
