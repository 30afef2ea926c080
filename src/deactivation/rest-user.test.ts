import { POLICY_USER_REP, toPolicyUser } from './rest-user';

describe('toPolicyUser', () => {
  it('maps the custom representation', () => {
    expect(POLICY_USER_REP).toContain('allRoles:(name)');
    const u = toPolicyUser({
      uuid: 'abc',
      display: 'jdoe',
      username: 'jdoe',
      systemId: '3-4',
      userProperties: { lastLoginTimestamp: '1719400000000', defaultLocation: 'loc', weird: null } as Record<string, unknown>,
      retired: false,
      person: { uuid: 'p', display: 'John Test Account', preferredName: { familyName: 'Test Account' } },
      roles: [{ name: 'Clerk' }],
      allRoles: [{ name: 'Clerk' }, { name: 'System Developer' }],
      auditInfo: { dateCreated: '2024-06-26T10:00:00.000+0000' },
    });
    expect(u).toEqual({
      uuid: 'abc',
      username: 'jdoe',
      systemId: '3-4',
      display: 'jdoe',
      personName: 'John Test Account',
      familyName: 'Test Account',
      roles: ['Clerk', 'System Developer'],
      retired: false,
      dateCreated: new Date('2024-06-26T10:00:00.000Z'),
      dateRetired: null,
      retireReason: null,
      userProperties: { lastLoginTimestamp: '1719400000000', defaultLocation: 'loc' },
    });
  });

  it('maps a retired user with missing pieces, using roles when allRoles is absent', () => {
    const u = toPolicyUser({
      uuid: 'r',
      retired: true,
      roles: [{ display: 'Nurse' }],
      userProperties: null,
      person: null,
      auditInfo: { dateCreated: null, dateRetired: '2025-01-02T03:04:05.000+0000', retireReason: 'Left' },
    });
    expect(u).toMatchObject({
      username: '',
      systemId: '',
      familyName: null,
      roles: ['Nurse'],
      retired: true,
      dateCreated: null,
      dateRetired: new Date('2025-01-02T03:04:05.000Z'),
      retireReason: 'Left',
      userProperties: {},
    });
  });
});
