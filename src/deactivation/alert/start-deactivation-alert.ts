import { getSessionStore, type SessionStore } from '@openmrs/esm-framework';

function check({ loaded, session }: SessionStore) {
  if (loaded && session?.authenticated) {
    import('./deactivation-alert')
      .then(({ alertIfDeactivationsUpcoming }) => alertIfDeactivationsUpcoming(session))
      .catch((error) => console.warn('Deactivation alert failed', error));
  }
}

/**
 * Watches the session and, once per login, tells administrators what is about to be deactivated.
 * The check itself is loaded only after someone logs in, to keep the app's entry chunk small.
 */
export function startDeactivationAlert() {
  const store = getSessionStore();
  // subscribe() reports changes only; a session loaded before this module started is checked now
  check(store.getState());
  store.subscribe(check);
}
