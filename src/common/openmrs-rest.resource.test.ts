import { updateUserProperties } from './openmrs-rest.resource';
import { mockFetch, userWithProperties, serveUser, postedProperties } from '../test-support/openmrs-fetch';

describe('updateUserProperties', () => {
  it('reads the user fresh, merges, and never drops other properties', async () => {
    serveUser();
    await updateUserProperties('u1', { foo: 'bar', loginAttempts: null });
    expect(mockFetch.mock.calls[0][0]).toBe('/ws/rest/v1/user/u1?v=custom:(uuid,userProperties)');
    expect(mockFetch.mock.calls[1][0]).toBe('/ws/rest/v1/user/u1');
    const { loginAttempts, ...kept } = userWithProperties.userProperties;
    expect(loginAttempts).toBe('0');
    expect(postedProperties()).toEqual({ ...kept, foo: 'bar' });
  });

});
