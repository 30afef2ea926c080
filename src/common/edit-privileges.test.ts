import {
  editorFrom,
  editRefusal,
  editRefusalOf,
  parseEditRefusal,
  roleIndexFrom,
  type RestRoleDefinition,
} from './edit-privileges';

// roles as GET /role?v=custom:(name,privileges:(name),inheritedRoles:(name)) serves them
const roles: RestRoleDefinition[] = [
  { name: 'Authenticated', privileges: [{ name: 'Get Locations' }], inheritedRoles: [] },
  { name: 'Anonymous', privileges: [], inheritedRoles: [] },
  { name: 'System Developer', privileges: [], inheritedRoles: [] },
  { name: 'Provider', privileges: [{ name: 'Get Patients' }, { name: 'Get Encounters' }], inheritedRoles: [] },
  { name: 'Clinical Notes', privileges: [{ name: 'Edit Orders' }, { name: 'Add Orders' }], inheritedRoles: [] },
  { name: 'Doctor', privileges: [], inheritedRoles: [{ name: 'Provider' }, { name: 'Clinical Notes' }] },
  { name: 'Nurse', privileges: [{ name: 'Get Locations' }], inheritedRoles: [{ name: 'Provider' }] },
  { name: 'Developer', privileges: [], inheritedRoles: [{ name: 'System Developer' }] },
  { display: 'User Admin', privileges: [{ display: 'Edit Users' }, { display: 'Get Users' }], inheritedRoles: [{ display: 'Nurse' }] },
];
const index = roleIndexFrom(roles);
const userAdmin = editorFrom({ privileges: [{ display: 'Edit Users' }], roles: [{ display: 'User Admin' }] }, index);

describe('UserServiceImpl.checkPrivileges, predicted for the signed-in editor', () => {
  it('an editor holding every privilege of the target roles (inherited ones too) may edit', () => {
    expect(editRefusal(userAdmin, ['Nurse'], index)).toBeNull();
    expect(editRefusal(userAdmin, ['Provider', 'User Admin'], index)).toBeNull();
  });

  it('names the privileges the editor lacks, from inherited roles too, sorted and once each', () => {
    expect(editRefusal(userAdmin, ['Doctor', 'Clinical Notes'], index)).toEqual({ kind: 'privileges', missing: ['Add Orders', 'Edit Orders'] });
  });

  it('a System Developer target, directly or inherited, needs Assign System Developer Role', () => {
    expect(editRefusal(userAdmin, ['Developer'], index)).toEqual({ kind: 'systemDeveloper' });
    expect(editRefusal(userAdmin, ['System Developer', 'Provider'], index)).toEqual({ kind: 'systemDeveloper' });
    const assigner = editorFrom({ privileges: [{ name: 'Assign System Developer Role' }], roles: [] }, index);
    expect(editRefusal(assigner, ['System Developer'], index)).toBeNull();
  });

  it('a System Developer editor, also through an inherited role, may edit anyone', () => {
    const dev = editorFrom({ privileges: [], roles: [{ display: 'Developer' }] }, index);
    expect(dev.superUser).toBe(true);
    expect(editRefusal(dev, ['Doctor', 'System Developer'], index)).toBeNull();
  });

  it('privileges of the Authenticated role count for every editor, as in UserContext.hasPrivilege', () => {
    const plain = editorFrom({ privileges: [{ name: 'Get Patients' }, { name: 'Get Encounters' }], roles: [] }, index);
    expect(editRefusal(plain, ['Nurse'], index)).toBeNull();
  });
});

describe('the server refusal, read from its message', () => {
  it('reads the plural, singular and role messages of core', () => {
    expect(parseEditRefusal('[You must have the following privileges in order to assign them: Edit Orders, Add Orders, Add Orders]')).toEqual({
      kind: 'privileges',
      missing: ['Add Orders', 'Edit Orders'],
    });
    expect(parseEditRefusal("500: [You must have privilege 'Get Encounters' in order to assign it.]")).toEqual({
      kind: 'privileges',
      missing: ['Get Encounters'],
    });
    expect(parseEditRefusal("[You must have the role 'System Developer' in order to assign it.]")).toEqual({ kind: 'systemDeveloper' });
    expect(parseEditRefusal('[Password should be at least 8 characters long]')).toBeNull();
  });

  it('only from a 500', () => {
    const error = (status: number) => ({
      response: { status },
      responseBody: { error: { message: "[You must have privilege 'X' in order to assign it.]" } },
    });
    expect(editRefusalOf(error(500))).toEqual({ kind: 'privileges', missing: ['X'] });
    expect(editRefusalOf(error(403))).toBeNull();
  });
});
