import { errorMessage, isForbidden } from './error-message';

const fetchError = (status: number, statusText: string, responseBody: unknown = null) =>
  Object.assign(
    new Error(
      `Server responded with ${status} (${statusText}) for url /openmrs/ws/rest/v1/person/x/attribute. Check err.responseBody or network tab in dev tools for more info`,
    ),
    { response: { status }, responseBody },
  );

describe('errorMessage', () => {
  it("prefers the server's own message, with the status", () => {
    expect(errorMessage(fetchError(403, 'Forbidden', { error: { message: 'Privileges required: Get Users' } }))).toBe(
      '403: Privileges required: Get Users',
    );
    expect(
      errorMessage(
        fetchError(400, 'Bad Request', { error: { message: 'x', globalErrors: [{ message: 'Name is required' }] } }),
      ),
    ).toBe('400: Name is required');
  });

  it("turns openmrsFetch's developer message into the status text when the server sent no message (e.g. a proxy's 503 page)", () => {
    expect(errorMessage(fetchError(503, 'Service Unavailable', '<h1>503</h1>'))).toBe('503: Service Unavailable');
    expect(errorMessage(fetchError(502, ''))).toBe('502: Error');
  });

  it('keeps other messages as they are', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(errorMessage(null)).toBe('');
    expect(isForbidden(fetchError(403, 'Forbidden'))).toBe(true);
  });
});
