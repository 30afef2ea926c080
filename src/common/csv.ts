/**
 * CSV export that is safe to open in a spreadsheet (RFC 4180 quoting, formula injection neutralised).
 * Every export of the app goes through toCsv: the deactivations table, the user-locations table, the
 * location report and the per-item results of bulk jobs and merges.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

export interface CsvColumn {
  key: string;
  header: string;
}

/**
 * A cell that starts with = + - @ (or a tab / carriage return, which some spreadsheets skip before
 * reading a formula) would run as a formula: prefix it with a single quote.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    return isNaN(value.getTime()) ? '' : value.toISOString();
  }
  return String(value);
}

/**
 * Rows to CSV text: a header line, then one line per row, CRLF line ends (RFC 4180). Numbers,
 * booleans and dates are written as text (dates as ISO 8601); a negative number therefore becomes
 * `'-5`, which is the price of never letting a cell start a formula.
 */
export function toCsv<T extends object>(rows: T[], columns: CsvColumn[]): string {
  const line = (cells: string[]) => cells.map((c) => quote(neutraliseCell(c))).join(',');
  const out = [line(columns.map((c) => c.header))];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    out.push(line(columns.map((c) => cellText(record[c.key]))));
  }
  return out.join('\r\n') + '\r\n';
}

/** Offers the text as a file download (the browser's "save as"). */
export function downloadCsv(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
