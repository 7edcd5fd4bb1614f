/**
 * What every Range method stands on: the block of cells it covers, how to walk them, and how a value the script
 * writes lands in a cell. Not Apps Script methods, so never counted (local/services/track.ts).
 */
import { parseTyped } from '../../valueParsing';
import type { Cell, SheetModel } from '../../workbook';
import type { Session } from './session';

/** What one Range call moves, for the cell counts of the cost model (local/calls.ts, local/latencies.ts). */
export type CellsMoved = 'none' | 'first cell read' | 'cells read' | 'cells written';

export abstract class RangeCells {
  constructor(
    readonly session: Session,
    readonly sheetModel: SheetModel,
    readonly row: number,
    readonly column: number,
    readonly rows: number,
    readonly columns: number,
  ) {}

  /** Counts the cells a call moves; run by the counting Proxy right after it counts the call. */
  countCells(moved: CellsMoved): void {
    if (moved === 'first cell read') this.session.cells('read', 1);
    else if (moved === 'cells read') this.session.cells('read', this.rows * this.columns);
    else if (moved === 'cells written') this.session.cells('written', this.rows * this.columns);
  }

  /** The top-left cell, which single-value getters read. */
  firstCell(): Cell | undefined {
    return this.sheetModel.cell(this.row, this.column);
  }

  /** Visits every cell of the range, row by row, with its offset inside the range. */
  grid<T>(read: (cell: Cell | undefined, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.rows; r++) {
      const row: T[] = [];
      for (let c = 0; c < this.columns; c++) row.push(read(this.sheetModel.cell(this.row + r, this.column + c), r, c));
      out.push(row);
    }
    return out;
  }

  /** Visits every cell of the range, creating the ones not stored yet. */
  each(visit: (cell: Cell) => void): void {
    for (let r = 0; r < this.rows; r++)
      for (let c = 0; c < this.columns; c++) visit(this.sheetModel.ensure(this.row + r, this.column + c));
  }

  /** Gives each cell its own item of `data` (a set…s call), after Apps Script's size check. */
  eachWith<T>(data: T[][], visit: (cell: Cell, item: T) => void): void {
    this.checkSize(data).forEach((row, r) =>
      row.forEach((item, c) => visit(this.sheetModel.ensure(this.row + r, this.column + c), item as T)),
    );
  }

  /** Apps Script's check for 2-D data given to a set…s method. */
  checkSize(data: unknown): unknown[][] {
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

  /** Writes what the script gave for the cell at offset (r, c): a value, a formula, or text kept as typed. */
  writeCell(r: number, c: number, value: unknown): void {
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

  /** Writes every cell of the range through `valueAt(r, c)`. */
  writeAll(valueAt: (r: number, c: number) => unknown): void {
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.columns; c++) this.writeCell(r, c, valueAt(r, c));
  }
}
