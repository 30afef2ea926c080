import { getSessionStore } from '@openmrs/esm-framework';
import { alertIfDeactivationsUpcoming } from './deactivation-alert';
import { startDeactivationAlert } from './start-deactivation-alert';

jest.mock('./deactivation-alert', () => ({ alertIfDeactivationsUpcoming: jest.fn(() => Promise.resolve(null)) }));

const config = { showDeactivationAlert: true };
const readConfig = () => Promise.resolve(config);

describe('startDeactivationAlert', () => {
  it('checks a session that was already loaded when the app started', async () => {
    const session = { authenticated: true, user: { uuid: 'admin' } };
    jest.mocked(getSessionStore).mockReturnValue({
      getState: () => ({ loaded: true, session }),
      subscribe: jest.fn(),
    } as never);
    startDeactivationAlert(readConfig);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(alertIfDeactivationsUpcoming).toHaveBeenCalledWith(session, config);
  });

  it('waits for a login when nobody is logged in yet', async () => {
    let listener: (state: unknown) => void = () => {};
    jest.mocked(getSessionStore).mockReturnValue({
      getState: () => ({ loaded: true, session: { authenticated: false } }),
      subscribe: (fn: (state: unknown) => void) => (listener = fn),
    } as never);
    startDeactivationAlert(readConfig);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(alertIfDeactivationsUpcoming).not.toHaveBeenCalled();
    const session = { authenticated: true, user: { uuid: 'admin' } };
    listener({ loaded: true, session });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(alertIfDeactivationsUpcoming).toHaveBeenCalledWith(session, config);
  });
});
