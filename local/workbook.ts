/**
 * The in-memory spreadsheet the local runtime works on, loaded from and saved to .xlsx with exceljs.
 *
 * Cells hold what Apps Script would hand a script: "" for blank, numbers, booleans, text and JS `Date`s
 * (local calendar dates; exceljs stores dates as UTC wall-clock times, so load and save convert). A formula
 * cell keeps its formula ("=..." as Range.getFormula returns it) and its last evaluated value. Formulas
 * that return arrays (our whole-column custom functions) spill: the anchor remembers the spill size and
 * the cells under it remember their anchor, so the next evaluation can clear them first, and the .xlsx
 * records the anchor as an array formula over that area, which is how Excel and LibreOffice show it.
 */

import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';

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
  const sheets = snap.sheets.map((data) => {
    const sheet = byId.get(data.id) ?? new SheetModel(data.name, data.id);
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
    // Sheets gives the first sheet gid 0 and later ones large random ids; ours are derived from the name.
    const id = this.sheets.length === 0 ? 0 : parseInt(createHash('sha1').update(name).digest('hex').slice(0, 7), 16);
    const sheet = new SheetModel(name, id);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }
}

export function spreadsheetIdFor(path: string): string {
  return createHash('sha1').update(path).digest('base64url').slice(0, 44);
}

// ---------------------------------------------------------------------------------------------------------
// .xlsx → model

/** exceljs hands dates back as UTC wall-clock times; Sheets gives the script local calendar times. */
function fromExcelDate(d: Date): Date {
  return new Date(
    d.getUTCFullYear(),
    d.getUTCMonth(),
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

function toExcelDate(d: Date): Date {
  return new Date(
    Date.UTC(
      d.getFullYear(),
      d.getMonth(),
      d.getDate(),
      d.getHours(),
      d.getMinutes(),
      d.getSeconds(),
      d.getMilliseconds(),
    ),
  );
}

/** Spreadsheet serial number (days since 1899-12-30) as a local Date. */
export function dateOfSerial(serial: number): Date {
  const days = Math.floor(serial);
  const ms = Math.round((serial - days) * 86_400_000);
  const d = new Date(1899, 11, 30 + days);
  return new Date(d.getTime() + ms);
}

export function serialOfDate(d: Date): number {
  const utc = Date.UTC(
    d.getFullYear(),
    d.getMonth(),
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
    d.getMilliseconds(),
  );
  return (utc - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const unquoted = numFmt.replace(/"[^"]*"|\[[^\]]*\]/g, '');
  return /[dy]/i.test(unquoted) || (/\bm{1,4}\b/i.test(unquoted) && !/[0#]/.test(unquoted));
}

function hexOfArgb(argb: string | undefined): string | undefined {
  if (!argb || !/^[0-9a-f]{8}$/i.test(argb)) return undefined;
  return `#${argb.slice(2).toLowerCase()}`;
}

function plainValue(value: ExcelJS.CellValue, numFmt: string | undefined): { value: CellValue; error?: string } {
  if (value === null || value === undefined) return { value: '' };
  if (isDate(value)) return { value: fromExcelDate(value) };
  if (typeof value === 'number') return { value: isDateFormat(numFmt) ? dateOfSerial(value) : value };
  if (typeof value === 'string' || typeof value === 'boolean') return { value };
  if (typeof value === 'object') {
    if ('richText' in value) return { value: value.richText.map((t) => t.text).join('') };
    if ('error' in value) return { value: String(value.error), error: String(value.error) };
    if ('text' in value && 'hyperlink' in value) return { value: String(value.text) };
  }
  return { value: String(value) };
}

function noteText(note: ExcelJS.Cell['note']): string | undefined {
  if (note === undefined || note === null) return undefined;
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text: string }[] }).texts;
  return texts ? texts.map((t) => t.text).join('') : undefined;
}

function listValues(formula: string | undefined): string[] {
  if (!formula) return [];
  const quoted = /^"(.*)"$/.exec(formula.trim());
  return quoted ? quoted[1].split(',').map((v) => v.trim()) : [];
}

export interface LoadOptions {
  timeZone?: string;
  name?: string;
}

/**
 * What a script reads from one exceljs cell, or null for a cell that holds nothing a script sees. A merged
 * cell other than the top-left one reads blank, as in Sheets (exceljs hands it the top-left cell's value).
 */
function readCell(xc: ExcelJS.Cell): Cell | null {
  if (xc.isMerged && xc.master !== xc) return null;
  const cell: Cell = { value: '' };
  const formula = xc.formula;
  if (formula) {
    cell.formula = `=${formula}`;
    const read = plainValue((xc.result ?? null) as ExcelJS.CellValue, xc.numFmt);
    cell.value = read.value;
    if (read.error) cell.error = read.error;
  } else {
    const read = plainValue(xc.value, xc.numFmt);
    cell.value = read.value;
    if (read.error) cell.error = read.error;
  }
  const fill = xc.fill as ExcelJS.FillPattern | undefined;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const hex = hexOfArgb(fill.fgColor?.argb);
    if (hex) cell.background = hex;
  }
  const note = noteText(xc.note);
  if (note) cell.note = note;
  const dv = xc.dataValidation;
  if (dv && dv.type === 'list') {
    cell.validation = {
      kind: 'list',
      values: listValues(dv.formulae?.[0] as string | undefined),
      allowInvalid: dv.showErrorMessage === false,
    };
    if (dv.prompt) cell.validation.helpText = dv.prompt;
  }
  if (xc.numFmt && xc.numFmt !== 'General') cell.numberFormat = xc.numFmt;
  if (xc.font?.bold) cell.bold = true;
  const empty =
    cell.formula === undefined && cell.value === '' && !cell.background && !cell.note && !cell.validation && !cell.bold;
  return empty ? null : cell;
}

/** The array-formula area of an anchor cell ("G2:G41"), if it is one. */
function arrayRef(xc: ExcelJS.Cell): string | undefined {
  const v = xc.value as { shareType?: string; ref?: string } | null;
  return xc.formula && v && v.shareType === 'array' && v.ref ? v.ref : undefined;
}

/**
 * The exceljs workbook each model was loaded from, and each sheet's name in it by sheet id. Saving updates
 * that workbook cell by cell instead of writing a new one, so what the model does not carry — hyperlinks,
 * rich text, fonts, borders, hidden columns, filters, merges, conditional formats — stays as it was.
 */
const SOURCES = new WeakMap<WorkbookModel, { book: ExcelJS.Workbook; sheetNames: Map<number, string> }>();

export async function loadWorkbook(path: string, options: LoadOptions = {}): Promise<WorkbookModel> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const name = options.name ?? path.replace(/^.*[\\/]/, '').replace(/\.xlsx$/i, '');
  const model = new WorkbookModel(spreadsheetIdFor(path), name, options.timeZone ?? 'America/New_York');
  const sheetNames = new Map<number, string>();
  book.eachSheet((worksheet) => {
    const sheet = model.addSheet(worksheet.name);
    sheetNames.set(sheet.id, worksheet.name);
    const view = worksheet.views?.[0];
    if (view && view.state === 'frozen') sheet.frozenRows = view.ySplit ?? 0;
    const spills: { row: number; column: number; ref: string }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (xc, c) => {
        const cell = readCell(xc);
        const ref = arrayRef(xc);
        if (ref) spills.push({ row: r, column: c, ref });
        if (cell) Object.assign(sheet.ensure(r, c), cell);
      });
    });
    for (const { row, column, ref } of spills) {
      const area = arrayArea(ref);
      if (!area) continue;
      sheet.ensure(row, column).spill = { rows: area.rows, columns: area.columns };
      for (let r = row; r < row + area.rows; r++)
        for (let c = column; c < column + area.columns; c++)
          if (r !== row || c !== column) sheet.ensure(r, c).spilledFrom = { row, column };
    }
    worksheet.columns?.forEach((col, i) => {
      sheet.columnWidths[i] = col.width;
    });
    sheet.maxRows = Math.max(DEFAULT_MAX_ROWS, sheet.lastRow());
    sheet.maxColumns = Math.max(DEFAULT_MAX_COLUMNS, sheet.lastColumn());
  });
  if (model.sheets.length === 0) model.addSheet('Sheet1');
  SOURCES.set(model, { book, sheetNames });
  return model;
}

function arrayArea(ref: string): { rows: number; columns: number } | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { rows: Number(m[4]) - Number(m[2]) + 1, columns: columnNumber(m[3]) - columnNumber(m[1]) + 1 };
}

// ---------------------------------------------------------------------------------------------------------
// model → .xlsx

function excelValue(value: CellValue): ExcelJS.CellValue {
  if (value === '') return null;
  if (isDate(value)) return toExcelDate(value);
  return value;
}

/**
 * Saves the model as .xlsx. A model loaded from a file is saved by updating the workbook it was loaded from
 * (see SOURCES): only cells whose value, formula, color, note, dropdown, number format or boldness differ
 * from what the file holds are touched, and only in what differs, so everything else in the file survives.
 * A model built in memory is written as a new workbook.
 */
export async function saveWorkbook(model: WorkbookModel, path: string): Promise<void> {
  const source = SOURCES.get(model);
  const book = source?.book ?? new ExcelJS.Workbook();
  const sheetNames = source?.sheetNames ?? new Map<number, string>();
  const kept = new Set(model.sheets.map((s) => sheetNames.get(s.id)).filter((n): n is string => n !== undefined));
  for (const worksheet of [...book.worksheets]) if (!kept.has(worksheet.name)) book.removeWorksheet(worksheet.id);
  for (const sheet of model.sheets) {
    const known = sheetNames.get(sheet.id);
    let worksheet = known === undefined ? undefined : book.getWorksheet(known);
    // .xlsx sheet names stop at 31 characters (Sheets allows 100); exceljs cuts longer ones.
    if (worksheet) {
      if (worksheet.name !== sheet.name.slice(0, 31)) worksheet.name = sheet.name;
      updateWorksheet(worksheet, sheet);
    } else {
      worksheet = book.addWorksheet(
        sheet.name,
        sheet.frozenRows > 0 ? { views: [{ state: 'frozen', ySplit: sheet.frozenRows }] } : {},
      );
      writeWorksheet(worksheet, sheet);
    }
    sheetNames.set(sheet.id, worksheet.name);
  }
  if (source) {
    for (const id of [...sheetNames.keys()]) if (!model.sheets.some((s) => s.id === id)) sheetNames.delete(id);
  } else {
    SOURCES.set(model, { book, sheetNames });
  }
  await book.xlsx.writeFile(path);
}

/** A new sheet: every cell written. */
function writeWorksheet(worksheet: ExcelJS.Worksheet, sheet: SheetModel): void {
  sheet.columnWidths.forEach((width, i) => {
    if (width) worksheet.getColumn(i + 1).width = width;
  });
  for (const [r, c, cell] of sheet.cells()) writeCell(worksheet.getCell(r, c), cell, r, c, null);
}

/** A sheet the file already has: only what changed is written (see saveWorkbook). */
function updateWorksheet(worksheet: ExcelJS.Worksheet, sheet: SheetModel): void {
  const view = worksheet.views?.[0];
  const frozen = view && view.state === 'frozen' ? (view.ySplit ?? 0) : 0;
  if (frozen !== sheet.frozenRows)
    worksheet.views = sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [];
  sheet.columnWidths.forEach((width, i) => {
    if (width && worksheet.getColumn(i + 1).width !== width) worksheet.getColumn(i + 1).width = width;
  });
  for (const [r, c, cell] of sheet.cells()) {
    const xc = worksheet.getCell(r, c);
    writeCell(xc, cell, r, c, readFileCell(xc));
  }
  // Cells the file has and the model no longer does (deleted rows, a sheet taken over from a live copy).
  const cleared: [number, number][] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (_xc, c) => {
      if (!sheet.cell(r, c)) cleared.push([r, c]);
    });
  });
  for (const [r, c] of cleared) {
    const xc = worksheet.getCell(r, c);
    writeCell(xc, { value: '' }, r, c, readFileCell(xc));
  }
}

/** What the file holds in a cell, as the model would read it, with an array anchor's area. */
function readFileCell(xc: ExcelJS.Cell): Cell {
  const cell = readCell(xc) ?? { value: '' };
  const ref = arrayRef(xc);
  const area = ref ? arrayArea(ref) : null;
  if (area && (area.rows > 1 || area.columns > 1)) cell.spill = area;
  return cell;
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && a.getTime() === b.getTime();
  return a === b;
}

function sameValidation(a: ListValidation | undefined, b: ListValidation | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Writes what of `cell` differs from `was` (what the file holds; null: a new cell, write everything). An
 * error is compared by its value (#N/A): the file keeps no message.
 */
function writeCell(xc: ExcelJS.Cell, cell: Cell, r: number, c: number, was: Cell | null): void {
  const spill =
    cell.formula !== undefined && cell.spill && (cell.spill.rows > 1 || cell.spill.columns > 1)
      ? cell.spill
      : undefined;
  const contentChanged =
    !was ||
    (cell.formula ?? '') !== (was.formula ?? '') ||
    !sameValue(cell.value, was.value) ||
    !!cell.error !== !!was.error ||
    JSON.stringify(spill ?? null) !== JSON.stringify(was.spill ?? null);
  if (contentChanged && (was || cell.formula !== undefined || cell.value !== '')) {
    if (cell.formula !== undefined) {
      // The cached result lets Excel/LibreOffice show the value without knowing our custom functions.
      const result = cell.error ? { error: cell.value as ExcelJS.CellErrorValue['error'] } : excelValue(cell.value);
      const formula = cell.formula.replace(/^=/, '');
      xc.value = (
        spill
          ? { formula, result, shareType: 'array', ref: `${a1(r, c)}:${a1(r + spill.rows - 1, c + spill.columns - 1)}` }
          : { formula, result }
      ) as ExcelJS.CellValue;
    } else if (cell.error && typeof cell.value === 'string' && cell.value.startsWith('#')) {
      xc.value = { error: cell.value as ExcelJS.CellErrorValue['error'] };
    } else {
      xc.value = excelValue(cell.value);
    }
  }
  if ((cell.numberFormat ?? '') !== (was?.numberFormat ?? '')) {
    if (cell.numberFormat) xc.numFmt = cell.numberFormat;
    else if (was?.numberFormat && !(isDate(cell.value) && isDateFormat(was.numberFormat))) xc.numFmt = 'General';
  }
  if (isDate(cell.value) && !cell.numberFormat && !isDateFormat(xc.numFmt)) xc.numFmt = 'yyyy-mm-dd';
  if ((cell.background ?? '') !== (was?.background ?? '')) {
    xc.fill = cell.background
      ? { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${cell.background.slice(1).toUpperCase()}` } }
      : { type: 'pattern', pattern: 'none' };
  }
  if ((cell.note ?? '') !== (was?.note ?? '')) {
    if (cell.note) xc.note = cell.note;
    else (xc as unknown as { _comment?: unknown })._comment = undefined; // exceljs has no setter that removes a note
  }
  if (!sameValidation(cell.validation, was?.validation)) {
    xc.dataValidation = cell.validation
      ? {
          type: 'list',
          allowBlank: true,
          formulae: [`"${cell.validation.values.join(',')}"`],
          showErrorMessage: !cell.validation.allowInvalid,
          ...(cell.validation.helpText ? { prompt: cell.validation.helpText, showInputMessage: true } : {}),
        }
      : (undefined as unknown as ExcelJS.DataValidation);
  }
  // Boldness alone changes; the font's face, size and color stay.
  if (!!cell.bold !== !!was?.bold) xc.font = { ...(xc.font ?? {}), bold: !!cell.bold };
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
