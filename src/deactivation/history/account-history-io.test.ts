import type { RestClient } from '../../common/rest-client';
import { ACCOUNT_HISTORY_PROPERTY, parseAccountHistory } from './account-history';
import {
  deactivateWithHistory,
  exemptWithHistory,
  NotDeactivatedError,
  reactivateWithHistory,
  removeExemptionWithHistory,
} from './account-history-io';

const now = () => new Date('2026-06-01T08:00:00Z');
const context = { actor: 'admin', via: 'page' as const, now };

/** One user as the server keeps it; POST replaces userProperties and retired:false clears the reason (RetireSaveHandler). */
function fakeServer(user: { retired: boolean; retireReason: string | null; userProperties: Record<string, string> }) {
  const posts: Array<Record<string, unknown>> = [];
  const client: RestClient = {
    get: async <T,>() =>
      ({ uuid: 'u1', retired: user.retired, auditInfo: { retireReason: user.retireReason }, userProperties: { ...user.userProperties } }) as T,
    post: async <T,>(_path: string, body: unknown) => {
      const b = body as { retired?: boolean; userProperties?: Record<string, string> };
      posts.push(b);
      if (b.userProperties) {
        user.userProperties = b.userProperties;
      }
      if (b.retired === false) {
        user.retired = false;
        user.retireReason = null;
      }
      return null as T;
    },
    delete: async (path: string) => {
      user.retired = true;
      user.retireReason = decodeURIComponent(/reason=([^&]*)/.exec(path)![1]);
    },
  };
  return { client, user, posts, history: () => parseAccountHistory(user.userProperties[ACCOUNT_HISTORY_PROPERTY]) };
}

const foreign = { defaultLocation: 'loc-1', lastLoginTimestamp: '1700000000000', 'other.module.setting': 'x' };

describe('account actions with their history entry', () => {
  it('reactivating keeps the reason the account was deactivated for, in the same request that clears it', async () => {
    const server = fakeServer({ retired: true, retireReason: 'Inactive for 97 days (limit 90 days)', userProperties: { ...foreign } });
    await reactivateWithHistory(server.client, 'u1', 'Back from leave', '2026-07-01', context);
    expect(server.posts).toHaveLength(1);
    expect(server.posts[0].retired).toBe(false);
    expect(server.user.retireReason).toBeNull();
    expect(server.history()).toEqual([
      {
        at: '2026-06-01T08:00:00.000Z',
        by: 'admin',
        action: 'reactivate',
        reason: 'Back from leave',
        previousRetireReason: 'Inactive for 97 days (limit 90 days)',
        until: '2026-07-01',
        via: 'page',
      },
    ]);
    expect(server.user.userProperties).toMatchObject({ ...foreign, 'useraccess.exemptUntil': '2026-07-01', 'useraccess.exemptReason': 'Back from leave' });
  });

  it('reactivating an account someone else already reactivated sends nothing', async () => {
    const server = fakeServer({ retired: false, retireReason: null, userProperties: {} });
    await expect(reactivateWithHistory(server.client, 'u1', 'x', null, context)).rejects.toBeInstanceOf(NotDeactivatedError);
    expect(server.posts).toHaveLength(0);
  });

  it('removing an exemption records who and why, and keeps properties the app does not own', async () => {
    const server = fakeServer({ retired: false, retireReason: null, userProperties: { ...foreign, 'useraccess.exemptUntil': '2026-12-31', 'useraccess.exemptReason': 'Leave' } });
    await removeExemptionWithHistory(server.client, 'u1', 'Leave was cut short', context);
    expect(server.user.userProperties).not.toHaveProperty('useraccess.exemptUntil');
    expect(server.user.userProperties).toMatchObject(foreign);
    expect(server.history()).toMatchObject([{ action: 'removeExemption', reason: 'Leave was cut short', by: 'admin' }]);
  });

  it('exempting writes the exemption and its entry in one request; a bad date sends nothing', async () => {
    const server = fakeServer({ retired: false, retireReason: null, userProperties: { ...foreign } });
    await expect(exemptWithHistory(server.client, 'u1', '31/12/2026', 'x', context)).rejects.toThrow(/yyyy-mm-dd/);
    expect(server.posts).toHaveLength(0);
    await exemptWithHistory(server.client, 'u1', '2026-12-31', 'Transfer', context);
    expect(server.posts).toHaveLength(1);
    expect(server.history()).toMatchObject([{ action: 'exempt', reason: 'Transfer', until: '2026-12-31' }]);
  });

  it('deactivating retires with the reason, then records it; the 21st change drops the oldest', async () => {
    const server = fakeServer({ retired: false, retireReason: null, userProperties: { ...foreign } });
    for (let i = 0; i < 20; i++) {
      await exemptWithHistory(server.client, 'u1', '2026-12-31', `exempt ${i}`, context);
    }
    await deactivateWithHistory(server.client, 'u1', 'Left the hospital', { ...context, via: 'sweep' });
    expect(server.user).toMatchObject({ retired: true, retireReason: 'Left the hospital' });
    const history = server.history();
    expect(history).toHaveLength(20);
    expect(history[0].reason).toBe('exempt 1');
    expect(history[19]).toMatchObject({ action: 'deactivate', reason: 'Left the hospital', previousRetireReason: null, via: 'sweep' });
  });

  it('a deactivation whose entry cannot be written fails saying the account is deactivated', async () => {
    const server = fakeServer({ retired: false, retireReason: null, userProperties: {} });
    server.client.post = async () => {
      throw Object.assign(new Error('Forbidden'), { response: { status: 403 } });
    };
    await expect(deactivateWithHistory(server.client, 'u1', 'Left', context)).rejects.toThrow(/^Deactivated, but its history entry was not written/);
    expect(server.user.retired).toBe(true);
  });
});
