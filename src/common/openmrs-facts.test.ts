import { hasSystemDeveloperRoleDirectly, isSystemDeveloper, parseLocationUuids } from './openmrs-facts';

describe('parseLocationUuids', () => {
  it('splits LBAC comma lists, trimming blanks and repeats', () => {
    expect(parseLocationUuids(' a, b,,a ,c ')).toEqual(['a', 'b', 'c']);
    expect(parseLocationUuids('')).toEqual([]);
    expect(parseLocationUuids(undefined)).toEqual([]);
    expect(parseLocationUuids(42)).toEqual([]);
  });
});

describe('isSystemDeveloper (User.isSuperUser)', () => {
  it('finds the role among all roles, inherited ones included, whatever the case', () => {
    expect(isSystemDeveloper(['Clerk', 'Organizational: Superuser', 'System Developer'])).toBe(true);
    expect(isSystemDeveloper(['system developer'])).toBe(true);
    expect(isSystemDeveloper([' SYSTEM DEVELOPER '])).toBe(true);
  });

  it('is false for other roles and for none', () => {
    expect(isSystemDeveloper(['Clerk', 'System Developers', 'Developer'])).toBe(false);
    expect(isSystemDeveloper([])).toBe(false);
    expect(isSystemDeveloper(null)).toBe(false);
  });
});

describe('hasSystemDeveloperRoleDirectly (the session user)', () => {
  it('reads the role by name or, where the session gives only that, by display', () => {
    expect(hasSystemDeveloperRoleDirectly({ roles: [{ name: 'System Developer' }] })).toBe(true);
    expect(hasSystemDeveloperRoleDirectly({ roles: [{ display: 'System Developer' }] })).toBe(true);
    expect(hasSystemDeveloperRoleDirectly({ roles: [{ display: 'Organizational: Superuser' }] })).toBe(false);
    expect(hasSystemDeveloperRoleDirectly(null)).toBe(false);
  });
});
