/**
 * SpreadsheetApp for the local runtime: the subset of Apps Script's spreadsheet service the add-on uses,
 * over the in-memory workbook (local/workbook.ts), with Apps Script's semantics and error messages.
 * Reference: https://developers.google.com/apps-script/reference/spreadsheet
 *
 * Each class implements the matching @types/google-apps-script interface for the methods it has
 * (`Pick<Localized<Range>, ...>`), so a signature that drifts from Google's fails the type check.
 * Every method call is counted in the CallLog under "SpreadsheetApp", "Spreadsheet", "Sheet", "Range" or
 * "Ui", which also advances the virtual Apps Script clock and enforces the execution time limit.
 *
 * Values cross a realm boundary: the add-on runs in a vm context whose Date and Error are not this
 * module's. Dates handed to the script are made with the context's Date (so `instanceof Date` holds in
 * the add-on) and errors are the context's Error; dates coming back are recognised by their tag.
 */
import type { CallLog } from './calls';
import {
  ConnectedSheets,
  DATA_EXECUTION_STATE,
  type LocalBigQueryDataSourceSpec,
  type LocalDataSource,
  type LocalDataSourceSheet,
  type LocalDataSourceSpecBuilder,
  type SheetTarget,
  type WarehouseFile,
} from './services/bigquery';
import { instantToWallClock, wallClockToInstant } from './services/time';
import { parseTyped } from './valueParsing';
import {
  a1,
  type Cell,
  type CellValue,
  type ChartModel,
  columnNumber,
  isBlankValue,
  isDate,
  type ListValidation,
  type SheetModel,
  type WorkbookModel,
} from './workbook';

type GRange = GoogleAppsScript.Spreadsheet.Range;
type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type GUi = GoogleAppsScript.Base.Ui;
type GMenu = GoogleAppsScript.Base.Menu;
type GValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

/** Google's return types with our classes in place of Google's, so `implements` checks parameters. */
type Swap<R> = R extends GRange
  ? LocalRange
  : R extends GSheet
    ? LocalSheet
    : R extends GSpreadsheet
      ? LocalSpreadsheet
      : R extends GMenu
        ? LocalMenu
        : R extends GUi
          ? LocalUi
          : R extends GValidationBuilder
            ? LocalDataValidationBuilder
            : R extends GValidation
              ? LocalDataValidation
              : R extends (infer E)[]
                ? Swap<E>[]
                : R;
type SwapAll<A> = { [I in keyof A]: Swap<A[I]> };
type Localized<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: SwapAll<A>) => Swap<R> : T[K];
};

/** How values and errors are made in the add-on's realm. */
export interface Realm {
  date(ms: number): Date;
  error(message: string): Error;
}

export const HOST_REALM: Realm = { date: (ms) => new Date(ms), error: (message) => new Error(message) };

export interface SpreadsheetEnvironment {
  model: WorkbookModel;
  calls: CallLog;
  realm?: Realm;
  /** Re-evaluates formulas; called before a read when a write may have changed formula results. */
  recalculate?: () => void;
  /** The selection: a sheet name and A1 range ("Partners!A5" or "A5:K5"); default A1 of the first sheet. */
  selection?: string;
  /** Connected Sheets (local/services/bigquery.ts): the file standing for the BigQuery table, and where data sources are saved. */
  warehouse?: WarehouseFile | null;
  dataSourcesPath?: string | null;
  /**
   * Where createAddonMenu's menu shows: an installed add-on's under Extensions with the add-on's name; a bound
   * script's (mode "bound") under Extensions with the script project's name. Default: the add-on "PartnerPulse".
   */
  addonMenuCaption?: string;
}

/** Shared state behind one SpreadsheetApp: the workbook, the call log, the UI record, the selection. */
class Session {
  readonly realm: Realm;
  readonly ui: LocalUi;
  connected!: ConnectedSheets;
  activeSheet: SheetModel;
  activeRange: { sheet: SheetModel; row: number; column: number; rows: number; columns: number } | null = null;
  private dirty = false;
  spreadsheet!: LocalSpreadsheet;

  constructor(readonly env: SpreadsheetEnvironment) {
    this.realm = env.realm ?? HOST_REALM;
    this.ui = new LocalUi(this);
    this.activeSheet = env.model.sheets[0];
  }

  count(service: string, method: string): void {
    this.env.calls.count(service, method);
  }

  cells(kind: 'read' | 'written', n: number): void {
    this.env.calls.countCells(kind, n);
  }

  fail(message: string): never {
    throw this.realm.error(message);
  }

  /** A write happened: formula results may be stale until the next read. */
  changed(): void {
    if (this.env.recalculate) this.dirty = true;
  }

  /** Before a read: bring formula results up to date, as Sheets does before returning values. */
  fresh(): void {
    if (this.dirty && this.env.recalculate) {
      this.dirty = false;
      this.env.recalculate();
    }
  }

  /** A date cell reaches the script as the instant of its wall clock in the spreadsheet's zone. */
  toScript(value: CellValue): unknown {
    return isDate(value) ? this.realm.date(wallClockToInstant(value, this.env.model.timeZone).getTime()) : value;
  }

  fromScript(value: unknown): { value: CellValue; formula?: string; typedAsText?: boolean } {
    if (value === null || value === undefined) return { value: '' };
    if (isDate(value)) return { value: instantToWallClock(value, this.env.model.timeZone) };
    if (typeof value === 'string') {
      // As in Sheets, a leading apostrophe only says "keep this as text"; it is not part of the value.
      if (value.startsWith("'")) return { value: value.slice(1), typedAsText: true };
      return value.startsWith('=') && value.length > 1 ? { value: '', formula: value } : { value };
    }
    if (typeof value === 'number' || typeof value === 'boolean') return { value };
    return { value: String(value) };
  }
}

// ---------------------------------------------------------------------------------------------------------
// A1 notation

interface Area {
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

function splitSheetPrefix(notation: string): { sheetName: string | null; range: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(notation);
  if (!m) return { sheetName: null, range: notation };
  return { sheetName: (m[1] ?? m[2]).replace(/''/g, "'"), range: m[3] };
}

// ---------------------------------------------------------------------------------------------------------
// Colors and display

const NAMED_COLORS: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
  cyan: '#00ffff',
  magenta: '#ff00ff',
};

/** Sheets stores colors as lowercase #rrggbb; null or "" resets to no fill (read back as #ffffff). */
function normalizeColor(color: string | null | undefined): string | undefined {
  if (color === null || color === undefined || color === '') return undefined;
  const c = color.trim().toLowerCase();
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  return undefined;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The text Sheets shows for a value: dates M/d/yyyy unless formatted, percents with %, TRUE/FALSE. */
export function displayValue(value: CellValue, numberFormat?: string): string {
  if (isBlankValue(value)) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) {
    const f = (numberFormat ?? '').toLowerCase();
    const date = `${value.getFullYear()}-${pad2(value.getMonth() + 1)}-${pad2(value.getDate())}`;
    if (f.startsWith('yyyy-mm-dd'))
      return f.includes('h') ? `${date} ${pad2(value.getHours())}:${pad2(value.getMinutes())}` : date;
    return `${value.getMonth() + 1}/${value.getDate()}/${value.getFullYear()}`;
  }
  if (typeof value === 'number') {
    const percent = numberFormat ? /^0(?:\.(0+))?%$/.exec(numberFormat) : null;
    if (percent) return `${(value * 100).toFixed(percent[1]?.length ?? 0)}%`;
    const fixed = numberFormat ? /^(?:#,##)?0\.(0+)$/.exec(numberFormat) : null;
    if (fixed) return value.toFixed(fixed[1].length);
    return String(value);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------------
// Data validation

export class LocalDataValidation
  implements Pick<Localized<GValidation>, 'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText' | 'copy'>
{
  constructor(readonly rule: ListValidation) {}
  getCriteriaValues(): unknown[] {
    return [this.rule.values.slice(), true];
  }
  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }
  getHelpText(): string {
    return this.rule.helpText ?? '';
  }
  copy(): LocalDataValidationBuilder {
    const b = new LocalDataValidationBuilder();
    b.rule = { ...this.rule, values: this.rule.values.slice() };
    return b;
  }
}

export class LocalDataValidationBuilder
  implements Pick<Localized<GValidationBuilder>, 'requireValueInList' | 'setAllowInvalid' | 'setHelpText' | 'build'>
{
  rule: ListValidation = { kind: 'list', values: [], allowInvalid: true };
  requireValueInList(values: string[], _showDropdown?: boolean): LocalDataValidationBuilder {
    this.rule.values = values.map(String);
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): LocalDataValidationBuilder {
    this.rule.allowInvalid = allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): LocalDataValidationBuilder {
    this.rule.helpText = helpText;
    return this;
  }
  build(): LocalDataValidation {
    return new LocalDataValidation({ ...this.rule, values: this.rule.values.slice() });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Range — https://developers.google.com/apps-script/reference/spreadsheet/range

type RangeMethods =
  | 'getValue'
  | 'getValues'
  | 'setValue'
  | 'setValues'
  | 'getDisplayValue'
  | 'getDisplayValues'
  | 'getBackground'
  | 'getBackgrounds'
  | 'setBackground'
  | 'setBackgrounds'
  | 'getFormula'
  | 'getFormulas'
  | 'setFormula'
  | 'setFormulas'
  | 'getNote'
  | 'getNotes'
  | 'setNote'
  | 'setNotes'
  | 'getRow'
  | 'getColumn'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getNumRows'
  | 'getNumColumns'
  | 'getA1Notation'
  | 'getSheet'
  | 'getCell'
  | 'offset'
  | 'setDataValidation'
  | 'getDataValidation'
  | 'setNumberFormat'
  | 'setNumberFormats'
  | 'setFontWeight'
  | 'setFontWeights'
  | 'activate'
  | 'clearContent'
  | 'isBlank';

export class LocalRange implements Pick<Localized<GRange>, RangeMethods> {
  constructor(
    private readonly session: Session,
    readonly sheetModel: SheetModel,
    readonly row: number,
    readonly column: number,
    readonly rows: number,
    readonly columns: number,
  ) {}

  private count(method: string): void {
    this.session.count('Range', method);
  }

  /** Counts a call that reads (or writes) every cell of the range. */
  private countRead(method: string): void {
    this.count(method);
    this.session.cells('read', this.rows * this.columns);
  }

  private countWrite(method: string): void {
    this.count(method);
    this.session.cells('written', this.rows * this.columns);
  }

  /** Visits every cell of the range, row by row, with its offset inside the range. */
  private grid<T>(read: (cell: Cell | undefined, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.rows; r++) {
      const row: T[] = [];
      for (let c = 0; c < this.columns; c++) row.push(read(this.sheetModel.cell(this.row + r, this.column + c), r, c));
      out.push(row);
    }
    return out;
  }

  /** Apps Script's check for 2-D data given to a set…s method. */
  private checkSize(data: unknown): unknown[][] {
    if (!Array.isArray(data) || data.some((row) => !Array.isArray(row))) {
      this.session.fail(
        "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
      );
    }
    const rows = data as unknown[][];
    if (rows.length !== this.rows) {
      this.session.fail(
        `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${this.rows}.`,
      );
    }
    for (const row of rows) {
      if (row.length !== this.columns) {
        this.session.fail(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this.columns}.`,
        );
      }
    }
    return rows;
  }

  private writeCell(r: number, c: number, value: unknown): void {
    const cell = this.sheetModel.ensure(this.row + r, this.column + c);
    const next = this.session.fromScript(value);
    // Sheets reads a written string as typed text ("20%" → 0.2, "2026-12-01" → a date), unless it starts with
    // an apostrophe or the cell is formatted as plain text (local/valueParsing.ts).
    if (
      typeof next.value === 'string' &&
      next.formula === undefined &&
      !next.typedAsText &&
      cell.numberFormat !== '@'
    ) {
      const typed = parseTyped(next.value, this.session.env.model.locale);
      if (typed) {
        next.value = typed.value;
        if (typed.numberFormat && (!cell.numberFormat || cell.numberFormat === 'General'))
          cell.numberFormat = typed.numberFormat;
      }
    }
    cell.value = next.value;
    delete cell.error;
    delete cell.spill;
    delete cell.spilledFrom;
    if (next.formula !== undefined) cell.formula = next.formula;
    else delete cell.formula;
    if (next.typedAsText) cell.typedAsText = true;
    else delete cell.typedAsText;
  }

  private each(visit: (cell: Cell) => void): void {
    for (let r = 0; r < this.rows; r++)
      for (let c = 0; c < this.columns; c++) visit(this.sheetModel.ensure(this.row + r, this.column + c));
  }

  getValues(): unknown[][] {
    this.countRead('getValues');
    this.session.fresh();
    return this.grid((cell) => this.session.toScript(cell?.value ?? ''));
  }

  getValue(): unknown {
    this.count('getValue');
    this.session.cells('read', 1);
    this.session.fresh();
    return this.session.toScript(this.sheetModel.valueAt(this.row, this.column));
  }

  getDisplayValues(): string[][] {
    this.countRead('getDisplayValues');
    this.session.fresh();
    return this.grid((cell) => displayValue(cell?.value ?? '', cell?.numberFormat));
  }

  getDisplayValue(): string {
    this.count('getDisplayValue');
    this.session.cells('read', 1);
    this.session.fresh();
    const cell = this.sheetModel.cell(this.row, this.column);
    return displayValue(cell?.value ?? '', cell?.numberFormat);
  }

  setValues(values: unknown[][]): LocalRange {
    this.countWrite('setValues');
    const rows = this.checkSize(values);
    rows.forEach((row, r) => row.forEach((v, c) => this.writeCell(r, c, v)));
    this.session.changed();
    return this;
  }

  /** Sets every cell of the range to the one value, as Apps Script does. */
  setValue(value: unknown): LocalRange {
    this.countWrite('setValue');
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.columns; c++) this.writeCell(r, c, value);
    this.session.changed();
    return this;
  }

  getFormulas(): string[][] {
    this.countRead('getFormulas');
    return this.grid((cell) => cell?.formula ?? '');
  }

  getFormula(): string {
    this.count('getFormula');
    this.session.cells('read', 1);
    return this.sheetModel.cell(this.row, this.column)?.formula ?? '';
  }

  setFormula(formula: string): LocalRange {
    this.countWrite('setFormula');
    for (let r = 0; r < this.rows; r++)
      for (let c = 0; c < this.columns; c++) this.writeCell(r, c, formula.startsWith('=') ? formula : `=${formula}`);
    this.session.changed();
    return this;
  }

  setFormulas(formulas: string[][]): LocalRange {
    this.countWrite('setFormulas');
    this.checkSize(formulas).forEach((row, r) =>
      row.forEach((f, c) => this.writeCell(r, c, f === '' ? '' : String(f).startsWith('=') ? f : `=${String(f)}`)),
    );
    this.session.changed();
    return this;
  }

  getBackgrounds(): string[][] {
    this.countRead('getBackgrounds');
    return this.grid((cell) => cell?.background ?? '#ffffff');
  }

  getBackground(): string {
    this.count('getBackground');
    this.session.cells('read', 1);
    return this.sheetModel.cell(this.row, this.column)?.background ?? '#ffffff';
  }

  setBackground(color: string | null): LocalRange {
    this.countWrite('setBackground');
    const hex = normalizeColor(color);
    this.each((cell) => {
      if (hex) cell.background = hex;
      else delete cell.background;
    });
    return this;
  }

  setBackgrounds(color: (string | null)[][]): LocalRange {
    this.countWrite('setBackgrounds');
    this.checkSize(color).forEach((row, r) =>
      row.forEach((c, ci) => {
        const cell = this.sheetModel.ensure(this.row + r, this.column + ci);
        const hex = normalizeColor(c as string | null);
        if (hex) cell.background = hex;
        else delete cell.background;
      }),
    );
    return this;
  }

  getNotes(): string[][] {
    this.countRead('getNotes');
    return this.grid((cell) => cell?.note ?? '');
  }

  getNote(): string {
    this.count('getNote');
    this.session.cells('read', 1);
    return this.sheetModel.cell(this.row, this.column)?.note ?? '';
  }

  setNote(note: string | null): LocalRange {
    this.countWrite('setNote');
    this.each((cell) => {
      if (note) cell.note = String(note);
      else delete cell.note;
    });
    return this;
  }

  setNotes(notes: (string | null)[][]): LocalRange {
    this.countWrite('setNotes');
    this.checkSize(notes).forEach((row, r) =>
      row.forEach((n, c) => {
        const cell = this.sheetModel.ensure(this.row + r, this.column + c);
        if (n) cell.note = String(n);
        else delete cell.note;
      }),
    );
    return this;
  }

  setDataValidation(rule: LocalDataValidation | null): LocalRange {
    this.countWrite('setDataValidation');
    this.each((cell) => {
      if (rule) cell.validation = { ...rule.rule, values: rule.rule.values.slice() };
      else delete cell.validation;
    });
    return this;
  }

  getDataValidation(): LocalDataValidation | null {
    this.count('getDataValidation');
    this.session.cells('read', 1);
    const v = this.sheetModel.cell(this.row, this.column)?.validation;
    return v ? new LocalDataValidation(v) : null;
  }

  setNumberFormat(numberFormat: string): LocalRange {
    this.countWrite('setNumberFormat');
    this.each((cell) => {
      cell.numberFormat = numberFormat;
    });
    return this;
  }

  setNumberFormats(numberFormats: string[][]): LocalRange {
    this.countWrite('setNumberFormats');
    this.checkSize(numberFormats).forEach((row, r) =>
      row.forEach((f, c) => {
        this.sheetModel.ensure(this.row + r, this.column + c).numberFormat = String(f);
      }),
    );
    return this;
  }

  setFontWeight(fontWeight: string | null): LocalRange {
    this.countWrite('setFontWeight');
    this.each((cell) => {
      if (fontWeight === 'bold') cell.bold = true;
      else delete cell.bold;
    });
    return this;
  }

  /** One weight per cell ("bold" or "normal"; null = normal), sized like the range (Range.setFontWeights). */
  setFontWeights(fontWeights: (string | null)[][]): LocalRange {
    this.count('setFontWeights');
    this.checkSize(fontWeights).forEach((row, r) =>
      row.forEach((w, c) => {
        const cell = this.sheetModel.ensure(this.row + r, this.column + c);
        if (w === 'bold') cell.bold = true;
        else delete cell.bold;
      }),
    );
    return this;
  }

  clearContent(): LocalRange {
    this.countWrite('clearContent');
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.columns; c++) this.writeCell(r, c, '');
    this.session.changed();
    return this;
  }

  isBlank(): boolean {
    this.countRead('isBlank');
    this.session.fresh();
    return this.grid((cell) => !cell || (cell.formula === undefined && isBlankValue(cell.value))).every((row) =>
      row.every(Boolean),
    );
  }

  getRow(): number {
    this.count('getRow');
    return this.row;
  }
  getColumn(): number {
    this.count('getColumn');
    return this.column;
  }
  getLastRow(): number {
    this.count('getLastRow');
    return this.row + this.rows - 1;
  }
  getLastColumn(): number {
    this.count('getLastColumn');
    return this.column + this.columns - 1;
  }
  getNumRows(): number {
    this.count('getNumRows');
    return this.rows;
  }
  getNumColumns(): number {
    this.count('getNumColumns');
    return this.columns;
  }

  getA1Notation(): string {
    this.count('getA1Notation');
    const start = a1(this.row, this.column);
    return this.rows === 1 && this.columns === 1
      ? start
      : `${start}:${a1(this.row + this.rows - 1, this.column + this.columns - 1)}`;
  }

  getSheet(): LocalSheet {
    this.count('getSheet');
    return this.session.spreadsheet.wrapSheet(this.sheetModel);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#getcellrow,-column — 1-based within the range. */
  getCell(row: number, column: number): LocalRange {
    this.count('getCell');
    if (row < 1 || column < 1 || row > this.rows || column > this.columns)
      this.session.fail('Cell reference out of range');
    return new LocalRange(this.session, this.sheetModel, this.row + row - 1, this.column + column - 1, 1, 1);
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): LocalRange {
    this.count('offset');
    return this.session.spreadsheet
      .wrapSheet(this.sheetModel)
      .rangeAt(this.row + rowOffset, this.column + columnOffset, numRows ?? this.rows, numColumns ?? this.columns);
  }

  activate(): LocalRange {
    this.count('activate');
    return this.select();
  }

  /** Makes this range the selection. Internal (not an Apps Script method), so not counted. */
  select(): LocalRange {
    this.session.activeSheet = this.sheetModel;
    this.session.activeRange = {
      sheet: this.sheetModel,
      row: this.row,
      column: this.column,
      rows: this.rows,
      columns: this.columns,
    };
    return this;
  }

  /** Writes values without counting a call: for appendRow, which is one call in Apps Script. */
  writeValues(values: unknown[][]): void {
    values.forEach((row, r) => row.forEach((v, c) => this.writeCell(r, c, v)));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sheet — https://developers.google.com/apps-script/reference/spreadsheet/sheet

type SheetMethods =
  | 'getName'
  | 'setName'
  | 'getSheetId'
  | 'getIndex'
  | 'getParent'
  | 'getDataRange'
  | 'getRange'
  | 'getLastRow'
  | 'getLastColumn'
  | 'getMaxRows'
  | 'getMaxColumns'
  | 'appendRow'
  | 'setFrozenRows'
  | 'getFrozenRows'
  | 'insertRowsAfter'
  | 'insertColumnsAfter'
  | 'deleteRow'
  | 'deleteRows'
  | 'deleteColumns'
  | 'activate'
  | 'getActiveRange'
  | 'clear';

export class LocalSheet implements Pick<Localized<GSheet>, SheetMethods> {
  constructor(
    private readonly session: Session,
    readonly model: SheetModel,
  ) {}

  private count(method: string): void {
    this.session.count('Sheet', method);
  }

  /** A range by 1-based coordinates, with Apps Script's checks. Not counted: callers count. */
  rangeAt(row: number, column: number, rows = 1, columns = 1): LocalRange {
    const s = this.session;
    if (!Number.isInteger(row) || !Number.isInteger(column))
      s.fail('The coordinates of the range are outside the dimensions of the sheet.');
    if (rows < 1) s.fail('The number of rows in the range must be at least 1.');
    if (columns < 1) s.fail('The number of columns in the range must be at least 1.');
    if (row < 1 || column < 1 || row + rows - 1 > this.model.maxRows || column + columns - 1 > this.model.maxColumns) {
      s.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new LocalRange(s, this.model, row, column, rows, columns);
  }

  /** A1 notation ("A1:C3", "A2:A", "B:B"), or (row, column[, numRows[, numColumns]]). */
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): LocalRange {
    this.count('getRange');
    if (typeof rowOrA1 === 'string') {
      const { sheetName, range } = splitSheetPrefix(rowOrA1);
      const sheet = sheetName === null ? this : this.session.spreadsheet.sheetNamed(sheetName);
      if (!sheet) return this.session.fail('Range not found');
      const area = parseA1(range, sheet.model.maxRows, sheet.model.maxColumns);
      if (!area) return this.session.fail('Range not found');
      return sheet.rangeAt(area.row, area.column, area.rows, area.columns);
    }
    if (column === undefined)
      return this.session.fail(
        `The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    return this.rangeAt(rowOrA1, column, numRows ?? 1, numColumns ?? 1);
  }

  /** From A1 to the last row and column with content; A1 alone on an empty sheet. */
  getDataRange(): LocalRange {
    this.count('getDataRange');
    this.session.fresh();
    return this.rangeAt(1, 1, Math.max(1, this.model.lastRow()), Math.max(1, this.model.lastColumn()));
  }

  getName(): string {
    this.count('getName');
    return this.model.name;
  }
  getSheetId(): number {
    this.count('getSheetId');
    return this.model.id;
  }
  getIndex(): number {
    this.count('getIndex');
    return this.session.env.model.sheets.indexOf(this.model) + 1;
  }
  getParent(): LocalSpreadsheet {
    this.count('getParent');
    return this.session.spreadsheet;
  }
  getLastRow(): number {
    this.count('getLastRow');
    this.session.fresh();
    return this.model.lastRow();
  }
  getLastColumn(): number {
    this.count('getLastColumn');
    this.session.fresh();
    return this.model.lastColumn();
  }
  getMaxRows(): number {
    this.count('getMaxRows');
    return this.model.maxRows;
  }
  getMaxColumns(): number {
    this.count('getMaxColumns');
    return this.model.maxColumns;
  }
  getFrozenRows(): number {
    this.count('getFrozenRows');
    return this.model.frozenRows;
  }

  setName(name: string): LocalSheet {
    this.count('setName');
    const other = this.session.env.model.sheet(name);
    if (other && other !== this.model)
      this.session.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.model.name = name;
    return this;
  }

  setFrozenRows(rows: number): void {
    this.count('setFrozenRows');
    this.model.frozenRows = rows;
  }

  /** Writes after the last row with content, growing the sheet if needed. */
  appendRow(rowContents: unknown[]): LocalSheet {
    this.count('appendRow');
    if (!Array.isArray(rowContents))
      this.session.fail("The parameters don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    this.session.fresh();
    const row = this.model.lastRow() + 1;
    if (row > this.model.maxRows) this.model.maxRows = row;
    if (rowContents.length > this.model.maxColumns) this.model.maxColumns = rowContents.length;
    if (rowContents.length > 0)
      new LocalRange(this.session, this.model, row, 1, 1, rowContents.length).writeValues([rowContents]);
    this.session.cells('written', rowContents.length);
    this.session.changed();
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): LocalSheet {
    this.count('insertRowsAfter');
    if (afterPosition < 1 || afterPosition > this.model.maxRows) this.session.fail('Those rows are out of bounds.');
    this.model.insertRowsAfter(afterPosition, howMany);
    this.session.changed();
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): LocalSheet {
    this.count('insertColumnsAfter');
    if (afterPosition < 1 || afterPosition > this.model.maxColumns)
      this.session.fail('Those columns are out of bounds.');
    this.model.insertColumnsAfter(afterPosition, howMany);
    this.session.changed();
    return this;
  }

  deleteRow(rowPosition: number): LocalSheet {
    this.count('deleteRow');
    return this.removeRows(rowPosition, 1);
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.count('deleteRows');
    this.removeRows(rowPosition, howMany);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deletecolumnscolumnposition,-howmany */
  deleteColumns(columnPosition: number, howMany: number): void {
    this.count('deleteColumns');
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.model.maxColumns)
      this.session.fail('Those columns are out of bounds.');
    if (howMany >= this.model.maxColumns) this.session.fail("You can't delete all the columns on the sheet.");
    this.model.deleteColumns(columnPosition, howMany);
    this.session.changed();
  }

  private removeRows(from: number, count: number): LocalSheet {
    if (from < 1 || from + count - 1 > this.model.maxRows) this.session.fail('Those rows are out of bounds.');
    if (count >= this.model.maxRows) this.session.fail("You can't delete all the rows on the sheet.");
    // Sheets keeps at least one row below the frozen ones.
    if (this.model.frozenRows > 0 && count >= this.model.maxRows - this.model.frozenRows)
      this.session.fail('Sorry, it is not possible to delete all non-frozen rows.');
    this.model.deleteRows(from, count);
    this.session.changed();
    return this;
  }

  clear(): LocalSheet {
    this.count('clear');
    const extent = this.model.storedExtent();
    this.model.deleteRows(1, extent.rows);
    this.model.insertRowsAfter(0, extent.rows);
    this.session.changed();
    return this;
  }

  activate(): LocalSheet {
    this.count('activate');
    this.session.activeSheet = this.model;
    return this;
  }

  getActiveRange(): LocalRange | null {
    this.count('getActiveRange');
    const a = this.session.activeRange;
    return a && a.sheet === this.model
      ? new LocalRange(this.session, a.sheet, a.row, a.column, a.rows, a.columns)
      : null;
  }

  // Charts (see LocalChartBuilder for why these are outside the `implements` list).

  newChart(): LocalChartBuilder {
    this.count('newChart');
    return new LocalChartBuilder(this.session, this.model);
  }

  /** Adds the chart; a chart already in the sheet (the same id) is replaced, as updateChart would. */
  insertChart(chart: LocalEmbeddedChart): void {
    this.count('insertChart');
    if (!(chart instanceof LocalEmbeddedChart))
      this.session.fail(
        "The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.insertChart.",
      );
    const model = chart.model;
    model.id = Math.max(0, ...this.session.env.model.sheets.flatMap((s) => s.charts.map((c) => c.id))) + 1;
    this.model.charts.push(model);
  }

  getCharts(): LocalEmbeddedChart[] {
    this.count('getCharts');
    return this.model.charts.map((c) => new LocalEmbeddedChart(c, this.session, this.model));
  }

  removeChart(chart: LocalEmbeddedChart): void {
    this.count('removeChart');
    this.model.charts = this.model.charts.filter((c) => c.id !== chart.model.id);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Charts — https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
// and …/embedded-chart. A builder only collects settings in the script (no backend call until
// Sheet.insertChart); the typed builders (asColumnChart() …) are the same builder with the type set, which is
// why one class serves them all. Not declared `implements` Google's interfaces: those list some fifty
// type-specific setters each that the add-on does not use.

const CHART_TYPES = ['area', 'bar', 'column', 'combo', 'histogram', 'line', 'pie', 'scatter', 'table'] as const;

export class LocalEmbeddedChart {
  constructor(
    readonly model: ChartModel,
    private readonly session: Session,
    private readonly sheetModel: SheetModel | null,
  ) {}
  /** Null until the chart is inserted in a sheet, as in Apps Script. */
  getChartId(): number | null {
    return this.sheetModel?.charts.includes(this.model) ? this.model.id : null;
  }
  getRanges(): LocalRange[] {
    const sheet = this.sheetModel;
    return sheet
      ? this.model.ranges.map((r) => new LocalRange(this.session, sheet, r.row, r.column, r.rows, r.columns))
      : [];
  }
  getNumHeaders(): number {
    return this.model.numHeaders;
  }
  getOptions(): { get(option: string): unknown } {
    const options = this.model.options;
    return { get: (option: string) => (option in options ? options[option] : null) };
  }
  getContainerInfo(): {
    getAnchorRow(): number;
    getAnchorColumn(): number;
    getOffsetX(): number;
    getOffsetY(): number;
  } {
    const p = this.model.position;
    return {
      getAnchorRow: () => p.row,
      getAnchorColumn: () => p.column,
      getOffsetX: () => p.offsetX,
      getOffsetY: () => p.offsetY,
    };
  }
  modify(): LocalChartBuilder {
    return new LocalChartBuilder(this.session, this.sheetModel, JSON.parse(JSON.stringify(this.model)) as ChartModel);
  }
}

export class LocalChartBuilder {
  constructor(
    private readonly session: Session,
    private readonly sheetModel: SheetModel | null,
    private readonly model: ChartModel = {
      id: 0,
      type: 'line',
      ranges: [],
      numHeaders: -1,
      options: {},
      position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
    },
  ) {}
  private as(type: (typeof CHART_TYPES)[number]): LocalChartBuilder {
    this.model.type = type;
    return this;
  }
  asAreaChart(): LocalChartBuilder {
    return this.as('area');
  }
  asBarChart(): LocalChartBuilder {
    return this.as('bar');
  }
  asColumnChart(): LocalChartBuilder {
    return this.as('column');
  }
  asComboChart(): LocalChartBuilder {
    return this.as('combo');
  }
  asHistogramChart(): LocalChartBuilder {
    return this.as('histogram');
  }
  asLineChart(): LocalChartBuilder {
    return this.as('line');
  }
  asPieChart(): LocalChartBuilder {
    return this.as('pie');
  }
  asScatterChart(): LocalChartBuilder {
    return this.as('scatter');
  }
  asTableChart(): LocalChartBuilder {
    return this.as('table');
  }
  /** Charts.ChartType values print as their names ("COLUMN"). */
  setChartType(type: unknown): LocalChartBuilder {
    const name = String(type).toLowerCase() as (typeof CHART_TYPES)[number];
    if (!CHART_TYPES.includes(name)) this.session.fail(`Invalid argument: type`);
    return this.as(name);
  }
  getChartType(): string {
    return this.model.type.toUpperCase();
  }
  addRange(range: LocalRange): LocalChartBuilder {
    this.model.ranges.push({ row: range.row, column: range.column, rows: range.rows, columns: range.columns });
    return this;
  }
  removeRange(range: LocalRange): LocalChartBuilder {
    this.model.ranges = this.model.ranges.filter(
      (r) =>
        !(r.row === range.row && r.column === range.column && r.rows === range.rows && r.columns === range.columns),
    );
    return this;
  }
  clearRanges(): LocalChartBuilder {
    this.model.ranges = [];
    return this;
  }
  getRanges(): LocalRange[] {
    const sheet = this.sheetModel;
    return sheet
      ? this.model.ranges.map((r) => new LocalRange(this.session, sheet, r.row, r.column, r.rows, r.columns))
      : [];
  }
  setNumHeaders(headers: number): LocalChartBuilder {
    this.model.numHeaders = headers;
    return this;
  }
  setOption(option: string, value: unknown): LocalChartBuilder {
    // Options cross from the add-on's realm; JSON keeps plain data and drops what a chart could not use.
    this.model.options[String(option)] = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    return this;
  }
  /** The typed builders' setTitle is the "title" option. */
  setTitle(chartTitle: string): LocalChartBuilder {
    return this.setOption('title', chartTitle);
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): LocalChartBuilder {
    this.model.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  build(): LocalEmbeddedChart {
    return new LocalEmbeddedChart(JSON.parse(JSON.stringify(this.model)) as ChartModel, this.session, this.sheetModel);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Spreadsheet — https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet

type SpreadsheetMethods =
  | 'getId'
  | 'getName'
  | 'getUrl'
  | 'getSpreadsheetTimeZone'
  | 'getSpreadsheetLocale'
  | 'getSheets'
  | 'getSheetByName'
  | 'insertSheet'
  | 'getActiveSheet'
  | 'setActiveSheet'
  | 'getActiveRange'
  | 'setActiveRange'
  | 'getRange'
  | 'toast'
  | 'getNumSheets';

export class LocalSpreadsheet implements Pick<Localized<GSpreadsheet>, SpreadsheetMethods> {
  private readonly wrappers = new Map<SheetModel, LocalSheet>();
  readonly toasts: { message: string; title: string }[] = [];

  constructor(private readonly session: Session) {}

  private count(method: string): void {
    this.session.count('Spreadsheet', method);
  }

  wrapSheet(model: SheetModel): LocalSheet {
    let sheet = this.wrappers.get(model);
    if (!sheet) this.wrappers.set(model, (sheet = new LocalSheet(this.session, model)));
    return sheet;
  }

  sheetNamed(name: string): LocalSheet | null {
    const model = this.session.env.model.sheet(name);
    return model ? this.wrapSheet(model) : null;
  }

  getId(): string {
    this.count('getId');
    return this.session.env.model.id;
  }
  getName(): string {
    this.count('getName');
    return this.session.env.model.name;
  }
  getUrl(): string {
    this.count('getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.session.env.model.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    this.count('getSpreadsheetTimeZone');
    return this.session.env.model.timeZone;
  }
  getSpreadsheetLocale(): string {
    this.count('getSpreadsheetLocale');
    return this.session.env.model.locale;
  }
  getNumSheets(): number {
    this.count('getNumSheets');
    return this.session.env.model.sheets.length;
  }

  getSheets(): LocalSheet[] {
    this.count('getSheets');
    return this.session.env.model.sheets.map((s) => this.wrapSheet(s));
  }

  getSheetByName(name: string): LocalSheet | null {
    this.count('getSheetByName');
    return this.sheetNamed(name);
  }

  /** A new 1000×26 sheet, active afterwards; the name must be free. */
  insertSheet(sheetName?: string | number, sheetIndexOrOptions?: number | { template?: unknown }): LocalSheet {
    const sheetIndex = typeof sheetIndexOrOptions === 'number' ? sheetIndexOrOptions : undefined;
    this.count('insertSheet');
    const model = this.session.env.model;
    let name = typeof sheetName === 'string' ? sheetName : '';
    if (name === '') {
      let n = model.sheets.length + 1;
      while (model.sheet(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (model.sheet(name))
      this.session.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    const index = typeof sheetName === 'number' ? sheetName : (sheetIndex ?? model.sheets.length);
    const sheet = model.addSheet(name, Math.max(0, Math.min(index, model.sheets.length)));
    this.session.activeSheet = sheet;
    return this.wrapSheet(sheet);
  }

  getActiveSheet(): LocalSheet {
    this.count('getActiveSheet');
    return this.wrapSheet(this.session.activeSheet);
  }

  setActiveSheet(sheet: LocalSheet, _restoreSelection?: boolean): LocalSheet {
    this.count('setActiveSheet');
    this.session.activeSheet = sheet.model;
    return sheet;
  }

  /** The selection; the runtime's `selection` option sets it, as a user's click would. */
  getActiveRange(): LocalRange | null {
    this.count('getActiveRange');
    const a = this.session.activeRange;
    return a ? new LocalRange(this.session, a.sheet, a.row, a.column, a.rows, a.columns) : null;
  }

  setActiveRange(range: LocalRange): LocalRange {
    this.count('setActiveRange');
    return range.select();
  }

  /** "Sheet1!A1:B2", or A1 notation on the active sheet. */
  getRange(a1Notation: string): LocalRange {
    this.count('getRange');
    const { sheetName, range } = splitSheetPrefix(a1Notation);
    const sheet = sheetName === null ? this.wrapSheet(this.session.activeSheet) : this.sheetNamed(sheetName);
    if (!sheet) return this.session.fail('Range not found');
    const area = parseA1(range, sheet.model.maxRows, sheet.model.maxColumns);
    if (!area) return this.session.fail('Range not found');
    return sheet.rangeAt(area.row, area.column, area.rows, area.columns);
  }

  toast(msg: string, title?: string, _timeoutSeconds?: number | null): void {
    this.count('toast');
    this.toasts.push({ message: String(msg), title: title ?? '' });
  }

  // Connected Sheets (local/services/bigquery.ts).
  insertDataSourceSheet(spec: LocalBigQueryDataSourceSpec): LocalDataSourceSheet {
    return this.session.connected.insertDataSourceSheet(spec);
  }
  getDataSourceSheets(): LocalDataSourceSheet[] {
    this.count('getDataSourceSheets');
    return this.session.connected.dataSourceSheets();
  }
  getDataSources(): LocalDataSource[] {
    this.count('getDataSources');
    return [...this.session.connected.dataSources];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Ui — https://developers.google.com/apps-script/reference/base/ui

export type MenuEntry = { item: string; functionName: string } | { separator: true } | { subMenu: RecordedMenu };
export interface RecordedMenu {
  caption: string;
  entries: MenuEntry[];
}
export interface RecordedDialog {
  kind: 'sidebar' | 'modal' | 'modeless' | 'alert' | 'prompt';
  title: string;
  /** The HTML shown (sidebar, dialogs) or the message (alert, prompt). */
  content: string;
}

const BUTTON = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
const BUTTON_SET = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;

export class LocalMenu implements Pick<Localized<GMenu>, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly record: RecordedMenu;
  constructor(
    private readonly session: Session,
    caption: string,
  ) {
    this.record = { caption, entries: [] };
  }
  addItem(caption: string, functionName: string): LocalMenu {
    this.session.count('Ui', 'addItem');
    this.record.entries.push({ item: caption, functionName });
    return this;
  }
  addSeparator(): LocalMenu {
    this.session.count('Ui', 'addSeparator');
    this.record.entries.push({ separator: true });
    return this;
  }
  addSubMenu(menu: LocalMenu): LocalMenu {
    this.session.count('Ui', 'addSubMenu');
    this.record.entries.push({ subMenu: menu.record });
    return this;
  }
  addToUi(): void {
    this.session.count('Ui', 'addToUi');
    const menus = this.session.ui.menus;
    const same = menus.findIndex((m) => m.caption === this.record.caption);
    if (same >= 0) menus[same] = this.record;
    else menus.push(this.record);
  }
}

/** Something with HTML content, as HtmlService's HtmlOutput (from local/services) is. */
interface HtmlLike {
  getContent?(): string;
  getTitle?(): string;
}

export class LocalUi
  implements
    Pick<
      Localized<GUi>,
      'createMenu' | 'createAddonMenu' | 'alert' | 'prompt' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog'
    >
{
  readonly Button = BUTTON as unknown as typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet = BUTTON_SET as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  /** Menus added with addToUi, in order. */
  readonly menus: RecordedMenu[] = [];
  /** Sidebars, dialogs, alerts and prompts shown, in order. */
  readonly dialogs: RecordedDialog[] = [];
  /** Answers for the next alert/prompt calls (tests push; default: OK with empty text). */
  readonly responses: { button: keyof typeof BUTTON; text?: string }[] = [];

  constructor(private readonly session: Session) {}

  createMenu(caption: string): LocalMenu {
    this.session.count('Ui', 'createMenu');
    return new LocalMenu(this.session, caption);
  }

  /**
   * Add-on menus sit under Extensions, captioned with the add-on's name when it is installed as an add-on, and
   * with the script project's name in a bound copy (the runtime's `mode`), recorded as "Extensions › <name>".
   */
  createAddonMenu(): LocalMenu {
    this.session.count('Ui', 'createAddonMenu');
    return new LocalMenu(this.session, `Extensions › ${this.session.env.addonMenuCaption ?? 'PartnerPulse'}`);
  }

  alert(titleOrPrompt: string, promptOrButtons?: unknown, _buttons?: unknown): GoogleAppsScript.Base.Button {
    this.session.count('Ui', 'alert');
    const [title, message] =
      typeof promptOrButtons === 'string' ? [titleOrPrompt, promptOrButtons] : ['', titleOrPrompt];
    this.dialogs.push({ kind: 'alert', title, content: message });
    return (this.responses.shift()?.button ?? 'OK') as unknown as GoogleAppsScript.Base.Button;
  }

  prompt(titleOrPrompt: string, promptOrButtons?: unknown, _buttons?: unknown): GoogleAppsScript.Base.PromptResponse {
    this.session.count('Ui', 'prompt');
    const [title, message] =
      typeof promptOrButtons === 'string' ? [titleOrPrompt, promptOrButtons] : ['', titleOrPrompt];
    this.dialogs.push({ kind: 'prompt', title, content: message });
    const answer = this.responses.shift() ?? { button: 'OK' as const, text: '' };
    return {
      getResponseText: () => answer.text ?? '',
      getSelectedButton: () => answer.button as unknown as GoogleAppsScript.Base.Button,
    };
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.session.count('Ui', 'showSidebar');
    this.show('sidebar', userInterface, undefined);
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.session.count('Ui', 'showModalDialog');
    this.show('modal', userInterface, title);
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.session.count('Ui', 'showModelessDialog');
    this.show('modeless', userInterface, title);
  }

  private show(kind: RecordedDialog['kind'], html: unknown, title: string | undefined): void {
    const h = html as HtmlLike;
    const content =
      typeof html === 'string' ? html : typeof h?.getContent === 'function' ? h.getContent() : String(html);
    this.dialogs.push({ kind, title: title ?? (typeof h?.getTitle === 'function' ? h.getTitle() : ''), content });
  }
}

// ---------------------------------------------------------------------------------------------------------
// SpreadsheetApp — https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app

type AppMethods =
  | 'getActive'
  | 'getActiveSpreadsheet'
  | 'getActiveSheet'
  | 'setActiveRange'
  | 'getUi'
  | 'newDataValidation'
  | 'flush';

export class LocalSpreadsheetApp implements Pick<Localized<GApp>, AppMethods> {
  private readonly session: Session;

  constructor(env: SpreadsheetEnvironment) {
    this.session = new Session(env);
    this.session.spreadsheet = new LocalSpreadsheet(this.session);
    this.session.connected = new ConnectedSheets(
      connectedSheetsHost(this.session),
      env.warehouse ?? null,
      env.dataSourcesPath ?? null,
    );
    if (env.selection) this.select(env.selection);
  }

  /** Connected Sheets' enums as the add-on compares them. */
  readonly DataExecutionState = DATA_EXECUTION_STATE;
  newDataSourceSpec(): LocalDataSourceSpecBuilder {
    return this.session.connected.newSpec();
  }
  enableBigQueryExecution(): void {
    this.session.connected.enable();
  }
  /** The end of an execution: data execution must be enabled again by the next one. Not part of Apps Script. */
  endExecution(): void {
    this.session.connected.endExecution();
  }

  /** Sets the selection as a user's click would ("Partners!A5", "A5:K5"); not counted. */
  select(notation: string): void {
    const { sheetName, range } = splitSheetPrefix(notation);
    const model = sheetName === null ? this.session.activeSheet : this.session.env.model.sheet(sheetName);
    if (!model) throw new Error(`selection: no sheet named "${sheetName}"`);
    const area = parseA1(range, model.maxRows, model.maxColumns);
    if (!area) throw new Error(`selection: "${range}" is not A1 notation`);
    this.session.activeSheet = model;
    this.session.activeRange = { sheet: model, ...area };
  }

  /** What the UI recorded: menus, sidebars, dialogs. Not part of Apps Script; for tests and the CLI. */
  get ui(): LocalUi {
    return this.session.ui;
  }
  get spreadsheet(): LocalSpreadsheet {
    return this.session.spreadsheet;
  }

  /**
   * Whether this execution has a containing document. A time-driven run may not (docs/google-fidelity.md);
   * then getActive*() return null, as they do outside a document. Set by the runtime per execution.
   */
  documentAvailable = true;

  // Google's typings promise a value; without a document Apps Script gives null, so the null is cast.
  getActive(): LocalSpreadsheet {
    this.session.count('SpreadsheetApp', 'getActive');
    return this.documentAvailable ? this.session.spreadsheet : (null as unknown as LocalSpreadsheet);
  }
  getActiveSpreadsheet(): LocalSpreadsheet {
    this.session.count('SpreadsheetApp', 'getActiveSpreadsheet');
    return this.documentAvailable ? this.session.spreadsheet : (null as unknown as LocalSpreadsheet);
  }
  getActiveSheet(): LocalSheet {
    this.session.count('SpreadsheetApp', 'getActiveSheet');
    return this.documentAvailable
      ? this.session.spreadsheet.wrapSheet(this.session.activeSheet)
      : (null as unknown as LocalSheet);
  }

  getActiveRange(): LocalRange | null {
    this.session.count('SpreadsheetApp', 'getActiveRange');
    if (!this.documentAvailable) return null;
    const a = this.session.activeRange;
    return a ? new LocalRange(this.session, a.sheet, a.row, a.column, a.rows, a.columns) : null;
  }

  setActiveRange(range: LocalRange): LocalRange {
    this.session.count('SpreadsheetApp', 'setActiveRange');
    return range.select();
  }

  getUi(): LocalUi {
    this.session.count('SpreadsheetApp', 'getUi');
    return this.session.ui;
  }
  newDataValidation(): LocalDataValidationBuilder {
    this.session.count('SpreadsheetApp', 'newDataValidation');
    return new LocalDataValidationBuilder();
  }

  /** Applies pending changes; here it brings formula results up to date. */
  flush(): void {
    this.session.count('SpreadsheetApp', 'flush');
    this.session.fresh();
  }
}

/** What local/services/bigquery.ts needs of the session: counting, errors, dates and sheets in the script's realm. */
function connectedSheetsHost(session: Session) {
  const target = (model: SheetModel): SheetTarget => ({
    sheet: session.spreadsheet.wrapSheet(model),
    name: () => model.name,
    write(rows) {
      model.clearCells();
      rows.forEach((row, r) =>
        row.forEach((value, c) => {
          model.ensure(r + 1, c + 1).value = value as CellValue;
        }),
      );
    },
  });
  return {
    count: (service: string, method: string) => session.count(service, method),
    cellsRead: (n: number) => session.cells('read', n),
    fail: (message: string): never => session.fail(message),
    // A DATE is a date cell: 00:00 of that day in the spreadsheet's zone, as the script receives date cells.
    date: (iso: string) => session.toScript(new Date(`${iso}T00:00:00`)) as Date,
    addSheet: (name: string) => target(session.env.model.addSheet(name)),
    sheetNamed: (name: string) => {
      const model = session.env.model.sheet(name);
      return model ? target(model) : null;
    },
  };
}
