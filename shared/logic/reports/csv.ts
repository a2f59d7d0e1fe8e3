/**
 * CSV for spreadsheets: RFC 4180 (CRLF rows, fields with comma, quote, CR or LF quoted, quotes
 * doubled), a UTF-8 byte order mark so Excel reads the text as UTF-8, and cells that a spreadsheet
 * would run as a formula (starting with = + - @ tab or CR) prefixed with an apostrophe (OWASP's
 * advice against CSV injection). Mention text comes from strangers.
 */
export const UTF8_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | null;

/** A cell a spreadsheet will show as text, never evaluate. Numbers are written as they are. */
export function neutraliseCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map((v) => quoteField(neutraliseCell(v))).join(',');
}

/** The whole document: BOM, header, rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvLine(header)];
  for (const row of rows) {
    if (row.length !== header.length) throw new RangeError(`a CSV row has ${row.length} cells, the header ${header.length}`);
    lines.push(csvLine(row));
  }
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
