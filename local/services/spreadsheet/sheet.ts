/**
 * Sheet — https://developers.google.com/apps-script/reference/spreadsheet/sheet: ranges, the sheet's shape, rows
 * and columns inserted or deleted, and its charts (charts.ts). Every Sheet the script gets comes from
 * `LocalSpreadsheet.wrapSheet`, counted under "Sheet" (local/services/track.ts).
 */
import type { SheetModel } from '../../workbook';
import { type Area, parseA1, splitSheetPrefix } from './a1Notation';
import { LocalChartBuilder, LocalEmbeddedChart } from './charts';
import type { GSheet, Localized } from './googleTypes';
import { countedRange, LocalRange } from './range';
import type { Session } from './session';
import type { LocalSpreadsheet } from './spreadsheet';

/** The Apps Script methods of LocalSheet, as counted; the chart methods are outside `implements` (charts.ts says why). */
const SHEET_METHODS = [
  'getName',
  'setName',
  'getSheetId',
  'getIndex',
  'getParent',
  'getDataRange',
  'getRange',
  'getLastRow',
  'getLastColumn',
  'getMaxRows',
  'getMaxColumns',
  'appendRow',
  'setFrozenRows',
  'getFrozenRows',
  'insertRowsAfter',
  'insertColumnsAfter',
  'deleteRow',
  'deleteRows',
  'deleteColumns',
  'activate',
  'getActiveRange',
  'clear',
] as const;
export const SHEET_CALLS = [...SHEET_METHODS, 'newChart', 'insertChart', 'getCharts', 'removeChart'];

/**
 * The range `notation` names ("Sheet1!A1:B2", "A2:A", "B:B"), on `sheet` when it has no sheet name;
 * Apps Script's "Range not found" otherwise.
 */
export function rangeByA1(session: Session, sheet: LocalSheet, notation: string): LocalRange {
  const { sheetName, range } = splitSheetPrefix(notation);
  const target = sheetName === null ? sheet : session.spreadsheet.sheetNamed(sheetName);
  if (!target) return session.fail('Range not found');
  const area = parseA1(range, target.model.maxRows, target.model.maxColumns);
  if (!area) return session.fail('Range not found');
  return target.rangeAt(area.row, area.column, area.rows, area.columns);
}

/** The selection as a range the script gets, or null; `on` limits it to one sheet. */
export function selectedRange(session: Session, on?: SheetModel): LocalRange | null {
  const selected = session.activeRange;
  if (!selected || (on && selected.sheet !== on)) return null;
  const { sheet, ...area }: { sheet: SheetModel } & Area = selected;
  return countedRange(session, sheet, area);
}

export class LocalSheet implements Pick<Localized<GSheet>, (typeof SHEET_METHODS)[number]> {
  constructor(
    private readonly session: Session,
    readonly model: SheetModel,
  ) {}

  /** A range by 1-based coordinates, with Apps Script's checks. Not an Apps Script method: not counted. */
  rangeAt(row: number, column: number, rows = 1, columns = 1): LocalRange {
    const s = this.session;
    if (!Number.isInteger(row) || !Number.isInteger(column))
      s.fail('The coordinates of the range are outside the dimensions of the sheet.');
    if (rows < 1) s.fail('The number of rows in the range must be at least 1.');
    if (columns < 1) s.fail('The number of columns in the range must be at least 1.');
    if (row < 1 || column < 1 || row + rows - 1 > this.model.maxRows || column + columns - 1 > this.model.maxColumns) {
      s.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return countedRange(s, this.model, { row, column, rows, columns });
  }

  /** A1 notation ("A1:C3", "A2:A", "B:B"), or (row, column[, numRows[, numColumns]]). */
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): LocalRange {
    if (typeof rowOrA1 === 'string') return rangeByA1(this.session, this, rowOrA1);
    if (column === undefined)
      return this.session.fail(
        `The parameters (number) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    return this.rangeAt(rowOrA1, column, numRows ?? 1, numColumns ?? 1);
  }

  /** From A1 to the last row and column with content; A1 alone on an empty sheet. */
  getDataRange(): LocalRange {
    this.session.fresh();
    return this.rangeAt(1, 1, Math.max(1, this.model.lastRow()), Math.max(1, this.model.lastColumn()));
  }

  getName(): string {
    return this.model.name;
  }
  getSheetId(): number {
    return this.model.id;
  }
  getIndex(): number {
    return this.session.env.model.sheets.indexOf(this.model) + 1;
  }
  getParent(): LocalSpreadsheet {
    return this.session.spreadsheet;
  }
  getLastRow(): number {
    this.session.fresh();
    return this.model.lastRow();
  }
  getLastColumn(): number {
    this.session.fresh();
    return this.model.lastColumn();
  }
  getMaxRows(): number {
    return this.model.maxRows;
  }
  getMaxColumns(): number {
    return this.model.maxColumns;
  }
  getFrozenRows(): number {
    return this.model.frozenRows;
  }

  setName(name: string): LocalSheet {
    const other = this.session.env.model.sheet(name);
    if (other && other !== this.model)
      this.session.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.model.name = name;
    return this;
  }

  setFrozenRows(rows: number): void {
    this.model.frozenRows = rows;
  }

  /** Writes after the last row with content, growing the sheet if needed. */
  appendRow(rowContents: unknown[]): LocalSheet {
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
    if (afterPosition < 1 || afterPosition > this.model.maxRows) this.session.fail('Those rows are out of bounds.');
    this.model.insertRowsAfter(afterPosition, howMany);
    this.session.changed();
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): LocalSheet {
    if (afterPosition < 1 || afterPosition > this.model.maxColumns)
      this.session.fail('Those columns are out of bounds.');
    this.model.insertColumnsAfter(afterPosition, howMany);
    this.session.changed();
    return this;
  }

  deleteRow(rowPosition: number): LocalSheet {
    return this.removeRows(rowPosition, 1);
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.removeRows(rowPosition, howMany);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deletecolumnscolumnposition,-howmany */
  deleteColumns(columnPosition: number, howMany: number): void {
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
    const extent = this.model.storedExtent();
    this.model.deleteRows(1, extent.rows);
    this.model.insertRowsAfter(0, extent.rows);
    this.session.changed();
    return this;
  }

  activate(): LocalSheet {
    this.session.activeSheet = this.model;
    return this;
  }

  getActiveRange(): LocalRange | null {
    return selectedRange(this.session, this.model);
  }

  // Charts (see charts.ts for why these are outside the `implements` list).

  newChart(): LocalChartBuilder {
    return new LocalChartBuilder(this.session, this.model);
  }

  /** Adds the chart; a chart already in the sheet (the same id) is replaced, as updateChart would. */
  insertChart(chart: LocalEmbeddedChart): void {
    if (!(chart instanceof LocalEmbeddedChart))
      this.session.fail(
        "The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.insertChart.",
      );
    const model = chart.model;
    model.id = Math.max(0, ...this.session.env.model.sheets.flatMap((s) => s.charts.map((c) => c.id))) + 1;
    this.model.charts.push(model);
  }

  getCharts(): LocalEmbeddedChart[] {
    return this.model.charts.map((c) => new LocalEmbeddedChart(c, this.session, this.model));
  }

  removeChart(chart: LocalEmbeddedChart): void {
    this.model.charts = this.model.charts.filter((c) => c.id !== chart.model.id);
  }
}
