/**
 * The in-memory spreadsheet the local runtime works on, loaded from and saved to .xlsx by local/xlsxFile.ts.
 *
 * Cells hold what Apps Script would hand a script: "" for blank, numbers, booleans, text and JS `Date`s
 * (local calendar dates; exceljs stores dates as UTC wall-clock times, so load and save convert). A formula
 * cell keeps its formula ("=..." as Range.getFormula returns it) and its last evaluated value. Formulas
 * that return arrays (our whole-column custom functions) spill: the anchor remembers the spill size and
 * the cells under it remember their anchor, so the next evaluation can clear them first, and the .xlsx
 * records the anchor as an array formula over that area, which is how Excel and LibreOffice show it.
 */

import { createHash } from 'node:crypto';

export type CellValue = string | number | boolean | Date;

/** Data validation as the subset the add-on uses: a dropdown list. */
export interface ListValidation {
  kind: 'list';
  values: string[];
  allowInvalid: boolean;
  helpText?: string;
}

export interface Cell {
  /** The value a script reads; for a formula cell, its evaluated result. */
  value: CellValue;
  /** "=SUM(A1:A3)"; absent for plain values. */
  formula?: string;
  /**
   * The script wrote this value with a leading apostrophe ("'=1+1"), which Sheets keeps as text whatever it
   * looks like. Not visible to scripts (Sheets hands back the value without it); tests read it to tell a
   * value written safely as text from one Sheets would parse (+1+2, @x).
   */
  typedAsText?: boolean;
  /** The message of an error value (#ERROR!, #VALUE!…), shown on hover in Sheets. */
  error?: string;
  /** On a formula anchor whose result is an array: the area it fills. */
  spill?: { rows: number; columns: number };
  /** On a cell filled by another cell's array result: that anchor (1-based). */
  spilledFrom?: { row: number; column: number };
  /** "#rrggbb" lowercase; absent = white. */
  background?: string;
  note?: string;
  validation?: ListValidation;
  numberFormat?: string;
  bold?: boolean;
}

/** Google Sheets gives a new sheet 1000 rows and 26 columns; an imported .xlsx is at least that big. */
export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_COLUMNS = 26;

/** Cross-realm Date test: values may come from the add-on's vm context, where `instanceof Date` fails. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isBlankValue(value: CellValue | null | undefined): boolean {
  return value === '' || value === null || value === undefined;
}

/** An embedded chart as Sheets keeps it: its type, the data ranges, options and where it is anchored. */
export interface ChartModel {
  id: number;
  /** Lowercase Charts.ChartType name: column, bar, pie, line, area, scatter, combo, histogram, table. */
  type: string;
  ranges: { row: number; column: number; rows: number; columns: number }[];
  /** Header rows of the ranges; -1 = let Sheets guess (EmbeddedChartBuilder#setNumHeaders). */
  numHeaders: number;
  options: Record<string, unknown>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
}

export class SheetModel {
  frozenRows = 0;
  /** Embedded charts (kept in memory and in the live copy; exceljs cannot write charts to .xlsx). */
  charts: ChartModel[] = [];
  maxRows = DEFAULT_MAX_ROWS;
  maxColumns = DEFAULT_MAX_COLUMNS;
  /** Column widths (exceljs units) carried from the loaded file so a save looks like the original. */
  columnWidths: (number | undefined)[] = [];
  /** rows[r-1][c-1]; sparse, grown on write. */
  private rows: (Cell | undefined)[][] = [];

  constructor(
    public name: string,
    readonly id: number,
  ) {}

  /** The cell at 1-based (row, column), or undefined when nothing was ever written there. */
  cell(row: number, column: number): Cell | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  /** The cell at (row, column), created blank if needed. */
  ensure(row: number, column: number): Cell {
    // The grid always holds every cell (a model built in code may write past the default 1000 rows).
    if (row > this.maxRows) this.maxRows = row;
    if (column > this.maxColumns) this.maxColumns = column;
    const r = (this.rows[row - 1] ??= []);
    return (r[column - 1] ??= { value: '' });
  }

  valueAt(row: number, column: number): CellValue {
    return this.cell(row, column)?.value ?? '';
  }

  /** Whether a cell has content as Sheets counts it for getLastRow: a value or a formula. */
  hasContent(row: number, column: number): boolean {
    const c = this.cell(row, column);
    return !!c && (c.formula !== undefined || !isBlankValue(c.value));
  }

  /** Last row with content (0 for an empty sheet), as Sheet.getLastRow. */
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      const row = this.rows[r - 1];
      if (row) for (let c = 1; c <= row.length; c++) if (this.hasContent(r, c)) return r;
    }
    return 0;
  }

  /** Last column with content (0 for an empty sheet), as Sheet.getLastColumn. */
  lastColumn(): number {
    let last = 0;
    this.rows.forEach((row, i) => {
      if (!row) return;
      for (let c = row.length; c > last; c--)
        if (this.hasContent(i + 1, c)) {
          last = c;
          break;
        }
    });
    return last;
  }

  /** Extent of everything stored (content or formatting), for saving. */
  storedExtent(): { rows: number; columns: number } {
    let columns = 0;
    for (const row of this.rows) if (row) columns = Math.max(columns, row.length);
    return { rows: this.rows.length, columns };
  }

  /** Whether any cell holds a formula: asked before every read that follows a write, so it must not allocate. */
  hasFormula(): boolean {
    for (const row of this.rows) {
      if (!row) continue;
      for (const cell of row) if (cell && cell.formula !== undefined) return true;
    }
    return false;
  }

  /** Every stored cell with its 1-based coordinates. */
  *cells(): Generator<[number, number, Cell]> {
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        if (cell) yield [r + 1, c + 1, cell];
      }
    }
  }

  insertRowsAfter(afterRow: number, count: number): void {
    const at = Math.min(afterRow, this.rows.length);
    // concat, not splice(at, 0, ...blank): spreading 200,000 arguments overflows the call stack.
    const blank = Array.from({ length: count }, () => [] as (Cell | undefined)[]);
    this.rows = this.rows.slice(0, at).concat(blank, this.rows.slice(at));
    this.maxRows += count;
  }

  deleteRows(fromRow: number, count: number): void {
    this.rows.splice(fromRow - 1, count);
    this.maxRows -= count;
  }

  insertColumnsAfter(afterColumn: number, count: number): void {
    for (const row of this.rows)
      if (row && row.length > afterColumn)
        row.splice(afterColumn, 0, ...Array<Cell | undefined>(count).fill(undefined));
    if (this.columnWidths.length > afterColumn)
      this.columnWidths.splice(afterColumn, 0, ...Array<number | undefined>(count).fill(undefined));
    this.maxColumns += count;
  }

  deleteColumns(fromColumn: number, count: number): void {
    for (const row of this.rows) if (row) row.splice(fromColumn - 1, count);
    this.columnWidths.splice(fromColumn - 1, count);
    this.maxColumns -= count;
  }

  /** Forgets every cell: for taking over another execution's copy of the sheet (see workbookFromSnapshot). */
  clearCells(): void {
    this.rows = [];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Snapshots: the workbook as JSON, so executions in other processes share one live copy

interface SheetSnapshot {
  name: string;
  id: number;
  frozenRows: number;
  maxRows: number;
  maxColumns: number;
  columnWidths: (number | null)[];
  cells: [number, number, Cell][];
  charts?: ChartModel[];
}

/** The workbook as JSON text, dates kept as dates. */
export function workbookSnapshot(model: WorkbookModel): string {
  const sheets: SheetSnapshot[] = model.sheets.map((sheet) => ({
    name: sheet.name,
    id: sheet.id,
    frozenRows: sheet.frozenRows,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxColumns,
    columnWidths: sheet.columnWidths.map((w) => w ?? null),
    cells: [...sheet.cells()],
    charts: sheet.charts,
  }));
  return JSON.stringify({ name: model.name, sheets }, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return isDate(raw) ? { $date: raw.getTime() } : value;
  });
}

/**
 * Makes `model` hold what a snapshot holds, in place: sheets keep their objects (matched by id) so the
 * Sheet and Range objects a run already holds keep pointing at live data.
 */
export function restoreWorkbookSnapshot(model: WorkbookModel, json: string): void {
  const snap = JSON.parse(json, (_key, value) =>
    value && typeof value === 'object' && typeof value.$date === 'number' ? new Date(value.$date) : value,
  ) as { name: string; sheets: SheetSnapshot[] };
  model.name = snap.name;
  const byId = new Map(model.sheets.map((s) => [s.id, s]));
  // A live copy saved before sheet ids were unique (see addSheet) can repeat one; each repeat becomes a sheet
  // of its own under the next free id, so no sheet's cells are lost or shared.
  const taken = new Set(snap.sheets.map((data) => data.id));
  const restored = new Set<number>();
  const sheets = snap.sheets.map((data) => {
    let id = data.id;
    if (restored.has(id)) {
      while (taken.has(id)) id++;
      taken.add(id);
    }
    restored.add(id);
    const sheet = (id === data.id ? byId.get(id) : undefined) ?? new SheetModel(data.name, id);
    sheet.name = data.name;
    sheet.frozenRows = data.frozenRows;
    sheet.maxRows = data.maxRows;
    sheet.maxColumns = data.maxColumns;
    sheet.columnWidths = data.columnWidths.map((w) => w ?? undefined);
    sheet.clearCells();
    for (const [r, c, cell] of data.cells) Object.assign(sheet.ensure(r, c), cell);
    sheet.charts = data.charts ?? [];
    return sheet;
  });
  model.sheets.splice(0, model.sheets.length, ...sheets);
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];

  constructor(
    /** A stable fake spreadsheet id (from the file path), so getId/getUrl look like Google's. */
    readonly id: string,
    public name: string,
    public timeZone: string,
    /** The spreadsheet's locale, as getSpreadsheetLocale gives it. */
    public locale = 'en_US',
  ) {}

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  addSheet(name: string, index = this.sheets.length): SheetModel {
    // Sheets gives the first sheet gid 0 and later ones large random ids, unique in the spreadsheet. Ours are
    // derived from the name, moved on to the next free id when another sheet has it: a name can come back
    // (every data source sheet is created as "Query 1" and then renamed, docs/warehouse.md §4), and saving,
    // the live copy and the change report all tell sheets apart by id.
    // Sheets refuses a second sheet of the same name; so does the model, so no caller loses one on saving.
    if (this.sheet(name)) throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const taken = new Set(this.sheets.map((s) => s.id));
    let id = this.sheets.length === 0 ? 0 : parseInt(createHash('sha1').update(name).digest('hex').slice(0, 7), 16);
    while (taken.has(id)) id++;
    const sheet = new SheetModel(name, id);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }
}

export function spreadsheetIdFor(path: string): string {
  return createHash('sha1').update(path).digest('base64url').slice(0, 44);
}

// ---------------------------------------------------------------------------------------------------------
// Date serials (days since 1899-12-30), as Sheets and HyperFormula count dates

/** Spreadsheet serial number (days since 1899-12-30) as a local Date. */
export function dateOfSerial(serial: number): Date {
  const days = Math.floor(serial);
  const ms = Math.round((serial - days) * 86_400_000);
  const d = new Date(1899, 11, 30 + days);
  return new Date(d.getTime() + ms);
}

/** A local Date's wall clock read as if it were UTC, in ms: what exceljs and serial numbers count. */
export function wallClockAsUtc(d: Date): number {
  return Date.UTC(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
  );
}

export function serialOfDate(d: Date): number {
  return (wallClockAsUtc(d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

// ---------------------------------------------------------------------------------------------------------
// A1 helpers shared by the spreadsheet and formula modules.

export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}
