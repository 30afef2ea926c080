import React from 'react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  getDefaultsFromConfigSchema,
  getGlobalStore,
  openmrsFetch,
  refetchCurrentUser,
  setSessionLocation,
  showModal,
  showSnackbar,
  useConfig,
  userHasAccess,
  useSession,
  type Session,
} from '@openmrs/esm-framework';
import { configSchema } from '../config-schema';
import { LOCATION_SCOPE_STORE, type LocationScopeState } from './location-scope-store';
import SessionLocationSwitcher from './session-location-switcher.extension';
import { forgetAccessibleLocations } from './use-accessible-locations';

const OPD = 'opd-uuid';
const WARD = 'ward-uuid';
const LAB = 'lab-uuid';
const OLD = 'old-uuid';
const PHARMACY = 'pharmacy-uuid';

const fhirLocations: Record<string, { name: string; status: string; tags: string[] }> = {
  [OPD]: { name: 'Outpatient Clinic', status: 'active', tags: ['Login Location'] },
  [WARD]: { name: 'Inpatient Ward', status: 'active', tags: ['Login Location'] },
  [LAB]: { name: 'Laboratory', status: 'active', tags: [] },
  [OLD]: { name: 'Old Annex', status: 'inactive', tags: ['Login Location'] },
  [PHARMACY]: { name: 'Pharmacy', status: 'active', tags: ['Login Location'] },
};

let session: Session;
let serverUserProperties: Record<string, string>;
let userWrites: Array<Record<string, string>>;
let userWriteStatus: number;
/** the locations GET /location/{uuid} shows (LBAC's getLocationByUuid filter); null: every one */
let restVisibleLocations: string[] | null;

function fetchError(status: number) {
  return Object.assign(new Error(`HTTP ${status}`), { response: { status } });
}

/** A small stand-in for the server behind openmrsFetch: FHIR Location search and /user read and write. */
function fakeServer(url: string, init?: { method?: string; body?: unknown }) {
  const u = new URL(url, 'http://localhost');
  if (u.pathname.endsWith('/ws/fhir2/R4/Location')) {
    const ids = u.searchParams.get('_id')?.split(',');
    const tag = u.searchParams.get('_tag');
    const entry = Object.entries(fhirLocations)
      .filter(([id, l]) => (!ids || ids.includes(id)) && (!tag || l.tags.includes(tag)))
      .map(([id, l]) => ({ resource: { resourceType: 'Location', id, name: l.name, status: l.status } }));
    return Promise.resolve({ data: { resourceType: 'Bundle', total: entry.length, entry } });
  }
  if (u.pathname === '/ws/rest/v1/location') {
    // getAllLocations: LBAC's filter applies, retired ones are left out
    const results = Object.entries(fhirLocations)
      .filter(([id, l]) => l.status === 'active' && (!restVisibleLocations || restVisibleLocations.includes(id)))
      .map(([id, l]) => ({ uuid: id, display: l.name, tags: l.tags.map((display) => ({ display })) }));
    return Promise.resolve({ data: { results } });
  }
  if (u.pathname.startsWith('/ws/rest/v1/location/')) {
    const uuid = u.pathname.split('/').pop() ?? '';
    return !restVisibleLocations || restVisibleLocations.includes(uuid)
      ? Promise.resolve({ data: { uuid } })
      : Promise.reject(fetchError(404));
  }
  if (u.pathname.startsWith('/ws/rest/v1/user/')) {
    if (init?.method === 'POST') {
      if (userWriteStatus !== 200) {
        return Promise.reject(fetchError(userWriteStatus));
      }
      const body = init.body as { userProperties: Record<string, string> };
      userWrites.push(body.userProperties);
      serverUserProperties = body.userProperties;
      return Promise.resolve({ data: { uuid: 'user-uuid', userProperties: serverUserProperties } });
    }
    if (userWriteStatus === 403) {
      return Promise.reject(fetchError(403));
    }
    return Promise.resolve({ data: { uuid: 'user-uuid', userProperties: serverUserProperties } });
  }
  return Promise.reject(new Error(`unexpected request ${url}`));
}

function makeSession({
  roles = ['Nurse'],
  privileges = [],
  properties = {},
  sessionLocation = OPD,
}: {
  roles?: string[];
  privileges?: string[];
  properties?: Record<string, string>;
  sessionLocation?: string | null;
} = {}): Session {
  return {
    authenticated: true,
    sessionId: '',
    user: {
      uuid: 'user-uuid',
      display: 'nurse',
      username: 'nurse',
      systemId: 'nurse',
      userProperties: { lastLoginTimestamp: '1700000000000', defaultLocation: OPD, loginAttempts: '0', ...properties },
      roles: roles.map((r) => ({ uuid: r, name: r, display: r })),
      privileges: privileges.map((p) => ({ uuid: p, name: p, display: p })),
    } as unknown as Session['user'],
    sessionLocation: sessionLocation
      ? { uuid: sessionLocation, display: fhirLocations[sessionLocation].name, links: [] }
      : undefined,
  };
}

function setup(sessionOptions: Parameters<typeof makeSession>[0] = {}, switcherConfig: Record<string, unknown> = {}) {
  setupAndKeep(sessionOptions, switcherConfig);
}

function setupAndKeep(sessionOptions: Parameters<typeof makeSession>[0] = {}, switcherConfig: Record<string, unknown> = {}) {
  session = makeSession(sessionOptions);
  serverUserProperties = { ...(session.user?.userProperties as Record<string, string>), other: 'kept' };
  const defaults = getDefaultsFromConfigSchema(configSchema) as Record<string, any>;
  jest.mocked(useConfig).mockReturnValue({
    ...defaults,
    sessionLocationSwitcher: { ...defaults.sessionLocationSwitcher, ...switcherConfig },
  });
  return render(<SessionLocationSwitcher />);
}

const fhirCalls = () => jest.mocked(openmrsFetch).mock.calls.filter(([url]) => String(url).includes('/fhir2/'));
const scopeStore = () => getGlobalStore<LocationScopeState>(LOCATION_SCOPE_STORE).getState();

beforeEach(() => {
  window.sessionStorage.clear();
  forgetAccessibleLocations();
  userWrites = [];
  userWriteStatus = 200;
  restVisibleLocations = null;
  jest.mocked(useSession).mockImplementation(() => session);
  jest.mocked(openmrsFetch).mockImplementation(fakeServer as never);
  jest.mocked(setSessionLocation).mockImplementation(async (uuid: string) => {
    session = { ...session, sessionLocation: { uuid, display: fhirLocations[uuid].name, links: [] } };
  });
  jest.mocked(refetchCurrentUser).mockImplementation(async () => {
    session = { ...session, user: { ...session.user!, userProperties: { ...serverUserProperties } } };
    return { loaded: true, session };
  });
});

const assigned = { properties: { locationUuid: `${OPD},${WARD},${OLD}` } };

describe('SessionLocationSwitcher', () => {
  it('lists only the user\'s locations, after "All accessible locations", which is selected after login', async () => {
    const user = userEvent.setup();
    setup(assigned);
    const button = screen.getByRole('button', { name: 'Location: All accessible locations' });
    expect(button).toHaveAttribute('aria-haspopup', 'menu');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(openmrsFetch).not.toHaveBeenCalled();

    await user.click(button);
    const menu = screen.getByRole('menu', { name: 'Choose a location' });
    await waitFor(() => expect(within(menu).getAllByRole('menuitemradio')).toHaveLength(3));
    const items = within(menu).getAllByRole('menuitemradio');
    expect(items.map((i) => i.textContent)).toEqual([
      'All accessible locations',
      'Outpatient Clinic',
      'Inpatient Ward',
    ]);
    expect(items[0]).toBeChecked();
    expect(items[1]).not.toBeChecked();
    expect(within(menu).queryByText('Pharmacy')).not.toBeInTheDocument();
    expect(within(menu).queryByText('Old Annex')).not.toBeInTheDocument();
    expect(fhirCalls()).toHaveLength(1);
    expect(fhirCalls()[0][0]).toContain(`Location?_id=${OPD},${WARD},${OLD}&_count=3`);
    expect(scopeStore()).toMatchObject({
      scope: 'all',
      locationUuids: [OPD, WARD, OLD],
      sessionLocationUuid: OPD,
      ready: true,
    });
  });

  it('makes no request on mount for a user with several locations, and at most one otherwise', () => {
    setup(assigned);
    expect(openmrsFetch).not.toHaveBeenCalled();
  });

  it('gives a System Developer every login location, with one request on mount', async () => {
    const user = userEvent.setup();
    setup({ roles: ['System Developer'], properties: { locationUuid: LAB } });
    await waitFor(() => expect(scopeStore().ready).toBe(true));
    expect(openmrsFetch).toHaveBeenCalledTimes(1);
    expect(fhirCalls()[0][0]).toContain('Location?_tag=Login%20Location&_count=100');
    await user.click(screen.getByRole('button', { name: 'Location: All accessible locations' }));
    const items = within(screen.getByRole('menu')).getAllByRole('menuitemradio');
    expect(items.map((i) => i.textContent)).toEqual([
      'All accessible locations',
      'Inpatient Ward',
      'Outpatient Clinic',
      'Pharmacy',
    ]);
    expect(openmrsFetch).toHaveBeenCalledTimes(1);
    expect(scopeStore()).toMatchObject({ scope: 'all', unrestricted: true, locationUuids: [WARD, OPD, PHARMACY] });
  });

  it('paints the next page of the same login from the names it kept, and fetches them again once the menu is wanted', async () => {
    const user = userEvent.setup();
    const developer = { roles: ['System Developer'] };
    const { unmount } = setupAndKeep(developer);
    await waitFor(() => expect(scopeStore().ready).toBe(true));
    unmount();
    forgetAccessibleLocations(); // a new page: sessionStorage stays
    jest.mocked(openmrsFetch).mockClear();
    fhirLocations[PHARMACY].name = 'Pharmacy (new wing)';
    try {
      const view = setupAndKeep(developer); // the next page
      expect(openmrsFetch).not.toHaveBeenCalled();
      const button = screen.getByRole('button', { name: 'Location: All accessible locations' });
      expect(scopeStore()).toMatchObject({ ready: true, locationUuids: [WARD, OPD, PHARMACY] });
      await user.hover(button);
      await waitFor(() => expect(openmrsFetch).toHaveBeenCalledTimes(1));
      await user.click(button);
      expect(await screen.findByRole('menuitemradio', { name: 'Pharmacy (new wing)' })).toBeInTheDocument();
      // a new login starts from the server again
      view.unmount();
      forgetAccessibleLocations();
      jest.mocked(openmrsFetch).mockClear();
      setup({ ...developer, properties: { lastLoginTimestamp: '1700000999000' } });
      await waitFor(() => expect(openmrsFetch).toHaveBeenCalledTimes(1));
    } finally {
      fhirLocations[PHARMACY].name = 'Pharmacy';
    }
  });

  it('gives unassigned users the login locations only when the config allows it', async () => {
    setup({}, { allLocationsWhenUnassigned: false });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText('Outpatient Clinic')).toBeInTheDocument();
    expect(openmrsFetch).not.toHaveBeenCalled();
    expect(scopeStore()).toMatchObject({ scope: 'location', locationUuids: [OPD], ready: true });
  });

  it('offers an unassigned user every login location when the server lets them use any', async () => {
    const user = userEvent.setup();
    setup();
    await waitFor(() => expect(scopeStore().ready).toBe(true));
    // one request: the REST list, which LBAC filters, names them and answers whether LBAC limits the user
    expect(openmrsFetch).toHaveBeenCalledTimes(1);
    expect(jest.mocked(openmrsFetch).mock.calls[0][0]).toMatch(/\/ws\/rest\/v1\/location\?v=custom:\(uuid,display,tags:\(display\)\)&limit=100$/);
    await user.click(screen.getByRole('button', { name: 'Location: All accessible locations' }));
    expect(within(screen.getByRole('menu')).getAllByRole('menuitemradio')).toHaveLength(4);
    expect(scopeStore()).toMatchObject({ unrestricted: true, locationUuids: [WARD, OPD, PHARMACY] });
  });

  it('with LBAC limiting an unassigned user to the session location, shows only that location and no menu', async () => {
    // LocationUtils.getUserAccessibleLocationUuids: no locationUuid, so the session location alone
    restVisibleLocations = [OPD];
    setup();
    await waitFor(() => expect(scopeStore().ready).toBe(true));
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText('Outpatient Clinic')).toBeInTheDocument();
    expect(scopeStore()).toMatchObject({ unrestricted: false, locationUuids: [OPD], sessionLocationUuid: OPD });
    expect(setSessionLocation).not.toHaveBeenCalled();
    expect(openmrsFetch).toHaveBeenCalledTimes(1);
  });

  it('shows a plain label and no menu with one accessible location', () => {
    setup({ properties: { locationUuid: OPD } });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(screen.getByText('Outpatient Clinic')).toBeInTheDocument();
    expect(openmrsFetch).not.toHaveBeenCalled(); // the session location's name is free
  });

  it('names a single location that is not the session location with one request', async () => {
    setup({ properties: { locationUuid: WARD } });
    expect(await screen.findByText('Inpatient Ward')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(openmrsFetch).toHaveBeenCalledTimes(1);
  });

  it('sets the session location and records the scope without dropping other properties', async () => {
    const user = userEvent.setup();
    setup(assigned);
    await user.click(screen.getByRole('button', { name: /Location:/ }));
    await user.click(await screen.findByRole('menuitemradio', { name: 'Inpatient Ward' }));

    await waitFor(() => expect(refetchCurrentUser).toHaveBeenCalled());
    expect(setSessionLocation).toHaveBeenCalledWith(WARD, expect.any(AbortController));
    expect(userWrites).toHaveLength(1);
    expect(userWrites[0]).toEqual({
      lastLoginTimestamp: '1700000000000',
      defaultLocation: OPD,
      loginAttempts: '0',
      locationUuid: `${OPD},${WARD},${OLD}`,
      other: 'kept',
      'useraccess.locationScope': WARD,
      'useraccess.locationScopeLogin': '1700000000000',
    });
    expect(await screen.findByRole('button', { name: 'Location: Inpatient Ward' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Location changed to Inpatient Ward');
    expect(scopeStore()).toMatchObject({ scope: 'location', locationUuids: [WARD], sessionLocationUuid: WARD });
  });

  it('keeps the default location as the session location when choosing "All accessible locations"', async () => {
    const user = userEvent.setup();
    window.sessionStorage.setItem('useraccess.locationScope.user-uuid.1700000000000', WARD);
    setup({ ...assigned, sessionLocation: WARD });
    const button = screen.getByRole('button', { name: 'Location: Inpatient Ward' });
    expect(scopeStore()).toMatchObject({ scope: 'location', locationUuids: [WARD] });

    await user.click(button);
    await user.click(screen.getByRole('menuitemradio', { name: 'All accessible locations' }));
    await waitFor(() => expect(refetchCurrentUser).toHaveBeenCalled());
    expect(setSessionLocation).toHaveBeenCalledWith(OPD, expect.any(AbortController));
    expect(userWrites[0]).toMatchObject({ 'useraccess.locationScope': 'all', defaultLocation: OPD, other: 'kept' });
    expect(await screen.findByRole('button', { name: 'Location: All accessible locations' })).toBeInTheDocument();
    expect(scopeStore()).toMatchObject({ scope: 'all', locationUuids: [OPD, WARD, OLD], sessionLocationUuid: OPD });
  });

  it('does not POST the session again when choosing "All" while the default location is already in use', async () => {
    const user = userEvent.setup();
    window.sessionStorage.setItem('useraccess.locationScope.user-uuid.1700000000000', OPD);
    setup(assigned);
    await user.click(screen.getByRole('button', { name: 'Location: Outpatient Clinic' }));
    await user.click(screen.getByRole('menuitemradio', { name: 'All accessible locations' }));
    await waitFor(() => expect(refetchCurrentUser).toHaveBeenCalled());
    expect(setSessionLocation).not.toHaveBeenCalled();
    expect(userWrites[0]).toMatchObject({ 'useraccess.locationScope': 'all' });
  });

  it('starts a new login with "All accessible locations", and keeps a choice made during the same login', () => {
    setup({
      ...assigned,
      sessionLocation: WARD,
      properties: {
        ...assigned.properties,
        'useraccess.locationScope': WARD,
        'useraccess.locationScopeLogin': '1600000000000',
      },
    });
    expect(screen.getByRole('button', { name: 'Location: All accessible locations' })).toBeInTheDocument();
  });

  it('keeps a location chosen earlier in the same login (another tab, or a reload)', () => {
    setup({
      ...assigned,
      sessionLocation: WARD,
      properties: {
        ...assigned.properties,
        'useraccess.locationScope': WARD,
        'useraccess.locationScopeLogin': '1700000000000',
      },
    });
    expect(screen.getByRole('button', { name: 'Location: Inpatient Ward' })).toBeInTheDocument();
  });

  it('restores the scope of an earlier login when configured to, setting the session location once', async () => {
    setup(
      {
        ...assigned,
        properties: { ...assigned.properties, 'useraccess.locationScope': WARD, 'useraccess.locationScopeLogin': '1' },
      },
      { restoreScopeAfterLogin: true },
    );
    await waitFor(() => expect(setSessionLocation).toHaveBeenCalledWith(WARD, expect.any(AbortController)));
    expect(setSessionLocation).toHaveBeenCalledTimes(1);
    expect(openmrsFetch).not.toHaveBeenCalled();
  });

  it('works from the keyboard', async () => {
    const user = userEvent.setup();
    setup(assigned);
    await user.tab();
    const button = screen.getByRole('button', { name: /Location:/ });
    expect(button).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const all = screen.getByRole('menuitemradio', { name: 'All accessible locations' });
    expect(all).toHaveFocus();
    await screen.findByRole('menuitemradio', { name: 'Inpatient Ward' });

    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menuitemradio', { name: 'Outpatient Clinic' })).toHaveFocus();
    await user.keyboard('{End}');
    expect(screen.getByRole('menuitemradio', { name: 'Inpatient Ward' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(all).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('menuitemradio', { name: 'Inpatient Ward' })).toHaveFocus();
    await user.keyboard('o');
    expect(screen.getByRole('menuitemradio', { name: 'Outpatient Clinic' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');

    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('menuitemradio', { name: 'Inpatient Ward' })).toHaveFocus();
    await user.keyboard(' ');
    await waitFor(() => expect(setSessionLocation).toHaveBeenCalledWith(WARD, expect.any(AbortController)));
    await waitFor(() => expect(button).toHaveFocus());
  });

  it('closes on a click outside', async () => {
    const user = userEvent.setup();
    setup(assigned);
    await user.click(screen.getByRole('button', { name: /Location:/ }));
    expect(screen.getByRole('menu')).toBeInTheDocument();
    await user.click(document.body);
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('still switches for a user who may not write their own properties (403), for this login', async () => {
    const user = userEvent.setup();
    userWriteStatus = 403;
    setup(assigned);
    await user.click(screen.getByRole('button', { name: /Location:/ }));
    await user.click(await screen.findByRole('menuitemradio', { name: 'Inpatient Ward' }));
    await waitFor(() => expect(refetchCurrentUser).toHaveBeenCalled());
    expect(showSnackbar).not.toHaveBeenCalled();
    expect(window.sessionStorage.getItem('useraccess.locationScope.user-uuid.1700000000000')).toBe(WARD);
    expect(await screen.findByRole('button', { name: 'Location: Inpatient Ward' })).toBeInTheDocument();
  });

  it('says so when the server refuses the location, and keeps the selection', async () => {
    const user = userEvent.setup();
    jest.mocked(setSessionLocation).mockRejectedValue({ loaded: false, session: null });
    setup(assigned);
    await user.click(screen.getByRole('button', { name: /Location:/ }));
    await user.click(await screen.findByRole('menuitemradio', { name: 'Inpatient Ward' }));
    await waitFor(() =>
      expect(showSnackbar).toHaveBeenCalledWith(
        expect.objectContaining({ kind: 'error', title: 'Could not change the location' }),
      ),
    );
    expect(userWrites).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Location: All accessible locations' })).toBeInTheDocument();
  });

  it('renders nothing without a logged-in user', () => {
    session = { authenticated: false, sessionId: '' };
    jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
    const { container } = render(<SessionLocationSwitcher />);
    expect(container).toBeEmptyDOMElement();
    act(() => undefined);
  });
});

describe('SessionLocationSwitcher and location requests', () => {
  const outcome = JSON.stringify([{ id: 'req1', s: 'a', names: ['Inpatient Ward'], e: '2999-01-31', at: '2026-12-06' }]);
  beforeEach(() => {
    window.localStorage.clear();
    jest.mocked(userHasAccess).mockImplementation(
      (privilege, user) => !!(user as { privileges: Array<{ name: string }> }).privileges.some((p) => p.name === privilege),
    );
  });
  afterEach(() => jest.mocked(userHasAccess).mockReset());

  it('offers "Request another location…" to a requester with one location, with the outcome of their last request, during one login', async () => {
    const user = userEvent.setup();
    const requester = { privileges: ['Manage Alerts'], properties: { locationUuid: OPD, 'useraccess.locationRequestOutcomes': outcome } };
    const { unmount } = setupAndKeep(requester);
    // no request on a page load for it
    expect(openmrsFetch).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Location: Outpatient Clinic' }));
    const menu = screen.getByRole('menu', { name: 'Choose a location' });
    expect(await within(menu).findByText('Approved: Inpatient Ward, until 2999-01-31')).toBeInTheDocument();
    await user.click(within(menu).getByRole('menuitem', { name: 'Request another location…' }));
    expect(showModal).toHaveBeenCalledWith('location-request-modal', {});
    unmount();

    // a later login: the outcome was shown already
    setupAndKeep({ ...requester, properties: { ...requester.properties, lastLoginTimestamp: '1800000000000' } });
    await user.click(screen.getByRole('button', { name: 'Location: Outpatient Clinic' }));
    expect(await screen.findByRole('menuitem', { name: 'Request another location…' })).toBeInTheDocument();
    expect(screen.queryByText(/Approved: Inpatient Ward/)).not.toBeInTheDocument();
  });

  it('keeps the plain label for users who cannot store a request (no Manage Alerts) and for those who manage locations', () => {
    setupAndKeep({ properties: { locationUuid: OPD } });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
