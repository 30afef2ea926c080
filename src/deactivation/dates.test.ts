import { exemptionEnd, parseLastLogin, parseOpenmrsDate } from './dates';

describe('dates', () => {
  it.each`
    input                              | iso
    ${'2024-06-26T10:00:00.000+0000'}  | ${'2024-06-26T10:00:00.000Z'}
    ${'2024-06-26T10:00:00.000+0530'}  | ${'2024-06-26T04:30:00.000Z'}
    ${'2024-06-26T10:00:00-05:00'}     | ${'2024-06-26T15:00:00.000Z'}
    ${'2024-06-26T10:00:00'}           | ${'2024-06-26T10:00:00.000Z'}
    ${'2024-06-26 10:00:00'}           | ${'2024-06-26T10:00:00.000Z'}
    ${'2024-06-26'}                    | ${'2024-06-26T00:00:00.000Z'}
  `('parseOpenmrsDate($input)', ({ input, iso }) => {
    expect(parseOpenmrsDate(input)?.toISOString()).toBe(iso);
  });

  it.each(['', 'x', '2024-13-01', '2024-02-30', '2024-06-26T25:00:00Z', null, 5])('parseOpenmrsDate(%p) is null', (v) => {
    expect(parseOpenmrsDate(v)).toBeNull();
  });

  it('exemptionEnd', () => {
    expect(exemptionEnd('2025-06-15')).toEqual(new Date('2025-06-16T00:00:00Z'));
    expect(exemptionEnd('')).toBeNull();
    expect(exemptionEnd(undefined)).toBeNull();
    expect(exemptionEnd('soon')).toBe('invalid');
  });

  it('reads lastLoginTimestamp as 1 to 15 digits only', () => {
    expect(parseLastLogin(' 1700000000000 ')?.getTime()).toBe(1700000000000);
    expect(parseLastLogin('\t1700000000000\n')?.getTime()).toBe(1700000000000);
    expect(parseLastLogin('999999999999999')?.getTime()).toBe(999999999999999);
    expect(parseLastLogin('0')?.getTime()).toBe(0);
    expect(parseLastLogin('')).toBeNull();
    expect(parseLastLogin('   ')).toBeNull();
    expect(parseLastLogin('17e11')).toBeNull();
    expect(parseLastLogin('-1')).toBeNull();
    expect(parseLastLogin('1 2')).toBeNull();
    expect(parseLastLogin('１２３')).toBeNull();
    expect(parseLastLogin('1234567890123456')).toBeNull();
  });
});
