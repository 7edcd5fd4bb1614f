import type { CellValue } from '../../core/reading/cells';

export const ALERT_LOG_HEADERS = ['Day', 'Recipient', 'What', 'Items', 'Status', 'Logged at', 'Detail'];
export const RUN_LOG_HEADERS = [
  'Started',
  'Job',
  'Status',
  'Partners read',
  'Rows recolored',
  'Sent',
  'Deferred',
  'Failed',
  'Seconds',
  'Error',
  'Service calls',
];

/**
 * The named sheet, created with a bold frozen header row when missing (never overwriting one that exists).
 * A log made by an older version, with fewer columns, gets the newer column headers added at its end.
 */
export function ensureLogSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
  headers: string[],
): GoogleAppsScript.Spreadsheet.Sheet {
  const existing = ss.getSheetByName(name);
  if (existing) {
    const width = existing.getLastColumn();
    if (width > 0 && width < headers.length) {
      // A log made as wide as its headers (see below) has no spare column for a new one.
      const spare = existing.getMaxColumns() - width;
      if (spare < headers.length - width)
        existing.insertColumnsAfter(existing.getMaxColumns(), headers.length - width - spare);
      existing
        .getRange(1, width + 1, 1, headers.length - width)
        .setValues([headers.slice(width)])
        .setFontWeight('bold');
    }
    return existing;
  }
  const sheet = ss.insertSheet(name);
  // Sheets counts every cell of the grid against its 10-million-cell limit, empty or not: a new sheet's 26
  // columns would make each appended log row cost 26 cells instead of the few it uses.
  const unused = sheet.getMaxColumns() - headers.length;
  if (unused > 0) sheet.deleteColumns(headers.length + 1, unused);
  sheet.getRange(1, 1, 1, headers.length).setValues([headers]).setFontWeight('bold');
  sheet.setFrozenRows(1);
  return sheet;
}

/**
 * Appends rows under the last row in one write. `getRange` may not reach past the sheet's last row (a new
 * sheet has 1,000), so the sheet is first grown by the rows missing — one call, only when needed.
 */
export function appendRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: unknown[][], width: number): void {
  if (rows.length === 0) return;
  const first = sheet.getLastRow() + 1;
  const missing = first + rows.length - 1 - sheet.getMaxRows();
  if (missing > 0) sheet.insertRowsAfter(sheet.getMaxRows(), missing);
  sheet.getRange(first, 1, rows.length, width).setValues(rows);
}

/** All rows under the header of a log sheet, in one read. */
export function readLogRows(sheet: GoogleAppsScript.Spreadsheet.Sheet): CellValue[][] {
  return (sheet.getDataRange().getValues() as CellValue[][]).slice(1);
}

/**
 * Text made safe to write into a sheet as text. Sheets reads a written string as if typed: one starting with
 * =, +, - or @ as a formula, and "20%", "2026-12-01", "1,234" or "TRUE" as a number, date or boolean
 * (docs/google-fidelity.md). Such text is written with a leading apostrophe, which Sheets keeps out of the
 * value; anything starting with a digit, $, . or ( gets one, a few more than strictly needed ("3M"), harmlessly.
 */
export function asText(value: unknown): string {
  const text = String(value ?? '');
  return /^\s*[=+\-@\d$.(]/.test(text) || /^\s*(true|false)\s*$/i.test(text) ? `'${text}` : text;
}
