/**
 * Starts the after-login deactivation alert: once per login, for users with Manage Account
 * Deactivation, when showDeactivationAlert is on. Only then is the alert's code loaded (first a
 * small policy check, the engine only when the policy may be on), so the app's entry, which every
 * O3 page loads for the session-location switcher, carries none of it.
 */
import { getSessionStore, userHasAccess, type Session, type SessionStore } from '@openmrs/esm-framework';
import type { Config } from './config-schema';
import { privileges } from './common/privileges';

export type ReadAlertConfig = () => Promise<Pick<Config, 'showDeactivationAlert'>>;

const storageKey = (userUuid: string) => `useraccess.deactivationAlert.${userUuid}`;
/** Logins checked by this page, should storage refuse writes. */
const checkedHere = new Set<string>();

/**
 * True the first time it is asked for a login, in any tab: lastLoginTimestamp changes at each login
 * (HibernateContextDAO.authenticate, core 2.7 and later), so localStorage keeps the last one checked
 * per user. Without it, once per tab.
 */
export function firstTimeThisLogin(session: Session): boolean {
  const user = session.user?.uuid ?? '';
  const login = session.user?.userProperties?.lastLoginTimestamp ?? null;
  const id = `${user}.${login ?? ''}`;
  if (checkedHere.has(id)) {
    return false;
  }
  checkedHere.add(id);
  try {
    const storage = login ? window.localStorage : window.sessionStorage;
    const value = login ?? 'checked';
    if (storage.getItem(storageKey(user)) === value) {
      return false;
    }
    storage.setItem(storageKey(user), value);
  } catch {
    // storage unavailable: once per page load then
  }
  return true;
}

function check(readConfig: ReadAlertConfig, { loaded, session }: SessionStore) {
  const user = session?.authenticated ? session.user : null;
  if (!loaded || !user || !userHasAccess(privileges.manageAccountDeactivation, user) || !firstTimeThisLogin(session)) {
    return;
  }
  readConfig()
    .then(async (config) => {
      if (config.showDeactivationAlert) {
        const { alertIfPolicyOn } = await import('./deactivation/alert/alert-if-policy-on');
        await alertIfPolicyOn(session);
      }
    })
    .catch((error) => console.warn('Deactivation alert failed', error));
}

/** Watches the session and runs the check for each login, including one loaded before the app started. */
export function startDeactivationAlert(readConfig: ReadAlertConfig) {
  const store = getSessionStore();
  // subscribe() reports changes only; a session loaded before this module started is checked now
  check(readConfig, store.getState());
  store.subscribe((state) => check(readConfig, state));
}
