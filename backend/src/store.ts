import { randomBytes, createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_VERSION, type Db, type Location, type Person, type Role, type User } from './model';
import { seed } from './seed';
import { onStartup } from './scheduler';

const FILE = 'openmrs-db.json';
const WRITE_DELAY_MS = 200;

export function hashPassword(password: string, salt: string): string {
  return createHash('sha512').update(password + salt).digest('hex');
}

export function newSalt(): string {
  return randomBytes(8).toString('hex');
}

export function newUuid(): string {
  return randomUUID();
}

/**
 * All state, loaded from and persisted to `<dataDir>/openmrs-db.json`.
 * Every mutation must call `changed()`, which drops the lookup indexes and schedules a write.
 */
export class Store {
  db: Db;
  private timer: NodeJS.Timeout | null = null;
  /** uuid/name lookups; keys never change in place, so an index stays valid while its array does */
  private indexes = new Map<string, { items: unknown[]; length: number; map: Map<string, unknown> }>();

  constructor(
    private readonly dataDir: string,
    options: { reset?: boolean; scale?: 'default' | 'large' },
  ) {
    const file = join(dataDir, FILE);
    const scale = options.scale ?? 'default';
    let db: Db | null = null;
    if (!options.reset && existsSync(file)) {
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as Db;
        if (parsed.version === DB_VERSION && (options.scale === undefined || parsed.scale === scale)) {
          db = parsed;
        }
      } catch (e) {
        console.warn(`Could not read ${file}, reseeding: ${String(e)}`);
      }
    }
    if (!db) {
      db = seed({ scale, now: Date.now() });
      this.db = db;
      this.flush();
    } else {
      this.db = db;
      // loading a saved data folder is a server restart
      onStartup(db.taskDefinitions);
    }
  }

  nextId(): number {
    return this.db.nextId++;
  }

  changed(): void {
    if (!this.timer) {
      // large data sets take a while to serialise: write them less often
      const delay = this.db.scale === 'large' ? WRITE_DELAY_MS * 10 : WRITE_DELAY_MS;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, delay);
    }
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    mkdirSync(this.dataDir, { recursive: true });
    const file = join(this.dataDir, FILE);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.db));
    renameSync(tmp, file);
  }

  private index<T>(key: string, items: T[], keyOf: (t: T) => string): Map<string, T> {
    const cached = this.indexes.get(key);
    if (cached && cached.items === items && cached.length === items.length) {
      return cached.map as Map<string, T>;
    }
    const map = new Map<string, T>();
    for (const item of items) {
      map.set(keyOf(item), item);
    }
    this.indexes.set(key, { items, length: items.length, map });
    return map;
  }

  userByUuid(uuid: string): User | undefined {
    return this.index('users', this.db.users, (u) => u.uuid).get(uuid);
  }

  userByUsername(username: string): User | undefined {
    // core getUserByUsername matches username or systemId
    return this.db.users.find((u) => u.username === username || u.systemId === username);
  }

  personByUuid(uuid: string): Person | undefined {
    return this.index('persons', this.db.persons, (p) => p.uuid).get(uuid);
  }

  locationByUuid(uuid: string): Location | undefined {
    return this.index('locations', this.db.locations, (l) => l.uuid).get(uuid);
  }

  locationById(id: number): Location | undefined {
    return this.db.locations.find((l) => l.id === id);
  }

  roleByName(name: string): Role | undefined {
    return this.index('roles', this.db.roles, (r) => r.name).get(name);
  }

  roleByUuidOrName(key: string): Role | undefined {
    return this.db.roles.find((r) => r.uuid === key) ?? this.roleByName(key);
  }

  /** User.getAllRoles(): direct roles plus everything they inherit. */
  allRoles(user: { roles: string[] }): Role[] {
    const seen = new Map<string, Role>();
    const visit = (name: string) => {
      const role = this.roleByName(name);
      if (!role || seen.has(role.name)) {
        return;
      }
      seen.set(role.name, role);
      role.inheritedRoles.forEach(visit);
    };
    user.roles.forEach(visit);
    return [...seen.values()];
  }

  /** Role.getAllParentRoles() */
  inheritedRolesOf(role: Role): Role[] {
    return this.allRoles({ roles: role.inheritedRoles });
  }

  /** User.isSuperUser(): "System Developer" among all roles, case-insensitive. */
  isSuperUser(user: User): boolean {
    return this.allRoles(user).some((r) => r.name.toLowerCase() === 'system developer');
  }

  /** User.getPrivileges(): privileges of all roles, incl. inherited, by name. */
  privilegeNamesOf(user: User): string[] {
    const names = new Set<string>();
    for (const role of this.allRoles(user)) {
      role.privileges.forEach((p) => names.add(p));
    }
    return [...names];
  }

  /**
   * UserContext.hasPrivilege: super users have everything; otherwise the user's roles,
   * then the "Authenticated" role (which every logged-in user implicitly has).
   */
  hasPrivilege(user: User, privilege: string): boolean {
    if (this.isSuperUser(user) || this.privilegeNamesOf(user).includes(privilege)) {
      return true;
    }
    return !!this.roleByName('Authenticated')?.privileges.includes(privilege);
  }

  /**
   * UserServiceImpl.checkPrivileges(User), run by saveUser and so by retireUser and unretireUser:
   * the editor must hold every privilege of every role of the target, inherited roles included
   * (sorted, not de-duplicated), and Assign System Developer Role for a System Developer target
   * (RoleConstants.SUPERUSER, compared case-sensitively). Returns the APIException's message.
   */
  editRefusal(editor: User, target: { roles: string[] }): string | null {
    const roles = this.allRoles(target);
    if (roles.some((r) => r.name === 'System Developer') && !this.hasPrivilege(editor, 'Assign System Developer Role')) {
      return "You must have the role 'System Developer' in order to assign it.";
    }
    const missing = roles
      .flatMap((r) => r.privileges)
      .filter((p) => !this.hasPrivilege(editor, p))
      .sort();
    if (missing.length === 1) {
      return `You must have privilege '${missing[0]}' in order to assign it.`;
    }
    return missing.length ? `You must have the following privileges in order to assign them: ${missing.join(', ')}` : null;
  }

  gp(name: string): string | null {
    const lower = name.toLowerCase();
    const gp = this.db.globalProperties.find((g) => g.property.toLowerCase() === lower);
    return gp ? gp.value : null;
  }
}
