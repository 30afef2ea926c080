import {
  ACCOUNT_HISTORY_LIMIT,
  appendAccountHistory,
  parseAccountHistory,
  type AccountHistoryEntry,
} from './account-history';

const entry = (i: number, extra: Partial<AccountHistoryEntry> = {}): AccountHistoryEntry => ({
  at: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
  by: 'admin',
  action: 'exempt',
  reason: `reason ${i}`,
  previousRetireReason: null,
  until: '2026-12-31',
  via: 'page',
  ...extra,
});

describe('account history', () => {
  it('keeps the last 20 entries, oldest dropped first', () => {
    let raw: string | null = null;
    for (let i = 0; i < 25; i++) {
      raw = appendAccountHistory(raw, entry(i));
    }
    const entries = parseAccountHistory(raw);
    expect(entries).toHaveLength(ACCOUNT_HISTORY_LIMIT);
    expect(entries[0].reason).toBe('reason 5');
    expect(entries[19].reason).toBe('reason 24');
  });

  it('keeps who, when, what, the reason and the previous retire reason', () => {
    const raw = appendAccountHistory(null, entry(1, { action: 'reactivate', previousRetireReason: 'Inactive for 97 days', by: 'useradmin' }));
    expect(parseAccountHistory(raw)).toEqual([
      {
        at: '2026-01-02T00:00:00.000Z',
        by: 'useradmin',
        action: 'reactivate',
        reason: 'reason 1',
        previousRetireReason: 'Inactive for 97 days',
        until: '2026-12-31',
        via: 'page',
      },
    ]);
  });

  it('cuts a very long reason so one entry cannot fill the property', () => {
    const raw = appendAccountHistory(null, entry(1, { reason: 'x'.repeat(5000) }));
    expect(parseAccountHistory(raw)[0].reason).toHaveLength(255);
  });

  it('reads an unreadable or foreign value as no history, and skips broken entries', () => {
    expect(parseAccountHistory('not json')).toEqual([]);
    expect(parseAccountHistory('{"a":1}')).toEqual([]);
    expect(parseAccountHistory(JSON.stringify([{ at: 'x' }, entry(2)]))).toHaveLength(1);
    // a broken value is replaced by a readable one on the next change, never kept half-parsed
    expect(parseAccountHistory(appendAccountHistory('[oops', entry(3)))).toHaveLength(1);
  });
});
