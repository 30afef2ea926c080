import type { User } from './model';
import { hashPassword, type Store } from './store';

const LOCKOUT_MS = 5 * 60 * 1000;

/**
 * HibernateContextDAO.authenticate: username or systemId, not retired; on success write
 * lastLoginTimestamp (epoch ms string), reset loginAttempts, drop lockoutTimestamp; on a
 * wrong password increment loginAttempts, or lock out past security.allowedFailedLoginsBeforeLockout.
 */
export function authenticate(store: Store, username: string, password: string): User | null {
  if (!username) {
    return null;
  }
  const user = store.db.users.find((u) => !u.retired && (u.username === username || u.systemId === username));
  if (!user) {
    return null;
  }
  const props = user.userProperties;
  const now = Date.now();
  const lockout = Number(props.lockoutTimestamp ?? '');
  if (props.lockoutTimestamp && !Number.isNaN(lockout)) {
    if (now - lockout < LOCKOUT_MS) {
      return null;
    }
    delete props.lockoutTimestamp;
    props.loginAttempts = '0';
  }
  if (hashPassword(password, user.salt) === user.passwordHash) {
    props.lastLoginTimestamp = String(now);
    props.loginAttempts = '0';
    delete props.lockoutTimestamp;
    store.changed();
    return user;
  }
  const attempts = (Number(props.loginAttempts ?? '0') || 0) + 1;
  const allowed = Number(store.gp('security.allowedFailedLoginsBeforeLockout') ?? '7') || 7;
  if (attempts > allowed) {
    props.lockoutTimestamp = String(now);
  }
  props.loginAttempts = String(attempts);
  store.changed();
  return null;
}
