import { getSessionStore } from '@openmrs/esm-framework';

/**
 * Watches the session and, once per login, tells administrators what is about to be deactivated.
 * The check itself is loaded only after someone logs in, to keep the app's entry chunk small.
 */
export function startDeactivationAlert() {
  getSessionStore().subscribe(({ loaded, session }) => {
    if (loaded && session?.authenticated) {
      import('./deactivation-alert')
        .then(({ alertIfDeactivationsUpcoming }) => alertIfDeactivationsUpcoming(session))
        .catch((error) => console.warn('Deactivation alert failed', error));
    }
  });
}
