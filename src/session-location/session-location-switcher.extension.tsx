import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../common/use-translation';
import { LocationIcon, setSessionLocation, showSnackbar, useConfig, useSession } from '@openmrs/esm-framework';
import type { Config } from '../config-schema';
import { DEFAULT_LOCATION_PROPERTY, hasSystemDeveloperRoleDirectly, LAST_LOGIN_PROPERTY } from '../common/openmrs-facts';
import { ALL_LOCATIONS, resolveLocationAccess, resolveScope, sessionLocationForAll, tabChoiceKey } from './location-scope';
import { initialLocationScope, publishLocationScope } from './location-scope-store';
import { useAccessibleLocations } from './use-accessible-locations';
import LocationMenu, { type MenuOption } from './location-menu.component';
import { mayRequestLocations } from '../location-access/requests/may-request-locations';
import styles from './session-location-switcher.scss';

/** the single menu item of a user who has one location and may ask for more */
const PLAIN = 'useraccess.plain';

function readTabChoice(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeTabChoice(key: string, value: string) {
  try {
    window.sessionStorage.setItem(key, value);
  } catch {
    // private mode or full: the choice then lasts until the page reloads
  }
}

/**
 * The session-location switcher in the top navigation (slot top-nav-info-slot).
 *
 * Requests on a page load: none for a user with several assigned locations (their names are fetched
 * when the menu is first wanted: pointer over, focus or open); on the first page of a login, one FHIR
 * Location search when the user may choose among all tagged locations (how many decides between a
 * menu and a label) or has a single location that is not the session location (its name is needed),
 * plus, for an unassigned user, one lookup for LBAC. Later pages of the login paint from the names
 * kept in sessionStorage and fetch them again only when the menu is wanted. The session, the user's
 * properties and the config come from the app shell without a request. The writes of a choice load
 * when someone chooses.
 */
const SessionLocationSwitcher: React.FC = () => {
  const { t } = useTranslation();
  const session = useSession();
  const options = useConfig<Config>().sessionLocationSwitcher;
  const user = session?.authenticated ? session.user : undefined;
  const sessionLocation = session?.sessionLocation;
  const sessionUuid = sessionLocation?.uuid ?? null;
  const props = user?.userProperties ?? undefined;

  const access = useMemo(
    () => resolveLocationAccess(user, options.allLocationsWhenUnassigned),
    // the parts of the user that decide access; the object itself changes on every session refetch
    [user?.uuid, user?.roles, props?.locationUuid, options.allLocationsWhenUnassigned],
  );

  const key = tabChoiceKey(user);
  const [choiceVersion, setChoiceVersion] = useState(0);
  const tabChoice = useMemo(() => (user ? readTabChoice(key) : null), [key, choiceVersion, user]);

  const [wanted, setWanted] = useState(false);
  const single = access.kind === 'assigned' && access.uuids.length === 1 ? access.uuids[0] : null;
  const namesNeededNow = access.kind === 'tagged' || (single !== null && single !== sessionUuid);
  // Not a System Developer, yet offered every tagged location: LBAC may allow only the session location.
  const checkAgainstSession = access.kind === 'tagged' && !hasSystemDeveloperRoleDirectly(user) ? { sessionLocationUuid: sessionUuid } : null;
  const { locations, limitedToSession, error } = useAccessibleLocations({
    access,
    tag: options.locationTag,
    needed: namesNeededNow,
    wanted,
    checkAgainstSession,
    login: `${user?.uuid ?? ''}.${props?.[LAST_LOGIN_PROPERTY] ?? ''}`,
  });

  const accessibleUuids: string[] | null =
    access.kind === 'assigned' ? access.uuids : access.kind === 'tagged' ? (locations?.map((l) => l.uuid) ?? null) : [];

  const scope = resolveScope({ user, tabChoice, restoreAfterLogin: options.restoreScopeAfterLogin });
  // A saved location that is no longer accessible falls back to "All accessible locations".
  const choiceValid = scope.choice === ALL_LOCATIONS || !accessibleUuids || accessibleUuids.includes(scope.choice);
  const choice = choiceValid ? scope.choice : ALL_LOCATIONS;
  // With a location scope the server's session location is the selection (it may have been changed
  // elsewhere, e.g. by core's location picker); a restored one is being applied, see below.
  const selected = choice === ALL_LOCATIONS ? ALL_LOCATIONS : scope.fromEarlierLogin ? choice : (sessionUuid ?? choice);

  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const nameOf = useCallback(
    (uuid: string | null) => {
      if (!uuid) {
        return null;
      }
      if (uuid === sessionUuid && sessionLocation?.display) {
        return sessionLocation.display;
      }
      return locations?.find((l) => l.uuid === uuid)?.name ?? null;
    },
    [locations, sessionLocation?.display, sessionUuid],
  );

  const allLabel = t('allAccessibleLocations', 'All accessible locations');
  const plainCount = access.kind === 'tagged' && locations ? locations.length : null;
  const plain = access.kind === 'none' || single !== null || (plainCount !== null && plainCount <= 1);

  // Tell other apps (global store "useraccess-location-scope").
  useEffect(() => {
    if (!user) {
      publishLocationScope(initialLocationScope);
      return;
    }
    const inScope =
      access.kind === 'none'
        ? sessionUuid
          ? [sessionUuid]
          : []
        : plain && single
          ? [single]
          : (accessibleUuids ?? []);
    publishLocationScope({
      scope: access.kind === 'none' || (selected !== ALL_LOCATIONS && !plain) ? 'location' : 'all',
      locationUuids: access.kind !== 'none' && !plain && selected !== ALL_LOCATIONS ? [selected] : inScope,
      sessionLocationUuid: sessionUuid,
      unrestricted: access.kind === 'tagged' && !limitedToSession,
      ready: access.kind !== 'tagged' || !!locations || !!error,
    });
  }, [user, access, accessibleUuids?.join(','), selected, sessionUuid, plain, single, locations, limitedToSession, error]);

  // restoreScopeAfterLogin: put a location saved at an earlier login back as the session location,
  // once per login (one POST /session; its answer updates the session store).
  const restoring = useRef(false);
  useEffect(() => {
    if (
      !user ||
      restoring.current ||
      !scope.fromEarlierLogin ||
      choice === ALL_LOCATIONS ||
      choice === sessionUuid ||
      !accessibleUuids?.includes(choice)
    ) {
      return;
    }
    restoring.current = true;
    setSessionLocation(choice, new AbortController())
      .then(() => {
        writeTabChoice(key, choice);
        setChoiceVersion((v) => v + 1);
      })
      .catch(() => {
        writeTabChoice(key, ALL_LOCATIONS);
        setChoiceVersion((v) => v + 1);
      })
      .finally(() => {
        restoring.current = false;
      });
  }, [user, scope.fromEarlierLogin, choice, sessionUuid, accessibleUuids, key]);

  const want = useCallback(() => setWanted(true), []);
  // users who may ask for more locations get the menu even with one location
  const mayRequest = mayRequestLocations(user);

  const choose = async (value: string) => {
    if (!user || busy || value === selected) {
      return;
    }
    const target =
      value === ALL_LOCATIONS
        ? sessionLocationForAll(props?.[DEFAULT_LOCATION_PROPERTY], sessionUuid, accessibleUuids)
        : value;
    const label = value === ALL_LOCATIONS ? allLabel : (nameOf(value) ?? value);
    setBusy(true);
    setAnnouncement('');
    // the writes and the error texts load with the first choice; should that load fail, its error is shown
    let describe: (error: unknown) => string = String;
    try {
      const { applyChoice, describeChoiceError } = await import('./apply-location-choice');
      describe = describeChoiceError;
      const { recordError } = await applyChoice({
        userUuid: user.uuid,
        choice: value,
        sessionLocationUuid: target,
        currentSessionLocationUuid: sessionUuid,
        lastLogin: props?.[LAST_LOGIN_PROPERTY],
        onSessionSet: () => {
          writeTabChoice(key, value);
          setChoiceVersion((v) => v + 1);
        },
      });
      setAnnouncement(t('locationChangedTo', 'Location changed to {{location}}', { location: label }));
      if (recordError) {
        showSnackbar({
          kind: 'warning',
          isLowContrast: true,
          title: t('locationScopeNotSaved', 'Your choice applies until you log out'),
          subtitle: describe(recordError),
        });
      }
    } catch (e) {
      showSnackbar({
        kind: 'error',
        title: t('couldNotChangeLocation', 'Could not change the location'),
        subtitle: describe(e),
      });
    } finally {
      setBusy(false);
    }
  };

  if (!user) {
    return null;
  }

  const plainName = !plain
    ? ''
    : access.kind === 'none'
      ? (sessionLocation?.display ?? t('noLocation', 'No location'))
      : (nameOf(single ?? locations?.[0]?.uuid ?? null) ??
        sessionLocation?.display ??
        (locations?.length === 0 ? t('noLocation', 'No location') : '…'));
  if (plain && !mayRequest) {
    const name = plainName;
    return (
      <div className={styles.switcher}>
        <div className={styles.label}>
          <LocationIcon size={16} />
          <span className={styles.visuallyHidden}>{t('locationColon', 'Location:')} </span>
          <span className={styles.text}>{name}</span>
        </div>
      </div>
    );
  }

  const menuOptions: MenuOption[] = plain ? [{ value: PLAIN, label: plainName }] : [{ value: ALL_LOCATIONS, label: allLabel }];
  if (!plain && locations) {
    menuOptions.push(...locations.map((l) => ({ value: l.uuid, label: l.name })));
  } else if (!plain && sessionUuid && sessionLocation?.display && accessibleUuids?.includes(sessionUuid)) {
    menuOptions.push({ value: sessionUuid, label: sessionLocation.display });
  }
  const statusText = plain || locations
    ? null
    : error
      ? t('couldNotLoadLocations', 'Could not load the locations')
      : t('loadingLocations', 'Loading locations…');
  const buttonText = plain ? plainName : selected === ALL_LOCATIONS ? allLabel : (nameOf(selected) ?? '…');

  return (
    <>
      <LocationMenu
        buttonText={buttonText}
        buttonLabel={t('sessionLocationButton', 'Location: {{location}}', { location: buttonText })}
        menuLabel={t('chooseLocation', 'Choose a location')}
        options={menuOptions}
        selected={plain ? PLAIN : selected}
        statusText={statusText}
        busy={busy}
        onSelect={plain ? () => undefined : choose}
        onWanted={want}
        requester={mayRequest ? user : null}
      />
      <span role="status" className={styles.visuallyHidden}>
        {announcement}
      </span>
    </>
  );
};

export default SessionLocationSwitcher;
