/**
 * For the session-location switcher: whether the signed-in user may ask for locations (they lack
 * Manage Location Access, and hold Manage Alerts, which storing a request needs: the role Location
 * Requester), and, once the menu is wanted, the items to add to it. The items' code
 * (switcher-request-items.ts) is imported only then, so a page load carries only this file.
 */
import { useEffect, useState } from 'react';
import { userHasAccess, type LoggedInUser } from '@openmrs/esm-framework';
import type { Translate } from '../../common/use-translation';
import { privileges } from '../../common/privileges';
import type { MenuExtraItem } from './switcher-request-items';

/** PrivilegeConstants.MANAGE_ALERTS */
const MANAGE_ALERTS = 'Manage Alerts';

export function useRequestMenuItems(user: LoggedInUser | undefined, wanted: boolean, t: Translate) {
  const mayRequest = !!user && userHasAccess(MANAGE_ALERTS, user) && !userHasAccess(privileges.manageLocationAccess, user);
  const [items, setItems] = useState<MenuExtraItem[]>([]);
  useEffect(() => {
    if (!mayRequest || !wanted || !user) {
      return;
    }
    let live = true;
    import('./switcher-request-items')
      .then((module) => live && setItems(module.requestMenuItems(user, t)))
      .catch((error) => console.warn('The location request entry could not be loaded', error));
    return () => {
      live = false;
    };
    // the user object changes on every session refetch; its uuid and properties decide the items
  }, [mayRequest, wanted, user?.uuid, user?.userProperties, t]);
  return { mayRequest, items };
}
