/** A1 notation as Apps Script reads it: "A1", "A1:C3", open-ended "A2:A", "A:C", "2:5", with a sheet prefix. */
import { columnNumber } from '../../workbook';

/** A block of cells by its 1-based top-left corner and size. */
export interface Area {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** Parses "A1", "A1:C3", "A2:A" (to the last row), "A:C", "2:5"; null when it is not A1 notation. */
export function parseA1(a1Notation: string, maxRows: number, maxColumns: number): Area | null {
  const text = a1Notation.replace(/\$/g, '').trim().toUpperCase();
  const cell = /^([A-Z]+)(\d+)$/.exec(text);
  if (cell) return { row: Number(cell[2]), column: columnNumber(cell[1]), rows: 1, columns: 1 };
  const m = /^([A-Z]*)(\d*):([A-Z]*)(\d*)$/.exec(text);
  if (!m) return null;
  const [, c1, r1, c2, r2] = m;
  if ((!c1 && !r1) || (!c2 && !r2)) return null;
  const startColumn = c1 ? columnNumber(c1) : 1;
  const endColumn = c2 ? columnNumber(c2) : maxColumns;
  const startRow = r1 ? Number(r1) : 1;
  const endRow = r2 ? Number(r2) : maxRows;
  if ((!c1 || !c2) && (c1 || c2)) return null; // "A1:5" is not a range
  const row = Math.min(startRow, endRow);
  const column = Math.min(startColumn, endColumn);
  return { row, column, rows: Math.abs(endRow - startRow) + 1, columns: Math.abs(endColumn - startColumn) + 1 };
}

/** "'My sheet'!A1:B2" → the sheet's name and "A1:B2"; no prefix → null and the notation as given. */
export function splitSheetPrefix(notation: string): { sheetName: string | null; range: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(notation);
  if (!m) return { sheetName: null, range: notation };
  return { sheetName: (m[1] ?? m[2]).replace(/''/g, "'"), range: m[3] };
}
