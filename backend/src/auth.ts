import type { User } from './model';
import { hashPassword, type Store } from './store';

const UNLOCK_MS = 5 * 60 * 1000;

/**
 * HibernateContextDAO.authenticate: username, systemId, or systemId with the check digit's dash
 * left out ("12" -> "1-2"); never retired users. Success writes lastLoginTimestamp (epoch ms string)
 * and, after earlier failures, resets loginAttempts to "0" and drops lockoutTimestamp. A wrong
 * password increments loginAttempts, or sets lockoutTimestamp past security.allowedFailedLoginsBeforeLockout.
 */
export function authenticate(
  store: Store,
  login: string,
  password: string,
  options: { writeLastLogin?: boolean } = {},
): User | null {
  // lastLoginTimestamp arrived with TRUNK-6235 in core 2.7.0; older cores never write it
  const writeLastLogin = options.writeLastLogin ?? true;
  if (!login.trim()) {
    return null;
  }
  const withDash = /^\d{2,}$/.test(login) ? `${login.slice(0, -1)}-${login.slice(-1)}` : login;
  const user = store.db.users.find(
    (u) => !u.retired && (u.username === login || u.systemId === login || u.systemId === withDash),
  );
  if (!user) {
    return null;
  }
  const props = user.userProperties;
  const now = Date.now();
  const lockoutRaw = props.lockoutTimestamp ?? '';
  const lockout = lockoutRaw.trim() && lockoutRaw !== '0' && /^\d+$/.test(lockoutRaw) ? Number(lockoutRaw) : -1;
  if (lockout > 0) {
    if (now - lockout > UNLOCK_MS) {
      props.loginAttempts = '0';
      delete props.lockoutTimestamp;
      store.changed();
    } else {
      // "Invalid number of connection attempts. Please try again later."
      return null;
    }
  }
  const attempts = Number.parseInt(props.loginAttempts ?? '0', 10) || 0;
  if (hashPassword(password, user.salt) === user.passwordHash) {
    if (attempts > 0) {
      props.loginAttempts = '0';
      delete props.lockoutTimestamp;
    }
    if (writeLastLogin) {
      props.lastLoginTimestamp = String(now);
    }
    store.changed();
    return user;
  }
  const allowed = Number.parseInt((store.gp('security.allowedFailedLoginsBeforeLockout') ?? '7').trim(), 10);
  if (attempts + 1 > (Number.isNaN(allowed) ? 7 : allowed)) {
    props.lockoutTimestamp = String(now);
  } else {
    props.loginAttempts = String(attempts + 1);
  }
  store.changed();
  return null;
}
