import {
  ALL_LOCATIONS,
  LOCATION_SCOPE_LOGIN_PROPERTY,
  LOCATION_SCOPE_PROPERTY,
  resolveLocationAccess,
  resolveScope,
  sessionLocationForAll,
  tabChoiceKey,
} from './location-scope';

const nurse = (props: Record<string, string> = {}) => ({
  uuid: 'u1',
  roles: [{ name: 'Nurse', display: 'Nurse' }],
  userProperties: { lastLoginTimestamp: '1000', ...props },
});

describe('resolveLocationAccess', () => {
  it('gives System Developers every tagged location, whatever their locationUuid', () => {
    const dev = {
      roles: [{ display: 'System Developer', name: 'System Developer' }],
      userProperties: { locationUuid: 'a' },
    };
    expect(resolveLocationAccess(dev, false)).toEqual({ kind: 'tagged' });
  });

  it('gives other users their locationUuid', () => {
    expect(resolveLocationAccess(nurse({ locationUuid: 'a,b' }), true)).toEqual({
      kind: 'assigned',
      uuids: ['a', 'b'],
    });
  });

  it('gives unassigned users every tagged location only when the config allows it', () => {
    expect(resolveLocationAccess(nurse(), true)).toEqual({ kind: 'tagged' });
    expect(resolveLocationAccess(nurse(), false)).toEqual({ kind: 'none' });
    expect(resolveLocationAccess(null, true)).toEqual({ kind: 'none' });
  });
});

describe('resolveScope', () => {
  it('is "all" after a login, whatever was saved at an earlier one', () => {
    const user = nurse({ [LOCATION_SCOPE_PROPERTY]: 'b', [LOCATION_SCOPE_LOGIN_PROPERTY]: '999' });
    expect(resolveScope({ user, restoreAfterLogin: false })).toEqual({
      choice: ALL_LOCATIONS,
      fromEarlierLogin: false,
    });
  });

  it('keeps a choice made during this login', () => {
    const user = nurse({ [LOCATION_SCOPE_PROPERTY]: 'b', [LOCATION_SCOPE_LOGIN_PROPERTY]: '1000' });
    expect(resolveScope({ user, restoreAfterLogin: false })).toEqual({ choice: 'b', fromEarlierLogin: false });
  });

  it("restores an earlier login's choice when configured to", () => {
    const user = nurse({ [LOCATION_SCOPE_PROPERTY]: 'b', [LOCATION_SCOPE_LOGIN_PROPERTY]: '999' });
    expect(resolveScope({ user, restoreAfterLogin: true })).toEqual({ choice: 'b', fromEarlierLogin: true });
  });

  it("prefers this tab's own choice", () => {
    const user = nurse({ [LOCATION_SCOPE_PROPERTY]: 'b', [LOCATION_SCOPE_LOGIN_PROPERTY]: '1000' });
    expect(resolveScope({ user, tabChoice: ALL_LOCATIONS, restoreAfterLogin: false }).choice).toBe(ALL_LOCATIONS);
  });

  it('cannot tell logins apart without lastLoginTimestamp (core before 2.7): "all" unless restoring', () => {
    const user = { uuid: 'u1', userProperties: { [LOCATION_SCOPE_PROPERTY]: 'b' } };
    expect(resolveScope({ user, restoreAfterLogin: false }).choice).toBe(ALL_LOCATIONS);
    expect(tabChoiceKey(user)).toBe('useraccess.locationScope.u1.');
  });
});

describe('sessionLocationForAll', () => {
  it('keeps the default location when accessible, else the session location, else the first accessible', () => {
    expect(sessionLocationForAll('a', 'b', ['a', 'b'])).toBe('a');
    expect(sessionLocationForAll('x', 'b', ['a', 'b'])).toBe('b');
    expect(sessionLocationForAll(undefined, 'x', ['a', 'b'])).toBe('a');
    expect(sessionLocationForAll('x', 'b', null)).toBe('x');
  });
});
