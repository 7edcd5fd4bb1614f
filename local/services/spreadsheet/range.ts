/**
 * Range — https://developers.google.com/apps-script/reference/spreadsheet/range: values, formulas and the range's
 * place in the sheet. Fill, notes, formats, font weight and dropdowns come from the table in cellProperties.ts.
 *
 * Every Range the script gets is made by `countedRange`, which wraps it in the counting Proxy
 * (local/services/track.ts): each method listed in RANGE_CALLS or the table is counted under "Range", with the
 * cells it moves.
 */
import { a1, isBlankValue, type SheetModel } from '../../workbook';
import { track } from '../track';
import type { Area } from './a1Notation';
import { displayValue } from './cellDisplay';
import { CELL_PROPERTY_CALLS, RangeWithCellProperties } from './cellProperties';
import type { GRange, Localized } from './googleTypes';
import type { CellsMoved } from './rangeCells';
import type { Session } from './session';
import type { LocalSheet } from './sheet';

/** The Apps Script methods written out below, with the cells each moves. */
const RANGE_CALLS = {
  getValue: 'first cell read',
  getValues: 'cells read',
  setValue: 'cells written',
  setValues: 'cells written',
  getDisplayValue: 'first cell read',
  getDisplayValues: 'cells read',
  getFormula: 'first cell read',
  getFormulas: 'cells read',
  setFormula: 'cells written',
  setFormulas: 'cells written',
  clearContent: 'cells written',
  isBlank: 'cells read',
  getRow: 'none',
  getColumn: 'none',
  getLastRow: 'none',
  getLastColumn: 'none',
  getNumRows: 'none',
  getNumColumns: 'none',
  getA1Notation: 'none',
  getSheet: 'none',
  getCell: 'none',
  offset: 'none',
  activate: 'none',
} satisfies Record<string, CellsMoved>;

const COUNTED = new Map<string, CellsMoved>([...Object.entries(RANGE_CALLS), ...CELL_PROPERTY_CALLS]);

/** A Range as the script gets it: counted. */
export function countedRange(session: Session, sheet: SheetModel, area: Area): LocalRange {
  const range = new LocalRange(session, sheet, area.row, area.column, area.rows, area.columns);
  return track(session.calls, 'Range', range, {
    methods: COUNTED.keys(),
    onCall: (method, target) => target.countCells(COUNTED.get(method) ?? 'none'),
  });
}

const asFormula = (formula: unknown) => {
  const text = String(formula);
  return text === '' || text.startsWith('=') ? text : `=${text}`;
};

export class LocalRange extends RangeWithCellProperties implements Pick<Localized<GRange>, keyof typeof RANGE_CALLS> {
  getValues(): unknown[][] {
    this.session.fresh();
    return this.grid((cell) => this.session.toScript(cell?.value ?? ''));
  }

  getValue(): unknown {
    this.session.fresh();
    return this.session.toScript(this.sheetModel.valueAt(this.row, this.column));
  }

  getDisplayValues(): string[][] {
    this.session.fresh();
    return this.grid((cell) => displayValue(cell?.value ?? '', cell?.numberFormat));
  }

  getDisplayValue(): string {
    this.session.fresh();
    const cell = this.firstCell();
    return displayValue(cell?.value ?? '', cell?.numberFormat);
  }

  setValues(values: unknown[][]): LocalRange {
    const rows = this.checkSize(values);
    this.writeAll((r, c) => rows[r][c]);
    this.session.changed();
    return this;
  }

  /** Sets every cell of the range to the one value, as Apps Script does. */
  setValue(value: unknown): LocalRange {
    this.writeAll(() => value);
    this.session.changed();
    return this;
  }

  getFormulas(): string[][] {
    return this.grid((cell) => cell?.formula ?? '');
  }

  getFormula(): string {
    return this.firstCell()?.formula ?? '';
  }

  setFormula(formula: string): LocalRange {
    const text = formula.startsWith('=') ? formula : `=${formula}`;
    this.writeAll(() => text);
    this.session.changed();
    return this;
  }

  /** "" leaves a cell empty; a formula without its "=" gets one. */
  setFormulas(formulas: string[][]): LocalRange {
    const rows = this.checkSize(formulas);
    this.writeAll((r, c) => asFormula(rows[r][c]));
    this.session.changed();
    return this;
  }

  clearContent(): LocalRange {
    this.writeAll(() => '');
    this.session.changed();
    return this;
  }

  isBlank(): boolean {
    this.session.fresh();
    return this.grid((cell) => !cell || (cell.formula === undefined && isBlankValue(cell.value))).every((row) =>
      row.every(Boolean),
    );
  }

  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getLastRow(): number {
    return this.row + this.rows - 1;
  }
  getLastColumn(): number {
    return this.column + this.columns - 1;
  }
  getNumRows(): number {
    return this.rows;
  }
  getNumColumns(): number {
    return this.columns;
  }

  getA1Notation(): string {
    const start = a1(this.row, this.column);
    return this.rows === 1 && this.columns === 1
      ? start
      : `${start}:${a1(this.row + this.rows - 1, this.column + this.columns - 1)}`;
  }

  getSheet(): LocalSheet {
    return this.session.spreadsheet.wrapSheet(this.sheetModel);
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/range#getcellrow,-column — 1-based within the range. */
  getCell(row: number, column: number): LocalRange {
    if (row < 1 || column < 1 || row > this.rows || column > this.columns)
      this.session.fail('Cell reference out of range');
    return countedRange(this.session, this.sheetModel, {
      row: this.row + row - 1,
      column: this.column + column - 1,
      rows: 1,
      columns: 1,
    });
  }

  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): LocalRange {
    return this.session.spreadsheet
      .wrapSheet(this.sheetModel)
      .rangeAt(this.row + rowOffset, this.column + columnOffset, numRows ?? this.rows, numColumns ?? this.columns);
  }

  activate(): LocalRange {
    return this.select();
  }

  /** Makes this range the selection. Not an Apps Script method, so not counted. */
  select(): LocalRange {
    const { sheetModel: sheet, row, column, rows, columns } = this;
    this.session.activeSheet = sheet;
    this.session.activeRange = { sheet, row, column, rows, columns };
    return this;
  }

  /** Writes values without counting a call: for appendRow, which is one call in Apps Script. */
  writeValues(values: unknown[][]): void {
    values.forEach((row, r) => row.forEach((v, c) => this.writeCell(r, c, v)));
  }
}
