import { getSessionStore, userHasAccess, type Session } from '@openmrs/esm-framework';
import { alertIfPolicyOn } from './deactivation/alert/alert-if-policy-on';
import { firstTimeThisLogin, startDeactivationAlert } from './deactivation-alert-trigger';

jest.mock('./deactivation/alert/alert-if-policy-on', () => ({ alertIfPolicyOn: jest.fn(() => Promise.resolve(null)) }));

let config = { showDeactivationAlert: true };
const readConfig = () => Promise.resolve(config);
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

let loginCount = 0;
/** A session of a new login each time (lastLoginTimestamp changes at each login). */
function newLogin(userUuid = 'admin'): Session {
  loginCount++;
  return {
    authenticated: true,
    user: { uuid: userUuid, userProperties: { lastLoginTimestamp: String(1700000000000 + loginCount) } },
  } as unknown as Session;
}

function storeWith(session: unknown) {
  let listener: (state: unknown) => void = () => {};
  jest.mocked(getSessionStore).mockReturnValue({
    getState: () => ({ loaded: true, session }),
    subscribe: (fn: (state: unknown) => void) => (listener = fn),
  } as never);
  return (next: unknown) => listener({ loaded: true, session: next });
}

describe('startDeactivationAlert', () => {
  beforeEach(() => {
    config = { showDeactivationAlert: true };
    jest.mocked(userHasAccess).mockReturnValue(true);
  });

  it('checks a session that was already loaded when the app started', async () => {
    const session = newLogin();
    storeWith(session);
    startDeactivationAlert(readConfig);
    await tick();
    expect(alertIfPolicyOn).toHaveBeenCalledWith(session);
  });

  it('waits for a login when nobody is logged in yet', async () => {
    const login = storeWith({ authenticated: false });
    startDeactivationAlert(readConfig);
    await tick();
    expect(alertIfPolicyOn).not.toHaveBeenCalled();
    const session = newLogin();
    login(session);
    await tick();
    expect(alertIfPolicyOn).toHaveBeenCalledWith(session);
  });

  it('runs once per login: not again when the session is refreshed or another page of the same login loads', async () => {
    const session = newLogin();
    const refresh = storeWith(session);
    startDeactivationAlert(readConfig);
    refresh({ ...session });
    await tick();
    startDeactivationAlert(readConfig); // the next page load
    await tick();
    expect(alertIfPolicyOn).toHaveBeenCalledTimes(1);
    refresh(newLogin());
    await tick();
    expect(alertIfPolicyOn).toHaveBeenCalledTimes(2);
  });

  it('loads nothing for users without Manage Account Deactivation', async () => {
    jest.mocked(userHasAccess).mockReturnValue(false);
    storeWith(newLogin('clerk'));
    startDeactivationAlert(readConfig);
    await tick();
    expect(alertIfPolicyOn).not.toHaveBeenCalled();
  });

  it('loads nothing when showDeactivationAlert is off', async () => {
    config = { showDeactivationAlert: false };
    storeWith(newLogin());
    startDeactivationAlert(readConfig);
    await tick();
    expect(alertIfPolicyOn).not.toHaveBeenCalled();
  });
});

describe('firstTimeThisLogin', () => {
  it('tells each login apart per user, and remembers it across tabs (localStorage)', () => {
    const session = newLogin('u1');
    expect(firstTimeThisLogin(session)).toBe(true);
    expect(firstTimeThisLogin(session)).toBe(false);
    expect(window.localStorage.getItem('useraccess.deactivationAlert.u1')).toBe(session.user?.userProperties?.lastLoginTimestamp);
    expect(firstTimeThisLogin(newLogin('u2'))).toBe(true);
    expect(firstTimeThisLogin(newLogin('u1'))).toBe(true);
  });

  it('without lastLoginTimestamp, once per tab', () => {
    const session = { authenticated: true, user: { uuid: 'old-core', userProperties: {} } } as unknown as Session;
    expect(firstTimeThisLogin(session)).toBe(true);
    expect(firstTimeThisLogin(session)).toBe(false);
    expect(window.sessionStorage.getItem('useraccess.deactivationAlert.old-core')).toBe('checked');
  });
});
