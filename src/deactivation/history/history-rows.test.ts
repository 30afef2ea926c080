import { policyUser } from '../../test-support/policy-users';
import { appendAccountHistory } from './account-history';
import { filterHistory, historyCsvLines, historyRows, NO_FILTERS } from './history-rows';
import { runEntry } from './run-history';

const nurse = policyUser({
  username: 'nurse1',
  personName: 'Nadia Nurse',
  userProperties: {
    'useraccess.history': [
      { action: 'deactivate' as const, at: '2026-05-01T10:00:00Z', reason: 'Left', previousRetireReason: null, via: 'sweep' as const },
      { action: 'reactivate' as const, at: '2026-05-20T10:00:00Z', reason: 'Came back', previousRetireReason: 'Left', via: 'page' as const },
    ].reduce<string | null>((raw, e) => appendAccountHistory(raw, { ...e, by: 'admin' }), null)!,
  },
});
const clerk = policyUser({ username: 'clerk', personName: 'Carl Clerk' });
const runs = [
  runEntry({ at: new Date('2026-05-10T02:00:00Z'), by: 'sweeper', via: 'sweep', dryRun: false, due: 2 }, [
    { username: 'nurse1', outcome: 'deactivated' },
    { username: 'other', outcome: 'failed', message: 'Server responded with 500' },
  ]),
  runEntry({ at: new Date('2026-05-11T02:00:00Z'), by: 'admin', via: 'page', dryRun: true, due: 0 }, []),
];
const rows = historyRows([nurse, clerk], runs);

describe('history rows', () => {
  it('lists every account entry and every run, newest first', () => {
    expect(rows.map((r) => [r.action, r.username ?? r.via])).toEqual([
      ['reactivate', 'nurse1'],
      ['run', 'page'],
      ['run', 'sweep'],
      ['deactivate', 'nurse1'],
    ]);
    expect(rows[0]).toMatchObject({ by: 'admin', reason: 'Came back', previousRetireReason: 'Left', personName: 'Nadia Nurse' });
  });

  it('filters by account (also the accounts of a run), action, runner and UTC days inclusive', () => {
    expect(filterHistory(rows, { ...NO_FILTERS, account: 'NADIA' }).map((r) => r.action)).toEqual(['reactivate', 'deactivate']);
    expect(filterHistory(rows, { ...NO_FILTERS, account: 'other' }).map((r) => r.via)).toEqual(['sweep']);
    expect(filterHistory(rows, { ...NO_FILTERS, action: 'run' })).toHaveLength(2);
    expect(filterHistory(rows, { ...NO_FILTERS, runner: 'sweep' }).map((r) => r.action)).toEqual(['run', 'deactivate']);
    expect(filterHistory(rows, { ...NO_FILTERS, from: '2026-05-10', to: '2026-05-11' }).map((r) => r.at.toISOString())).toEqual([
      '2026-05-11T02:00:00.000Z',
      '2026-05-10T02:00:00.000Z',
    ]);
  });

  it('exports one line per account entry and per account of a run', () => {
    const words = { action: (a: string) => a, runner: (r: string) => r, mode: (d: boolean) => (d ? 'dry' : 'applied'), outcome: (o: string) => o };
    const lines = historyCsvLines(rows, words);
    expect(lines.map((l) => [l.action, l.mode, l.account, l.outcome, l.reason])).toEqual([
      ['reactivate', '', 'nurse1', '', 'Came back'],
      ['run', 'dry', '', '', ''],
      ['run', 'applied', 'nurse1', 'deactivated', ''],
      ['run', 'applied', 'other', 'failed', 'Server responded with 500'],
      ['deactivate', '', 'nurse1', '', 'Left'],
    ]);
  });
});
