import { isNotFound, type RestError } from './rest-client';
import { fetchReadClient } from './fetch-read-client';

const REST = 'https://o3.example.org/openmrs/ws/rest/v1';
/** A fetch Response as far as the client reads it. */
const json = (body: unknown, status = 200) => ({ ok: status < 300, status, statusText: '', json: async () => body });

describe('fetchReadClient', () => {
  it('reads with the session cookie and the headers openmrsFetch sends to the REST API', async () => {
    const fetchImpl = jest.fn().mockResolvedValue(json({ results: [] }));
    await expect(fetchReadClient(REST, fetchImpl).get('/user?v=ref')).resolves.toEqual({ results: [] });
    expect(fetchImpl).toHaveBeenCalledWith(`${REST}/user?v=ref`, {
      headers: { Accept: 'application/json', 'Disable-WWW-Authenticate': 'true' },
      credentials: 'same-origin',
    });
  });

  it('tries a read again after a 503', async () => {
    const fetchImpl = jest.fn().mockResolvedValueOnce(json({ error: { message: 'busy' } }, 503)).mockResolvedValueOnce(json({ ok: 1 }));
    await expect(fetchReadClient(REST, fetchImpl).get('/user')).resolves.toEqual({ ok: 1 });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('fails as openmrsFetch does, with the status and the server body, and does not repeat a 401 or 404', async () => {
    const fetchImpl = jest.fn().mockResolvedValue(json({ error: { message: 'Object with given uuid doesn\'t exist' } }, 404));
    const error = (await fetchReadClient(REST, fetchImpl).get('/user/nobody').catch((e) => e)) as RestError;
    expect(isNotFound(error)).toBe(true);
    expect(error.responseBody).toEqual({ error: { message: 'Object with given uuid doesn\'t exist' } });
    fetchImpl.mockResolvedValue(json({ error: { message: 'User is not logged in' } }, 401));
    await expect(fetchReadClient(REST, fetchImpl).get('/user')).rejects.toMatchObject({ response: { status: 401 } });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
  });

  it('writes nothing', async () => {
    const fetchImpl = jest.fn();
    const client = fetchReadClient(REST, fetchImpl);
    await expect(client.post('/user/u1', {})).rejects.toThrow('only reads');
    await expect(client.delete('/user/u1')).rejects.toThrow('only reads');
    expect(fetchImpl).not.toHaveBeenCalled();
  });
});
