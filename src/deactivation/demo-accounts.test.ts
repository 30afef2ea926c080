import { createDefaultPolicy } from './policy-json';
import { isDemoAccount } from './demo-accounts';
import { policyUser } from '../test-support/policy-users';

describe('isDemoAccount', () => {
  it('matches the username prefix whatever the case, also where lower-casing is not one to one', () => {
    const policy = createDefaultPolicy();
    const demo = (username: string, usernamePrefix: string) =>
      isDemoAccount(policyUser({ familyName: 'Family', systemId: '1-1', username }), { ...policy, demo: { ...policy.demo, usernamePrefix } });
    expect(demo('TEST-1', 'test-')).toBe(true);
    expect(demo('\tTest-1', 'test-')).toBe(true);
    expect(demo('user1', 'test-')).toBe(false);
    expect(demo('İx', 'i̇')).toBe(true);
    expect(demo('\u212Aey', 'k')).toBe(true);
    expect(demo('key', 'K')).toBe(true);
    expect(demo('\u00C9t', 'ét')).toBe(true);
    expect(demo('', 'test-')).toBe(false);
  });
});
