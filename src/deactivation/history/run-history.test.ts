import {
  appendRunHistory,
  parseRunHistory,
  RUN_ACCOUNTS_LIMIT,
  RUN_HISTORY_LIMIT,
  RUN_HISTORY_MAX_BYTES,
  runEntry,
  utf8Bytes,
  type RunResultLine,
} from './run-history';

const at = new Date('2026-06-01T08:00:00Z');
const lines = (n: number, username = (i: number) => `user${i}`): RunResultLine[] =>
  Array.from({ length: n }, (_, i) => ({ username: username(i), outcome: i % 7 === 0 ? 'failed' : 'deactivated', ...(i % 7 === 0 ? { message: 'HTTP 500' } : {}) }));

describe('run history', () => {
  it('an entry counts each outcome and lists each account', () => {
    const entry = runEntry({ at, by: 'admin', via: 'page', dryRun: false, due: 3 }, [
      { username: 'a', outcome: 'deactivated' },
      { username: 'b', outcome: 'failed', message: 'Server responded with 500' },
      { username: 'c', outcome: 'notProcessed' },
    ]);
    expect(entry).toEqual({
      at: '2026-06-01T08:00:00.000Z',
      by: 'admin',
      via: 'page',
      dryRun: false,
      counts: { due: 3, deactivated: 1, failed: 1, notProcessed: 1, notPermitted: 0 },
      accounts: [['a', 'deactivated'], ['b', 'failed', 'Server responded with 500'], ['c', 'notProcessed']],
    });
  });

  it('a run of many accounts lists the first 100 and counts the rest', () => {
    const entry = runEntry({ at, by: 'admin', via: 'sweep', dryRun: true, due: 250 }, lines(250));
    expect(entry.accounts).toHaveLength(RUN_ACCOUNTS_LIMIT);
    expect(entry.more).toBe(150);
    expect(entry.counts.deactivated + entry.counts.failed).toBe(250);
  });

  it('keeps the last 200 runs', () => {
    let raw: string | null = null;
    for (let i = 0; i < 210; i++) {
      raw = appendRunHistory(raw, runEntry({ at: new Date(at.getTime() + i * 1000), by: `admin${i}`, via: 'page', dryRun: false, due: 0 }, []));
    }
    const runs = parseRunHistory(raw);
    expect(runs).toHaveLength(RUN_HISTORY_LIMIT);
    expect(runs[0].by).toBe('admin10');
    expect(runs[199].by).toBe('admin209');
  });

  it('stays within a MySQL TEXT column (65,535 bytes) with 200 full runs of long, non-ASCII usernames', () => {
    let raw: string | null = null;
    for (let i = 0; i < 200; i++) {
      raw = appendRunHistory(raw, runEntry({ at, by: 'admin', via: 'sweep', dryRun: false, due: 100 }, lines(100, (j) => `Ñandú-Łódź-${i}-${j}-${'é'.repeat(20)}`)));
    }
    expect(utf8Bytes(raw!)).toBeLessThanOrEqual(RUN_HISTORY_MAX_BYTES);
    const runs = parseRunHistory(raw);
    // the newest runs are the ones kept
    expect(runs[runs.length - 1].accounts[0][0]).toBe(`Ñandú-Łódź-199-0-${'é'.repeat(20)}`);
    expect(runs.length).toBeGreaterThan(1);
  });

  it('one run too long for the property alone keeps fewer of its accounts, counted in more', () => {
    const raw = appendRunHistory(null, runEntry({ at, by: 'admin', via: 'page', dryRun: false, due: 100 }, lines(100, (j) => `${'x'.repeat(400)}${j}`)), 10000);
    expect(utf8Bytes(raw)).toBeLessThanOrEqual(10000);
    const [run] = parseRunHistory(raw);
    expect(run.accounts.length + (run.more ?? 0)).toBe(100);
    expect(run.counts.deactivated + run.counts.failed).toBe(100);
  });

  it('reads an unreadable value as no runs', () => {
    expect(parseRunHistory('{')).toEqual([]);
    expect(parseRunHistory(JSON.stringify([{ at: 'x' }]))).toEqual([]);
  });
});

describe('the stored form', () => {
  it('reads back what it wrote, message, blocked reason and more included', () => {
    const entry = runEntry({ at, by: 'sweeper', via: 'coreTask', dryRun: false, blocked: 'Too many due', due: 150 }, [
      ...lines(120),
      { username: 'x', outcome: 'notPermitted' },
    ]);
    const [back] = parseRunHistory(appendRunHistory(null, entry));
    expect(back).toEqual({ ...entry, at: '2026-06-01T08:00:00Z' });
  });

  it('keeps 200 runs of five accounts each, and is short: about 200 bytes a run', () => {
    let raw: string | null = null;
    for (let i = 0; i < 200; i++) {
      raw = appendRunHistory(raw, runEntry({ at, by: 'admin', via: 'sweep', dryRun: false, due: 5 }, lines(5, (j) => `nurse.user${j}`)));
    }
    expect(parseRunHistory(raw)).toHaveLength(200);
    expect(utf8Bytes(raw!) / 200).toBeLessThan(220);
  });
});
