import { neutraliseCell, toCsv } from './csv';

describe('toCsv', () => {
  const columns = [
    { key: 'name', header: 'Name' },
    { key: 'note', header: 'Note' },
  ];

  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv([{ name: 'Ann', note: 'ok' }], columns)).toBe('Name,Note\r\nAnn,ok\r\n');
  });

  it('quotes commas, quotes, newlines and surrounding spaces', () => {
    const csv = toCsv(
      [
        { name: 'Doe, John', note: 'says "hi"' },
        { name: 'two\nlines', note: ' padded ' },
      ],
      columns,
    );
    expect(csv).toBe('Name,Note\r\n"Doe, John","says ""hi"""\r\n"two\nlines"," padded "\r\n');
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['a=1', 'a=1'],
    ["'quoted", "'quoted"],
  ])('neutralises %p', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('neutralises then quotes, also in headers', () => {
    expect(toCsv([{ name: '=HYPERLINK("http://x","y")', note: -3 }], [{ key: 'name', header: '@Name' }, columns[1]])).toBe(
      `'@Name,Note\r\n"'=HYPERLINK(""http://x"",""y"")",'-3\r\n`,
    );
  });

  it('writes null and undefined as empty, dates as ISO, and missing keys as empty', () => {
    expect(
      toCsv([{ name: null, note: new Date('2025-01-02T03:04:05Z') }, { name: undefined }, { name: true, note: 7 }], columns),
    ).toBe('Name,Note\r\n,2025-01-02T03:04:05.000Z\r\n,\r\ntrue,7\r\n');
  });

  it('with no rows, writes only the header', () => {
    expect(toCsv([], columns)).toBe('Name,Note\r\n');
  });
});
