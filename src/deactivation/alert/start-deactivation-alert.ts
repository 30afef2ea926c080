import { getSessionStore, type SessionStore } from '@openmrs/esm-framework';
import type { Config } from '../../config-schema';

export type ReadAlertConfig = () => Promise<Pick<Config, 'showDeactivationAlert'>>;

function check(readConfig: ReadAlertConfig, { loaded, session }: SessionStore) {
  if (loaded && session?.authenticated) {
    Promise.all([import('./deactivation-alert'), readConfig()])
      .then(([{ alertIfDeactivationsUpcoming }, config]) => alertIfDeactivationsUpcoming(session, config))
      .catch((error) => console.warn('Deactivation alert failed', error));
  }
}

/**
 * Watches the session and, once per login, tells administrators what is about to be deactivated.
 * The check itself is loaded only after someone logs in, to keep the app's entry chunk small.
 */
export function startDeactivationAlert(readConfig: ReadAlertConfig) {
  const store = getSessionStore();
  // subscribe() reports changes only; a session loaded before this module started is checked now
  check(readConfig, store.getState());
  store.subscribe((state) => check(readConfig, state));
}
