import {
  endDatesOf,
  endDatesPatch,
  expiredLocations,
  grantEndDate,
  LOCATION_END_DATES_PROPERTY,
  mergeEndDates,
  parseEndDates,
  today,
  withEndDate,
} from './assignment-end-dates';

const A = 'aaaaaaaa-0000-0000-0000-000000000001';
const B = 'bbbbbbbb-0000-0000-0000-000000000002';
const C = 'cccccccc-0000-0000-0000-000000000003';

describe('assignment end dates', () => {
  it('reads the user property and ignores malformed entries', () => {
    expect(parseEndDates(`${A}:2027-01-31, ${B}:tomorrow,${C}:2027-02-30x,:2027-01-01`)).toEqual({ [A]: '2027-01-31' });
    expect(endDatesOf({ [LOCATION_END_DATES_PROPERTY]: `${B}:2026-12-24` })).toEqual({ [B]: '2026-12-24' });
    expect(endDatesOf(null)).toEqual({});
  });

  it('writes only the locations the user holds, and removes the property when none is dated', () => {
    expect(endDatesPatch({ [A]: '2027-01-31', [C]: '2027-03-01' }, [C, B])).toEqual({ [LOCATION_END_DATES_PROPERTY]: `${C}:2027-03-01` });
    expect(endDatesPatch({ [A]: '2027-01-31' }, [B])).toEqual({ [LOCATION_END_DATES_PROPERTY]: null });
    expect(endDatesPatch(withEndDate({ [A]: '2027-01-31' }, A, null), [A])).toEqual({ [LOCATION_END_DATES_PROPERTY]: null });
  });

  it('never shortens access the user already holds when a dated grant arrives', () => {
    expect(grantEndDate({}, true, A, '2027-01-31')).toEqual({});
    expect(grantEndDate({ [A]: '2027-05-01' }, true, A, '2027-01-31')).toEqual({ [A]: '2027-05-01' });
    expect(grantEndDate({ [A]: '2027-01-01' }, true, A, '2027-01-31')).toEqual({ [A]: '2027-01-31' });
    expect(grantEndDate({}, false, A, '2027-01-31')).toEqual({ [A]: '2027-01-31' });
    expect(grantEndDate({ [A]: '2027-01-01' }, true, A, null)).toEqual({});
  });

  it('keeps the longer access when one location is merged into another', () => {
    expect(mergeEndDates({ [A]: '2027-01-01' }, A, B, false)).toEqual({ [B]: '2027-01-01' });
    expect(mergeEndDates({ [A]: '2027-01-01' }, A, B, true)).toEqual({});
    expect(mergeEndDates({ [A]: '2027-01-01', [B]: '2027-06-01' }, A, B, true)).toEqual({ [B]: '2027-06-01' });
    expect(mergeEndDates({ [B]: '2027-06-01' }, A, B, true)).toEqual({});
  });

  it('counts an assignment as expired only after its last day (UTC)', () => {
    const dates = { [A]: '2026-12-05', [B]: '2026-12-06' };
    expect(today(new Date('2026-12-06T23:59:00Z'))).toBe('2026-12-06');
    expect(expiredLocations(dates, [A, B, C], '2026-12-06')).toEqual([A]);
    expect(expiredLocations(dates, [B], '2026-12-07')).toEqual([B]);
  });
});
