import { clearJob, jobCounts, jobStorageKey, loadJob, newJob, pendingItems, saveJob } from './job-store';

const items = [
  { uuid: 'a', label: 'A' },
  { uuid: 'b', label: 'B' },
  { uuid: 'c', label: 'C' },
];

describe('job store', () => {
  beforeEach(() => window.localStorage.clear());

  it('keeps one job per user, and resumes with what did not succeed', () => {
    const job = { ...newJob('assign', { uuid: 'loc', display: 'Clinic' }, items), results: { a: { status: 'success' as const }, b: { status: 'failed' as const, message: 'x' } } };
    saveJob('u1', job);
    expect(loadJob('u2')).toBeNull();
    const loaded = loadJob('u1');
    expect(loaded).toEqual(job);
    expect(pendingItems(loaded!)).toEqual([items[1], items[2]]);
    expect(jobCounts(loaded!)).toEqual({ total: 3, succeeded: 1, failed: 1, notStarted: 1 });
    clearJob('u1');
    expect(loadJob('u1')).toBeNull();
  });

  it('ignores what it cannot read', () => {
    window.localStorage.setItem(jobStorageKey('u1'), '{not json');
    expect(loadJob('u1')).toBeNull();
    window.localStorage.setItem(jobStorageKey('u1'), JSON.stringify({ version: 2, items: [] }));
    expect(loadJob('u1')).toBeNull();
  });
});
